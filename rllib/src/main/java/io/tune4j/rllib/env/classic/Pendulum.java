package io.tune4j.rllib.env.classic;

import io.tune4j.rllib.env.Box;
import java.awt.Color;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * Gym 0.12.5's {@code PendulumEnv} (inverted pendulum swing-up), exact in float64.
 *
 * <p>State {@code [theta, theta_dot]} (theta 0 = upright); action {@code Box(-2, 2, (1,))},
 * clipped. Each step: {@code u = clip(a, -2, 2)}; cost {@code = angle_normalize(theta)² +
 * 0.1*theta_dot² + 0.001*u²}, reward {@code = -cost}; {@code theta_dot' = theta_dot + (-3g/(2l) *
 * sin(theta + pi) + 3/(m l²) * u) * dt}; {@code theta' = theta + theta_dot' * dt} (with the
 * unclipped {@code theta_dot'}); then {@code theta_dot'} is clipped to {@code [-8, 8]}. Never done
 * (time limit only: {@code Pendulum-v0} has 200 steps). Observation {@code [cos theta, sin theta,
 * theta_dot]}. Reset: {@code theta ~ U(-pi, pi)}, {@code theta_dot ~ U(-1, 1)}.
 */
public final class Pendulum extends ClassicEnv {
  /** Speed limit, rad/s. */
  public static final double MAX_SPEED = 8;

  /** Torque limit. */
  public static final double MAX_TORQUE = 2.;

  /** Seconds per step. */
  public static final double DT = .05;

  /** Gravity. */
  public static final double G = 10.;

  /** Mass. */
  public static final double M = 1.;

  /** Length. */
  public static final double L = 1.;

  private double th;
  private double thdot;

  /** Last clipped torque, for rendering; NaN stands for gym's None. */
  private double lastU = Double.NaN;

  /** Creates the env. */
  public Pendulum() {
    super(
        "PendulumEnv",
        new Box(
            new double[] {-1., -1., -MAX_SPEED},
            new double[] {1., 1., MAX_SPEED},
            Box.Dtype.FLOAT32),
        new Box(-MAX_TORQUE, MAX_TORQUE, Box.Dtype.FLOAT32, 1));
  }

  /** gym's {@code angle_normalize}: {@code ((x + pi) mod 2pi) - pi} with Python's floor modulo. */
  static double angleNormalize(double x) {
    double twoPi = 2 * Math.PI;
    double r = (x + Math.PI) % twoPi;
    if (r != 0 && r < 0) {
      r += twoPi;
    }
    return r - Math.PI;
  }

  @Override
  public void resetInto(double[] obs, int offset) {
    double highTh = Math.PI;
    double highThdot = 1;
    th = uniform(-highTh, highTh);
    thdot = uniform(-highThdot, highThdot);
    lastU = Double.NaN;
    hasState = true;
    done = false;
    write(obs, offset);
  }

  @Override
  public double stepInto(double[] actions, int actionOffset, double[] obs, int obsOffset) {
    if (!hasState) {
      requireState();
    }
    double g = G;
    double m = M;
    double l = L;
    double dt = DT;
    double u = Math.min(Math.max(actions[actionOffset], -MAX_TORQUE), MAX_TORQUE);
    lastU = u;
    double an = angleNormalize(th);
    double costs = an * an + .1 * (thdot * thdot) + .001 * (u * u);
    double newthdot =
        thdot + (-3 * g / (2 * l) * Math.sin(th + Math.PI) + 3. / (m * (l * l)) * u) * dt;
    double newth = th + newthdot * dt;
    newthdot = Math.min(Math.max(newthdot, -MAX_SPEED), MAX_SPEED);
    th = newth;
    thdot = newthdot;
    done = false;
    write(obs, obsOffset);
    return -costs;
  }

  private void write(double[] obs, int offset) {
    obs[offset] = Math.cos(th);
    obs[offset + 1] = Math.sin(th);
    obs[offset + 2] = thdot;
  }

  /** Returns {@code [theta, theta_dot]}, or null before any reset. */
  @Override
  public double[] getState() {
    return hasState ? new double[] {th, thdot} : null;
  }

  @Override
  public void setState(double[] state) {
    checkState(state, 2, "[theta, theta_dot]");
    th = state[0];
    thdot = state[1];
    hasState = true;
    done = false;
  }

  /** Draws the rod, the axle and the torque arrow, 500×500 like gym. */
  @Override
  public BufferedImage render() {
    Canvas c = new Canvas(500, 500, -2.2, 2.2, -2.2, 2.2);
    AffineTransform pole = Canvas.transform(0, 0, (hasState ? th : 0) + Math.PI / 2);
    Color rod = Canvas.color(.8, .3, .3);
    double length = 1;
    double width = .2;
    double l = 0;
    double r = length;
    double t = width / 2;
    double b = -width / 2;
    c.fillPolygon(new double[] {l, b, l, t, r, t, r, b}, rod, pole);
    c.fillCircle(width / 2, rod, pole);
    c.fillCircle(width / 2, rod, Canvas.transform(length, 0, 0), pole);
    c.fillCircle(.05, Color.BLACK);
    if (!Double.isNaN(lastU) && lastU != 0) {
      drawTorqueArrow(c, lastU);
    }
    return c.image();
  }

  /** Stands in for gym's clockwise.png, scaled by {@code (-u/2, |u|/2)} like gym. */
  private static void drawTorqueArrow(Canvas c, double u) {
    AffineTransform scale = new AffineTransform();
    scale.scale(-u / 2, Math.abs(u) / 2);
    int n = 40;
    double radius = 0.4;
    double[] arc = new double[2 * n];
    for (int i = 0; i < n; i++) {
      double a = Math.toRadians(120 - 300.0 * i / (n - 1)); // clockwise sweep
      arc[2 * i] = radius * Math.cos(a);
      arc[2 * i + 1] = radius * Math.sin(a);
    }
    c.polyline(arc, 3f, Color.BLACK, scale);
    double end = Math.toRadians(120 - 300.0);
    double ex = radius * Math.cos(end);
    double ey = radius * Math.sin(end);
    double tx = Math.sin(end); // clockwise tangent
    double ty = -Math.cos(end);
    double s = 0.12;
    c.fillPolygon(
        new double[] {
          ex + tx * s,
          ey + ty * s,
          ex - ty * s * 0.6,
          ey + tx * s * 0.6,
          ex + ty * s * 0.6,
          ey - tx * s * 0.6
        },
        Color.BLACK,
        scale);
  }
}
