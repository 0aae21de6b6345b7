package io.tune4j.tune.trainable;

import java.util.Map;

/**
 * A {@link java.util.ServiceLoader} plug-in that registers trainables by name, so that modules
 * such as {@code rllib} can offer {@code "PPO"} without {@code tune} depending on them. List
 * implementations in {@code META-INF/services/io.tune4j.tune.trainable.TrainableProvider}.
 */
public interface TrainableProvider {

  /** The trainables this module offers, by registry name. */
  Map<String, TrainableFactory> trainables();
}
