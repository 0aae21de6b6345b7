package io.tune4j.rllib.models;

/**
 * Keeps ND4J and DL4J to warnings: their start-up writes about 13 INFO lines (backend, BLAS
 * vendor, build flags) to standard output on every run. {@code -Dtune4j.nd4j.log=INFO} keeps them.
 */
final class Nd4jLogging {
  private Nd4jLogging() {}

  /**
   * Sets the ND4J and DL4J loggers' level; called before ND4J loads its backend and again before
   * each network is built (starting Ray reconfigures logging in between). Cheap when already set.
   */
  static synchronized void quiet() {
    String level = System.getProperty("tune4j.nd4j.log", "WARN");
    try {
      org.apache.logging.log4j.Level l = org.apache.logging.log4j.Level.toLevel(level, org.apache.logging.log4j.Level.WARN);
      if (org.apache.logging.log4j.LogManager.getLogger("org.deeplearning4j.nn").getLevel() == l) {
        return;
      }
      for (String name : new String[] {"org.nd4j", "org.deeplearning4j", "org.bytedeco"}) {
        org.apache.logging.log4j.core.config.Configurator.setLevel(name, l);
      }
    } catch (LinkageError | RuntimeException e) {
      // Another logging backend: leave its configuration alone.
    }
  }
}
