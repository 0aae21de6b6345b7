package io.tune4j.tune.runtime;

import java.io.Serializable;

/**
 * The typed operations an {@link Actor} runs on its host object: method references such as {@code
 * TrialHost::train}, serialized once per call site. Each may throw; the exception reaches the
 * caller as an {@link ActorCallException} with the actor-side stack trace.
 */
public final class HostOps {
  private HostOps() {}

  /**
   * Creates the object an actor hosts (e.g. {@code RolloutWorker::new}); runs inside the actor.
   *
   * @param <H> the host type
   */
  @FunctionalInterface
  public interface Factory<H> extends Serializable {
    /** Creates the host. */
    H create() throws Exception;
  }

  /** An operation without arguments. */
  @FunctionalInterface
  public interface Op0<H, R> extends Serializable {
    /** Runs on the host. */
    R apply(H host) throws Exception;
  }

  /** An operation with one argument. */
  @FunctionalInterface
  public interface Op1<H, A, R> extends Serializable {
    /** Runs on the host. */
    R apply(H host, A a) throws Exception;
  }

  /** An operation with two arguments. */
  @FunctionalInterface
  public interface Op2<H, A, B, R> extends Serializable {
    /** Runs on the host. */
    R apply(H host, A a, B b) throws Exception;
  }

  /** An operation with three arguments. */
  @FunctionalInterface
  public interface Op3<H, A, B, C, R> extends Serializable {
    /** Runs on the host. */
    R apply(H host, A a, B b, C c) throws Exception;
  }

  /** An operation that returns nothing (for {@code void} methods). */
  @FunctionalInterface
  public interface Run1<H, A> extends Serializable {
    /** Runs on the host. */
    void apply(H host, A a) throws Exception;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object invoke(Object op, Object host, Object[] args) throws Exception {
    if (op instanceof Op0 o && args.length == 0) {
      return o.apply(host);
    }
    if (op instanceof Op1 o && args.length == 1) {
      return o.apply(host, args[0]);
    }
    if (op instanceof Op2 o && args.length == 2) {
      return o.apply(host, args[0], args[1]);
    }
    if (op instanceof Op3 o && args.length == 3) {
      return o.apply(host, args[0], args[1], args[2]);
    }
    if (op instanceof Run1 o && args.length == 1) {
      o.apply(host, args[0]);
      return null;
    }
    throw new IllegalArgumentException(
        "actor operation " + op.getClass().getName() + " does not take " + args.length + " arguments");
  }
}
