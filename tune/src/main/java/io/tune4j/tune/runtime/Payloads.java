package io.tune4j.tune.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

/**
 * Encodes what crosses a Ray actor boundary as one {@code byte[]} (DESIGN.md: byte arrays cross
 * actors in microseconds, object graphs in milliseconds). Uses Java serialization, which keeps
 * value types (Long vs Double) and serializable lambdas intact.
 */
public final class Payloads {
  /** Class loaders of classes encoded in this JVM, other than the application's. */
  private static final java.util.Set<ClassLoader> LOADERS =
      java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

  private Payloads() {}

  private static void remember(ClassLoader l) {
    if (l != null && l != ClassLoader.getSystemClassLoader() && l != ClassLoader.getPlatformClassLoader()) {
      LOADERS.add(l);
    }
  }

  private static java.util.List<ClassLoader> loaders() {
    synchronized (LOADERS) {
      return new java.util.ArrayList<>(LOADERS);
    }
  }

  /**
   * Encodes {@code value}.
   *
   * @throws IllegalArgumentException naming the class that is not serializable
   */
  public static byte[] encode(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    remember(Thread.currentThread().getContextClassLoader());
    try (ObjectOutputStream out =
        new ObjectOutputStream(bytes) {
          @Override
          protected void annotateClass(Class<?> cl) {
            remember(cl.getClassLoader());
          }
        }) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException(
          "value of class " + e.getMessage() + " is not serializable (it must implement"
              + " java.io.Serializable to reach a Ray actor)",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Decodes what {@link #encode} produced. */
  @SuppressWarnings("unchecked")
  public static <T> T decode(byte[] bytes) {
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes)) {
          @Override
          protected Class<?> resolveClass(java.io.ObjectStreamClass desc)
              throws IOException, ClassNotFoundException {
            try {
              return Class.forName(desc.getName(), false, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException e) {
              // A class of the encoding side's own loader (a program run from source, a plugin
              // loader): in the embedded mode the actor runs in this JVM and can use it.
              for (ClassLoader l : loaders()) {
                try {
                  return Class.forName(desc.getName(), false, l);
                } catch (ClassNotFoundException ignored) {
                  // try the next
                }
              }
              return super.resolveClass(desc);
            }
          }
        }) {
      return (T) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot decode actor payload: " + e, e);
    }
  }
}
