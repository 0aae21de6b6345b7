/**
 * gym's monitor for Tune4j envs: episode videos (MP4, H.264, encoded by JCodec in pure Java) with
 * a {@code .meta.json} each, episode statistics and a manifest, named and scheduled as gym's
 * {@code Monitor} names and schedules them. A trainer with {@code "monitor": true} wraps every env
 * of its rollout workers in a {@link io.tune4j.rllib.env.monitor.Monitor} writing into the trial
 * directory; {@code rllib rollout --video-dir DIR} records every episode of a rollout.
 */
package io.tune4j.rllib.env.monitor;
