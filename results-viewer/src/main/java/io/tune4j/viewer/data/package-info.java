/**
 * Reads experiment and trial directories as Tune writes them ({@code params.json}, {@code
 * result.json} or {@code progress.csv}, {@code checkpoint_*}, {@code error.txt}, {@code
 * experiment_state-*.json}), incrementally: each refresh reads only the lines appended since the
 * last one, and a half-written last line waits until it is complete.
 */
package io.tune4j.viewer.data;
