package io.tune4j.rllib.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Dict;
import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.env.MultiDiscrete;
import io.tune4j.rllib.env.Tuple;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreprocessorsTest {

  @Test
  void discreteIsOneHotAndOverwritesStaleSlots() {
    Preprocessor p = Preprocessors.get(new Discrete(3));
    assertEquals(3, p.size());
    assertEquals(1, p.rawSize());
    float[] out = {9, 9, 9, 9, 9};
    p.transform(2, out, 1);
    assertArrayEquals(new float[] {9, 0, 0, 1, 9}, out);
    p.transformRow(new double[] {7, 0}, 1, out, 2);
    assertArrayEquals(new float[] {9, 0, 1, 0, 0}, out);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> p.transform(3, out, 0));
    assertTrue(e.getMessage().contains("3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> p.transform("a", out, 0));
  }

  @Test
  void boxIsFlattened() {
    Preprocessor p = Preprocessors.get(new Box(-1, 1, Box.Dtype.FLOAT32, 2, 2));
    assertEquals(4, p.size());
    assertArrayEquals(
        new float[] {0.5f, -1f, 0.25f, 1f}, p.transform(new double[] {.5, -1, .25, 1}));
    float[] out = new float[4];
    p.transformRow(new double[] {0, 1, 2, 3, 4}, 1, out, 0);
    assertArrayEquals(new float[] {1, 2, 3, 4}, out);
    assertThrows(IllegalArgumentException.class, () -> p.transform(new double[3]));
  }

  @Test
  void tupleDictAndMultiDiscreteConcatenate() {
    Box box = new Box(new double[] {-1, -1}, new double[] {1, 1});
    Preprocessor t = Preprocessors.get(new Tuple(new Discrete(2), box));
    assertEquals(4, t.size());
    assertEquals(3, t.rawSize());
    assertArrayEquals(
        new float[] {0, 1, .5f, -.5f}, t.transform(List.of(1, new double[] {.5, -.5})));
    float[] row = new float[4];
    t.transformRow(new double[] {0, .25, .75}, 0, row, 0);
    assertArrayEquals(new float[] {1, 0, .25f, .75f}, row);

    // Dict components in sorted key order: "a" (Box) then "b" (Discrete(3)).
    Preprocessor d = Preprocessors.get(new Dict(Map.of("b", new Discrete(3), "a", box)));
    assertArrayEquals(
        new float[] {.1f, .2f, 0, 0, 1}, d.transform(Map.of("b", 2, "a", new double[] {.1, .2})));
    assertThrows(IllegalArgumentException.class, () -> d.transform(Map.of("a", new double[2])));

    Preprocessor md = Preprocessors.get(new MultiDiscrete(2, 3));
    assertEquals(5, md.size());
    assertArrayEquals(new float[] {1, 0, 0, 0, 1}, md.transform(new int[] {0, 2}));
  }

  @Test
  void preprocessorsAreSerializable() throws Exception {
    Preprocessor p = Preprocessors.get(new Tuple(new Discrete(2), new MultiDiscrete(2)));
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(p);
    }
    assertEquals(4, p.size());
  }
}
