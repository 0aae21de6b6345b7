package io.tune4j.rllib.agents;

import io.tune4j.rllib.env.VectorEnv;
import io.tune4j.rllib.evaluation.Episode;
import io.tune4j.rllib.policy.SampleBatch;
import io.tune4j.rllib.util.PublicApi;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * User hooks called during sampling and training (RLlib's {@code callbacks} config: {@code
 * on_episode_start}, {@code on_episode_step}, {@code on_episode_end}, {@code on_sample_end},
 * {@code on_postprocess_traj}, {@code on_train_result}). Every hook is a no-op by default; override
 * the ones you need. Custom scalar metrics put into {@link Episode#customMetrics()} by the end of
 * an episode are reported as {@code custom_metrics/<name>_mean|_min|_max}.
 *
 * <pre>{@code
 * public class PoleAngle implements Callbacks {
 *   public void onEpisodeStart(Episode e, VectorEnv env) { e.userData().put("sum", 0.0); }
 *   public void onEpisodeStep(Episode e, VectorEnv env) {
 *     e.userData().merge("sum", (double) Math.abs(e.lastObservationFor()[2]), (a, b) -> (double) a + (double) b);
 *   }
 *   public void onEpisodeEnd(Episode e, VectorEnv env) {
 *     e.customMetrics().put("pole_angle", (double) e.userData().get("sum") / e.length());
 *   }
 * }
 * // config: "callbacks": new PoleAngle()  or  "callbacks": "com.example.PoleAngle"
 * }</pre>
 *
 * <p>Call order for one episode: {@code onEpisodeStart} (after the first observation), then per
 * env step {@code onEpisodeStep}; when a fragment of it is cut or the episode ends, {@code
 * onPostprocessTraj}; at the end {@code onEpisodeEnd} (after the last step's {@code onEpisodeStep}
 * and the final {@code onPostprocessTraj}). {@code onSampleEnd} follows once per returned batch.
 * Episode hooks run on the rollout worker's thread, one call at a time; {@code onTrainResult} runs
 * on the driver. Instances are serialised to every worker, so keep state in the episode, not in
 * fields.
 */
@PublicApi
public interface Callbacks extends Serializable {

  /** Callbacks that do nothing (the default). */
  Callbacks NONE = new Callbacks() {};

  /**
   * A new episode started; its first observation is available.
   *
   * @param episode the episode
   * @param env the vector env the episode runs in (env {@link Episode#envIndex()}); may be null
   */
  default void onEpisodeStart(Episode episode, VectorEnv env) {}

  /** One step of {@code episode} was taken; its last observation, action and reward are set. */
  default void onEpisodeStep(Episode episode, VectorEnv env) {}

  /** {@code episode} ended (terminated, truncated by a time limit, or hit the horizon). */
  default void onEpisodeEnd(Episode episode, VectorEnv env) {}

  /** A rollout worker finished collecting {@code batch} (may be modified in place). */
  default void onSampleEnd(SampleBatch batch) {}

  /**
   * A trajectory fragment of {@code episode} was postprocessed by the policy.
   *
   * @param episode the episode the fragment belongs to
   * @param postprocessed the policy's output (may be modified in place)
   */
  default void onPostprocessTraj(Episode episode, SampleBatch postprocessed) {}

  /**
   * {@code trainer.train()} produced {@code result} (may be modified in place; e.g. change every
   * worker's env through the trainer for curriculum learning).
   */
  default void onTrainResult(Trainer trainer, Map<String, Object> result) {}

  /**
   * Resolves the {@code callbacks} config value.
   *
   * @param value a {@link Callbacks} instance, a {@code Class} implementing it, the
   *     fully-qualified name of such a class (created by its public no-argument constructor), or
   *     null for {@link #NONE}
   * @return the callbacks
   * @throws IllegalArgumentException naming the key and the class when the value cannot be used
   */
  static Callbacks fromConfig(Object value) {
    if (value == null) {
      return NONE;
    }
    if (value instanceof Callbacks c) {
      return c;
    }
    if (value instanceof String name) {
      Class<?> cls;
      try {
        cls = Class.forName(name.trim(), true, classLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalArgumentException(
            "callbacks: class '" + name + "' not found on the classpath", e);
      }
      return instantiate(cls);
    }
    if (value instanceof Class<?> cls) {
      return instantiate(cls);
    }
    throw new IllegalArgumentException(
        "callbacks: expected a " + Callbacks.class.getName()
            + " instance or a class name, got " + value.getClass().getName() + " " + value);
  }

  private static Callbacks instantiate(Class<?> cls) {
    if (!Callbacks.class.isAssignableFrom(cls)) {
      throw new IllegalArgumentException(
          "callbacks: class '" + cls.getName() + "' does not implement " + Callbacks.class.getName());
    }
    try {
      return (Callbacks) cls.getConstructor().newInstance();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "callbacks: class '" + cls.getName() + "' needs a public no-argument constructor", e);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(
          "callbacks: constructor of '" + cls.getName() + "' threw " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          "callbacks: cannot instantiate '" + cls.getName() + "': " + e, e);
    }
  }

  private static ClassLoader classLoader() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return cl != null ? cl : Callbacks.class.getClassLoader();
  }
}
