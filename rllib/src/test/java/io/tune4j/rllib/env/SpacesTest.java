package io.tune4j.rllib.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpacesTest {
  private static final Box CARTPOLE_OBS =
      new Box(
          new double[] {-4.8, -Float.MAX_VALUE, -0.41887902047863906, -Float.MAX_VALUE},
          new double[] {4.8, Float.MAX_VALUE, 0.41887902047863906, Float.MAX_VALUE},
          Box.Dtype.FLOAT32);

  private static Space nested() {
    return new Dict(
        Map.of(
            "pos", new Box(-1.0, 1.0, Box.Dtype.FLOAT64, 2, 3),
            "flags", new MultiBinary(4),
            "pad", new MultiDiscrete(5, 2, 2),
            "inner",
                new Tuple(
                    new Discrete(3),
                    new Box(
                        new double[] {Double.NEGATIVE_INFINITY, 0},
                        new double[] {0, Double.POSITIVE_INFINITY}))));
  }

  @Test
  void toStringIsGymRepr() {
    assertEquals("Discrete(2)", new Discrete(2).toString());
    assertEquals("Box(2,)", new Box(-1, 1, Box.Dtype.FLOAT32, 2).toString());
    assertEquals("Box(3, 4)", new Box(-1, 1, Box.Dtype.FLOAT32, 3, 4).toString());
    assertEquals("MultiDiscrete([5 2 2])", new MultiDiscrete(5, 2, 2).toString());
    assertEquals("MultiBinary(4)", new MultiBinary(4).toString());
    assertEquals(
        "Tuple(Discrete(2), Box(1,))",
        new Tuple(new Discrete(2), new Box(0, 1, Box.Dtype.FLOAT32, 1)).toString());
    assertEquals(
        "Dict(a:Discrete(2), b:Discrete(3))",
        new Dict(Map.of("b", new Discrete(3), "a", new Discrete(2))).toString());
  }

  @Test
  void discreteContains() {
    Discrete d = new Discrete(3);
    assertTrue(d.contains(0) && d.contains(2) && d.contains(2L));
    assertFalse(
        d.contains(3) || d.contains(-1) || d.contains(1.0) || d.contains("1") || d.contains(null));
    assertEquals(3, d.n());
    assertThrows(IllegalArgumentException.class, () -> new Discrete(0));
  }

  @Test
  void boxContainsBoundsShapeAndFloat32Rounding() {
    Box b = new Box(new double[] {-1, 0}, new double[] {1, 0.1}, Box.Dtype.FLOAT32);
    assertEquals((float) 0.1, b.high(1), 0.0); // cast like gym's astype(float32)
    assertTrue(b.contains(new double[] {-1, 0.1}));
    assertTrue(b.contains(new float[] {0f, 0.05f}));
    assertFalse(b.contains(new double[] {-1.0000001, 0}));
    assertFalse(b.contains(new double[] {0, Double.NaN}));
    assertFalse(b.contains(new double[] {0}));
    assertFalse(b.contains(List.of(0.0, 0.0)));
    Box one = new Box(-2, 2, Box.Dtype.FLOAT32, 1);
    assertTrue(one.contains(1.5) && !one.contains(2.5));
    assertEquals(6, new Box(0, 1, Box.Dtype.FLOAT64, 2, 3).flatSize());
    assertEquals(
        List.of(2, 3),
        Arrays.stream(new Box(0, 1, Box.Dtype.FLOAT64, 2, 3).shape()).boxed().toList());
    assertThrows(IllegalArgumentException.class, () -> new Box(new double[] {1}, new double[] {0}));
    assertThrows(
        IllegalArgumentException.class, () -> new Box(new double[] {0, 0}, new double[] {1}));
    assertArrayEquals(new double[] {-1, 0.1f}, b.clip(new double[] {-5, 5}));
  }

  private static void assertArrayEquals(double[] e, double[] a) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(e, a, 0.0);
  }

  @Test
  void multiSpacesContain() {
    MultiDiscrete md = new MultiDiscrete(5, 2);
    assertTrue(md.contains(new int[] {4, 1}));
    assertFalse(
        md.contains(new int[] {5, 1})
            || md.contains(new int[] {0})
            || md.contains(new int[] {-1, 0}));
    MultiBinary mb = new MultiBinary(3);
    assertTrue(mb.contains(new int[] {0, 1, 1}));
    assertFalse(mb.contains(new int[] {0, 2, 1}) || mb.contains(new int[] {0, 1}));
    Tuple t = new Tuple(new Discrete(2), md);
    assertTrue(t.contains(List.of(1, new int[] {0, 0})));
    assertTrue(t.contains(new Object[] {1, new int[] {0, 0}}));
    assertFalse(t.contains(List.of(2, new int[] {0, 0})) || t.contains(List.of(1)));
    Dict d = new Dict(Map.of("a", new Discrete(2), "b", mb));
    assertTrue(d.contains(Map.of("a", 1, "b", new int[] {1, 1, 1})));
    assertFalse(d.contains(Map.of("a", 1)));
    assertFalse(d.contains(Map.of("a", 1, "c", new int[] {1, 1, 1})));
    assertEquals(List.of("a", "b"), List.copyOf(d.spaces().keySet()));
  }

  @Test
  void seededSamplesAreContainedAndReproducible() {
    Space s = nested();
    Random r1 = new Random(42);
    Random r2 = new Random(42);
    for (int i = 0; i < 200; i++) {
      Object a = s.sample(r1);
      assertTrue(s.contains(a), "sample not contained: " + a);
      Object b = s.sample(r2);
      assertEquals(deep(a), deep(b));
    }
    for (int i = 0; i < 200; i++) {
      double[] x = CARTPOLE_OBS.sample(r1);
      assertTrue(CARTPOLE_OBS.contains(x));
      assertEquals(x[0], (float) x[0], 0.0); // float32 box samples are float values
    }
    Object sampleDict = s.sample(r1);
    assertInstanceOf(Map.class, sampleDict);
    assertEquals(
        List.of("flags", "inner", "pad", "pos"), List.copyOf(((Map<?, ?>) sampleDict).keySet()));
    assertInstanceOf(Integer.class, new Discrete(4).sample(r1));
  }

  private static String deep(Object o) {
    if (o instanceof double[] d) {
      return Arrays.toString(d);
    }
    if (o instanceof int[] d) {
      return Arrays.toString(d);
    }
    if (o instanceof List<?> l) {
      return l.stream().map(SpacesTest::deep).toList().toString();
    }
    if (o instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder();
      m.forEach((k, v) -> sb.append(k).append('=').append(deep(v)).append(';'));
      return sb.toString();
    }
    return String.valueOf(o);
  }

  @Test
  void jsonRoundTripsEverySpaceExactly() {
    for (Space s :
        List.of(
            new Discrete(7),
            CARTPOLE_OBS,
            new Box(-2, 2, Box.Dtype.FLOAT64, 1),
            new MultiDiscrete(3, 4),
            new MultiBinary(2),
            nested())) {
      String json = Spaces.toJson(s);
      Space back = Spaces.fromJson(json);
      assertEquals(s, back, json);
      assertEquals(s.toString(), back.toString());
      assertEquals(s, Spaces.fromMap(Spaces.toMap(s)));
    }
    assertEquals("{\"type\":\"Discrete\",\"n\":7}", Spaces.toJson(new Discrete(7)));
    assertTrue(Spaces.toJson(nested()).contains("\"-Infinity\""));
  }

  @Test
  void malformedJsonNamesTheField() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Spaces.fromJson("{\"type\":\"Discrete\",\"n\":\"x\"}"));
    assertTrue(
        e.getMessage().contains("space.n") && e.getMessage().contains("\"x\""), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Spaces.fromJson("{\"type\":\"Blob\"}"));
    assertTrue(e.getMessage().contains("Blob"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Spaces.fromJson(
                    "{\"type\":\"Tuple\",\"spaces\":[{\"type\":\"Box\",\"low\":[0],\"high\":[\"a\"]}]}"));
    assertTrue(e.getMessage().contains("space.spaces[0].high[0]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Spaces.fromJson("not json"));
  }

  @Test
  void equalityAndJavaSerialization() throws Exception {
    assertEquals(new Discrete(2), new Discrete(2));
    assertNotEquals(new Discrete(2), new Discrete(3));
    assertNotEquals(new Box(0, 1, Box.Dtype.FLOAT32, 2), new Box(0, 1, Box.Dtype.FLOAT64, 2));
    assertEquals(
        new Box(0, 1, Box.Dtype.FLOAT32, 2).hashCode(),
        new Box(0, 1, Box.Dtype.FLOAT32, 2).hashCode());
    Space s = nested();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(s, in.readObject());
    }
  }
}
