/** Trials, their resources, and the runner that drives them. */
package io.tune4j.tune.trial;
