/**
 * The results viewer: a web page over Tune result directories ({@code bin/tune4j viewer}) and the
 * same charts from the terminal ({@code bin/tune4j plot}). {@link io.tune4j.viewer.data} reads
 * the directories incrementally, {@link io.tune4j.viewer.charts} draws metric curves with
 * JFreeChart, {@link io.tune4j.viewer.web} serves the pages on loopback.
 */
package io.tune4j.viewer;
