/** Tune4j's Tune: run experiments of trainables over search spaces as Ray actors. */
package io.tune4j.tune;
