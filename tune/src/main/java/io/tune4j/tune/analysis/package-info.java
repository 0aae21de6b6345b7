/** Results of finished experiments. */
package io.tune4j.tune.analysis;
