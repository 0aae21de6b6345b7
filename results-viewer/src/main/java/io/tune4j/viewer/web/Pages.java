package io.tune4j.viewer.web;

import static io.tune4j.viewer.web.Html.esc;
import static io.tune4j.viewer.web.Html.num;
import static io.tune4j.viewer.web.Html.url;

import io.tune4j.search.Mode;
import io.tune4j.viewer.data.CheckpointInfo;
import io.tune4j.viewer.data.ExperimentData;
import io.tune4j.viewer.data.ResultsStore;
import io.tune4j.viewer.data.TrialData;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTML pages. Each page has a static part (navigation, controls, the plot) and a live part
 * that the page's script swaps in when the data's version changes ({@code ?partial=1} returns the
 * live part alone). Callers hold the store's lock.
 */
final class Pages {
  static final List<String> X_AXES = List.of("training_iteration", "timesteps_total", "time_total_s");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  /** A rendered page: static parts around the live part. */
  record Page(String title, String before, String live, String after, String versionUrl, long version) {
    String html() {
      return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          + "<title>" + esc(title) + " · Tune4j results</title>"
          + "<link rel=\"stylesheet\" href=\"/static/viewer.css\">"
          + "<script src=\"/static/viewer.js\" defer></script></head><body>"
          + "<header><a class=\"brand\" href=\"/\">Tune4j results</a>"
          + "<span id=\"livestatus\" class=\"livestatus\">live</span></header><main>"
          + before
          + "<div id=\"live\" data-version=\"" + version + "\" data-version-url=\"" + esc(versionUrl) + "\">"
          + live + "</div>" + after + "</main></body></html>\n";
    }
  }

  private final ResultsStore store;

  Pages(ResultsStore store) {
    this.store = store;
  }

  // ---------------------------------------------------------------- experiments list

  Page experiments(Query q) {
    String chosen = q.get("metric", null);
    String modeParam = q.get("mode", null);
    List<ExperimentData> exps = store.experiments();
    Set<String> metrics = new LinkedHashSet<>();
    for (ExperimentData e : exps) {
      metrics.addAll(e.metrics());
    }
    StringBuilder before = new StringBuilder();
    before.append("<h1>Experiments</h1><p class=\"meta\">in <code>").append(esc(store.logdir())).append("</code></p>");
    before.append("<form class=\"controls\" method=\"get\" action=\"/\">");
    metricInput(before, chosen == null ? "" : chosen, metrics, "each experiment's default");
    modeSelect(before, modeParam, true);
    before.append("<button type=\"submit\">Apply</button></form>");
    before.append("<div class=\"toolbar\"><input id=\"filter\" type=\"search\" placeholder=\"filter: text or column=value\"></div>");

    StringBuilder live = new StringBuilder();
    if (exps.isEmpty()) {
      live.append("<p class=\"empty\">No experiments in this logdir yet: a sweep writes one per "
          + "<code>Tune.run</code> (its <code>name</code>, else <code>default</code>). This page updates by itself.</p>");
    } else {
      live.append("<table id=\"experiments\" class=\"sortable\"><thead><tr>");
      th(live, "name", "Experiment");
      th(live, "started", "Started");
      th(live, "trials", "Trials");
      th(live, "states", "States");
      th(live, "metric", "Metric");
      th(live, "best", "Best");
      th(live, "besttrial", "Best trial");
      live.append("</tr></thead><tbody>");
      for (ExperimentData e : exps) {
        String metric = chosen != null ? chosen : e.defaultMetric();
        Mode mode = mode(q, metric);
        TrialData best = e.best(metric, mode);
        double bestValue = best == null ? Double.NaN : best.last(metric);
        String link = "/experiments/" + url(e.name()) + (chosen == null ? "" : "?metric=" + url(metric) + "&mode=" + mode);
        live.append("<tr data-experiment=\"").append(esc(e.name())).append("\">");
        live.append("<td data-v=\"").append(esc(e.name())).append("\"><a href=\"").append(esc(link)).append("\">")
            .append(esc(e.name())).append("</a></td>");
        Instant start = e.startTime();
        td(live, start == null ? "" : Long.toString(start.toEpochMilli()), start == null ? "–" : TIME.format(start));
        td(live, Integer.toString(e.trials().size()), Integer.toString(e.trials().size()));
        live.append("<td>").append(states(e.statusCounts())).append("</td>");
        td(live, metric, metric + " (" + mode + ")");
        td(live, Double.isNaN(bestValue) ? "" : Double.toString(bestValue), num(bestValue));
        if (best == null) {
          td(live, "", "–");
        } else {
          live.append("<td data-v=\"").append(esc(best.label())).append("\"><a href=\"/experiments/")
              .append(esc(url(e.name()))).append("/trials/").append(esc(url(best.name()))).append("\">")
              .append(esc(best.label())).append("</a></td>");
        }
        live.append("</tr>");
      }
      live.append("</tbody></table>");
    }
    return new Page("Experiments", before.toString(), live.toString(), "", "/api/version", store.version());
  }

