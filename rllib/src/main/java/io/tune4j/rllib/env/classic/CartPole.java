package io.tune4j.rllib.env.classic;

import io.tune4j.rllib.env.Actions;
import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Discrete;
import java.awt.Color;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Gym 0.12.5's {@code CartPoleEnv} (Barto, Sutton and Anderson's cart-pole), exact in float64.
 *
 * <p>State {@code [x, x_dot, theta, theta_dot]}; actions {@code Discrete(2)} (0 pushes left, 1
 * right, force 10 N); Euler integration with {@code tau = 0.02}; the episode terminates when {@code
 * |x| > 2.4} or {@code |theta| > 12 deg}; reward 1.0 per step including the failing one, then 0.0
 * (with a one-time warning) if stepped after done. Reset draws each state variable from {@code
 * U(-0.05, 0.05)}. The observation is the state (float64, like gym 0.12.5's {@code
 * np.array(state)}); the observation space is gym's float32 box. {@code CartPole-v0} limits
 * episodes to 200 steps, {@code CartPole-v1} to 500 (see {@code Envs}).
 */
public final class CartPole extends ClassicEnv {
  /** Gravity, m/s². */
  public static final double GRAVITY = 9.8;

  /** Cart mass, kg. */
  public static final double MASSCART = 1.0;

  /** Pole mass, kg. */
  public static final double MASSPOLE = 0.1;

  /** {@code masspole + masscart}. */
  public static final double TOTAL_MASS = MASSPOLE + MASSCART;

  /** Half the pole's length, m. */
  public static final double LENGTH = 0.5;

  /** {@code masspole * length}. */
  public static final double POLEMASS_LENGTH = MASSPOLE * LENGTH;

  /** Magnitude of the push, N. */
  public static final double FORCE_MAG = 10.0;

  /** Seconds between state updates. */
  public static final double TAU = 0.02;

  /** Angle at which the episode fails, {@code 12 * 2 * pi / 360} rad. */
  public static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;

  /** Cart position at which the episode fails. */
  public static final double X_THRESHOLD = 2.4;

  /** Gym's {@code kinematics_integrator} choices. */
  public enum Integrator {
    /** Explicit Euler, gym's default. */
    EULER,
    /** Semi-implicit Euler (velocities first). */
    SEMI_IMPLICIT_EULER
  }

  private static final Logger LOG = Logger.getLogger(CartPole.class.getName());
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private final boolean euler;
  private double x;
  private double xDot;
  private double theta;
  private double thetaDot;

  /** gym's {@code steps_beyond_done}; -1 stands for None. */
  private int stepsBeyondDone = -1;

  /** Creates the env with gym's default Euler integrator. */
  public CartPole() {
    this(Integrator.EULER);
  }

  /**
   * Creates the env.
   *
   * @param integrator gym's {@code kinematics_integrator}
   */
  public CartPole(Integrator integrator) {
    super("CartPoleEnv", observationBox(), new Discrete(2));
    this.euler = integrator == Integrator.EULER;
  }

  private static Box observationBox() {
    double f32max = Float.MAX_VALUE;
    double[] high = {X_THRESHOLD * 2, f32max, THETA_THRESHOLD_RADIANS * 2, f32max};
    double[] low = {-high[0], -high[1], -high[2], -high[3]};
    return new Box(low, high, Box.Dtype.FLOAT32);
  }

  @Override
  public void resetInto(double[] obs, int offset) {
    x = uniform(-0.05, 0.05);
    xDot = uniform(-0.05, 0.05);
    theta = uniform(-0.05, 0.05);
    thetaDot = uniform(-0.05, 0.05);
    stepsBeyondDone = -1;
    hasState = true;
    done = false;
    write(obs, offset);
  }

