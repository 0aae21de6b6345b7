/** Stop conditions for trials and experiments. */
package io.tune4j.tune.stopper;