  // ---------------------------------------------------------------- one experiment

  Page experiment(ExperimentData e, Query q) {
    String metric = q.get("metric", e.defaultMetric());
    Mode mode = mode(q, metric);
    String x = q.get("x", "training_iteration");
    List<String> metrics = e.metrics();
    List<String> cols = q.list("cols");
    if (cols.isEmpty()) {
      cols = defaultColumns(e, metric);
    } else if (!cols.contains(metric)) {
      cols.add(0, metric);
    }
    String base = "/experiments/" + url(e.name());
    StringBuilder before = new StringBuilder();
    before.append("<nav><a href=\"/\">Experiments</a> › ").append(esc(e.name())).append("</nav>");
    before.append("<h1>").append(esc(e.name())).append("</h1><p class=\"meta\"><code>").append(esc(e.dir()))
        .append("</code>");
    Instant start = e.startTime();
    if (start != null) {
      before.append(" · started ").append(TIME.format(start));
    }
    before.append("</p><form class=\"controls\" method=\"get\" action=\"").append(esc(base)).append("\">");
    metricInput(before, metric, metrics, null);
    modeSelect(before, mode.toString(), false);
    xSelect(before, x, metrics);
    before.append("<label>columns <input name=\"cols\" size=\"40\" value=\"").append(esc(String.join(",", cols)))
        .append("\" list=\"metrics\"></label><button type=\"submit\">Apply</button></form>");
    String plot = base + "/plot.png?metric=" + url(metric) + "&x=" + url(x);
    before.append("<figure class=\"plot\"><img id=\"plot\" alt=\"").append(esc(metric)).append(" against ")
        .append(esc(x)).append("\" data-base=\"").append(esc(plot)).append("\" src=\"").append(esc(plot))
        .append("&v=").append(e.version()).append("\"><figcaption>")
        .append("The selected trials, or all when none is selected · <a id=\"pngLink\" href=\"").append(esc(plot))
        .append("\">PNG</a> · <a id=\"svgLink\" href=\"").append(esc(plot.replace("/plot.png?", "/plot.svg?")))
        .append("\">SVG</a></figcaption></figure>");
    before.append("<div class=\"toolbar\"><input id=\"filter\" type=\"search\" placeholder=\"filter: text or column=value\">")
        .append("<button id=\"compare\" type=\"button\" disabled data-base=\"").append(esc(base))
        .append("/compare?metric=").append(esc(url(metric))).append("&amp;x=").append(esc(url(x)))
        .append("&amp;mode=").append(mode).append("\">Compare selected</button><span id=\"selcount\"></span></div>");

    StringBuilder live = new StringBuilder();
    List<TrialData> trials = e.trials();
    live.append("<p class=\"states\">").append(trials.size()).append(" trials: ").append(states(e.statusCounts())).append("</p>");
    if (trials.isEmpty()) {
      live.append("<p class=\"empty\">No trials yet.</p>");
    } else {
      TrialData best = e.best(metric, mode);
      List<String> varied = e.variedParams();
      boolean timesteps = metrics.contains("timesteps_total");
      live.append("<table id=\"trials\" class=\"sortable\"><thead><tr><th class=\"nosort\"></th>");
      th(live, "trial", "Trial");
      th(live, "status", "Status");
      for (String p : varied) {
        th(live, "p:" + p, p);
      }
      for (String m : cols) {
        th(live, "m:" + m, m);
      }
      th(live, "iter", "iter");
      th(live, "time", "time (s)");
      if (timesteps) {
        th(live, "ts", "timesteps");
      }
      live.append("</tr></thead><tbody>");
      for (TrialData t : trials) {
        live.append("<tr data-trial=\"").append(esc(t.name())).append("\"")
            .append(t == best ? " class=\"best\" title=\"best " + esc(metric) + " (" + mode + ")\"" : "").append(">");
        live.append("<td><input type=\"checkbox\" class=\"pick\" value=\"").append(esc(t.name())).append("\" aria-label=\"select ")
            .append(esc(t.label())).append("\"></td>");
        live.append("<td data-v=\"").append(esc(t.name())).append("\"><a href=\"").append(esc(base)).append("/trials/")
            .append(esc(url(t.name()))).append("?metric=").append(esc(url(metric))).append("&amp;x=").append(esc(url(x)))
            .append("\">").append(esc(t.label())).append("</a>").append(t == best ? " <span class=\"star\">★</span>" : "")
            .append("</td>");
        cell(live, t.status(), "<span class=\"status " + esc(t.status()) + "\">" + esc(t.status()) + "</span>");
        for (String p : varied) {
          Object v = t.config().get(p);
          td(live, Html.sortKey(v), v == null && !t.config().containsKey(p) ? "–" : Html.value(v));
        }
        for (String m : cols) {
          numberCell(live, t.last(m));
        }
        numberCell(live, t.rows());
        numberCell(live, t.last("time_total_s"));
        if (timesteps) {
          numberCell(live, t.last("timesteps_total"));
        }
        live.append("</tr>");
      }
      live.append("</tbody></table>");
    }
    return new Page(e.name(), before.toString(), live.toString(), "",
        "/api/version?exp=" + url(e.name()), e.version());
  }

