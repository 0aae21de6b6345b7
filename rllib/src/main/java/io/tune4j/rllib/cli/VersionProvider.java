package io.tune4j.rllib.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code rllib --version}: "Tune4j &lt;version&gt;", the version from the rllib jar's manifest when
 * it has one, else {@value #FALLBACK_VERSION}.
 */
public final class VersionProvider implements IVersionProvider {
  /** The release this source tree builds, used when no jar manifest names a version. */
  public static final String FALLBACK_VERSION = "0.1.0";

  /** For picocli. */
  public VersionProvider() {}

  /** The one-line version string, e.g. {@code "Tune4j 0.1.0"}. */
  public static String versionLine() {
    String v = RllibCommand.class.getPackage().getImplementationVersion();
    return "Tune4j " + (v == null || v.isBlank() ? FALLBACK_VERSION : v);
  }

  @Override
  public String[] getVersion() {
    return new String[] {versionLine()};
  }
}
