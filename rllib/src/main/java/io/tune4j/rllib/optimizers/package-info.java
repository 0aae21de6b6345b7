/** Policy optimizers: how an algorithm distributes sampling and learning across workers. */
package io.tune4j.rllib.optimizers;
