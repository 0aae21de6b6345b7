package io.tune4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.env.Env;
import io.tune4j.rllib.env.EnvContext;
import io.tune4j.rllib.env.Envs;
import io.tune4j.rllib.env.classic.CartPole;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The curriculum env and rule, without Ray. */
class CurriculumCartPoleTest {

  /** Largest |state variable| over many resets. */
  private static double widestStart(CurriculumCartPole env) {
    double max = 0;
    for (int i = 0; i < 2000; i++) {
      for (double v : (double[]) env.reset()) {
        max = Math.max(max, Math.abs(v));
      }
    }
    return max;
  }

  @Test
  void laterPhasesStartFurtherFromUpright() {
    CurriculumCartPole env = new CurriculumCartPole(EnvContext.empty());
    env.seed(1);
    assertEquals(0, env.phase());
    double phase0 = widestStart(env);
    env.setPhase(2);
    double phase2 = widestStart(env);
    assertTrue(phase0 <= 0.05 && phase0 > 0.049, "phase 0 is gym's U(-0.05, 0.05): " + phase0);
    assertTrue(phase2 <= 0.15 && phase2 > 0.14, "phase 2 draws from U(-0.15, 0.15): " + phase2);
    assertEquals(0.15, env.initialSpread(), 1e-12);
  }

  @Test
  void stepsFollowCartPoleFromTheWiderStart() {
    CurriculumCartPole env = new CurriculumCartPole(EnvContext.of(Map.of("phase", 1)));
    assertEquals(1, env.phase());
    double[] start = (double[]) env.reset();
    CartPole plain = new CartPole();
    plain.setState(start);
    for (int t = 0; t < 5; t++) {
      assertArrayEquals(
          (double[]) plain.step(t % 2).observation(),
          (double[]) env.step(t % 2).observation(),
          0.0);
    }
  }

  @Test
  void registeredWithA500StepLimitAndFoundThroughUnwrapped() {
    CurriculumCartPole.register();
    Env env = Envs.make(CurriculumCartPole.ID, EnvContext.of(Map.of("phase", 2)));
    assertTrue(env.unwrapped() instanceof CurriculumCartPole c && c.phase() == 2, env.toString());
    assertEquals(Integer.valueOf(500), Envs.spec(CurriculumCartPole.ID).maxEpisodeSteps());
  }

  @Test
  void seedPageRuleAndBadPhase() {
    assertEquals(0, CurriculumCartPole.phaseFor(Double.NaN, 100, 200));
    assertEquals(0, CurriculumCartPole.phaseFor(100, 100, 200));
    assertEquals(1, CurriculumCartPole.phaseFor(150, 100, 200));
    assertEquals(2, CurriculumCartPole.phaseFor(200.5, 100, 200));
    Exception e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CurriculumCartPole(EnvContext.empty()).setPhase(-1));
    assertEquals("CurriculumCartPole: phase must be >= 0, got -1", e.getMessage());
  }
}
