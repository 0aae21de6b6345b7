package io.tune4j.tune.trainable;

import java.io.Serializable;

/** Creates fresh {@link Trainable} instances; serializable so it can be shipped to Ray actors. */
@FunctionalInterface
public interface TrainableFactory extends Serializable {

  /** Creates a new, not yet initialized trainable. */
  Trainable create() throws Exception;

  /** A factory for a class with a public no-argument constructor. */
  static TrainableFactory of(Class<? extends Trainable> cls) {
    try {
      cls.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "Trainable class " + cls.getName() + " needs a public no-argument constructor", e);
    }
    return () -> cls.getConstructor().newInstance();
  }

  /** A factory for a function trainable. */
  static TrainableFactory of(TrainableFunction fn) {
    return () -> new FunctionTrainable(fn);
  }
}
