package io.tune4j.rllib.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.models.PolicyNetworks;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The gradient contract every {@code <Algo>Policy} passes (STYLE.md 8: one suite per SPI): {@code
 * computeGradients} on a tiny batch equals central finite differences of the policy's own loss,
 * parameter by parameter. A subclass per algorithm supplies cases (a policy in double precision
 * and a batch that exercises its loss's branches) and the loss as a function of the parameters.
 */
public abstract class PolicyGradientContractTest {

  /**
   * One policy and batch to check.
   *
   * @param name shown in the test report
   * @param policy the policy (build it with DataType.DOUBLE)
   * @param batch a postprocessed-looking batch
   */
  public record Case(String name, Dl4jPolicy policy, SampleBatch batch) {}

  /** The policies and batches to check. */
  protected abstract List<Case> cases();

  /** The policy's loss of its current parameters on the batch. */
  protected abstract PolicyNetworks.Loss loss(Dl4jPolicy policy, SampleBatch batch);

  /** The total loss (policy and value terms), forward pass in plain Java. */
  private double totalLoss(Dl4jPolicy p, SampleBatch b) {
    PolicyNetworks nets = p.networks();
    int n = b.count();
    float[] in = new float[n * nets.dist().inputSize()];
    float[] v = nets.hasValueFunction() ? new float[n] : null;
    nets.forward(b.floats(SampleBatch.OBS), n, in, v);
    PolicyNetworks.Loss loss = loss(p, b);
    return loss.policyLoss(in, n, new double[in.length]) + (v == null ? 0 : loss.valueLoss(v, n, new double[n]));
  }

  @TestFactory
  Stream<DynamicTest> analyticGradientsMatchFiniteDifferences() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c.policy(), c.batch())));
  }

  private void check(Dl4jPolicy p, SampleBatch b) {
    float[] g = p.computeGradients(b).flat();
    float[] p0 = p.networks().params();
    assertEquals(p0.length, g.length, "one gradient entry per parameter");
    int informative = 0;
    for (int k = 0; k < p0.length; k++) {
      float h = 2e-3f;
      float[] q = p0.clone();
      q[k] += h;
      p.networks().setParams(q);
      double up = totalLoss(p, b);
      q[k] = p0[k] - h;
      p.networks().setParams(q);
      double dn = totalLoss(p, b);
      double fd = (up - dn) / (2 * h);
      assertEquals(fd, g[k], 2e-3 + 2e-2 * Math.abs(fd), "parameter " + k);
      informative += Math.abs(fd) > 1e-3 ? 1 : 0;
    }
    p.networks().setParams(p0);
    assertTrue(informative > p0.length / 3, "too few informative parameters: " + informative + " of " + p0.length);
  }
}