  private static List<String> defaultColumns(ExperimentData e, String metric) {
    List<String> cols = new ArrayList<>();
    cols.add(metric);
    String def = e.defaultMetric();
    for (String m : e.metrics()) {
      if (cols.size() >= 3) {
        break;
      }
      boolean user = m.equals(def) || !m.contains("/") && !X_AXES.contains(m) && !autoLike(m);
      if (user && !cols.contains(m)) {
        cols.add(m);
      }
    }
    return cols;
  }

  private static boolean autoLike(String m) {
    return m.startsWith("time") || m.startsWith("timesteps") || m.startsWith("iterations")
        || m.startsWith("episodes_") || m.equals("training_iteration") || m.equals("pid")
        || m.startsWith("num_") || m.startsWith("episode_reward_m") && !m.equals("episode_reward_mean");
  }

  // ---------------------------------------------------------------- one trial

  Page trial(ExperimentData e, TrialData t, Query q) {
    String metric = q.get("metric", e.defaultMetric());
    String x = q.get("x", "training_iteration");
    String base = "/experiments/" + url(e.name());
    StringBuilder before = new StringBuilder();
    before.append("<nav><a href=\"/\">Experiments</a> › <a href=\"").append(esc(base)).append("\">")
        .append(esc(e.name())).append("</a> › ").append(esc(t.label())).append("</nav>");
    before.append("<h1>").append(esc(t.label())).append("</h1><p class=\"meta\"><code>").append(esc(t.dir()))
        .append("</code></p>");
    before.append("<form class=\"controls\" method=\"get\">");
    metricInput(before, metric, t.metrics(), null);
    xSelect(before, x, t.metrics());
    before.append("<button type=\"submit\">Apply</button></form>");
    String plot = base + "/plot.png?metric=" + url(metric) + "&x=" + url(x) + "&trial=" + url(t.name());
    before.append("<figure class=\"plot\"><img id=\"plot\" alt=\"").append(esc(metric)).append("\" data-base=\"")
        .append(esc(plot)).append("\" src=\"").append(esc(plot)).append("&v=").append(e.version()).append("\"></figure>");

    StringBuilder live = new StringBuilder();
    live.append("<p class=\"states\"><span class=\"status ").append(esc(t.status())).append("\">").append(esc(t.status()))
        .append("</span> · ").append(t.rows()).append(" results · ").append(num(t.last("time_total_s"))).append(" s");
    if (t.badLines() > 0) {
      live.append(" · ").append(t.badLines()).append(" unreadable lines skipped");
    }
    live.append("</p>");
    if (t.errorText() != null) {
      live.append("<h2>Error</h2><pre class=\"error\" id=\"error\">").append(esc(t.errorText())).append("</pre>");
    }
    live.append("<div class=\"columns\"><section><h2>Config</h2>");
    keyValues(live, "config", t.config());
    live.append("</section><section><h2>Last result</h2>");
    if (t.lastResult().isEmpty()) {
      live.append("<p class=\"empty\">No results yet.</p>");
    } else {
      keyValues(live, "lastresult", t.lastResult());
    }
    live.append("</section></div>");
    if (!t.videos().isEmpty()) {
      live.append("<h2>Videos</h2><p class=\"meta\">gym monitor recordings (<code>\"monitor\": true</code>), by env and episode</p>")
          .append("<div class=\"videos\" id=\"videos\">");
      for (String v : t.videos()) {
        String[] parts = v.split("\\.");
        String label = "env " + parts[2] + " · episode " + Integer.parseInt(parts[4].substring("video".length()));
        live.append("<figure><video controls preload=\"metadata\" src=\"").append(esc(base)).append("/trials/")
            .append(esc(url(t.name()))).append("/videos/").append(esc(url(v))).append("\"></video><figcaption>")
            .append(esc(label)).append("</figcaption></figure>");
      }
      live.append("</div>");
    }
    live.append("<h2>Checkpoints</h2>");
    if (t.checkpoints().isEmpty()) {
      live.append("<p class=\"empty\">No checkpoints.</p>");
    } else {
      live.append("<table id=\"checkpoints\" class=\"sortable\"><thead><tr>");
      th(live, "name", "Directory");
      th(live, "iter", "Iteration");
      th(live, "bytes", "Size (bytes)");
      th(live, "time", "Written");
      live.append("</tr></thead><tbody>");
      for (CheckpointInfo c : t.checkpoints()) {
        live.append("<tr>");
        td(live, c.name(), c.name());
        numberCell(live, c.iteration());
        numberCell(live, c.bytes());
        td(live, Long.toString(c.modified().toEpochMilli()), TIME.format(c.modified()));
        live.append("</tr>");
      }
      live.append("</tbody></table>");
    }
    return new Page(t.label(), before.toString(), live.toString(), "",
        "/api/version?exp=" + url(e.name()), e.version());
  }

