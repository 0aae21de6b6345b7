package io.tune4j.rllib.agents.dqn;

import io.tune4j.rllib.policy.Policy;

/**
 * A policy of the DQN family (DQN, APEX, DDPG, APEX_DDPG) as {@link DqnTrainer} drives it: a target
 * network it syncs on the trainer's schedule, and an exploration scale the trainer sets (ε for DQN,
 * the action-noise scale for DDPG; 0 for greedy evaluation).
 */
public interface QLearningPolicy extends Policy {
  /** Moves the target network to the online one (a hard copy, or Polyak averaging with {@code tau}). */
  void updateTarget();

  /** Sets the exploration scale. */
  void setEpsilon(double epsilon);
}