  @Override
  public double stepInto(double[] actions, int actionOffset, double[] obs, int obsOffset) {
    int action = Actions.discrete(actions[actionOffset], 2, "CartPoleEnv");
    if (!hasState) {
      requireState();
    }
    double force = action == 1 ? FORCE_MAG : -FORCE_MAG;
    double costheta = Math.cos(theta);
    double sintheta = Math.sin(theta);
    double temp = (force + POLEMASS_LENGTH * thetaDot * thetaDot * sintheta) / TOTAL_MASS;
    double thetaacc =
        (GRAVITY * sintheta - costheta * temp)
            / (LENGTH * (4.0 / 3.0 - MASSPOLE * costheta * costheta / TOTAL_MASS));
    double xacc = temp - POLEMASS_LENGTH * thetaacc * costheta / TOTAL_MASS;
    if (euler) {
      x = x + TAU * xDot;
      xDot = xDot + TAU * xacc;
      theta = theta + TAU * thetaDot;
      thetaDot = thetaDot + TAU * thetaacc;
    } else {
      xDot = xDot + TAU * xacc;
      x = x + TAU * xDot;
      thetaDot = thetaDot + TAU * thetaacc;
      theta = theta + TAU * thetaDot;
    }
    boolean d =
        x < -X_THRESHOLD
            || x > X_THRESHOLD
            || theta < -THETA_THRESHOLD_RADIANS
            || theta > THETA_THRESHOLD_RADIANS;
    done = d;
    double reward;
    if (!d) {
      reward = 1.0;
    } else if (stepsBeyondDone < 0) {
      stepsBeyondDone = 0; // pole just fell
      reward = 1.0;
    } else {
      if (stepsBeyondDone == 0 && WARNED.compareAndSet(false, true)) {
        LOG.warning(
            "You are calling 'step()' even though this environment has already returned done ="
                + " True. You should always call 'reset()' once you receive 'done = True' -- any"
                + " further steps are undefined behavior.");
      }
      stepsBeyondDone++;
      reward = 0.0;
    }
    write(obs, obsOffset);
    return reward;
  }

  private void write(double[] obs, int offset) {
    obs[offset] = x;
    obs[offset + 1] = xDot;
    obs[offset + 2] = theta;
    obs[offset + 3] = thetaDot;
  }

  /** Returns {@code [x, x_dot, theta, theta_dot]}, or null before any reset. */
  @Override
  public double[] getState() {
    return hasState ? new double[] {x, xDot, theta, thetaDot} : null;
  }

  /**
   * Sets {@code [x, x_dot, theta, theta_dot]} and forgets any earlier failure (gym's {@code
   * steps_beyond_done = None}).
   */
  @Override
  public void setState(double[] state) {
    checkState(state, 4, "[x, x_dot, theta, theta_dot]");
    x = state[0];
    xDot = state[1];
    theta = state[2];
    thetaDot = state[3];
    stepsBeyondDone = -1;
    hasState = true;
    done = false;
  }

  /** Draws the cart and pole on the track, 600×400 like gym. */
  @Override
  public BufferedImage render() {
    int screenWidth = 600;
    int screenHeight = 400;
    double worldWidth = X_THRESHOLD * 2;
    double scale = screenWidth / worldWidth;
    double carty = 100;
    double polewidth = 10.0;
    double polelen = scale * (2 * LENGTH);
    double cartwidth = 50.0;
    double cartheight = 30.0;
    Canvas c = new Canvas(screenWidth, screenHeight);
    double cartx = (hasState ? x : 0) * scale + screenWidth / 2.0;
    AffineTransform carttrans = Canvas.transform(cartx, carty, 0);
    double axleoffset = cartheight / 4.0;
    AffineTransform poletrans = Canvas.transform(0, axleoffset, -(hasState ? theta : 0));
    double l = -cartwidth / 2;
    double r = cartwidth / 2;
    double t = cartheight / 2;
    double b = -cartheight / 2;
    c.fillPolygon(new double[] {l, b, l, t, r, t, r, b}, Color.BLACK, carttrans);
    l = -polewidth / 2;
    r = polewidth / 2;
    t = polelen - polewidth / 2;
    b = -polewidth / 2;
    c.fillPolygon(
        new double[] {l, b, l, t, r, t, r, b}, Canvas.color(.8, .6, .4), poletrans, carttrans);
    c.fillCircle(polewidth / 2, Canvas.color(.5, .5, .8), poletrans, carttrans);
    c.line(0, carty, screenWidth, carty, 1f, Color.BLACK);
    return c.image();
  }
}
