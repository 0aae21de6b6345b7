package io.tune4j.tune.trainable;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Trainables by name: user registrations plus every {@link TrainableProvider} on the classpath. */
public final class TrainableRegistry {
  private static final Map<String, TrainableFactory> REGISTRY = new ConcurrentHashMap<>();
  private static volatile boolean providersLoaded;

  private TrainableRegistry() {}

  /** Registers (or replaces) a trainable under {@code name}. */
  public static void register(String name, TrainableFactory factory) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("trainable name must not be blank");
    }
    REGISTRY.put(name, factory);
  }

  /** Registers a function trainable under {@code name}. */
  public static void register(String name, TrainableFunction fn) {
    register(name, TrainableFactory.of(fn));
  }

  /** Registers a trainable class under {@code name}. */
  public static void register(String name, Class<? extends Trainable> cls) {
    register(name, TrainableFactory.of(cls));
  }

  /** Whether {@code name} is registered. */
  public static boolean contains(String name) {
    loadProviders();
    return REGISTRY.containsKey(name);
  }

  /** The factory registered under {@code name}; the error lists the registered names. */
  public static TrainableFactory get(String name) {
    loadProviders();
    TrainableFactory f = REGISTRY.get(name);
    if (f == null) {
      throw new IllegalArgumentException(
          "Unknown trainable '" + name + "'. Registered trainables: " + new TreeSet<>(REGISTRY.keySet()));
    }
    return f;
  }

  private static void loadProviders() {
    if (providersLoaded) {
      return;
    }
    synchronized (TrainableRegistry.class) {
      if (providersLoaded) {
        return;
      }
      for (TrainableProvider p : ServiceLoader.load(TrainableProvider.class)) {
        p.trainables().forEach(REGISTRY::putIfAbsent);
      }
      providersLoaded = true;
    }
  }
}
