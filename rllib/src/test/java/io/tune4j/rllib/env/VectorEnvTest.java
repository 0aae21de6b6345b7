package io.tune4j.rllib.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VectorEnvTest {

  /** Steps a vector env and reference envs (same seeds) side by side and compares everything. */
  private static int[] compareWithReference(String id, int n, int steps, double actionScale) {
    List<Env> vecEnvs = new ArrayList<>();
    List<Env> refs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Env a = Envs.make(id);
      Env b = Envs.make(id);
      a.seed(100 + i);
      b.seed(100 + i);
      vecEnvs.add(a);
      refs.add(b);
    }
    VectorEnv v = VectorEnv.of(vecEnvs);
    int os = v.observationSize();
    int as = v.actionSize();
    v.resetAll();
    for (int i = 0; i < n; i++) {
      assertArrayEquals(
          (double[]) refs.get(i).reset(),
          Arrays.copyOfRange(v.observations(), i * os, (i + 1) * os),
          0.0);
    }
    double[] actions = new double[n * as];
    int terminations = 0;
    int truncations = 0;
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < n; i++) {
        actions[i * as] = actionScale < 0 ? (t + i) % 2 : actionScale * Math.sin(t * 0.3 + i);
      }
      v.step(actions);
      for (int i = 0; i < n; i++) {
        Object action = actionScale < 0 ? (Object) ((t + i) % 2) : new double[] {actions[i * as]};
        StepResult r = refs.get(i).step(action);
        assertEquals(r.reward(), v.rewards()[i], 0.0);
        assertEquals(r.done(), v.dones()[i]);
        assertEquals(r.truncated(), v.truncated()[i]);
        double[] row = Arrays.copyOfRange(v.observations(), i * os, (i + 1) * os);
        if (r.done()) {
          assertArrayEquals(
              (double[]) r.observation(),
              Arrays.copyOfRange(v.terminalObservations(), i * os, (i + 1) * os),
              0.0);
          assertArrayEquals((double[]) refs.get(i).reset(), row, 0.0);
          if (r.truncated()) {
            truncations++;
          } else {
            terminations++;
          }
        } else {
          assertArrayEquals((double[]) r.observation(), row, 0.0);
        }
      }
    }
    return new int[] {terminations, truncations};
  }

  @Test
  void cartPoleAutoResetsWithTerminalObservations() {
    int[] ends = compareWithReference("CartPole-v0", 4, 300, -1);
    assertTrue(ends[0] > 10, "expected CartPole terminations, got " + ends[0]);
  }

  @Test
  void pendulumIsTruncatedByTheTimeLimit() {
    int[] ends = compareWithReference("Pendulum-v0", 3, 450, 2.5);
    assertEquals(0, ends[0]);
    assertEquals(6, ends[1]); // 3 envs x steps 200 and 400
  }

  @Test
  void makeVectorGivesEachCopyItsVectorIndex() {
    List<Integer> seen = new ArrayList<>();
    Envs.register(
        "vector-index-test",
        ctx -> {
          synchronized (seen) {
            seen.add(ctx.vectorIndex());
          }
          assertEquals(7, ctx.getInt("corridor_length", 0));
          return new Corridor(ctx);
        },
        4);
    try {
      VectorEnv v =
          Envs.makeVector("vector-index-test", EnvContext.of(Map.of("corridor_length", 7)), 3);
      assertEquals(List.of(0, 1, 2), seen);
      assertEquals(3, v.numEnvs());
      assertEquals(1, v.observationSize()); // Discrete obs: the index
      assertEquals(1, v.actionSize());
      v.resetAll();
      assertArrayEquals(new double[] {0, 0, 0}, v.observations(), 0.0);
      double[] right = {1, 1, 1};
      for (int t = 1; t <= 3; t++) {
        v.step(right);
        assertArrayEquals(new double[] {t, t, t}, v.observations(), 0.0);
        assertFalse(v.dones()[0]);
      }
      v.step(right); // 4th step: TimeLimit(4) truncates the generic env
      assertTrue(v.dones()[1] && v.truncated()[1]);
      assertArrayEquals(new double[] {4, 4, 4}, v.terminalObservations(), 0.0);
      assertArrayEquals(new double[] {0, 0, 0}, v.observations(), 0.0);
      assertEquals(-0.1, v.rewards()[2], 0.0);
      v.resetAt(1);
      assertSame(v.observations(), v.observations());
      assertTrue(v.env(0) instanceof TimeLimit);
    } finally {
      Envs.unregister("vector-index-test");
    }
  }

  @Test
  void resetAtRestartsOneEnvAndItsStepCounter() {
    VectorEnv v = Envs.makeVector("MountainCar-v0", EnvContext.empty(), 2);
    v.resetAll();
    double[] noop = {1, 1};
    for (int t = 0; t < 150; t++) {
      v.step(noop);
    }
    v.resetAt(0);
    for (int t = 0; t < 50; t++) {
      v.step(noop);
    }
    assertFalse(v.dones()[0]);
    assertTrue(v.dones()[1] && v.truncated()[1]);
  }

  @Test
  void errorsForBadUse() {
    VectorEnv v = Envs.makeVector("CartPole-v0", EnvContext.empty(), 2);
    assertThrows(IllegalStateException.class, () -> v.step(new double[2]));
    v.resetAll();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> v.step(new double[3]));
    assertTrue(e.getMessage().contains("expected 2 action values"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> v.step(new double[] {0, 2}));
    assertTrue(
        e.getMessage().contains("CartPoleEnv") && e.getMessage().contains("invalid action 2"),
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Envs.makeVector("CartPole-v0", EnvContext.empty(), 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> VectorEnv.of(List.of(Envs.make("CartPole-v0"), Envs.make("MountainCar-v0"))));
    Env tupleEnv =
        new Env() {
          @Override
          public Object reset() {
            return List.of(0, 0);
          }

          @Override
          public StepResult step(Object action) {
            return null;
          }

          @Override
          public Space observationSpace() {
            return new Tuple(new Discrete(2), new Discrete(2));
          }

          @Override
          public Space actionSpace() {
            return new Discrete(2);
          }
        };
    e = assertThrows(IllegalArgumentException.class, () -> VectorEnv.of(List.of(tupleEnv)));
    assertTrue(e.getMessage().contains("Tuple(Discrete(2), Discrete(2))"), e.getMessage());
  }

  @Test
  void fastPathDoesNotAllocatePerStep() {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (String id : List.of("CartPole-v0", "Acrobot-v1", "Pendulum-v0")) {
      VectorEnv v = Envs.makeVector(id, EnvContext.empty(), 8);
      v.resetAll();
      double[] actions = new double[8 * v.actionSize()];
      Arrays.fill(actions, 1);
      for (int t = 0; t < 2000; t++) {
        v.step(actions); // warm up
      }
      long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
      for (int t = 0; t < 20000; t++) {
        v.step(actions);
      }
      long allocated = bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
      // 160,000 env steps; one 32-byte array per step would be > 5 MB
      assertTrue(allocated < 200_000, id + " allocated " + allocated + " bytes");
    }
  }
}
