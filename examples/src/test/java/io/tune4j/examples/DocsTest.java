package io.tune4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The docs stay in step with the code: every example is in a table, and every relative link of
 * README.md and docs/ reaches a file and, with a {@code #fragment}, a heading of it. (The config
 * reference is checked against the code by the rllib module's ConfigReferenceTest.)
 */
class DocsTest {
  private static final Path DOC = Path.of("..", "docs", "rllib.md");

  private static String doc() throws Exception {
    return Files.readString(DOC);
  }

  @Test
  void everyExampleIsDocumented() throws Exception {
    String doc = doc() + Files.readString(DocsCompileTest.ROOT.resolve("docs/tune.md"));
    for (String name : Examples.EXAMPLES.keySet()) {
      assertTrue(doc.contains("| `" + name + "` |"), name + " missing from the tables of docs/rllib.md and docs/tune.md");
    }
  }

  /** GitHub's anchor of a heading: lower case, punctuation other than - and _ dropped, spaces to -. */
  static String anchor(String heading) {
    return heading.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
  }

  static java.util.Set<String> anchors(Path md) throws Exception {
    java.util.Set<String> out = new java.util.HashSet<>();
    boolean fence = false;
    for (String l : Files.readAllLines(md)) {
      if (l.startsWith("```")) {
        fence = !fence;
      } else if (!fence && l.matches("^#+ .*")) {
        out.add(anchor(l.replaceFirst("^#+ ", "")));
      }
    }
    return out;
  }

  @Test
  void everyRelativeLinkReachesAFileAndHeading() throws Exception {
    Path root = DocsCompileTest.ROOT;
    List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
    try (java.util.stream.Stream<Path> s = Files.walk(root.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    java.util.regex.Pattern link = java.util.regex.Pattern.compile("\\]\\(([^)\\s]+)\\)");
    List<String> broken = new ArrayList<>();
    for (Path f : files) {
      String text = Files.readString(f).replaceAll("(?s)```.*?```", "");
      java.util.regex.Matcher m = link.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z]+:.*")) {
          continue; // http:, https:, mailto:
        }
        String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String frag = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path resolved = path.isEmpty() ? f : f.getParent().resolve(path).normalize();
        if (!Files.exists(resolved)) {
          broken.add(root.relativize(f) + ": " + target + " (no such file)");
        } else if (frag != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(frag)) {
          broken.add(root.relativize(f) + ": " + target + " (no such heading)");
        }
      }
    }
    assertTrue(broken.isEmpty(), "broken links:\n" + String.join("\n", broken));
  }
}
