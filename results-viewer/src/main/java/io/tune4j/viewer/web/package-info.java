/**
 * The viewer's web server ({@link io.tune4j.viewer.web.ResultsViewer}): HTML pages, plot images
 * and a small JSON API over a {@link io.tune4j.viewer.data.ResultsStore}, on loopback by default,
 * read-only, with names from requests checked so that nothing outside the logdir is reachable.
 */
package io.tune4j.viewer.web;
