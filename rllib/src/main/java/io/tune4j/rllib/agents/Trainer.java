package io.tune4j.rllib.agents;

import io.tune4j.rllib.util.PublicApi;

/**
 * An RLlib trainer: holds a policy for environment interaction, trains it, checkpoints it and
 * computes actions. (Being filled in by the RLlib core issue; the type exists early so that
 * callbacks can name it.)
 */
@PublicApi
public abstract class Trainer {}
