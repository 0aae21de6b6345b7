/** Command-line tools of the tune module ({@code bin/tune4j ls}). */
package io.tune4j.tune.cli;
