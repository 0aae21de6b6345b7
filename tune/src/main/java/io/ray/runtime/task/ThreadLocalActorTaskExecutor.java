package io.ray.runtime.task;

import io.ray.api.Ray;
import io.ray.api.id.UniqueId;
import io.ray.runtime.AbstractRayRuntime;
import java.lang.reflect.Field;

/**
 * A workaround for a Ray Java 2.39 LOCAL-mode race, installed by {@code
 * io.tune4j.tune.runtime.EmbeddedRuntime} (and only there) for every program that uses Tune4j. Ray's one {@code TaskExecutor} per JVM keeps "the current actor" in a single
 * field ({@code TaskExecutor.actorContext}), so when two actors start a call at the same moment,
 * one call can run against the other actor's object. Tune4j's actor shells ({@code ActorHosts})
 * cover two actors of the same class. Between classes the call fails: in the global-counter
 * example, {@code RolloutWorkerActor.sample} was invoked on the {@code Counter} ("object is not an
 * instance of declaring class"), and env increments were lost. This executor keeps the current
 * actor per thread, which is what each actor's thread needs.
 *
 * <p>It lives in Ray's package because the methods it overrides are package-private; the
 * ray-runtime jar is not sealed, so this works on the class path (not as a named module). {@link
 * #install()} does nothing on a cluster or when a replacement is already installed.
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
