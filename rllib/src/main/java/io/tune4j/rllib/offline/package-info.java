/**
 * Where a rollout worker's experience comes from ({@link io.tune4j.rllib.offline.InputReader}):
 * its own sampler by default; offline files and external agents plug in here.
 */
package io.tune4j.rllib.offline;
