/**
 * Metric curves of trials drawn with JFreeChart, written as PNG or SVG: the viewer's plot images
 * and {@code bin/tune4j plot} share them.
 */
package io.tune4j.viewer.charts;
