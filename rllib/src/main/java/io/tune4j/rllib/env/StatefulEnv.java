package io.tune4j.rllib.env;

/**
 * An env whose internal state can be read and set, the hook that makes gym-exactness checkable from
 * outside. Every classic-control env implements it with gym's internal-state order (CartPole {@code
 * [x, x_dot, theta, theta_dot]}; MountainCar(Continuous) {@code [position, velocity]}; Pendulum
 * {@code [theta, theta_dot]}; Acrobot {@code [theta1, theta2, dtheta1, dtheta2]}).
 *
 * <p>{@code env.setState(new double[] {0, 0, 0.1, 0}); env.step(1);} continues from exactly that
 * state.
 */
public interface StatefulEnv extends Env {

  /** Returns a copy of the internal state (gym's {@code env.state}), or null before any reset. */
  double[] getState();

  /**
   * Replaces the internal state; the next {@link #step(Object)} continues from exactly it.
   *
   * @param state the state in gym's order
   * @throws IllegalArgumentException if the length is wrong
   */
  void setState(double[] state);
}
