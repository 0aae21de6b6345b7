package io.tune4j.rllib.env.classic;

import io.tune4j.rllib.env.Actions;
import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.env.FlatEnv;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.env.StatefulEnv;
import io.tune4j.rllib.env.StepResult;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Shared plumbing of the classic-control envs: seeding, the object API on top of the flat one,
 * action parsing and state checks. Subclasses implement the dynamics in {@code stepInto}.
 */
abstract class ClassicEnv implements FlatEnv, StatefulEnv {
  /** gym's class name, used in error messages. */
  private final String name;

  private final Space observationSpace;
  private final Space actionSpace;
  private final int obsSize;
  private final int actSize;
  private final double[] actionScratch;

  /** Source of reset randomness; unseeded envs draw a fresh seed. */
  SplittableRandom rng = new SplittableRandom();

  /** Whether {@code reset} or {@code setState} has defined the state. */
  boolean hasState;

  /** Done flag of the last step. */
  boolean done;

  ClassicEnv(String name, Box observationSpace, Space actionSpace) {
    this.name = name;
    this.observationSpace = observationSpace;
    this.actionSpace = actionSpace;
    this.obsSize = observationSpace.flatSize();
    this.actSize = actionSpace instanceof Box b ? b.flatSize() : 1;
    this.actionScratch = new double[actSize];
  }

  /** Returns gym's class name, e.g. {@code "CartPoleEnv"}. */
  final String name() {
    return name;
  }

  /** gym's metadata of the class: render modes and the video frame rate. */
  @Override
  public final java.util.Map<String, Object> metadata() {
    int fps = switch (name) {
      case "CartPoleEnv" -> 50;
      case "AcrobotEnv" -> 15;
      default -> 30; // MountainCar, MountainCarContinuous, Pendulum
    };
    return java.util.Map.of("render.modes", java.util.List.of("human", "rgb_array"), "video.frames_per_second", fps);
  }

  @Override
  public final Space observationSpace() {
    return observationSpace;
  }

  @Override
  public final Space actionSpace() {
    return actionSpace;
  }

  @Override
  public final int flatObservationSize() {
    return obsSize;
  }

  @Override
  public final int flatActionSize() {
    return actSize;
  }

  @Override
  public final boolean lastDone() {
    return done;
  }

  /**
   * Seeds the reset distribution: the same seed gives the same sequence of initial states (not
   * gym's MT19937 numbers; the distribution is gym's).
   */
  @Override
  public final void seed(long seed) {
    rng = new SplittableRandom(seed);
  }

  /** Draws {@code low + (high - low) * U[0, 1)}, numpy's {@code uniform(low, high)} formula. */
  final double uniform(double low, double high) {
    return low + (high - low) * rng.nextDouble();
  }

  @Override
  public final double[] reset() {
    double[] obs = new double[obsSize];
    resetInto(obs, 0);
    return obs;
  }

  @Override
  public final StepResult step(Object action) {
    if (actionSpace instanceof Discrete d) {
      actionScratch[0] = Actions.discrete(action, d.n(), name);
    } else {
      double[] a = Actions.box(action, (Box) actionSpace, name);
      System.arraycopy(a, 0, actionScratch, 0, actSize);
    }
    double[] obs = new double[obsSize];
    double reward = stepInto(actionScratch, 0, obs, 0);
    return new StepResult(obs, reward, done, Map.of());
  }

  /** Throws unless {@code reset} or {@code setState} has defined the state. */
  final void requireState() {
    if (!hasState) {
      throw new IllegalStateException(name + ": call reset() or setState() before step()");
    }
  }

  /** Checks a state passed to {@code setState}. */
  final void checkState(double[] state, int length, String layout) {
    if (state == null || state.length != length) {
      throw new IllegalArgumentException(
          name
              + ".setState: expected "
              + length
              + " values "
              + layout
              + ", got "
              + (state == null ? "null" : state.length));
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
