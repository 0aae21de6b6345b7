package io.tune4j.rllib.env.classic;

import static io.tune4j.rllib.env.classic.EnvTestSupport.assertExact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.env.StepResult;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** MountainCar against gym 0.12.5 (expected values from gym's mountain_car.py in float64). */
class MountainCarTest {

  @Test
  void workedExamplePushRight() {
    // state [-0.5, 0.01], action 2:
    // cos(3 * -0.5) = cos(-1.5) = 0.0707372016677029
    // dv = (2 - 1) * 0.001 + 0.0707372016677029 * -0.0025 = 0.001 - 0.00017684300416925727
    //    = 0.0008231569958307428
    // v' = 0.01 + dv = 0.010823156995830743 (inside [-0.07, 0.07])
    // x' = -0.5 + v' = -0.48917684300416925 ; not >= 0.5 -> not done ; reward -1
    assertEquals(0.0008231569958307428, (2 - 1) * 0.001 + 0.0707372016677029 * -0.0025, 0.0);
    MountainCar env = new MountainCar();
    env.setState(new double[] {-0.5, 0.01});
    StepResult r = env.step(2);
    assertExact(new double[] {-0.48917684300416925, 0.010823156995830743}, env.getState());
    assertExact(env.getState(), (double[]) r.observation());
    assertEquals(-1.0, r.reward());
    assertFalse(r.done());
  }

  @Test
  void leftWallStopsTheCar() {
    MountainCar env = new MountainCar();
    env.setState(new double[] {-1.19, -0.02});
    env.step(0);
    assertExact(new double[] {-1.2, 0.0}, env.getState());
  }

  @Test
  void velocityIsClipped() {
    MountainCar env = new MountainCar();
    env.setState(new double[] {-0.5, 0.0699});
    env.step(2);
    assertEquals(0.07, env.getState()[1], 0.0);
    assertEquals(-0.5 + 0.07, env.getState()[0], 0.0);
  }

  @Test
  void trajectoryMatchesGym() {
    MountainCar env = new MountainCar();
    env.setState(new double[] {-0.52, 0.0});
    for (int i = 0; i < 150; i++) {
      env.step((i / 20) % 2 == 0 ? 2 : 0);
    }
    assertExact(new double[] {-0.41809115218704457, 0.013158382874607476}, env.getState());
  }

  @Test
  void goalBoundaryIsInclusive() {
    MountainCar env = new MountainCar();
    // action 1 adds 0.0 + cos(1.5) * -0.0025; starting with its negation, v' is exactly 0
    double slope = Math.cos(3 * 0.5) * (-0.0025);
    env.setState(new double[] {0.5, -slope});
    StepResult at = env.step(1);
    assertEquals(0.5, env.getState()[0], 0.0);
    assertTrue(at.done());
    env.setState(new double[] {0.5, -slope - 1e-6});
    assertFalse(env.step(1).done());
  }

  @Test
  void resetDistributionAndSeeding() {
    MountainCar a = new MountainCar();
    MountainCar b = new MountainCar();
    a.seed(5);
    b.seed(5);
    double lo = 0;
    double hi = -1;
    for (int i = 0; i < 1000; i++) {
      double[] o = a.reset();
      assertExact(o, b.reset());
      assertTrue(o[0] >= -0.6 && o[0] < -0.4, "position " + o[0]);
      assertEquals(0.0, o[1], 0.0);
      lo = Math.min(lo, o[0]);
      hi = Math.max(hi, o[0]);
    }
    assertTrue(lo < -0.59 && hi > -0.41);
  }

  @Test
  void actionsAreDiscreteThree() {
    MountainCar env = new MountainCar();
    env.reset();
    assertEquals(new Discrete(3), env.actionSpace());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(3));
    assertTrue(e.getMessage().contains("MountainCarEnv") && e.getMessage().contains("[0, 2]"));
  }

  @Test
  void rendersCarAndFlag() throws Exception {
    MountainCar env = new MountainCar();
    env.setState(new double[] {-0.5, 0});
    BufferedImage img = EnvTestSupport.renderAndSave(env, "MountainCar-v0", 600, 400);
    assertTrue(EnvTestSupport.countColor(img, .8, .8, 0) > 50, "flag missing");
    assertTrue(EnvTestSupport.countColor(img, .5, .5, .5) > 50, "wheels missing");
  }
}