  // ---------------------------------------------------------------- comparison

  Page compare(ExperimentData e, List<TrialData> trials, Query q) {
    String metric = q.get("metric", e.defaultMetric());
    String x = q.get("x", "training_iteration");
    String base = "/experiments/" + url(e.name());
    StringBuilder trialParams = new StringBuilder();
    StringBuilder hidden = new StringBuilder();
    for (TrialData t : trials) {
      trialParams.append("&trial=").append(url(t.name()));
      hidden.append("<input type=\"hidden\" name=\"trial\" value=\"").append(esc(t.name())).append("\">");
    }
    StringBuilder before = new StringBuilder();
    before.append("<nav><a href=\"/\">Experiments</a> › <a href=\"").append(esc(base)).append("\">")
        .append(esc(e.name())).append("</a> › compare</nav><h1>Compare ").append(trials.size()).append(" trials</h1>");
    before.append("<form class=\"controls\" method=\"get\">").append(hidden);
    metricInput(before, metric, e.metrics(), null);
    xSelect(before, x, e.metrics());
    before.append("<button type=\"submit\">Apply</button></form>");
    String plot = base + "/plot.png?metric=" + url(metric) + "&x=" + url(x) + trialParams;
    before.append("<figure class=\"plot\"><img id=\"plot\" alt=\"").append(esc(metric)).append(" of the compared trials\" data-base=\"")
        .append(esc(plot)).append("\" src=\"").append(esc(plot)).append("&v=").append(e.version()).append("\"></figure>");
    before.append("<label class=\"toggle\"><input type=\"checkbox\" id=\"onlydiff\"> only the differences</label>");

    StringBuilder live = new StringBuilder();
    live.append("<h2>Config</h2><table id=\"configdiff\"><thead><tr><th>key</th>");
    for (TrialData t : trials) {
      live.append("<th>").append(esc(t.label())).append("</th>");
    }
    live.append("</tr></thead><tbody>");
    Set<String> diff = new LinkedHashSet<>(ExperimentData.differingKeys(trials));
    Set<String> keys = new LinkedHashSet<>();
    for (TrialData t : trials) {
      keys.addAll(t.config().keySet());
    }
    for (String k : keys) {
      live.append("<tr").append(diff.contains(k) ? " class=\"diff\"" : "").append("><th>").append(esc(k)).append("</th>");
      for (TrialData t : trials) {
        live.append("<td>").append(t.config().containsKey(k) ? esc(Html.value(t.config().get(k))) : "–").append("</td>");
      }
      live.append("</tr>");
    }
    live.append("</tbody></table><h2>Final metrics</h2><table id=\"finalmetrics\"><thead><tr><th>metric</th>");
    for (TrialData t : trials) {
      live.append("<th>").append(esc(t.label())).append("</th>");
    }
    live.append("</tr></thead><tbody>");
    Set<String> metrics = new LinkedHashSet<>();
    metrics.add(metric);
    for (TrialData t : trials) {
      metrics.addAll(t.metrics());
    }
    for (String m : metrics) {
      Mode mode = ExperimentData.defaultMode(m);
      double best = Double.NaN;
      Set<Double> distinct = new java.util.HashSet<>();
      for (TrialData t : trials) {
        double v = t.last(m);
        distinct.add(v);
        if (!Double.isNaN(v) && (Double.isNaN(best) || mode.better(v, best))) {
          best = v;
        }
      }
      if (distinct.size() < 2 || ExperimentData.isBookkeeping(m)) {
        best = Double.NaN; // all the same, or no better direction: nothing to single out
      }
      live.append("<tr data-metric=\"").append(esc(m)).append("\"><th>").append(esc(m)).append("</th>");
      for (TrialData t : trials) {
        double v = t.last(m);
        boolean isBest = !Double.isNaN(v) && v == best && trials.size() > 1;
        live.append("<td").append(isBest ? " class=\"bestcell\"" : "").append(">").append(num(v)).append("</td>");
      }
      live.append("</tr>");
    }
    live.append("</tbody></table>");
    return new Page("Compare", before.toString(), live.toString(), "",
        "/api/version?exp=" + url(e.name()), e.version());
  }

