/** Trainables: the class API, function trainables with a reporter, the registry, checkpoints. */
package io.tune4j.tune.trainable;
