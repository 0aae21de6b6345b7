package io.tune4j.schedulers;

/**
 * The settings {@link PopulationBasedTraining} and {@link PB2} share, with Tune's defaults:
 * time_attr {@code time_total_s}, perturbation_interval 60, quantile_fraction 0.25, seed 0.
 *
 * @param <B> the concrete builder type
 */
abstract class PbtBuilder<B extends PbtBuilder<B>> extends MetricScheduler.MetricBuilder<B> {
  double perturbationInterval = 60;
  double quantileFraction = 0.25;
  long seed;

  PbtBuilder() {
    super("time_total_s");
  }

  /**
   * Sets {@code perturbation_interval} in units of {@code time_attr}.
   *
   * @param perturbationInterval default 60
   * @return this builder
   */
  public B perturbationInterval(double perturbationInterval) {
    this.perturbationInterval = perturbationInterval;
    return self();
  }

  /**
   * Sets {@code quantile_fraction}, in [0, 0.5].
   *
   * @param quantileFraction default 0.25
   * @return this builder
   */
  public B quantileFraction(double quantileFraction) {
    this.quantileFraction = quantileFraction;
    return self();
  }

  /**
   * Sets the seed of the exploit choices and of the explore step's random draws (PBT's
   * perturbations, PB2's acquisition search).
   *
   * @param seed default 0
   * @return this builder
   */
  public B seed(long seed) {
    this.seed = seed;
    return self();
  }
}
