package io.tune4j.tune.util;

import java.util.Collection;

/** "Did you mean" suggestions for mistyped keys and names. */
public final class Suggest {
  private Suggest() {}

  /** The candidate closest to {@code key} by edit distance, or null if none is close. */
  public static String closest(String key, Collection<String> candidates) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(key.toLowerCase(), c.toLowerCase());
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    return best != null && bestD <= Math.max(2, key.length() / 2) ? best : null;
  }

  /** {@code "; did you mean 'x'?"} or an empty string. */
  public static String didYouMean(String key, Collection<String> candidates) {
    String c = closest(key, candidates);
    return c == null ? "" : "; did you mean '" + c + "'?";
  }

  /** Levenshtein distance. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
