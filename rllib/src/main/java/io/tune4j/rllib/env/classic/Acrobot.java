package io.tune4j.rllib.env.classic;

import io.tune4j.rllib.env.Actions;
import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Discrete;
import java.awt.Color;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * Gym 0.12.5's {@code AcrobotEnv} (Sutton's acrobot with the book's dynamics, RLPy port), exact in
 * float64.
 *
 * <p>State {@code [theta1, theta2, dtheta1, dtheta2]} (theta1 0 = hanging down, theta2 relative to
 * link 1); actions {@code Discrete(3)} = torque {@code {-1, 0, +1}} on the middle joint, no noise.
 * One step integrates the book equations with one RK4 step of {@code dt = 0.2}, wraps both angles
 * into {@code [-pi, pi]} and bounds the velocities to {@code 4 pi} and {@code 9 pi}. Done when
 * {@code -cos(theta1) - cos(theta2 + theta1) > 1}; reward -1, or 0 on the terminal step.
 * Observation {@code [cos theta1, sin theta1, cos theta2, sin theta2, dtheta1, dtheta2]}. Reset:
 * each state variable {@code ~ U(-0.1, 0.1)}. {@code Acrobot-v1} limits episodes to 500 steps.
 */
public final class Acrobot extends ClassicEnv {
  /** Seconds per step. */
  public static final double DT = .2;

  /** Length of link 1, m. */
  public static final double LINK_LENGTH_1 = 1.;

  /** Length of link 2, m. */
  public static final double LINK_LENGTH_2 = 1.;

  /** Mass of link 1, kg. */
  public static final double LINK_MASS_1 = 1.;

  /** Mass of link 2, kg. */
  public static final double LINK_MASS_2 = 1.;

  /** Position of the centre of mass of link 1, m. */
  public static final double LINK_COM_POS_1 = 0.5;

  /** Position of the centre of mass of link 2, m. */
  public static final double LINK_COM_POS_2 = 0.5;

  /** Moment of inertia of both links. */
  public static final double LINK_MOI = 1.;

  /** Bound of dtheta1. */
  public static final double MAX_VEL_1 = 4 * Math.PI;

  /** Bound of dtheta2. */
  public static final double MAX_VEL_2 = 9 * Math.PI;

  private static final double[] AVAIL_TORQUE = {-1., 0., +1};

  private final double[] s = new double[4];
  // RK4 scratch: augmented state [s, torque] and stage derivatives
  private final double[] y0 = new double[5];
  private final double[] yt = new double[5];
  private final double[] k1 = new double[5];
  private final double[] k2 = new double[5];
  private final double[] k3 = new double[5];
  private final double[] k4 = new double[5];

  /** Creates the env. */
  public Acrobot() {
    super(
        "AcrobotEnv",
        new Box(
            new double[] {-1.0, -1.0, -1.0, -1.0, -MAX_VEL_1, -MAX_VEL_2},
            new double[] {1.0, 1.0, 1.0, 1.0, MAX_VEL_1, MAX_VEL_2},
            Box.Dtype.FLOAT32),
        new Discrete(3));
  }

  @Override
  public void resetInto(double[] obs, int offset) {
    for (int i = 0; i < 4; i++) {
      s[i] = uniform(-0.1, 0.1);
    }
    hasState = true;
    done = false;
    write(obs, offset);
  }

  @Override
  public double stepInto(double[] actions, int actionOffset, double[] obs, int obsOffset) {
    int a = Actions.discrete(actions[actionOffset], 3, "AcrobotEnv");
    if (!hasState) {
      requireState();
    }
    double torque = AVAIL_TORQUE[a];
    System.arraycopy(s, 0, y0, 0, 4);
    y0[4] = torque;
    rk4();
    s[0] = wrap(yt[0], -Math.PI, Math.PI);
    s[1] = wrap(yt[1], -Math.PI, Math.PI);
    s[2] = bound(yt[2], -MAX_VEL_1, MAX_VEL_1);
    s[3] = bound(yt[3], -MAX_VEL_2, MAX_VEL_2);
    boolean terminal = terminal();
    done = terminal;
    write(obs, obsOffset);
    return !terminal ? -1. : 0.;
  }

