/** DQN (with double Q, dueling heads, n-step returns and prioritized replay), as RLlib 2019. */
package io.tune4j.rllib.agents.dqn;
