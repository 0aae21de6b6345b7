package io.tune4j.search.algorithms;

import io.tune4j.search.Choice;
import io.tune4j.search.Domain;
import io.tune4j.search.LogUniform;
import io.tune4j.search.QLogUniform;
import io.tune4j.search.QRandInt;
import io.tune4j.search.QRandN;
import io.tune4j.search.QUniform;
import io.tune4j.search.RandInt;
import io.tune4j.search.RandN;
import io.tune4j.search.Uniform;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.math3.special.Erf;

/**
 * One searchable leaf of a config, mapped to the unit interval [0, 1] so that every model works
 * on the unit cube.
 *
 * <ul>
 *   <li>uniform / quniform: linear; loguniform / qloguniform: linear in the logarithm;
 *   <li>randn / qrandn: through the normal CDF (so [0, 1] is the whole real line; clipped at
 *       {@link #NORMAL_CLIP}, i.e. about 4.75 standard deviations);
 *   <li>randint / qrandint / choice: {@code n} equal bins, value {@code i} encoded as the bin
 *       centre {@code (i + 0.5) / n}; decoding takes the bin a point falls into (rounding).
 * </ul>
 *
 * Quantized domains are decoded continuously and then rounded to a multiple of {@code q}.
 */
final class Dimension {
  /** Clip of the unit value for normal domains. */
  static final double NORMAL_CLIP = 1e-6;

  final List<Object> path;
  final String name;
  final Domain domain;
  /** Number of values for discrete domains (ints, choices), 0 for continuous ones. */
  final int size;
  /** Whether the values are unordered categories. */
  final boolean categorical;

  private Dimension(List<Object> path, String name, Domain domain, int size, boolean categorical) {
    this.path = path;
    this.name = name;
    this.domain = domain;
    this.size = size;
    this.categorical = categorical;
  }

  /**
   * Maps a domain, or fails naming the path.
   *
   * @throws IllegalArgumentException for grid_search, sample_from, choices holding domains, and
   *     unknown domain types
   */
  static Dimension of(List<Object> path, String name, Domain domain, String searcher) {
    if (domain.isGrid()) {
      throw unsupported(name, "grid_search", searcher);
    }
    if (domain instanceof Uniform
        || domain instanceof QUniform
        || domain instanceof LogUniform
        || domain instanceof QLogUniform
        || domain instanceof RandN
        || domain instanceof QRandN) {
      return new Dimension(path, name, domain, 0, false);
    }
    if (domain instanceof RandInt r) {
      return new Dimension(path, name, domain, r.upper() - r.lower(), false);
    }
    if (domain instanceof QRandInt r) {
      return new Dimension(path, name, domain, (r.upper() - r.lower()) / r.q() + 1, false);
    }
    if (domain instanceof Choice c) {
      for (Object category : c.categories()) {
        if (containsDomain(category)) {
          throw new IllegalArgumentException(
              searcher
                  + " cannot search '"
                  + name
                  + "': choice category "
                  + category
                  + " contains a search-space domain; flatten the space or use"
                  + " BasicVariantSearcher (random/grid variants)");
        }
      }
      return new Dimension(path, name, domain, c.categories().size(), true);
    }
    String kind =
        domain instanceof io.tune4j.search.SampleFrom
            ? "sample_from"
            : domain.getClass().getSimpleName();
    throw unsupported(name, kind, searcher);
  }

  private static IllegalArgumentException unsupported(String name, String kind, String searcher) {
    return new IllegalArgumentException(
        searcher
            + " cannot search '"
            + name
            + "': "
            + kind
            + " is not supported by model-based searchers; use BasicVariantSearcher (Tune's"
            + " random/grid variant generation) for grid_search and sample_from, or replace it"
            + " with uniform/loguniform/randint/choice");
  }

  private static boolean containsDomain(Object value) {
    if (Domain.asDomain(value) != null) {
      return true;
    }
    if (value instanceof Map<?, ?> map) {
      return map.values().stream().anyMatch(Dimension::containsDomain);
    }
    if (value instanceof List<?> list) {
      return list.stream().anyMatch(Dimension::containsDomain);
    }
    return false;
  }

