package io.tune4j.rllib.env.classic;

import static io.tune4j.rllib.env.classic.EnvTestSupport.assertExact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.env.StepResult;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Pendulum against gym 0.12.5's pendulum.py (float64). */
class PendulumTest {

  @Test
  void workedExample() {
    // state [0.4, -1.3], u = -0.7 (inside [-2, 2])
    // angle_normalize(0.4) = ((0.4 + pi) % 2pi) - pi = 0.3999999999999999 (rounding!)
    // costs = 0.3999999999999999^2 + 0.1 * 1.69 + 0.001 * 0.49
    //       = 0.15999999999999992 + 0.16900000000000004 + 0.00049 = 0.32948999999999995
    // sin(0.4 + pi) = -0.3894183423086503
    // newthdot = -1.3 + (-15 * -0.3894183423086503 + 3 * -0.7) * 0.05
    //          = -1.3 + 3.7412751346297553 * 0.05 = -1.1129362432685124
    // newth = 0.4 + newthdot * 0.05 = 0.3443531878365744
    assertEquals(0.3999999999999999, Pendulum.angleNormalize(0.4), 0.0);
    assertEquals(3.7412751346297553, -15.0 * -0.3894183423086503 + 3.0 * -0.7, 0.0);
    Pendulum env = new Pendulum();
    env.setState(new double[] {0.4, -1.3});
    StepResult r = env.step(new double[] {-0.7});
    assertExact(new double[] {0.3443531878365744, -1.1129362432685124}, env.getState());
    assertExact(
        new double[] {0.9412940054587664, 0.33758790749579853, -1.1129362432685124},
        (double[]) r.observation());
    assertEquals(-0.32948999999999995, r.reward(), 0.0);
    assertFalse(r.done());
  }

  @Test
  void torqueClipAngleNormalisationAndSpeedClip() {
    // state [3.5, 7.9], u = clip(3.0) = 2.0; angle_normalize(3.5) = 3.5 - 2pi =
    // -2.7831853071795862;
    // newthdot = 7.936912579232786 (within 8), newth uses it: 3.896845628961639
    assertEquals(-2.7831853071795862, Pendulum.angleNormalize(3.5), 0.0);
    Pendulum env = new Pendulum();
    env.setState(new double[] {3.5, 7.9});
    StepResult r = env.step(new double[] {3.0});
    assertExact(new double[] {3.896845628961639, 7.936912579232786}, env.getState());
    assertEquals(-13.991120454100328, r.reward(), 0.0);
    env.setState(new double[] {3.5, 7.9});
    StepResult same = env.step(new double[] {2.0});
    assertEquals(r.reward(), same.reward(), 0.0);
    assertExact(new double[] {3.896845628961639, 7.936912579232786}, env.getState());
    // speed clip: from theta_dot = 7.99 the new speed exceeds 8 and is clipped, but theta moves
    // with the unclipped speed like gym
    env.setState(new double[] {1.0, 7.99});
    env.step(new double[] {2.0});
    double unclipped = 7.99 + (-15.0 * Math.sin(1.0 + Math.PI) + 3.0 * 2.0) * 0.05;
    assertTrue(unclipped > 8);
    assertExact(new double[] {1.0 + unclipped * 0.05, 8.0}, env.getState());
  }

  @Test
  void angleNormaliseUsesFloorModulo() {
    assertEquals(-Math.PI, Pendulum.angleNormalize(-Math.PI), 0.0);
    assertEquals(-Math.PI, Pendulum.angleNormalize(Math.PI), 0.0);
    assertEquals(1.0, Pendulum.angleNormalize(1.0 - 2 * Math.PI), 1e-12);
    double r = Pendulum.angleNormalize(-10.0);
    assertTrue(r >= -Math.PI && r < Math.PI);
    assertEquals(-10.0 + 4 * Math.PI, r, 1e-12);
  }

  @Test
  void trajectoryMatchesGym() {
    Pendulum env = new Pendulum();
    env.setState(new double[] {2.0, 0.5});
    double total = 0;
    for (int i = 0; i < 200; i++) {
      total += env.step(new double[] {Math.cos(i * 0.05) * 2.5}).reward();
    }
    assertExact(new double[] {-21.800908356588817, -8.0}, env.getState());
    assertEquals(-1194.4662102235563, total, 0.0);
  }

  @Test
  void resetRanges() {
    Pendulum env = new Pendulum();
    env.seed(11);
    double maxTh = 0;
    for (int i = 0; i < 2000; i++) {
      env.reset();
      double[] s = env.getState();
      assertTrue(s[0] >= -Math.PI && s[0] < Math.PI && s[1] >= -1 && s[1] < 1);
      maxTh = Math.max(maxTh, Math.abs(s[0]));
    }
    assertTrue(maxTh > 3.0);
  }

  @Test
  void rendersRodAndTorqueArrow() throws Exception {
    Pendulum env = new Pendulum();
    env.setState(new double[] {0.6, 0});
    env.step(new double[] {-1.5});
    BufferedImage img = EnvTestSupport.renderAndSave(env, "Pendulum-v0", 500, 500);
    assertTrue(EnvTestSupport.countColor(img, .8, .3, .3) > 1000, "rod missing");
  }
}
