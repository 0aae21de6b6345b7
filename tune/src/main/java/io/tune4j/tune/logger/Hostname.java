package io.tune4j.tune.logger;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's host name, as Python's {@code socket.gethostname()} gives it; looked up once. */
public final class Hostname {

  private static final String NAME = lookUp();

  private Hostname() {}

  /** Returns the host name, made safe for a file name. */
  public static String get() {
    return NAME;
  }

  private static String lookUp() {
    String name = null;
    try {
      Path kernel = Path.of("/proc/sys/kernel/hostname");
      if (Files.isReadable(kernel)) {
        name = new String(Files.readAllBytes(kernel), StandardCharsets.UTF_8).trim();
      }
    } catch (IOException | RuntimeException e) {
      name = null;
    }
    if (name == null || name.isEmpty()) {
      name = System.getenv("HOSTNAME");
    }
    if (name == null || name.isEmpty()) {
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (IOException | RuntimeException e) {
        name = "localhost";
      }
    }
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
