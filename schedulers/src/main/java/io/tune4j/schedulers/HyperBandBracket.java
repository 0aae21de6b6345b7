package io.tune4j.schedulers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping of one {@link HyperBandScheduler} bracket: its schedule (size {@code n},
 * milestone {@code cumul_r}, halvings left), its progress and its live trials in add order.
 * {@link #halve()} runs one successive-halving step and returns the losers; the scheduler decides
 * what to do with them.
 */
final class HyperBandBracket {
  final int band;
  final int s;
  long n;
  long r;
  long cumulR;
  int halves;
  final double totalWork;
  double completedProgress;
  int added;
  final LinkedHashMap<String, Live> live = new LinkedHashMap<>();
  private final double eta;
  private final double maxT;

  /** A live trial's last time and score. */
  static final class Live {
    double time;
    Double score;
  }

  HyperBandBracket(int band, int s, long n0, long r0, double eta, double maxT) {
    this.band = band;
    this.s = s;
    this.n = n0;
    this.r = r0;
    this.cumulR = r0;
    this.halves = s;
    this.eta = eta;
    this.maxT = maxT;
    this.totalWork = totalWork(n0, r0, s);
  }

  /** Tune's _calculate_total_work, including its never-updated cumulative_r. */
  private double totalWork(long n0, long r0, int s) {
    double work = 0;
    double nn = n0;
    double rr = r0;
    for (int i = 0; i <= s; i++) {
      work += (long) nn * (long) rr;
      nn = Math.ceil(nn / eta);
      rr = (long) Math.min(rr * eta, maxT - r0);
    }
    return Math.max(work, 1);
  }

  /** Places a new trial in this bracket. */
  void add(String id) {
    live.put(id, new Live());
    added++;
  }

  boolean filled() {
    return live.size() >= n;
  }

  void update(String id, double t, double score) {
    Live l = live.get(id);
    completedProgress += Math.max(0, t - l.time);
    l.time = t;
    l.score = score;
  }

  boolean curIterDone() {
    for (Live l : live.values()) {
      if (l.time < cumulR) {
        return false;
      }
    }
    return true;
  }

  boolean finished() {
    return halves == 0 && curIterDone();
  }

  double completion() {
    return finished() ? 1.0 : completedProgress / totalWork;
  }

  /** One halving step; returns the trials to stop (the worst ones). */
  List<String> halve() {
    halves--;
    n = (long) Math.ceil(n / eta);
    long next = (long) Math.min(r * eta, maxT - cumulR);
    if (next <= 0) {
      halves = 0; // cumul_r already reached max_t: this is the last rung (ray#39157)
    } else {
      r = next;
      cumulR += r;
    }
    List<String> sorted = new ArrayList<>(live.keySet());
    sorted.sort(Comparator.comparingDouble(id -> key(live.get(id).score)));
    int bad = (int) Math.max(0, sorted.size() - n);
    return new ArrayList<>(sorted.subList(0, bad));
  }

  private double key(Double score) {
    return score == null || score.isNaN() ? Double.NEGATIVE_INFINITY : score;
  }

  /** This bracket as a JSON-compatible map. */
  Map<String, Object> save() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", s);
    m.put("n", n);
    m.put("r", r);
    m.put("cumul_r", cumulR);
    m.put("halves", halves);
    m.put("completed_progress", completedProgress);
    m.put("added", added);
    List<Object> trials = new ArrayList<>();
    live.forEach(
        (id, l) -> {
          Map<String, Object> t = new LinkedHashMap<>();
          t.put("id", id);
          t.put("time", Checks.encode(l.time));
          t.put("score", Checks.encode(l.score));
          trials.add(t);
        });
    m.put("live", trials);
    return m;
  }

  /** Rebuilds a bracket of {@code band} from {@link #save()}'s map. */
  static HyperBandBracket restore(HyperBandScheduler hb, int band, Map<String, Object> m) {
    int s = (int) Checks.decodeLong(m.get("s"));
    HyperBandBracket b = hb.newBracket(band, s);
    b.n = Checks.decodeLong(m.get("n"));
    b.r = Checks.decodeLong(m.get("r"));
    b.cumulR = Checks.decodeLong(m.get("cumul_r"));
    b.halves = (int) Checks.decodeLong(m.get("halves"));
    b.completedProgress = Checks.decode(m.get("completed_progress"));
    b.added = (int) Checks.decodeLong(m.get("added"));
    for (Object o : Checks.list(m.get("live"), "live")) {
      Map<String, Object> t = Checks.map(o, "live trial");
      Live l = new Live();
      l.time = Checks.decode(t.get("time"));
      l.score = Checks.decodeNullable(t.get("score"));
      b.live.put((String) t.get("id"), l);
    }
    return b;
  }
}
