package io.tune4j.examples;

import java.util.Arrays;

/** Dispatches {@code bin/tune4j example NAME [ARGS]} to the runnable examples. */
public final class Examples {
  private Examples() {}

  /** Runs the named example. */
  public static void main(String[] args) throws Exception {
    String name = args.length == 0 ? "" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (name) {
      case "sweep" -> SweepExample.main(rest);
      default -> {
        System.err.println("Unknown example '" + name + "'. Examples: sweep");
        System.exit(2);
      }
    }
  }
}
