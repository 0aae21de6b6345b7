package io.tune4j.rllib.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tune4j.rllib.agents.Trainer;
import io.tune4j.rllib.env.Env;
import io.tune4j.rllib.env.StepResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RLlib's {@code rollout()} loop: steps an env with a trainer's policy until {@code maxSteps} env
 * steps or {@code maxEpisodes} episodes, printing {@code Episode reward <total>} per episode (the
 * last one possibly cut short by the step limit), and optionally writing every step as a JSON line
 * {@code [obs, action, next_obs, reward, done]}.
 */
final class Rollout {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What a rollout did.
   *
   * @param steps env steps taken
   * @param episodeRewards the total reward of each episode, in order
   */
  record Outcome(long steps, List<Double> episodeRewards) {}

  private Rollout() {}

  /**
   * Runs the loop.
   *
   * @param trainer a restored trainer ({@code computeAction} is called per step)
   * @param env the env to step (reset here)
   * @param maxSteps stop after this many env steps (0: no step limit)
   * @param maxEpisodes stop after this many episodes (0: no episode limit)
   * @param explore sample actions (RLlib 2019's default) rather than take the most likely one
   * @param out where the episode reward lines go
   * @param rollouts where step lines go, or null
   * @return the steps and per-episode rewards
   * @throws IOException if writing {@code rollouts} fails
   */
  static Outcome run(
      Trainer trainer,
      Env env,
      long maxSteps,
      long maxEpisodes,
      boolean explore,
      PrintWriter out,
      Writer rollouts)
      throws IOException {
    if (maxSteps <= 0 && maxEpisodes <= 0) {
      throw new IllegalArgumentException("give --steps or --episodes a value above 0");
    }
    long steps = 0;
    List<Double> rewards = new ArrayList<>();
    while ((maxSteps <= 0 || steps < maxSteps)
        && (maxEpisodes <= 0 || rewards.size() < maxEpisodes)) {
      Object obs = env.reset();
      boolean done = false;
      double total = 0;
      while (!done && (maxSteps <= 0 || steps < maxSteps)) {
        Object action = trainer.computeAction(obs, explore);
        StepResult r = env.step(action);
        total += r.reward();
        done = r.done();
        if (rollouts != null) {
          rollouts.write(line(obs, action, r));
        }
        steps++;
        obs = r.observation();
      }
      rewards.add(total);
      out.println("Episode reward " + total);
      out.flush();
    }
    if (rollouts != null) {
      rollouts.flush();
    }
    return new Outcome(steps, rewards);
  }

  private static String line(Object obs, Object action, StepResult r)
      throws JsonProcessingException {
    return JSON.writeValueAsString(
            Arrays.asList(obs, action, r.observation(), r.reward(), r.done()))
        + "\n";
  }
}
