package io.tune4j.rllib.env.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.env.Env;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Helpers shared by the classic-control tests. */
final class EnvTestSupport {
  private EnvTestSupport() {}

  /** Asserts bit-for-bit equality of doubles (prints them in full when they differ). */
  static void assertExact(double[] expected, double[] actual) {
    assertArrayEquals(expected, actual, 0.0);
  }

  /** Asserts equality within a few ulps (for long chaotic trajectories where libm may differ). */
  static void assertClose(double[] expected, double[] actual, double tol) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(
          expected[i], actual[i], tol * Math.max(1.0, Math.abs(expected[i])), "index " + i);
    }
  }

  /** Renders, checks size/type/non-blankness, saves target/renders/name.png, returns the image. */
  static BufferedImage renderAndSave(Env env, String name, int width, int height)
      throws IOException {
    BufferedImage img = env.render();
    assertEquals(width, img.getWidth());
    assertEquals(height, img.getHeight());
    assertEquals(BufferedImage.TYPE_INT_RGB, img.getType());
    int nonWhite = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          nonWhite++;
        }
      }
    }
    assertTrue(nonWhite > 500, "render of " + name + " is nearly blank: " + nonWhite + " pixels");
    Path dir = Path.of("target", "renders");
    Files.createDirectories(dir);
    ImageIO.write(img, "png", new File(dir.toFile(), name + ".png"));
    return img;
  }

  /** Counts pixels close to an RGB colour given as floats (gym's set_color). */
  static int countColor(BufferedImage img, double r, double g, double b) {
    int tr = (int) Math.round(r * 255);
    int tg = (int) Math.round(g * 255);
    int tb = (int) Math.round(b * 255);
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        if (Math.abs(((rgb >> 16) & 255) - tr) <= 2
            && Math.abs(((rgb >> 8) & 255) - tg) <= 2
            && Math.abs((rgb & 255) - tb) <= 2) {
          n++;
        }
      }
    }
    return n;
  }
}
