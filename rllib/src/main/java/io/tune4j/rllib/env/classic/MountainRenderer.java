package io.tune4j.rllib.env.classic;

import java.awt.Color;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** Gym's mountain-car drawing, shared by both mountain-car envs. */
final class MountainRenderer {
  private MountainRenderer() {}

  private static double height(double xs) {
    return Math.sin(3 * xs) * .45 + .55;
  }

  static BufferedImage render(double pos, double minPosition, double maxPosition, double goal) {
    int screenWidth = 600;
    int screenHeight = 400;
    double worldWidth = maxPosition - minPosition;
    double scale = screenWidth / worldWidth;
    double carwidth = 40;
    double carheight = 20;
    Canvas c = new Canvas(screenWidth, screenHeight);
    double[] track = new double[200];
    for (int i = 0; i < 100; i++) {
      double xs = minPosition + (maxPosition - minPosition) * i / 99.0;
      track[2 * i] = (xs - minPosition) * scale;
      track[2 * i + 1] = height(xs) * scale;
    }
    c.polyline(track, 4f, Color.BLACK);
    double clearance = 10;
    AffineTransform cartrans =
        Canvas.transform((pos - minPosition) * scale, height(pos) * scale, Math.cos(3 * pos));
    double l = -carwidth / 2;
    double r = carwidth / 2;
    double t = carheight;
    double b = 0;
    c.fillPolygon(
        new double[] {l, b, l, t, r, t, r, b},
        Color.BLACK,
        Canvas.transform(0, clearance, 0),
        cartrans);
    Color gray = Canvas.color(.5, .5, .5);
    c.fillCircle(carheight / 2.5, gray, Canvas.transform(carwidth / 4, clearance, 0), cartrans);
    c.fillCircle(carheight / 2.5, gray, Canvas.transform(-carwidth / 4, clearance, 0), cartrans);
    double flagx = (goal - minPosition) * scale;
    double flagy1 = height(goal) * scale;
    double flagy2 = flagy1 + 50;
    c.line(flagx, flagy1, flagx, flagy2, 1f, Color.BLACK);
    c.fillPolygon(
        new double[] {flagx, flagy2, flagx, flagy2 - 10, flagx + 25, flagy2 - 5},
        Canvas.color(.8, .8, 0));
    return c.image();
  }
}
