package io.tune4j.viewer.web;

import io.tune4j.viewer.data.UnsafePathException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request's decoded path segments and query parameters. */
record Query(List<String> path, Map<String, List<String>> params) {
  /**
   * Decodes a raw path and query.
   *
   * @throws UnsafePathException for a {@code .} or {@code ..} segment, or one that holds an
   *     encoded separator
   * @throws HttpError 400 for bad percent-encoding
   */
  static Query parse(String rawPath, String rawQuery) {
    List<String> segs = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (s.isEmpty()) {
        continue;
      }
      String d = decode(s.replace("+", "%2B"));
      UnsafePathException.check("path segment", d);
      segs.add(d);
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String kv : rawQuery.split("&")) {
        int eq = kv.indexOf('=');
        String k = decode(eq < 0 ? kv : kv.substring(0, eq));
        String v = eq < 0 ? "" : decode(kv.substring(eq + 1));
        params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    return new Query(List.copyOf(segs), params);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, "bad percent-encoding in '" + s + "'");
    }
  }

  /** A parameter's first value, or {@code fallback} when it is absent or blank. */
  String get(String name, String fallback) {
    List<String> vs = params.get(name);
    String v = vs == null ? null : vs.get(0);
    return v == null || v.isBlank() ? fallback : v.strip();
  }

  /** Every non-blank value of a repeated parameter ({@code ?trial=a&trial=b}). */
  List<String> all(String name) {
    List<String> out = new ArrayList<>();
    for (String v : params.getOrDefault(name, List.of())) {
      if (!v.isBlank()) {
        out.add(v.strip());
      }
    }
    return out;
  }

  /** A comma-separated parameter as a list, empty when absent. */
  List<String> list(String name) {
    List<String> out = new ArrayList<>();
    for (String s : get(name, "").split(",")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }

  /** An integer parameter within [min, max]. */
  int intParam(String name, int fallback, int min, int max) {
    String v = get(name, null);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int i = Integer.parseInt(v.strip());
      if (i >= min && i <= max) {
        return i;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new HttpError(400, "query parameter " + name + "='" + v + "' must be an integer from " + min + " to " + max);
  }
}
