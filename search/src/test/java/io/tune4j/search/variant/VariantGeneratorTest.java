package io.tune4j.search.variant;

import static io.tune4j.search.SearchSpace.choice;
import static io.tune4j.search.SearchSpace.gridSearch;
import static io.tune4j.search.SearchSpace.randint;
import static io.tune4j.search.SearchSpace.sampleFrom;
import static io.tune4j.search.SearchSpace.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.search.RecursiveDependencyException;
import io.tune4j.search.SearchSpaceException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VariantGeneratorTest {
  private static Map<String, Object> root(Object... keyValues) {
    Map<String, Object> config = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      config.put((String) keyValues[i], keyValues[i + 1]);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("config", config);
    return root;
  }

  private static List<String> tags(List<Variant> variants) {
    List<String> out = new ArrayList<>();
    variants.forEach(v -> out.add(v.experimentTag()));
    return out;
  }

  @Test
  void tuneDocumentedGridOrderFirstSortedVariableFastest() {
    // declared momentum first: order must still follow the sorted paths
    Map<String, Object> spec = root("momentum", gridSearch(1, 2), "lr", gridSearch(0.2, 0.4, 0.6));
    VariantGenerator gen = new VariantGenerator(spec, 1, 0L);
    List<Variant> all = gen.generateAll();
    assertEquals(6, gen.totalVariants());
    assertEquals(
        List.of(
            "0_lr=0.2,momentum=1",
            "1_lr=0.4,momentum=1",
            "2_lr=0.6,momentum=1",
            "3_lr=0.2,momentum=2",
            "4_lr=0.4,momentum=2",
            "5_lr=0.6,momentum=2"),
        tags(all));
    assertEquals(Map.of("momentum", 2, "lr", 0.4), all.get(4).config());
    assertEquals(
        List.of("config.lr", "config.momentum"), List.copyOf(all.get(4).resolvedVars().keySet()));
    assertEquals(4, all.get(4).index());
  }

  @Test
  void numSamplesRepeatsTheGridAndRedrawsRandomValues() {
    Map<String, Object> spec = root("a", gridSearch("x", "y"), "u", uniform(0, 1));
    List<Variant> all = new VariantGenerator(spec, 3, 1L).generateAll();
    assertEquals(6, all.size());
    for (int i = 0; i < 6; i++) {
      assertEquals(i % 2 == 0 ? "x" : "y", all.get(i).config().get("a"));
      assertTrue(
          all.get(i).experimentTag().startsWith(i + "_a=" + (i % 2 == 0 ? "x" : "y") + ",u="));
    }
    long distinct = all.stream().map(v -> v.config().get("u")).distinct().count();
    assertEquals(6, distinct, "random values must be drawn afresh per variant");
  }

  @Test
  void noVariablesGivesPlainIndexTagsAndFreshCopies() {
    Map<String, Object> spec = root("lr", 0.1);
    List<Variant> all = new VariantGenerator(spec, 2, 0L).generateAll();
    assertEquals(List.of("0", "1"), tags(all));
    all.get(0).config().put("lr", 9.0);
    assertEquals(0.1, all.get(1).config().get("lr"));
    assertEquals(Map.of(), all.get(0).resolvedVars());
  }

  @Test
  void nestedMapsAndListsAreResolvedAndTheInputIsNotMutated() {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("layers", List.of(Map.of("size", gridSearch(32, 64)), 16));
    model.put("act", choice("relu"));
    Map<String, Object> spec = root("model", model);
    spec.put("resources_per_trial", Map.of("cpu", gridSearch(1, 2)));
    String before = spec.toString();

    List<Variant> all = new VariantGenerator(spec, 1, 3L).generateAll();
    assertEquals(before, spec.toString());
    assertEquals(4, all.size());
    // sorted paths: config.model.layers.0.size < resources_per_trial.cpu
    assertEquals("0_act=relu,0_size=32", all.get(0).experimentTag());
    assertEquals("1_act=relu,0_size=64", all.get(1).experimentTag());
    Variant last = all.get(3);
    assertEquals(
        Map.of("model", Map.of("layers", List.of(Map.of("size", 64), 16), "act", "relu")),
        last.resolved().get("config"));
    assertEquals(Map.of("cpu", 2), last.resolved().get("resources_per_trial"));
    assertEquals(2, last.resolvedVars().get("resources_per_trial.cpu"));
    assertEquals(64, last.resolvedVars().get("config.model.layers.0.size"));
  }

  @Test
  void sampleFromChainsResolveInAnyDeclarationOrder() {
    Map<String, Object> spec =
        root(
            "c", sampleFrom(s -> s.configInt("b") + 1),
            "b", sampleFrom(s -> s.configInt("a") * 10),
            "a", gridSearch(1, 2));
    spec.put("resources_per_trial", Map.of("cpu", sampleFrom(s -> s.configInt("a"))));
    List<Variant> all = new VariantGenerator(spec, 1, 0L).generateAll();
    assertEquals(Map.of("c", 11, "b", 10, "a", 1), all.get(0).config());
    assertEquals(Map.of("c", 21, "b", 20, "a", 2), all.get(1).config());
    assertEquals(Map.of("cpu", 2), all.get(1).resolved().get("resources_per_trial"));
    assertEquals("1_a=2,b=20,c=21", all.get(1).experimentTag());
  }

  @Test
  void sampleFromCanReadRandomValuesAndWholeMaps() {
    Map<String, Object> spec =
        root(
            "double_u", sampleFrom(s -> s.configDouble("u") * 2),
            "u", uniform(0, 1),
            "copy", sampleFrom(s -> s.config("opt")),
            "opt", Map.of("m", randint(5, 6)));
    Variant v = new VariantGenerator(spec, 1, 0L).generateAll().get(0);
    assertEquals(2 * (Double) v.config().get("u"), (Double) v.config().get("double_u"), 0.0);
    assertEquals(Map.of("m", 5), v.config().get("copy"));
    ((Map<String, Object>) castMap(v.config().get("copy"))).put("m", 0); // a fresh, mutable copy
    assertEquals(Map.of("m", 5), v.config().get("opt"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  @Test
  void cycleErrorNamesTheKeys() {
    Map<String, Object> spec =
        root(
            "a", sampleFrom(s -> s.config("b")),
            "b", sampleFrom(s -> s.config("a")),
            "c", sampleFrom(s -> s.config("a")));
    VariantGenerator gen = new VariantGenerator(spec, 1, 0L);
    RecursiveDependencyException e =
        assertThrows(RecursiveDependencyException.class, gen::generateAll);
    assertTrue(e.getMessage().contains("config.a -> config.b -> config.a"), e.getMessage());
    assertTrue(e.getMessage().contains("config.c reads config.a"), e.getMessage());
    assertEquals(List.of("config.a", "config.b", "config.c"), e.unresolvedPaths());
  }

  @Test
  void missingKeyErrorNamesPathAndTheReader() {
    Map<String, Object> spec = root("b", sampleFrom(s -> s.config("nope")));
    SearchSpaceException e =
        assertThrows(
            SearchSpaceException.class, () -> new VariantGenerator(spec, 1, 0L).generateAll());
    assertTrue(
        e.getMessage().startsWith("Failed to evaluate sample_from at 'config.b': "),
        e.getMessage());
    assertTrue(e.getMessage().contains("No value at 'config.nope'"), e.getMessage());
  }

  @Test
  void seedMakesTheSequenceReproducible() {
    Map<String, Object> spec =
        root(
            "u",
            uniform(0, 1),
            "g",
            gridSearch(1, 2, 3),
            "r",
            randint(0, 1_000_000),
            "f",
            sampleFrom(s -> s.random().nextInt(1000)));
    List<Variant> a = new VariantGenerator(spec, 4, 42L).generateAll();
    List<Variant> b = new VariantGenerator(spec, 4, 42L).generateAll();
    List<Variant> c = new VariantGenerator(spec, 4, 43L).generateAll();
    assertEquals(a, b);
    assertNotEquals(tags(a), tags(c));
    VariantGenerator unseeded = new VariantGenerator(spec, 2, null);
    assertEquals(unseeded.generateAll(), unseeded.generateAll(), "iterators replay the drawn seed");
    assertEquals(
        new VariantGenerator(spec, 2, unseeded.seed()).generateAll(), unseeded.generateAll());
  }

  @Test
  void yamlStyleGridSearchMapsWorkAndBadFormsAreRejected() {
    Map<String, Object> spec = root("lr", Map.of("grid_search", List.of(0.1, 0.01)));
    assertEquals(
        List.of("0_lr=0.1", "1_lr=0.01"), tags(new VariantGenerator(spec, 1, 0L).generateAll()));
    SearchSpaceException e =
        assertThrows(
            SearchSpaceException.class,
            () -> new VariantGenerator(root("lr", Map.of("grid_search", 3)), 1, 0L));
    assertEquals("At 'config.lr': Grid search expected a list of values, got: 3", e.getMessage());
    e =
        assertThrows(
            SearchSpaceException.class,
            () -> new VariantGenerator(root("x", Map.of("eval", "spec.config.a")), 1, 0L));
    assertTrue(
        e.getMessage().contains("At 'config.x': {\"eval\": spec.config.a} is Python-only"),
        e.getMessage());
  }

  @Test
  void domainsInsideGridValuesAndSampleFromResultsAreExpandedInTurn() {
    Map<String, Object> spec =
        root("opt", gridSearch(Map.of("lr", uniform(0, 1)), Map.of("lr", gridSearch(5, 6))));
    List<Variant> all = new VariantGenerator(spec, 1, 0L).generateAll();
    assertEquals(3, all.size(), "the nested grid adds a variant beyond totalVariants()");
    assertTrue((Double) castMap(all.get(0).config().get("opt")).get("lr") < 1.0);
    assertEquals(Map.of("lr", 6), all.get(2).config().get("opt"));
    assertEquals("2_opt={'lr': 6},lr=6", all.get(2).experimentTag());
  }

  @Test
  void iterationIsLazyForLargeSweeps() {
    AtomicInteger calls = new AtomicInteger();
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      values.add(i);
    }
    Map<String, Object> spec =
        root(
            "i",
            gridSearch(values),
            "j",
            gridSearch(1, 2),
            "k",
            sampleFrom(s -> calls.incrementAndGet()));
    VariantGenerator gen = new VariantGenerator(spec, 3, 0L);
    assertEquals(60_000, gen.totalVariants());
    Iterator<Variant> it = gen.iterator();
    Variant first = it.next();
    assertEquals(1, calls.get(), "only the requested variant is built");
    assertEquals("0_i=0,j=1,k=1", first.experimentTag());
    int n = 1;
    while (it.hasNext()) {
      it.next();
      n++;
    }
    assertEquals(60_000, n);
    assertFalse(it.hasNext());
  }

  @Test
  void badGeneratorArguments() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new VariantGenerator(root(), 0, 0L));
    assertEquals("num_samples must be >= 1, got 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new VariantGenerator(null, 1, 0L));
  }
}
