/** {@code bin/tune4j bench viewer}: what the results viewer costs on a large logdir. */
package io.tune4j.viewer.bench;
