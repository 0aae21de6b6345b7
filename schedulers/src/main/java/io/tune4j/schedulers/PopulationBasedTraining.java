package io.tune4j.schedulers;

import io.tune4j.search.Domain;
import io.tune4j.search.Choice;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Population Based Training (Tune's {@code PopulationBasedTraining}; Jaderberg et al.,
 * https://arxiv.org/abs/1711.09846). Every {@code perturbation_interval} units of {@code
 * time_attr} a trial's score is ranked among the unfinished trials that have one: with {@code k =
 * ceil(N × quantile_fraction)} capped at {@code floor(N/2)}, a trial in the top k keeps training
 * after a checkpoint ({@link Decision#continueAndCheckpoint()}); a trial in the bottom k copies a
 * random top-k trial that has a checkpoint and continues with an explored config ({@link
 * Decision.Exploit}); others continue. When other trials wait (PENDING or PAUSED) the trial is
 * PAUSEd instead of continuing, to share the resources (Tune 2019's time-multiplexing); pausing
 * checkpoints it too, so a paused top trial can still be copied. {@link #chooseTrialToRun} starts
 * the waiting trial that fits with the smallest last perturbation time.
 *
 * <p><b>Explore</b>, per key of {@code hyperparam_mutations}: a list (or a {@link Choice}) is
 * resampled with probability {@code resample_probability} or when the current value is not in it,
 * else moved one index down or up (50/50), clamped; a {@link Domain} or {@link Supplier} is
 * resampled with that probability, else the value is multiplied by 1.2 or 0.8 (50/50), and an
 * integer value stays an integer (truncated); a nested map recurses; then {@code
 * custom_explore_fn} is applied. Random draws come from a stream seeded by {@code seed} and the
 * exploit count, so runs and restored runs reproduce.
 *
 * <p>Every exploit is recorded as a {@link PbtExploit} ({@link #exploits()}); the runner writes
 * Tune's {@code pbt_global.txt}. A key of {@code hyperparam_mutations} missing from a trial's
 * config is an {@link IllegalArgumentException} naming the key, raised when the trial is added.
 *
 * <pre>{@code
 * TrialScheduler pbt = PopulationBasedTraining.builder()
 *     .timeAttr("training_iteration").metric("episode_reward_mean").mode(Mode.MAX)
 *     .perturbationInterval(10)
 *     .hyperparamMutations(Map.of(
 *         "lr", SearchSpace.loguniform(1e-4, 1e-1),
 *         "num_sgd_iter", List.of(5, 10, 20, 30)))
 *     .seed(42)
 *     .build();
 * }</pre>
 */
public final class PopulationBasedTraining extends PbtCore {
  private PopulationBasedTraining(Builder b) {
    super("PopulationBasedTraining", b, b.mutations, b.resampleProbability, b.customExploreFn);
    if (b.mutations.isEmpty() && b.customExploreFn == null) {
      throw new IllegalArgumentException(
          "PopulationBasedTraining needs hyperparam_mutations or custom_explore_fn (both are empty)");
    }
    validateMutations(b.mutations, "");
  }

  /**
   * Starts a builder with Tune's defaults: time_attr {@code time_total_s}, perturbation_interval
   * 60, quantile_fraction 0.25, resample_probability 0.25, seed 0; no metric or mode.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link PopulationBasedTraining}.
   *
   * <pre>{@code
   * PopulationBasedTraining.builder().metric("loss").mode("min")
   *     .hyperparamMutations(Map.of("lr", List.of(1e-3, 1e-2, 1e-1))).build();
   * }</pre>
   */
  public static final class Builder extends PbtBuilder<Builder> {
    private Map<String, Object> mutations = Map.of();
    private double resampleProbability = 0.25;
    private UnaryOperator<Map<String, Object>> customExploreFn;

    private Builder() {}

    /**
     * Sets {@code hyperparam_mutations}: per config key a list of values, a {@link Domain}, a
     * {@link Supplier} or a nested map of the same.
     *
     * @param mutations the mutations (copied)
     * @return this builder
     */
    public Builder hyperparamMutations(Map<String, ?> mutations) {
      this.mutations = new LinkedHashMap<>(mutations);
      return this;
    }

    /**
     * Sets {@code resample_probability}.
     *
     * @param resampleProbability default 0.25
     * @return this builder
     */
    public Builder resampleProbability(double resampleProbability) {
      this.resampleProbability = resampleProbability;
      return this;
    }

    /**
     * Sets {@code custom_explore_fn}, applied to the config after the built-in perturbations.
     *
     * @param customExploreFn returns the config to use; null for none
     * @return this builder
     */
    public Builder customExploreFn(UnaryOperator<Map<String, Object>> customExploreFn) {
      this.customExploreFn = customExploreFn;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the scheduler
     * @throws IllegalArgumentException naming the first invalid parameter
     */
    public PopulationBasedTraining build() {
      return new PopulationBasedTraining(this);
    }
  }
}
