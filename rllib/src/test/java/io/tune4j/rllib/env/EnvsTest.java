package io.tune4j.rllib.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.env.classic.CartPole;
import io.tune4j.rllib.env.classic.MountainCar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EnvsTest {

  @Test
  void builtInSpecsMatchGym() {
    assertEquals(new EnvSpec("CartPole-v0", 200, 195.0), Envs.spec("CartPole-v0"));
    assertEquals(new EnvSpec("CartPole-v1", 500, 475.0), Envs.spec("CartPole-v1"));
    assertEquals(new EnvSpec("MountainCar-v0", 200, -110.0), Envs.spec("MountainCar-v0"));
    assertEquals(
        new EnvSpec("MountainCarContinuous-v0", 999, 90.0), Envs.spec("MountainCarContinuous-v0"));
    assertEquals(new EnvSpec("Pendulum-v0", 200, null), Envs.spec("Pendulum-v0"));
    assertEquals(new EnvSpec("Acrobot-v1", 500, -100.0), Envs.spec("Acrobot-v1"));
    assertTrue(
        Envs.registeredIds().containsAll(List.of("CartPole-v0", "Acrobot-v1", "Pendulum-v0")));
  }

  @Test
  void makeWrapsInTimeLimitAndKeepsTheStateHook() {
    Env env = Envs.make("CartPole-v0");
    assertInstanceOf(TimeLimit.class, env);
    assertEquals(200, ((TimeLimit) env).maxEpisodeSteps());
    assertInstanceOf(CartPole.class, env.unwrapped());
    StatefulEnv s = assertInstanceOf(StatefulEnv.class, env);
    s.setState(new double[] {0.1, -0.2, 0.05, 0.3});
    env.step(1);
    assertEquals(0.02349585151852651, s.getState()[3], 0.0);
  }

  @Test
  void timeLimitTruncatesAtTheLimit() {
    Env env = Envs.make("MountainCar-v0");
    env.seed(1);
    env.reset();
    for (int i = 1; i < 200; i++) {
      StepResult r = env.step(1); // no push: never reaches the goal
      assertFalse(r.done(), "step " + i);
      assertFalse(r.info().containsKey("TimeLimit.truncated"));
    }
    StepResult last = env.step(1);
    assertTrue(last.done());
    assertEquals(Boolean.TRUE, last.info().get("TimeLimit.truncated"));
    assertTrue(last.truncated());
    env.reset();
    assertFalse(env.step(1).done());
  }

  @Test
  void terminationAtTheLimitStepIsNotTruncation() {
    Envs.register("corridor-limit-test", Corridor::new, 3);
    try {
      Env env = Envs.make("corridor-limit-test", EnvContext.of(Map.of("corridor_length", 3)));
      env.reset();
      env.step(1);
      env.step(1);
      StepResult r = env.step(1);
      assertTrue(r.done());
      assertEquals(Boolean.FALSE, r.info().get("TimeLimit.truncated"));
      assertEquals(3, r.info().get("pos")); // the env's own info is kept
      assertFalse(r.truncated());
    } finally {
      Envs.unregister("corridor-limit-test");
    }
  }

  @Test
  void stepBeforeResetThroughTimeLimitIsAnError() {
    Env env = Envs.make("Acrobot-v1");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(0));
    assertEquals("Cannot call env.step() before calling reset()", e.getMessage());
    // a set state counts as a start
    ((StatefulEnv) env).setState(new double[] {0, 0, 0, 0});
    assertEquals(-1.0, env.step(1).reward());
  }

  @Test
  void customEnvGetsItsEnvConfig() {
    Envs.register("corridor-test", Corridor::new);
    try {
      assertTrue(Envs.isRegistered("corridor-test"));
      assertNull(Envs.spec("corridor-test").maxEpisodeSteps());
      Env env = Envs.make("corridor-test", EnvContext.of(Map.of("corridor_length", 8)));
      Corridor c = assertInstanceOf(Corridor.class, env);
      assertEquals(8, c.length());
      assertEquals(new Discrete(9), env.observationSpace());
      assertEquals(0, env.reset());
      assertEquals(5, ((Corridor) Envs.make("corridor-test")).length());
      assertTrue(Envs.registeredIds().contains("corridor-test"));
      Envs.register(
          "corridor-test", ctx -> new Corridor(EnvContext.of(Map.of("corridor_length", 2))));
      assertEquals(2, ((Corridor) Envs.make("corridor-test")).length());
    } finally {
      Envs.unregister("corridor-test");
    }
    assertFalse(Envs.isRegistered("corridor-test"));
  }

  @Test
  void registrationErrors() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Envs.register("CartPole-v0", Corridor::new));
    assertTrue(e.getMessage().contains("built-in"), e.getMessage());
    assertInstanceOf(CartPole.class, Envs.make("CartPole-v0").unwrapped());
    assertThrows(IllegalArgumentException.class, () -> Envs.register(" ", Corridor::new));
    assertThrows(IllegalArgumentException.class, () -> Envs.register("x", null));
    assertThrows(IllegalArgumentException.class, () -> Envs.register("x", Corridor::new, 0));
    Envs.register("null-env-test", ctx -> null);
    try {
      assertThrows(IllegalStateException.class, () -> Envs.make("null-env-test"));
    } finally {
      Envs.unregister("null-env-test");
    }
  }

  @Test
  void unknownIdListsClosestIds() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Envs.make("CartPol-v0"));
    assertEquals(
        "Unknown env id 'CartPol-v0'. Closest registered ids: CartPole-v0, CartPole-v1,"
            + " Acrobot-v1. Register custom envs with Envs.register(name, creator).",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Envs.spec("mountaincar-v0"));
    assertTrue(e.getMessage().contains("Closest registered ids: MountainCar-v0,"), e.getMessage());
    assertEquals(1, Envs.editDistance("abc", "abd"));
    assertEquals(3, Envs.editDistance("", "abc"));
  }

  @Test
  void registryIsThreadSafe() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int id = t;
        futures.add(
            pool.submit(
                () -> {
                  int made = 0;
                  for (int i = 0; i < 50; i++) {
                    String name = "thread-env-" + id + "-" + i;
                    Envs.register(name, Corridor::new, 10);
                    made += Envs.make(name) instanceof TimeLimit ? 1 : 0;
                    made += Envs.make("MountainCar-v0").unwrapped() instanceof MountainCar ? 1 : 0;
                  }
                  return made;
                }));
      }
      for (Future<Integer> f : futures) {
        assertEquals(100, f.get());
      }
      for (int t = 0; t < 8; t++) {
        for (int i = 0; i < 50; i++) {
          assertTrue(Envs.unregister("thread-env-" + t + "-" + i));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void creatorIsSerializableForRemoteWorkers() throws Exception {
    EnvCreator c = Envs.creator("CartPole-v0");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(c);
    }
    assertTrue(bytes.size() > 0);
    assertSame(CartPole.class, c.create(EnvContext.empty()).getClass());
  }
}
