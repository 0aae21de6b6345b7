package io.tune4j.rllib.env.classic;

import static io.tune4j.rllib.env.classic.EnvTestSupport.assertClose;
import static io.tune4j.rllib.env.classic.EnvTestSupport.assertExact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.env.StepResult;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Acrobot against gym 0.12.5's acrobot.py (book dynamics, RK4, float64). */
class AcrobotTest {

  @Test
  void bookDynamicsWorkedExample() {
    // s = [0.3, -0.5, 1.2, -2.0], torque a = +1; m = l1 = I = 1, lc = 0.5, g = 9.8
    // cos(-0.5) = 0.8775825618903728, sin(-0.5) = -0.479425538604203
    // d1 = 1*0.25 + 1*(1 + 0.25 + 1.0*cos) + 1 + 1                     = 4.377582561890373
    // d2 = 1*(0.25 + 0.5*cos) + 1                                       = 1.6887912809451864
    // phi2 = 0.5*9.8*cos(0.3 - 0.5 - pi/2)                              = -0.9734797208957995
    // phi1 = -0.5*(-2)^2*sin - 2*0.5*(-2)*1.2*sin + 1.5*9.8*cos(0.3 - pi/2) + phi2
    //                                                                   = 3.1788971015842122
    // ddtheta2 = (1 + d2/d1*phi1 - 0.5*1.2^2*sin - phi2) / (0.25 + 1 - d2^2/d1) = 5.923232771347957
    // ddtheta1 = -(d2*ddtheta2 + phi1) / d1                             = -3.011251249857192
    double d1 = 1 * 0.25 + 1 * (1 + 0.25 + 1.0 * 0.8775825618903728) + 1 + 1;
    assertEquals(4.377582561890373, d1, 0.0);
    double[] out = new double[5];
    Acrobot.dsdt(new double[] {0.3, -0.5, 1.2, -2.0, 1.0}, out);
    assertExact(new double[] {1.2, -2.0, -3.011251249857192, 5.923232771347957, 0.0}, out);
  }

  @Test
  void rk4StepMatchesGym() {
    Acrobot env = new Acrobot();
    env.setState(new double[] {0.3, -0.5, 1.2, -2.0});
    StepResult r = env.step(2);
    assertExact(
        new double[] {
          0.47194867731102635, -0.7706493669974096, 0.49017384877049497, -0.6696844360260565
        },
        env.getState());
    assertExact(
        new double[] {
          0.8906840667301996,
          0.45462280329186455,
          0.7174584710296327,
          -0.6966012793182494,
          0.49017384877049497,
          -0.6696844360260565
        },
        (double[]) r.observation());
    assertEquals(-1.0, r.reward());
    assertFalse(r.done());
  }

  @Test
  void anglesWrapAndTerminalStepPaysZero() {
    // gym: from [3.1, 3.1, 12, 28] with torque -1 theta2 integrates past pi and wraps to
    // -0.020143899128195; -cos(2.872) - cos(2.852) > 1 -> terminal, reward 0
    Acrobot env = new Acrobot();
    env.setState(new double[] {3.1, 3.1, 12.0, 28.0});
    StepResult r = env.step(0);
    assertExact(
        new double[] {
          2.8720373548892733, -0.02014389912819503, 5.785935077772801, 25.385500328612626
        },
        env.getState());
    assertTrue(r.done());
    assertEquals(0.0, r.reward());
    assertEquals(4.0 - 2 * Math.PI, Acrobot.wrap(4.0, -Math.PI, Math.PI), 0.0);
    assertEquals(-7.0 + 2 * Math.PI, Acrobot.wrap(-7.0, -Math.PI, Math.PI), 0.0);
    assertEquals(10.0 - 2 * Math.PI - 2 * Math.PI, Acrobot.wrap(10.0, -Math.PI, Math.PI), 0.0);
    assertEquals(Math.PI, Acrobot.wrap(Math.PI, -Math.PI, Math.PI), 0.0);
  }

  @Test
  void velocitiesAreBounded() {
    Acrobot env = new Acrobot();
    env.setState(new double[] {0.0, 0.0, 20.0, 40.0});
    env.step(1);
    assertExact(
        new double[] {2.9934594464286324, -1.1334213983439163, 4 * Math.PI, -9 * Math.PI},
        env.getState());
    env.setState(new double[] {-3.0, 2.9, -12.0, -27.0});
    StepResult r = env.step(1);
    assertExact(
        new double[] {0.6105531389166003, -1.80415516781011, -4 * Math.PI, -9 * Math.PI},
        env.getState());
    assertFalse(r.done());
    assertEquals(-1.0, r.reward());
  }

  @Test
  void longTrajectoryTracksGym() {
    // 300 chaotic RK4 steps: gym's numpy sin/cos and Java's may differ in the last ulp, so the
    // end state agrees to ~1e-15 rather than bit for bit
    Acrobot env = new Acrobot();
    env.setState(new double[] {0.05, -0.02, 0.01, 0.03});
    double total = 0;
    for (int i = 0; i < 300; i++) {
      total += env.step((i / 5) % 3).reward();
    }
    assertClose(
        new double[] {
          0.03490100922090572, 0.4151301149186197, 0.8047612101321933, 0.731605383475869
        },
        env.getState(),
        1e-13);
    assertEquals(-300.0, total);
  }

  @Test
  void resetRangesAndSeeding() {
    Acrobot a = new Acrobot();
    Acrobot b = new Acrobot();
    a.seed(9);
    b.seed(9);
    for (int i = 0; i < 1000; i++) {
      assertExact(a.reset(), b.reset());
      for (double v : a.getState()) {
        assertTrue(v >= -0.1 && v < 0.1, "reset value " + v);
      }
    }
  }

  @Test
  void invalidTorqueIndexAndRender() throws Exception {
    Acrobot env = new Acrobot();
    env.reset();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(3));
    assertTrue(e.getMessage().contains("AcrobotEnv") && e.getMessage().contains("Discrete(3)"));
    env.setState(new double[] {0.8, 0.9, 0, 0});
    BufferedImage img = EnvTestSupport.renderAndSave(env, "Acrobot-v1", 500, 500);
    assertTrue(EnvTestSupport.countColor(img, 0, .8, .8) > 1000, "links missing");
    assertTrue(EnvTestSupport.countColor(img, .8, .8, 0) > 200, "joints missing");
  }
}
