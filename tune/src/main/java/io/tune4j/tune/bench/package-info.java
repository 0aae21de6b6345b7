/** Benchmarks of Tune's driver: cost per result and bookkeeping per trial ({@code bin/tune4j bench tune}). */
package io.tune4j.tune.bench;
