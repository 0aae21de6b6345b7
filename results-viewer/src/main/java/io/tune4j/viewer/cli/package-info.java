/** The viewer's commands: {@code bin/tune4j viewer} and {@code bin/tune4j plot}. */
package io.tune4j.viewer.cli;
