package io.tune4j.rllib.env.classic;

import static io.tune4j.rllib.env.classic.EnvTestSupport.assertExact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.env.StepResult;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * CartPole against gym 0.12.5. Expected numbers were computed with gym's own cartpole.py (float64)
 * and the worked example spells out the arithmetic of gym's equations.
 */
class CartPoleTest {

  @Test
  void workedExamplePushRight() {
    // state [x, x_dot, theta, theta_dot] = [0.1, -0.2, 0.05, 0.3], action 1 -> force = +10
    // costheta = cos(0.05) = 0.9987502603949663, sintheta = sin(0.05) = 0.04997916927067833
    // temp = (10 + 0.05 * 0.3 * 0.3 * sintheta) / 1.1                      = 9.091113551147014
    // thetaacc = (9.8 * sintheta - costheta * temp)
    //            / (0.5 * (4/3 - 0.1 * costheta * costheta / 1.1))          = -13.825207424073673
    // xacc = temp - 0.05 * thetaacc * costheta / 1.1                          = 9.718746710911015
    // Euler: x' = 0.1 + 0.02 * -0.2 = 0.096; x_dot' = -0.2 + 0.02 * xacc;
    //        theta' = 0.05 + 0.02 * 0.3 = 0.056; theta_dot' = 0.3 + 0.02 * thetaacc
    assertEquals(-0.005625065781779709, -0.2 + 0.02 * 9.718746710911015, 0.0);
    assertEquals(0.02349585151852651, 0.3 + 0.02 * -13.825207424073673, 0.0);
    CartPole env = new CartPole();
    env.setState(new double[] {0.1, -0.2, 0.05, 0.3});
    StepResult r = env.step(1);
    double[] expected = {0.096, -0.005625065781779709, 0.056, 0.02349585151852651};
    assertExact(expected, env.getState());
    assertExact(expected, (double[]) r.observation());
    assertEquals(1.0, r.reward());
    assertFalse(r.done());
    assertTrue(r.info().isEmpty());
  }

  @Test
  void pushLeftFromAnotherState() {
    CartPole env = new CartPole();
    env.setState(new double[] {-0.5, 0.7, -0.1, -0.4});
    env.step(0);
    assertExact(
        new double[] {-0.486, 0.5064282358762353, -0.10800000000000001, -0.1404439571191255},
        env.getState());
  }

  @Test
  void hundredStepsIncludingPastTerminationMatchGym() {
    // gym: state [0.01, 0.02, -0.03, 0.04], 100 steps of action (i*7 % 3 == 0 ? 1 : 0);
    // the pole falls at step 19, afterwards gym keeps integrating and pays 0.
    CartPole env = new CartPole();
    env.setState(new double[] {0.01, 0.02, -0.03, 0.04});
    double total = 0;
    for (int i = 0; i < 100; i++) {
      total += env.step((i * 7) % 3 == 0 ? 1 : 0).reward();
    }
    assertExact(
        new double[] {-5.755757446712982, -5.880758723103637, 7.59994048571138, 6.0567863774014485},
        env.getState());
    assertEquals(19.0, total);
  }

  @Test
  void terminationBoundariesAreStrict() {
    CartPole env = new CartPole();
    double thr = 12 * 2 * Math.PI / 360;
    assertEquals(0.20943951023931953, thr, 0.0);
    // with zero velocities Euler leaves x and theta unchanged, so the checks see exactly these
    env.setState(new double[] {2.4, 0, 0, 0});
    assertFalse(env.step(1).done());
    env.setState(new double[] {Math.nextUp(2.4), 0, 0, 0});
    assertTrue(env.step(1).done());
    env.setState(new double[] {-2.4, 0, 0, 0});
    assertFalse(env.step(0).done());
    env.setState(new double[] {Math.nextDown(-2.4), 0, 0, 0});
    assertTrue(env.step(0).done());
    env.setState(new double[] {0, 0, thr, 0});
    assertFalse(env.step(1).done());
    env.setState(new double[] {0, 0, Math.nextUp(thr), 0});
    assertTrue(env.step(1).done());
    env.setState(new double[] {0, 0, -thr, 0});
    assertFalse(env.step(0).done());
    env.setState(new double[] {0, 0, Math.nextDown(-thr), 0});
    assertTrue(env.step(0).done());
  }

  @Test
  void rewardIsOneOnFailingStepThenZero() {
    CartPole env = new CartPole();
    env.setState(new double[] {0, 0, 0.2094, 0.5});
    StepResult fail = env.step(1);
    assertTrue(fail.done());
    assertEquals(1.0, fail.reward());
    StepResult after = env.step(1);
    assertTrue(after.done());
    assertEquals(0.0, after.reward());
    assertEquals(0.0, env.step(0).reward());
    env.reset();
    assertEquals(1.0, env.step(0).reward());
  }

