package io.tune4j.rllib.env.classic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/**
 * A tiny Java2D stand-in for gym's pyglet {@code rendering.Viewer}: white background, y-up world
 * coordinates, geoms placed by pyglet-style transforms (translate, then rotate, then scale).
 */
final class Canvas {
  private final BufferedImage image;
  private final Graphics2D g;
  private final AffineTransform world;

  /** Creates a canvas whose world units are pixels, origin bottom-left (gym's default). */
  Canvas(int width, int height) {
    this(width, height, 0, width, 0, height);
  }

  /** Creates a canvas with gym's {@code set_bounds(left, right, bottom, top)}. */
  Canvas(int width, int height, double left, double right, double bottom, double top) {
    image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    double sx = width / (right - left);
    double sy = height / (top - bottom);
    world = new AffineTransform();
    world.translate(0, height);
    world.scale(1, -1);
    world.translate(-left * sx, -bottom * sy);
    world.scale(sx, sy);
  }

  /** Returns pyglet's {@code Transform(translation, rotation)} as a matrix. */
  static AffineTransform transform(double tx, double ty, double rotation) {
    AffineTransform t = new AffineTransform();
    t.translate(tx, ty);
    t.rotate(rotation);
    return t;
  }

  /** Returns a gym color given as floats in [0, 1]. */
  static Color color(double r, double gr, double b) {
    return new Color((float) r, (float) gr, (float) b);
  }

  /**
   * Returns the world-to-pixel matrix after applying a geom's attrs; attrs are listed in gym's
   * {@code add_attr} order (the first is applied to the points first).
   */
  private AffineTransform place(AffineTransform... attrs) {
    AffineTransform t = new AffineTransform(world);
    for (int i = attrs.length - 1; i >= 0; i--) {
      t.concatenate(attrs[i]);
    }
    return t;
  }

  /** Fills a polygon given as {x0, y0, x1, y1, ...}. */
  void fillPolygon(double[] xy, Color c, AffineTransform... attrs) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(xy[0], xy[1]);
    for (int i = 2; i < xy.length; i += 2) {
      p.lineTo(xy[i], xy[i + 1]);
    }
    p.closePath();
    fill(p, c, attrs);
  }

  /** Fills a circle centred at the local origin. */
  void fillCircle(double radius, Color c, AffineTransform... attrs) {
    fill(new Ellipse2D.Double(-radius, -radius, 2 * radius, 2 * radius), c, attrs);
  }

  private void fill(Shape s, Color c, AffineTransform... attrs) {
    g.setColor(c);
    g.fill(place(attrs).createTransformedShape(s));
  }

  /** Draws a polyline given as {x0, y0, x1, y1, ...} with a width in pixels. */
  void polyline(double[] xy, float widthPx, Color c, AffineTransform... attrs) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(xy[0], xy[1]);
    for (int i = 2; i < xy.length; i += 2) {
      p.lineTo(xy[i], xy[i + 1]);
    }
    g.setColor(c);
    g.setStroke(new BasicStroke(widthPx, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(place(attrs).createTransformedShape(p));
  }

  /** Draws a line with a width in pixels. */
  void line(double x1, double y1, double x2, double y2, float widthPx, Color c) {
    g.setColor(c);
    g.setStroke(new BasicStroke(widthPx));
    g.draw(place().createTransformedShape(new Line2D.Double(x1, y1, x2, y2)));
  }

  /** Finishes drawing and returns the image. */
  BufferedImage image() {
    g.dispose();
    return image;
  }
}
