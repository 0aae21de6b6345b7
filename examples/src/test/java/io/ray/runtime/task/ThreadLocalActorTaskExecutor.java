package io.ray.runtime.task;

import io.ray.api.Ray;
import io.ray.api.id.UniqueId;
import io.ray.runtime.AbstractRayRuntime;
import java.lang.reflect.Field;

/**
 * Test-only workaround for a Ray 2.39 LOCAL-mode race: the one {@code TaskExecutor} of the JVM
 * keeps "the current actor" in a single field, so when two actors start a call at the same time
 * one call can run on the other actor's object (seen here as {@code RolloutWorker.sample} invoked
 * on the global {@code Counter}, "object is not an instance of declaring class", lost counter
 * increments, and two threads sampling one rollout worker). This executor keeps the current actor
 * per thread; the examples' Ray tests install it so that they test the examples, not the race.
 * Delete it once Tune4j's {@code RaySession} installs an equivalent fix for every program.
 */
public class ThreadLocalActorTaskExecutor extends LocalModeTaskExecutor {
  private final ThreadLocal<LocalActorContext> current = new ThreadLocal<>();

  private ThreadLocalActorTaskExecutor(AbstractRayRuntime runtime) {
    super(runtime);
  }

  @Override
  LocalActorContext getActorContext() {
    return current.get();
  }

  @Override
  void setActorContext(UniqueId workerId, LocalActorContext ctx) {
    if (ctx != null) {
      current.set(ctx);
    }
  }

  /** Swaps this executor into the running LOCAL-mode runtime unless one like it is there. */
  public static synchronized void install() {
    if (!(Ray.internal() instanceof AbstractRayRuntime runtime)) {
      return;
    }
    try {
      Field executor = AbstractRayRuntime.class.getDeclaredField("taskExecutor");
      executor.setAccessible(true);
      if (executor.get(runtime).getClass() != LocalModeTaskExecutor.class) {
        return; // cluster mode, or already replaced
      }
      Field submitterField = AbstractRayRuntime.class.getDeclaredField("taskSubmitter");
      submitterField.setAccessible(true);
      if (!(submitterField.get(runtime) instanceof LocalModeTaskSubmitter submitter)) {
        return;
      }
      ThreadLocalActorTaskExecutor fixed = new ThreadLocalActorTaskExecutor(runtime);
      Field inner = LocalModeTaskSubmitter.class.getDeclaredField("taskExecutor");
      inner.setAccessible(true);
      inner.set(submitter, fixed);
      executor.set(runtime, fixed);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot install the LOCAL-mode actor race workaround", e);
    }
  }
}
