package io.tune4j.tune.logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

  private record Point(int x, int y) {}

  @Test
  void compactKeepsInsertionOrderAndNullsNonFinite() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 1);
    m.put("a", Double.NaN);
    m.put("c", new float[] {Float.POSITIVE_INFINITY, 1.5f});
    assertEquals("{\"b\":1,\"a\":null,\"c\":[null,1.5]}", JsonText.toJson(m));
  }

  @Test
  void prettyIsPythonsIndentTwoSortedLayout() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("y", List.of(1, 2));
    inner.put("x", Map.of());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", inner);
    m.put("a", List.of());
    String expected =
        "{\n"
            + "  \"a\": [],\n"
            + "  \"z\": {\n"
            + "    \"x\": {},\n"
            + "    \"y\": [\n"
            + "      1,\n"
            + "      2\n"
            + "    ]\n"
            + "  }\n"
            + "}";
    assertEquals(expected, JsonText.toPrettyJson(m));
  }

  @Test
  void unknownValuesBecomeTheirText() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p", new Point(1, 2));
    m.put("e", java.time.DayOfWeek.MONDAY);
    Map<String, Object> back = JsonText.parseObject(JsonText.toJson(m));
    assertEquals("Point[x=1, y=2]", back.get("p"));
    assertEquals("MONDAY", back.get("e"));
  }

  @Test
  void mapperReadsPythonNanTokensAndWritesNull() throws Exception {
    Map<String, Object> m = JsonText.parseObject("{\"a\": NaN, \"b\": Infinity}");
    assertTrue(Double.isNaN((Double) m.get("a")));
    String written = JsonText.mapper().writeValueAsString(m);
    assertEquals("{\"a\":null,\"b\":null}", written);
    assertNull(JsonText.parseObject(written).get("a"));
  }

  @Test
  void sanitizeSortsAndConverts() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", Double.NaN);
    m.put("a", new Point(0, 0));
    Object s = JsonText.sanitize(m, true);
    assertEquals("{a=Point[x=0, y=0], b=null}", s.toString());
  }

  @Test
  void parseErrorQuotesTheText() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JsonText.parseObject("[1,2]"));
    assertTrue(e.getMessage().contains("'[1,2]'"), e.getMessage());
  }
}