  /** Whether the dimension has finitely many values. */
  boolean discrete() {
    return size > 0;
  }

  /** The bin index of a unit value, for discrete dimensions. */
  int index(double u) {
    return (int) Math.max(0, Math.min(size - 1, Math.floor(u * size)));
  }

  /**
   * Turns a unit value into a domain value (Integer for ints, a category for choices, Double
   * otherwise).
   */
  Object decode(double u) {
    u = Math.max(0.0, Math.min(1.0, u));
    if (domain instanceof Uniform d) {
      return clamp(d.lower() + u * (d.upper() - d.lower()), d.lower(), d.upper());
    }
    if (domain instanceof QUniform d) {
      double v = d.lower() + u * (d.upper() - d.lower());
      return clamp(quantize(v, d.q()), d.lower(), d.upper());
    }
    if (domain instanceof LogUniform d) {
      return clamp(logDecode(u, d.lower(), d.upper()), d.lower(), d.upper());
    }
    if (domain instanceof QLogUniform d) {
      return clamp(quantize(logDecode(u, d.lower(), d.upper()), d.q()), d.lower(), d.upper());
    }
    if (domain instanceof RandN d) {
      return d.mean() + d.sd() * probit(u);
    }
    if (domain instanceof QRandN d) {
      return quantize(d.mean() + d.sd() * probit(u), d.q());
    }
    if (domain instanceof RandInt d) {
      return d.lower() + index(u);
    }
    if (domain instanceof QRandInt d) {
      return d.lower() + d.q() * index(u);
    }
    return ((Choice) domain).categories().get(index(u));
  }

  /**
   * Turns a domain value into its unit value.
   *
   * @return the unit value, or NaN if the value is not one of this domain's
   */
  double encode(Object value) {
    if (domain instanceof Choice c) {
      for (int i = 0; i < size; i++) {
        if (Objects.equals(c.categories().get(i), value)) {
          return (i + 0.5) / size;
        }
      }
      return Double.NaN;
    }
    if (!(value instanceof Number) || !domain.isValid(value)) {
      return Double.NaN;
    }
    double v = ((Number) value).doubleValue();
    if (domain instanceof Uniform d) {
      return (v - d.lower()) / (d.upper() - d.lower());
    }
    if (domain instanceof QUniform d) {
      return clamp((v - d.lower()) / (d.upper() - d.lower()), 0, 1);
    }
    if (domain instanceof LogUniform d) {
      return logEncode(v, d.lower(), d.upper());
    }
    if (domain instanceof QLogUniform d) {
      return logEncode(v, d.lower(), d.upper());
    }
    if (domain instanceof RandN d) {
      return cdf((v - d.mean()) / d.sd());
    }
    if (domain instanceof QRandN d) {
      return cdf((v - d.mean()) / d.sd());
    }
    if (domain instanceof RandInt d) {
      return (v - d.lower() + 0.5) / size;
    }
    QRandInt d = (QRandInt) domain;
    return ((v - d.lower()) / d.q() + 0.5) / size;
  }

  private static double logDecode(double u, double lower, double upper) {
    return Math.exp(Math.log(lower) + u * (Math.log(upper) - Math.log(lower)));
  }

  private static double logEncode(double v, double lower, double upper) {
    return clamp((Math.log(v) - Math.log(lower)) / (Math.log(upper) - Math.log(lower)), 0, 1);
  }

  private static double probit(double u) {
    double p = clamp(u, NORMAL_CLIP, 1 - NORMAL_CLIP);
    return Math.sqrt(2) * Erf.erfInv(2 * p - 1);
  }

  private static double cdf(double z) {
    return clamp(0.5 * Erf.erfc(-z / Math.sqrt(2)), NORMAL_CLIP, 1 - NORMAL_CLIP);
  }

  /** numpy's {@code np.round(x / q) * q}, as the domains do. */
  private static double quantize(double v, double q) {
    return Math.rint(v / q) * q;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