  @Test
  void seededResetsAreReproducibleAndInRange() {
    CartPole a = new CartPole();
    CartPole b = new CartPole();
    a.seed(123);
    b.seed(123);
    for (int i = 0; i < 5; i++) {
      assertExact(a.reset(), b.reset());
    }
    b.seed(124);
    a.seed(123);
    assertNotEquals(Arrays.toString(a.reset()), Arrays.toString(b.reset()));
    double[] min = {1, 1, 1, 1};
    double[] max = {-1, -1, -1, -1};
    for (int i = 0; i < 2000; i++) {
      double[] o = a.reset();
      for (int j = 0; j < 4; j++) {
        assertTrue(o[j] >= -0.05 && o[j] < 0.05, "reset value " + o[j]);
        min[j] = Math.min(min[j], o[j]);
        max[j] = Math.max(max[j], o[j]);
      }
    }
    for (int j = 0; j < 4; j++) {
      assertTrue(min[j] < -0.045 && max[j] > 0.045, "reset range " + min[j] + ".." + max[j]);
    }
  }

  @Test
  void spacesMatchGym() {
    CartPole env = new CartPole();
    assertEquals(new Discrete(2), env.actionSpace());
    Box obs = (Box) env.observationSpace();
    assertEquals("Box(4,)", obs.toString());
    assertEquals(Box.Dtype.FLOAT32, obs.dtype());
    assertEquals((float) 4.8, obs.high(0), 0.0);
    assertEquals(Float.MAX_VALUE, obs.high(1), 0.0);
    assertEquals((float) (2 * 0.20943951023931953), obs.high(2), 0.0);
    assertEquals(-Float.MAX_VALUE, obs.low(3), 0.0);
  }

  @Test
  void invalidActionsNameEnvActionAndRange() {
    CartPole env = new CartPole();
    env.reset();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(2));
    assertTrue(e.getMessage().contains("CartPoleEnv"), e.getMessage());
    assertTrue(e.getMessage().contains("invalid action 2"), e.getMessage());
    assertTrue(e.getMessage().contains("Discrete(2)"), e.getMessage());
    assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> env.step(-1));
    assertThrows(IllegalArgumentException.class, () -> env.step(0.5));
    assertThrows(IllegalArgumentException.class, () -> env.step("1"));
    assertThrows(IllegalArgumentException.class, () -> env.step(null));
    // integral numbers of any type are accepted
    env.setState(new double[] {0.1, -0.2, 0.05, 0.3});
    env.step(1L);
    assertEquals(0.096, env.getState()[0], 0.0);
    env.setState(new double[] {0.1, -0.2, 0.05, 0.3});
    env.step(1.0);
    assertEquals(0.02349585151852651, env.getState()[3], 0.0);
  }

  @Test
  void stepBeforeResetAndBadStateAreErrors() {
    CartPole env = new CartPole();
    assertEquals(null, env.getState());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(0));
    assertTrue(e.getMessage().contains("reset()"), e.getMessage());
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> env.setState(new double[3]));
    assertTrue(bad.getMessage().contains("expected 4 values"), bad.getMessage());
  }

  @Test
  void flatStepMatchesObjectStep() {
    CartPole a = new CartPole();
    CartPole b = new CartPole();
    a.seed(7);
    b.seed(7);
    double[] obs = new double[6];
    b.resetInto(obs, 2);
    assertExact(a.reset(), Arrays.copyOfRange(obs, 2, 6));
    for (int i = 0; i < 30; i++) {
      int action = i % 3 == 0 ? 0 : 1;
      StepResult r = a.step(action);
      double reward = b.stepInto(new double[] {9, action}, 1, obs, 2);
      assertExact((double[]) r.observation(), Arrays.copyOfRange(obs, 2, 6));
      assertEquals(r.reward(), reward);
      assertEquals(r.done(), b.lastDone());
    }
  }

  @Test
  void semiImplicitIntegratorUpdatesVelocitiesFirst() {
    CartPole env = new CartPole(CartPole.Integrator.SEMI_IMPLICIT_EULER);
    env.setState(new double[] {0.1, -0.2, 0.05, 0.3});
    env.step(1);
    double xDot = -0.2 + 0.02 * 9.718746710911015;
    double thetaDot = 0.3 + 0.02 * -13.825207424073673;
    assertExact(
        new double[] {0.1 + 0.02 * xDot, xDot, 0.05 + 0.02 * thetaDot, thetaDot}, env.getState());
  }

  @Test
  void rendersCartAndPole() throws Exception {
    CartPole env = new CartPole();
    env.setState(new double[] {0.5, 0, 0.15, 0});
    BufferedImage img = EnvTestSupport.renderAndSave(env, "CartPole-v0", 600, 400);
    assertTrue(EnvTestSupport.countColor(img, .8, .6, .4) > 500, "pole colour missing");
    assertTrue(EnvTestSupport.countColor(img, 0, 0, 0) > 1000, "cart missing");
    // the cart centre sits at x = 0.5 * 125 + 300 = 362.5 px, 100 px above the bottom; the cart
    // spans 50 x 30 px, the axle (.5, .5, .8) sits 7.5 px above its centre
    assertEquals(0x000000, img.getRGB(345, 400 - 100 + 8) & 0xFFFFFF);
    assertEquals(0x8080CC, img.getRGB(362, 400 - 100 - 8) & 0xFFFFFF);
  }
}
