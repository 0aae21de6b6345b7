package io.tune4j.rllib.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvContextTest {

  @Test
  void typedGettersWithDefaults() {
    EnvContext ctx =
        new EnvContext(
            Map.of("n", 5, "big", 7L, "x", 0.25, "flag", true, "name", "corridor", "whole", 3.0),
            2,
            1);
    assertEquals(5, ctx.getInt("n", 0));
    assertEquals(7L, ctx.getLong("big", 0));
    assertEquals(3, ctx.getInt("whole", 0));
    assertEquals(0.25, ctx.getDouble("x", 0));
    assertEquals(5.0, ctx.getDouble("n", 0));
    assertTrue(ctx.getBoolean("flag", false));
    assertEquals("corridor", ctx.getString("name", null));
    assertEquals(9, ctx.getInt("missing", 9));
    assertNull(ctx.get("missing"));
    assertEquals(2, ctx.workerIndex());
    assertEquals(1, ctx.vectorIndex());
    assertEquals(4, ctx.withVectorIndex(4).vectorIndex());
    assertEquals(2, ctx.withVectorIndex(4).workerIndex());
    assertEquals(ctx.config(), ctx.withVectorIndex(4).config());
  }

  @Test
  void wrongTypesNameKeyAndValue() {
    EnvContext ctx = EnvContext.of(Map.of("n", "abc", "x", 1.5));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ctx.getInt("n", 0));
    assertTrue(
        e.getMessage().contains("'n'") && e.getMessage().contains("\"abc\""), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ctx.getInt("x", 0));
    assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("1.5"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ctx.getBoolean("x", false));
    assertThrows(IllegalArgumentException.class, () -> ctx.getString("x", ""));
    assertThrows(IllegalArgumentException.class, () -> new EnvContext(Map.of(), -1, 0));
  }

  @Test
  void configIsCopiedAndImmutable() {
    Map<String, Object> m = new HashMap<>();
    m.put("a", 1);
    EnvContext ctx = EnvContext.of(m);
    m.put("a", 2);
    assertEquals(1, ctx.get("a"));
    assertThrows(UnsupportedOperationException.class, () -> ctx.config().put("b", 1));
    assertEquals(EnvContext.of(Map.of("a", 1)), ctx);
    assertTrue(EnvContext.empty().config().isEmpty());
  }
}
