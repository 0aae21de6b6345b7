package io.tune4j.rllib.env.classic;

import io.tune4j.rllib.env.Actions;
import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Discrete;
import java.awt.image.BufferedImage;

/**
 * Gym 0.12.5's {@code MountainCarEnv} (Moore's mountain car, Sutton's MountainCar1.cp), exact in
 * float64.
 *
 * <p>State {@code [position, velocity]}; actions {@code Discrete(3)} (0 push left, 1 none, 2
 * right). Each step: {@code velocity += (a-1)*0.001 + cos(3*position)*(-0.0025)}, clipped to {@code
 * [-0.07, 0.07]}; {@code position += velocity}, clipped to {@code [-1.2, 0.6]}; the velocity is
 * zeroed when the car sits at the left wall moving left. Done when {@code position >= 0.5}; reward
 * -1 per step. Reset: {@code position ~ U(-0.6, -0.4)}, {@code velocity = 0}. {@code
 * MountainCar-v0} limits episodes to 200 steps.
 */
public final class MountainCar extends ClassicEnv {
  /** Left wall. */
  public static final double MIN_POSITION = -1.2;

  /** Right wall. */
  public static final double MAX_POSITION = 0.6;

  /** Speed limit. */
  public static final double MAX_SPEED = 0.07;

  /** Position at which the episode ends. */
  public static final double GOAL_POSITION = 0.5;

  /** Acceleration per unit of action. */
  public static final double FORCE = 0.001;

  /** Gravity factor of the slope term. */
  public static final double GRAVITY = 0.0025;

  private double position;
  private double velocity;

  /** Creates the env. */
  public MountainCar() {
    super(
        "MountainCarEnv",
        new Box(
            new double[] {MIN_POSITION, -MAX_SPEED},
            new double[] {MAX_POSITION, MAX_SPEED},
            Box.Dtype.FLOAT32),
        new Discrete(3));
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
    int action = Actions.discrete(actions[actionOffset], 3, "MountainCarEnv");
    if (!hasState) {
      requireState();
    }
    velocity += (action - 1) * FORCE + Math.cos(3 * position) * (-GRAVITY);
    velocity = Math.min(Math.max(velocity, -MAX_SPEED), MAX_SPEED);
    position += velocity;
    position = Math.min(Math.max(position, MIN_POSITION), MAX_POSITION);
    if (position == MIN_POSITION && velocity < 0) {
      velocity = 0;
    }
    done = position >= GOAL_POSITION;
    obs[obsOffset] = position;
    obs[obsOffset + 1] = velocity;
    return -1.0;
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
