/** Runnable examples, one per example of RLlib's Training APIs page, plus a Tune sweep. */
package io.tune4j.examples;
