/** Evolution strategies (OpenAI ES) with a shared noise table in the object store, as RLlib 2019. */
package io.tune4j.rllib.agents.es;
