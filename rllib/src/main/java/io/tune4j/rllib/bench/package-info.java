/** Benchmarks of the RLlib side that print figures ({@code bin/tune4j bench rllib}). */
package io.tune4j.rllib.bench;
