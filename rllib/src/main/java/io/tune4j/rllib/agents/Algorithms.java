package io.tune4j.rllib.agents;

import io.tune4j.rllib.agents.pg.PgTrainer;
import io.tune4j.rllib.agents.ppo.PpoTrainer;
import io.tune4j.tune.trainable.TrainableFactory;
import io.tune4j.tune.trainable.TrainableProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * RLlib's algorithm registry ({@code "PPO"} to {@link PpoTrainer}, ...), offered to Tune through
 * {@link TrainableProvider} so {@code Tune.run("PPO", ...)} works.
 */
public final class Algorithms implements TrainableProvider {
  private static final Map<String, Supplier<Trainer>> TRAINERS = new LinkedHashMap<>();

  static {
    TRAINERS.put("PPO", PpoTrainer::new);
    TRAINERS.put("PG", PgTrainer::new);
    TRAINERS.put("DQN", io.tune4j.rllib.agents.dqn.DqnTrainer::new);
    TRAINERS.put("APEX", io.tune4j.rllib.agents.dqn.ApexTrainer::new);
    TRAINERS.put("DDPG", io.tune4j.rllib.agents.ddpg.DdpgTrainer::new);
    TRAINERS.put("APEX_DDPG", io.tune4j.rllib.agents.ddpg.ApexDdpgTrainer::new);
    TRAINERS.put("MARWIL", io.tune4j.rllib.agents.marwil.MarwilTrainer::new);
    TRAINERS.put("A3C", io.tune4j.rllib.agents.a3c.A3cTrainer::new);
    TRAINERS.put("A2C", io.tune4j.rllib.agents.a3c.A2cTrainer::new);
    TRAINERS.put("IMPALA", io.tune4j.rllib.agents.impala.ImpalaTrainer::new);
    TRAINERS.put("ES", io.tune4j.rllib.agents.es.EsTrainer::new);
  }

  /** For the ServiceLoader. */
  public Algorithms() {}

  /** The registered algorithm names. */
  public static java.util.Set<String> names() {
    return TRAINERS.keySet();
  }

  /** Creates an unconfigured trainer of {@code name} (for Tune; the error lists valid names). */
  public static Trainer create(String name) {
    Supplier<Trainer> s = TRAINERS.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "Unknown algorithm '" + name + "'" + io.tune4j.tune.util.Suggest.didYouMean(name, TRAINERS.keySet())
              + "; available: " + TRAINERS.keySet());
    }
    return s.get();
  }

  @Override
  public Map<String, TrainableFactory> trainables() {
    Map<String, TrainableFactory> out = new LinkedHashMap<>();
    for (String n : TRAINERS.keySet()) {
      out.put(n, () -> create(n));
    }
    return out;
  }
}
