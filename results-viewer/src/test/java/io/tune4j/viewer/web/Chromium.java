package io.tune4j.viewer.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium and chromedriver for the browser tests. When they are missing the tests
 * install them with apt-get as root (or through password-less sudo), as the cluster tests install
 * Ray: the README's test command then works on a fresh machine. {@code -Dtune4j.skipBrowser=true}
 * leaves the browser tests out.
 */
final class Chromium {
  static final Path BROWSER = Path.of(System.getProperty("tune4j.chromium", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getProperty("tune4j.chromedriver", "/usr/bin/chromedriver"));

  private Chromium() {}

  static boolean skipped() {
    return Boolean.getBoolean("tune4j.skipBrowser");
  }

  /** Installs chromium and chromium-driver when they are missing; fails naming what to do when it cannot. */
  static synchronized void ensureInstalled() throws IOException, InterruptedException {
    if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
      return;
    }
    List<String> sudo = "root".equals(System.getProperty("user.name")) ? List.of() : List.of("sudo", "-n");
    String install = "apt-get install -y --no-install-recommends chromium chromium-driver"
        + " || (apt-get update && apt-get install -y --no-install-recommends chromium chromium-driver)";
    List<String> cmd = new java.util.ArrayList<>(sudo);
    cmd.addAll(List.of("sh", "-c", install));
    System.out.println("Chromium: installing Debian's chromium and chromium-driver: " + String.join(" ", cmd));
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    int exit = p.waitFor();
    if (exit != 0 || !Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
      throw new IllegalStateException("the browser tests need " + BROWSER + " and " + DRIVER
          + ": apt-get install chromium chromium-driver (as root; .ci/run does) failed with exit " + exit
          + "; or run with -Dtune4j.skipBrowser=true");
    }
  }

  /** A headless Chromium with the flags this machine needs (no sandbox as root, no background networking). */
  static ChromeDriver start(Path profile) {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(BROWSER.toFile());
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,1300", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(DRIVER.toString()))
        .usingAnyFreePort()
        .build();
    return new ChromeDriver(service, o);
  }
}
