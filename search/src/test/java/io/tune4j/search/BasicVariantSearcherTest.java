package io.tune4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.search.variant.Variant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BasicVariantSearcherTest {
  @Test
  void handsOutEveryVariantThenFinishes() {
    Map<String, Object> spec = Map.of("config", Map.of("x", SearchSpace.gridSearch(1, 2, 3)));
    BasicVariantSearcher searcher = new BasicVariantSearcher(spec, 1, 0L);
    assertEquals(3, searcher.totalVariants());
    assertNull(searcher.lastVariant());
    Variant first = searcher.suggestVariant("t0");
    assertSame(first, searcher.lastVariant());
    assertEquals("0_x=1", first.experimentTag());
    Map<String, Object> second = searcher.suggest("t1");
    assertEquals(Map.of("x", 2), second);
    assertEquals("1_x=2", searcher.lastVariant().experimentTag());
    assertFalse(searcher.isFinished());
    searcher.onTrialResult("t0", Map.of("reward", 1.0));
    searcher.onTrialComplete("t0", Map.of("reward", 1.0), false);
    assertEquals("2_x=3", searcher.suggestVariant("t2").experimentTag());
    assertTrue(searcher.isFinished());
    assertNull(searcher.suggest("t3"));
    assertNull(searcher.suggestVariant("t3"));
  }
}
