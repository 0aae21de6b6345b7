/** IMPALA: asynchronous sampling, a learner thread and V-trace off-policy correction, as RLlib 2019. */
package io.tune4j.rllib.agents.impala;
