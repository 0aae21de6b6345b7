package io.tune4j.tune.runtime;

/**
 * The one Ray actor class of Tune4j: it hosts an object made by a {@link HostOps.Factory} (a
 * trial host, a rollout worker, ...) and runs typed operations on it. Only {@link ActorRuntime}
 * creates and calls it.
 *
 * <p>A stateless shell: the host lives in {@link ActorHosts} under an id the driver chose, and each
 * call names that id, because Ray 2.39's LOCAL mode can run a method on another actor's instance
 * (see {@link ActorHosts}). {@link #call} never throws: a failure comes back as a failed reply
 * carrying the stack trace, so it reaches the driver intact whatever its class.
 */
public class HostActor {

  /** Ray creates the actor through this constructor: {@code init} is the host id and factory. */
  public HostActor(byte[] init) {
    Wire.Message m = Wire.decodeMessage(init);
    ActorHosts.register(m.hostId(), new Cell((HostOps.Factory<?>) m.op()));
  }

  /** Answers once the actor is constructed (the embedded runtime waits for it; see there). */
  public byte[] ready() {
    return new byte[0];
  }

  /** Runs one encoded operation on the host and returns the encoded reply. */
  public byte[] call(byte[] msg) {
    try {
      Wire.Message m = Wire.decodeMessage(msg);
      Object host = ActorHosts.get(m.hostId(), Cell.class).host();
      return Wire.ok(HostOps.invoke(m.op(), host, m.args()));
    } catch (Throwable t) {
      return Wire.failed(t);
    }
  }

  /**
   * Runs one encoded operation whose first argument is {@code shared} (the contents of a {@link
   * SharedObject}, resolved by Ray) and whose others are in the message.
   */
  public byte[] callWith(byte[] msg, byte[] shared) {
    try {
      Wire.Message m = Wire.decodeMessage(msg);
      Object host = ActorHosts.get(m.hostId(), Cell.class).host();
      Object[] args = new Object[m.args().length + 1];
      args[0] = shared;
      System.arraycopy(m.args(), 0, args, 1, m.args().length);
      return Wire.ok(HostOps.invoke(m.op(), host, args));
    } catch (Throwable t) {
      return Wire.failed(t);
    }
  }

  /** Holds the host, created by its factory on the first call (so a failing factory is a failed call). */
  static final class Cell {
    private final HostOps.Factory<?> factory;
    private Object host;

    Cell(HostOps.Factory<?> factory) {
      this.factory = factory;
    }

    Object host() throws Exception {
      if (host == null) {
        host = factory.create();
      }
      return host;
    }
  }

}
