package io.tune4j.rllib.env.classic;

import static io.tune4j.rllib.env.classic.EnvTestSupport.assertExact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.env.StepResult;
import org.junit.jupiter.api.Test;

/** MountainCarContinuous against gym 0.12.5's continuous_mountain_car.py (float64). */
class MountainCarContinuousTest {

  @Test
  void workedExample() {
    // state [-0.3, 0.01], action [0.5]: force = min(max(0.5, -1), 1) = 0.5
    // v' = 0.01 + (0.5 * 0.0015 - 0.0025 * cos(-0.9))
    //    = 0.01 + (0.00075 - 0.0025 * 0.6216099682706645) = 0.01 + -0.0008040249206766612
    //    = 0.009195975079323338 ; x' = -0.3 + v' = -0.29080402492067664
    // reward = 0 - 0.5^2 * 0.1 = -0.025 ; x' < 0.45 -> not done
    assertEquals(-0.0008040249206766612, 0.5 * 0.0015 - 0.0025 * 0.6216099682706645, 0.0);
    MountainCarContinuous env = new MountainCarContinuous();
    env.setState(new double[] {-0.3, 0.01});
    StepResult r = env.step(new double[] {0.5});
    assertExact(new double[] {-0.29080402492067664, 0.009195975079323338}, env.getState());
    assertEquals(-0.025, r.reward(), 0.0);
    assertFalse(r.done());
  }

  @Test
  void actionIsClippedButPenaltyUsesRawActionAndGoalPaysHundred() {
    // gym: force = clip(2.0) = 1.0; done since x' = 0.46087956137086905 >= 0.45;
    // reward = 100 - 2.0^2 * 0.1 = 99.6 (the penalty uses the unclipped action, as in gym)
    MountainCarContinuous env = new MountainCarContinuous();
    env.setState(new double[] {0.44, 0.02});
    StepResult r = env.step(new double[] {2.0});
    assertExact(new double[] {0.46087956137086905, 0.02087956137086907}, env.getState());
    assertTrue(r.done());
    assertEquals(99.6, r.reward(), 0.0);
    env.setState(new double[] {0.44, 0.02});
    StepResult clipped = env.step(new double[] {1.0});
    assertExact(new double[] {0.46087956137086905, 0.02087956137086907}, env.getState());
    assertEquals(100.0 - 0.1, clipped.reward(), 0.0);
    env.setState(new double[] {0.44, 0.02});
    StepResult neg = env.step(new double[] {-7.0});
    env.setState(new double[] {0.44, 0.02});
    env.step(new double[] {-1.0});
    double[] atMinusOne = env.getState();
    env.setState(new double[] {0.44, 0.02});
    env.step(-7.0);
    assertExact(atMinusOne, env.getState());
    // force clipped to -1 still reaches the goal; the penalty uses the raw -7: 100 - 49 * 0.1
    assertTrue(neg.done());
    assertEquals(100.0 - (-7.0 * -7.0 * 0.1), neg.reward(), 0.0);
  }

  @Test
  void trajectoryMatchesGym() {
    MountainCarContinuous env = new MountainCarContinuous();
    env.setState(new double[] {-0.52, 0.0});
    double total = 0;
    for (int i = 0; i < 150; i++) {
      total += env.step(new double[] {Math.sin(i * 0.1) * 1.5}).reward();
    }
    assertExact(new double[] {0.6, 0.06695252492879422}, env.getState());
    assertEquals(4882.6186593629045, total, 0.0);
  }

  @Test
  void goalBoundaryIsInclusive() {
    MountainCarContinuous env = new MountainCarContinuous();
    double slope = 0.0 * 0.0015 - 0.0025 * Math.cos(3 * 0.45);
    env.setState(new double[] {0.45, -slope});
    assertTrue(env.step(new double[] {0.0}).done());
    assertEquals(0.45, env.getState()[0], 0.0);
    env.setState(new double[] {0.45, -slope - 1e-6});
    assertFalse(env.step(new double[] {0.0}).done());
  }

  @Test
  void acceptsFloatArraysAndNumbersRejectsWrongShapes() {
    MountainCarContinuous env = new MountainCarContinuous();
    env.setState(new double[] {-0.3, 0.01});
    env.step(new float[] {0.5f});
    assertExact(new double[] {-0.29080402492067664, 0.009195975079323338}, env.getState());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {0.1, 0.2}));
    assertTrue(e.getMessage().contains("Continuous_MountainCarEnv"), e.getMessage());
    assertTrue(e.getMessage().contains("Box(1,)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> env.step("0.5"));
  }

  @Test
  void resetDistributionAndRender() throws Exception {
    MountainCarContinuous env = new MountainCarContinuous();
    env.seed(3);
    for (int i = 0; i < 500; i++) {
      double[] o = env.reset();
      assertTrue(o[0] >= -0.6 && o[0] < -0.4 && o[1] == 0.0);
    }
    env.setState(new double[] {0.2, 0});
    EnvTestSupport.renderAndSave(env, "MountainCarContinuous-v0", 600, 400);
  }
}