  /** One step of gym's {@code rk4(_dsdt, y0, [0, dt])}; the result goes to {@code yt}. */
  private void rk4() {
    double dt = DT - 0;
    double dt2 = dt / 2.0;
    dsdt(y0, k1);
    for (int i = 0; i < 5; i++) {
      yt[i] = y0[i] + dt2 * k1[i];
    }
    dsdt(yt, k2);
    for (int i = 0; i < 5; i++) {
      yt[i] = y0[i] + dt2 * k2[i];
    }
    dsdt(yt, k3);
    for (int i = 0; i < 5; i++) {
      yt[i] = y0[i] + dt * k3[i];
    }
    dsdt(yt, k4);
    double h = dt / 6.0;
    for (int i = 0; i < 5; i++) {
      yt[i] = y0[i] + h * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
  }

  /** gym's {@code _dsdt} with the book equations; writes {@code (dθ1, dθ2, ddθ1, ddθ2, 0)}. */
  static void dsdt(double[] sAugmented, double[] out) {
    double m1 = LINK_MASS_1;
    double m2 = LINK_MASS_2;
    double l1 = LINK_LENGTH_1;
    double lc1 = LINK_COM_POS_1;
    double lc2 = LINK_COM_POS_2;
    double i1 = LINK_MOI;
    double i2 = LINK_MOI;
    double g = 9.8;
    double a = sAugmented[4];
    double theta1 = sAugmented[0];
    double theta2 = sAugmented[1];
    double dtheta1 = sAugmented[2];
    double dtheta2 = sAugmented[3];
    double d1 =
        m1 * (lc1 * lc1)
            + m2 * ((l1 * l1) + (lc2 * lc2) + 2 * l1 * lc2 * Math.cos(theta2))
            + i1
            + i2;
    double d2 = m2 * ((lc2 * lc2) + l1 * lc2 * Math.cos(theta2)) + i2;
    double phi2 = m2 * lc2 * g * Math.cos(theta1 + theta2 - Math.PI / 2.);
    double phi1 =
        -m2 * l1 * lc2 * (dtheta2 * dtheta2) * Math.sin(theta2)
            - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * Math.sin(theta2)
            + (m1 * lc1 + m2 * l1) * g * Math.cos(theta1 - Math.PI / 2)
            + phi2;
    double ddtheta2 =
        (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * Math.sin(theta2) - phi2)
            / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1);
    double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
    out[0] = dtheta1;
    out[1] = dtheta2;
    out[2] = ddtheta1;
    out[3] = ddtheta2;
    out[4] = 0.;
  }

  /** gym's {@code wrap}: shifts {@code x} by {@code M - m} until {@code m <= x <= M}. */
  static double wrap(double x, double m, double bigM) {
    double diff = bigM - m;
    while (x > bigM) {
      x = x - diff;
    }
    while (x < m) {
      x = x + diff;
    }
    return x;
  }

  /** gym's {@code bound}: {@code min(max(x, m), M)}. */
  static double bound(double x, double m, double bigM) {
    return Math.min(Math.max(x, m), bigM);
  }

  private boolean terminal() {
    return -Math.cos(s[0]) - Math.cos(s[1] + s[0]) > 1.;
  }

  private void write(double[] obs, int offset) {
    obs[offset] = Math.cos(s[0]);
    obs[offset + 1] = Math.sin(s[0]);
    obs[offset + 2] = Math.cos(s[1]);
    obs[offset + 3] = Math.sin(s[1]);
    obs[offset + 4] = s[2];
    obs[offset + 5] = s[3];
  }

  /** Returns {@code [theta1, theta2, dtheta1, dtheta2]}, or null before any reset. */
  @Override
  public double[] getState() {
    return hasState ? s.clone() : null;
  }

  @Override
  public void setState(double[] state) {
    checkState(state, 4, "[theta1, theta2, dtheta1, dtheta2]");
    System.arraycopy(state, 0, s, 0, 4);
    hasState = true;
    done = false;
  }

  /** Draws the two links and joints below the goal line, 500×500 like gym. */
  @Override
  public BufferedImage render() {
    double bound = LINK_LENGTH_1 + LINK_LENGTH_2 + 0.2;
    Canvas c = new Canvas(500, 500, -bound, bound, -bound, bound);
    double s0 = hasState ? s[0] : 0;
    double s1 = hasState ? s[1] : 0;
    double[] p1 = {-LINK_LENGTH_1 * Math.cos(s0), LINK_LENGTH_1 * Math.sin(s0)};
    // gym swaps each point's coordinates (xys[:, ::-1]) before drawing
    double[][] xys = {{0, 0}, {p1[1], p1[0]}};
    double[] thetas = {s0 - Math.PI / 2, s0 + s1 - Math.PI / 2};
    double[] lengths = {LINK_LENGTH_1, LINK_LENGTH_2};
    c.line(-2.2, 1, 2.2, 1, 1f, Color.BLACK);
    for (int i = 0; i < 2; i++) {
      AffineTransform j = Canvas.transform(xys[i][0], xys[i][1], thetas[i]);
      double l = 0;
      double r = lengths[i];
      double t = .1;
      double b = -.1;
      c.fillPolygon(new double[] {l, b, l, t, r, t, r, b}, Canvas.color(0, .8, .8), j);
      c.fillCircle(.1, Canvas.color(.8, .8, 0), j);
    }
    return c.image();
  }
}
