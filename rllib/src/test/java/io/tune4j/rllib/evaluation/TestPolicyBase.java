package io.tune4j.rllib.evaluation;

import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shared plumbing of the small hand-written policies the sampler tests run: no learning, and a
 * record of every {@link #postprocessTrajectory} call. Postprocessing adds a real {@code
 * advantages} column: the undiscounted reward-to-go, plus a bootstrap value of 100 on fragments
 * that did not terminate.
 */
abstract class TestPolicyBase implements Policy {
  static final float BOOTSTRAP = 100f;

  /** One postprocessTrajectory call. */
  record Fragment(SampleBatch batch, boolean terminated) {}

  final List<Fragment> fragments = new ArrayList<>();
  private final Space obsSpace;
  private final Space actSpace;
  private final int obsSize;
  private final int actSize;

  TestPolicyBase(Space obsSpace, Space actSpace, int obsSize, int actSize) {
    this.obsSpace = obsSpace;
    this.actSpace = actSpace;
    this.obsSize = obsSize;
    this.actSize = actSize;
  }

  @Override
  public Space observationSpace() {
    return obsSpace;
  }

  @Override
  public Space actionSpace() {
    return actSpace;
  }

  @Override
  public int observationSize() {
    return obsSize;
  }

  @Override
  public int actionSize() {
    return actSize;
  }

  @Override
  public SampleBatch postprocessTrajectory(SampleBatch fragment, boolean terminated) {
    float[] r = fragment.floats(SampleBatch.REWARDS);
    float[] adv = new float[r.length];
    float acc = terminated ? 0f : BOOTSTRAP;
    for (int i = r.length - 1; i >= 0; i--) {
      acc += r[i];
      adv[i] = acc;
    }
    fragment.putFloats(SampleBatch.ADVANTAGES, 1, adv);
    fragments.add(new Fragment(fragment, terminated));
    return fragment;
  }

  @Override
  public Map<String, Object> learnOnBatch(SampleBatch batch) {
    return Map.of();
  }

  @Override
  public Gradients computeGradients(SampleBatch batch) {
    return new Gradients(new float[0], Map.of());
  }

  @Override
  public void applyGradients(Gradients gradients) {}

  @Override
  public byte[] getWeights() {
    return new byte[0];
  }

  @Override
  public void setWeights(byte[] weights) {}

  @Override
  public byte[] getState() {
    return new byte[0];
  }

  @Override
  public void setState(byte[] state) {}

  @Override
  public void exportModel(Path dir) {}
}
