/** RLlib as a service: the JSON PolicyServer over an ExternalEnv, and its PolicyClient. */
package io.tune4j.rllib.serving;
