package io.tune4j.rllib.env.classic;

import io.tune4j.rllib.env.Box;
import java.awt.image.BufferedImage;

/**
 * Gym 0.12.5's {@code Continuous_MountainCarEnv}, exact in float64.
 *
 * <p>State {@code [position, velocity]}; action {@code Box(-1, 1, (1,))}. Each step: {@code force =
 * clip(a, -1, 1)}; {@code velocity += force*0.0015 - 0.0025*cos(3*position)}, clipped to {@code
 * [-0.07, 0.07]}; {@code position += velocity}, clipped to {@code [-1.2, 0.6]}; velocity zeroed at
 * the left wall when moving left. Done when {@code position >= 0.45}; reward {@code 100*[done] -
 * 0.1*a²} where, as in gym, the penalty uses the unclipped action. Reset: {@code position ~ U(-0.6,
 * -0.4)}, {@code velocity = 0}. {@code MountainCarContinuous-v0} limits episodes to 999 steps.
 */
public final class MountainCarContinuous extends ClassicEnv {
  /** Smallest action. */
  public static final double MIN_ACTION = -1.0;

  /** Largest action. */
  public static final double MAX_ACTION = 1.0;

  /** Left wall. */
  public static final double MIN_POSITION = -1.2;

  /** Right wall. */
  public static final double MAX_POSITION = 0.6;

  /** Speed limit. */
  public static final double MAX_SPEED = 0.07;

  /** Position at which the episode ends (0.45, not MountainCar's 0.5). */
  public static final double GOAL_POSITION = 0.45;

  /** Acceleration per unit of force. */
  public static final double POWER = 0.0015;

  private double position;
  private double velocity;

  /** Creates the env. */
  public MountainCarContinuous() {
    super(
        "Continuous_MountainCarEnv",
        new Box(
            new double[] {MIN_POSITION, -MAX_SPEED},
            new double[] {MAX_POSITION, MAX_SPEED},
            Box.Dtype.FLOAT32),
        new Box(MIN_ACTION, MAX_ACTION, Box.Dtype.FLOAT32, 1));
  }

  @Override
  public void resetInto(double[] obs, int offset) {
    position = uniform(-0.6, -0.4);
    velocity = 0;
    hasState = true;
    done = false;
    obs[offset] = position;
    obs[offset + 1] = velocity;
  }

  @Override
  public double stepInto(double[] actions, int actionOffset, double[] obs, int obsOffset) {
    if (!hasState) {
      requireState();
    }
    double action = actions[actionOffset];
    double force = Math.min(Math.max(action, -1.0), 1.0);
    velocity += force * POWER - 0.0025 * Math.cos(3 * position);
    if (velocity > MAX_SPEED) {
      velocity = MAX_SPEED;
    }
    if (velocity < -MAX_SPEED) {
      velocity = -MAX_SPEED;
    }
    position += velocity;
    if (position > MAX_POSITION) {
      position = MAX_POSITION;
    }
    if (position < MIN_POSITION) {
      position = MIN_POSITION;
    }
    if (position == MIN_POSITION && velocity < 0) {
      velocity = 0;
    }
    boolean d = position >= GOAL_POSITION;
    done = d;
    double reward = 0;
    if (d) {
      reward = 100.0;
    }
    reward -= action * action * 0.1;
    obs[obsOffset] = position;
    obs[obsOffset + 1] = velocity;
    return reward;
  }

  /** Returns {@code [position, velocity]}, or null before any reset. */
  @Override
  public double[] getState() {
    return hasState ? new double[] {position, velocity} : null;
  }

  @Override
  public void setState(double[] state) {
    checkState(state, 2, "[position, velocity]");
    position = state[0];
    velocity = state[1];
    hasState = true;
    done = false;
  }

  /** Draws the car on the mountain with the goal flag, 600×400 like gym. */
  @Override
  public BufferedImage render() {
    return MountainRenderer.render(
        hasState ? position : -0.5, MIN_POSITION, MAX_POSITION, GOAL_POSITION);
  }
}