  // ---------------------------------------------------------------- pieces

  private static Mode mode(Query q, String metric) {
    String m = q.get("mode", null);
    if (m == null) {
      return ExperimentData.defaultMode(metric);
    }
    try {
      return Mode.of(m);
    } catch (RuntimeException ex) {
      throw new HttpError(400, "query parameter mode='" + m + "' must be max or min");
    }
  }

  private static void metricInput(StringBuilder sb, String metric, java.util.Collection<String> metrics, String placeholder) {
    sb.append("<label>metric <input name=\"metric\" list=\"metrics\" size=\"32\" value=\"").append(esc(metric)).append("\"");
    if (placeholder != null) {
      sb.append(" placeholder=\"").append(esc(placeholder)).append("\"");
    }
    sb.append("></label><datalist id=\"metrics\">");
    for (String m : metrics) {
      sb.append("<option value=\"").append(esc(m)).append("\">");
    }
    sb.append("</datalist>");
  }

  private static void modeSelect(StringBuilder sb, String mode, boolean allowDefault) {
    sb.append("<label>mode <select name=\"mode\">");
    if (allowDefault) {
      sb.append("<option value=\"\"").append(mode == null ? " selected" : "").append(">by name</option>");
    }
    for (String m : List.of("max", "min")) {
      sb.append("<option").append(m.equals(mode) ? " selected" : "").append(">").append(m).append("</option>");
    }
    sb.append("</select></label>");
  }

  private static void xSelect(StringBuilder sb, String x, List<String> metrics) {
    sb.append("<label>x <select name=\"x\">");
    Set<String> options = new LinkedHashSet<>(X_AXES);
    options.add(x);
    for (String o : options) {
      if (o.equals(x) || metrics.contains(o) || o.equals("training_iteration")) {
        sb.append("<option").append(o.equals(x) ? " selected" : "").append(">").append(esc(o)).append("</option>");
      }
    }
    sb.append("</select></label>");
  }

  private static String states(Map<String, Integer> counts) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Integer> c : counts.entrySet()) {
      sb.append("<span class=\"status ").append(esc(c.getKey())).append("\">").append(c.getValue()).append(' ')
          .append(esc(c.getKey())).append("</span> ");
    }
    return sb.toString().strip();
  }

  private static void keyValues(StringBuilder sb, String id, Map<String, Object> map) {
    sb.append("<table id=\"").append(id).append("\" class=\"kv\"><tbody>");
    for (Map.Entry<String, Object> e : map.entrySet()) {
      sb.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(Html.value(e.getValue())))
          .append("</td></tr>");
    }
    sb.append("</tbody></table>");
  }

  private static void th(StringBuilder sb, String key, String label) {
    sb.append("<th data-key=\"").append(esc(key)).append("\" data-name=\"").append(esc(label)).append("\">")
        .append(esc(label)).append("</th>");
  }

  private static void td(StringBuilder sb, String sortValue, String text) {
    cell(sb, sortValue, esc(text));
  }

  private static void cell(StringBuilder sb, String sortValue, String html) {
    sb.append("<td data-v=\"").append(esc(sortValue)).append("\">").append(html).append("</td>");
  }

  private static void numberCell(StringBuilder sb, double v) {
    sb.append("<td class=\"num\" data-v=\"").append(Double.isNaN(v) ? "" : Double.toString(v)).append("\">")
        .append(num(v)).append("</td>");
  }
}
