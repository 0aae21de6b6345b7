package io.tune4j.tune.execution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.tune.trainable.TrainableContext;
import io.tune4j.tune.trainable.TrainableFactory;
import io.tune4j.tune.trainable.TrainableFunction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The byte forms that cross the trial actor boundary. */
class ResultCodecTest {

  private static Map<String, Object> sample(Map<String, Object> config) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("int", 7);
    r.put("long", -1234567890123L);
    r.put("double", 0.1);
    r.put("nan", Double.NaN);
    r.put("float", 2.5f);
    r.put("true", true);
    r.put("false", false);
    r.put("null", null);
    r.put("text", "héllo ✓");
    r.put("long text", "x".repeat(300));
    r.put("nested", new LinkedHashMap<>(Map.of("a", 1L)));
    r.put("list", new ArrayList<>(Arrays.asList(1, "two", 3.0, null)));
    r.put("doubles", new double[] {1.5, -2});
    r.put("floats", new float[] {1.5f});
    r.put("ints", new int[] {Integer.MIN_VALUE, 3});
    r.put("longs", new long[] {Long.MAX_VALUE});
    r.put("other", new BigDecimal("1.25"));
    r.put("config", config);
    return r;
  }

  @Test
  void resultsRoundTripWithKeyOrderAndValueTypes() {
    Map<String, Object> config = new LinkedHashMap<>(Map.of("lr", 0.01));
    Map<String, Object> in = sample(config);
    Map<String, Object> driverConfig = new LinkedHashMap<>(config);
    List<Map<String, Object>> out = ResultCodec.decode(ResultCodec.encode(List.of(in, Map.of()), config), driverConfig);
    assertEquals(2, out.size());
    Map<String, Object> r = out.get(0);
    assertEquals(new ArrayList<>(in.keySet()), new ArrayList<>(r.keySet()));
    for (String k : List.of("int", "long", "double", "float", "true", "false", "text", "long text", "nested", "list", "other")) {
      assertEquals(in.get(k), r.get(k), k);
      assertEquals(in.get(k).getClass(), r.get(k).getClass(), k);
    }
    assertTrue(((Double) r.get("nan")).isNaN());
    assertTrue(r.containsKey("null") && r.get("null") == null);
    assertArrayEquals((double[]) in.get("doubles"), (double[]) r.get("doubles"));
    assertArrayEquals((float[]) in.get("floats"), (float[]) r.get("floats"));
    assertArrayEquals((int[]) in.get("ints"), (int[]) r.get("ints"));
    assertArrayEquals((long[]) in.get("longs"), (long[]) r.get("longs"));
    assertSame(driverConfig, r.get("config"), "the trial's own config is replaced by the driver's copy");
    assertEquals(Map.of(), out.get(1));
  }

  @Test
  void aConfigThatIsNotTheTrialsOwnTravelsInFull() {
    Map<String, Object> changed = new LinkedHashMap<>(Map.of("lr", 0.5));
    Map<String, Object> r = new LinkedHashMap<>(Map.of("config", changed));
    Map<String, Object> out = ResultCodec.decode(ResultCodec.encode(List.of(r), Map.of("lr", 0.5)), Map.of("x", 1)).get(0);
    assertEquals(changed, out.get("config"));
  }

  @Test
  void anUnsendableValueNamesItsKeyPath() {
    Map<String, Object> config = Map.of("model", Map.of("net", new Object()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultCodec.encodeMap(config));
    assertTrue(e.getMessage().contains("key 'model/net'") && e.getMessage().contains("java.lang.Object"), e.getMessage());
  }
}
