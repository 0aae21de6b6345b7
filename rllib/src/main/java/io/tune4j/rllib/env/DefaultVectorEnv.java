package io.tune4j.rllib.env;

import java.util.ArrayList;
import java.util.List;

/** The {@link VectorEnv} behind {@link VectorEnv#of(List)}: fast path per {@link FlatEnv} copy. */
final class DefaultVectorEnv implements VectorEnv {
  private final List<Env> envs;
  private final Env[] envArray;

  /** The flat env to step directly, or null for the generic path. */
  private final FlatEnv[] flat;

  /** Time limit the vector enforces itself for flat envs (Integer.MAX_VALUE = none). */
  private final int[] limits;

  private final int[] elapsed;
  private final Space observationSpace;
  private final Space actionSpace;
  private final int obsSize;
  private final int actSize;
  private final double[] obs;
  private final double[] terminal;
  private final double[] rewards;
  private final boolean[] dones;
  private final boolean[] truncated;
  private boolean started;

  DefaultVectorEnv(List<? extends Env> envList) {
    if (envList == null || envList.isEmpty()) {
      throw new IllegalArgumentException("VectorEnv.of: need at least one env");
    }
    this.envs = List.copyOf(envList);
    int n = envs.size();
    this.envArray = envs.toArray(new Env[0]);
    this.observationSpace = envArray[0].observationSpace();
    this.actionSpace = envArray[0].actionSpace();
    for (int i = 1; i < n; i++) {
      if (!observationSpace.equals(envArray[i].observationSpace())
          || !actionSpace.equals(envArray[i].actionSpace())) {
        throw new IllegalArgumentException(
            "VectorEnv.of: env "
                + i
                + " has spaces "
                + envArray[i].observationSpace()
                + " / "
                + envArray[i].actionSpace()
                + " but env 0 has "
                + observationSpace
                + " / "
                + actionSpace);
      }
    }
    this.obsSize = FlatValues.size(observationSpace, "observation");
    this.actSize = FlatValues.size(actionSpace, "action");
    this.flat = new FlatEnv[n];
    this.limits = new int[n];
    this.elapsed = new int[n];
    for (int i = 0; i < n; i++) {
      Env e = envArray[i];
      limits[i] = Integer.MAX_VALUE;
      if (e instanceof TimeLimit tl && tl.env() instanceof FlatEnv fe) {
        flat[i] = fe;
        limits[i] = tl.maxEpisodeSteps();
      } else if (e instanceof FlatEnv fe) {
        flat[i] = fe;
      }
      if (flat[i] != null
          && (flat[i].flatObservationSize() != obsSize || flat[i].flatActionSize() != actSize)) {
        flat[i] = null; // inconsistent layout: fall back to the generic path
        limits[i] = Integer.MAX_VALUE;
      }
    }
    this.obs = new double[n * obsSize];
    this.terminal = new double[n * obsSize];
    this.rewards = new double[n];
    this.dones = new boolean[n];
    this.truncated = new boolean[n];
  }

  @Override
  public int numEnvs() {
    return envArray.length;
  }

  @Override
  public Space observationSpace() {
    return observationSpace;
  }

  @Override
  public Space actionSpace() {
    return actionSpace;
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
  public void resetAll() {
    for (int i = 0; i < envArray.length; i++) {
      resetRow(i);
      dones[i] = false;
      truncated[i] = false;
      rewards[i] = 0.0;
    }
    started = true;
  }

  @Override
  public void resetAt(int i) {
    if (i < 0 || i >= envArray.length) {
      throw new IndexOutOfBoundsException(
          "VectorEnv.resetAt: index " + i + " not in [0, " + envArray.length + ")");
    }
    resetRow(i);
  }

  private void resetRow(int i) {
    elapsed[i] = 0;
    FlatEnv f = flat[i];
    if (f != null) {
      f.resetInto(obs, i * obsSize);
    } else {
      FlatValues.write(
          envArray[i].reset(),
          observationSpace,
          obsSize,
          obs,
          i * obsSize,
          "env " + i + " reset()");
    }
  }

  @Override
  public void step(double[] actions) {
    if (!started) {
      throw new IllegalStateException("VectorEnv.step: call resetAll() before step()");
    }
    int n = envArray.length;
    if (actions == null || actions.length != n * actSize) {
      throw new IllegalArgumentException(
          "VectorEnv.step: expected "
              + (n * actSize)
              + " action values ("
              + n
              + " envs x "
              + actSize
              + "), got "
              + (actions == null ? "null" : actions.length));
    }
    for (int i = 0; i < n; i++) {
      int row = i * obsSize;
      FlatEnv f = flat[i];
      boolean term;
      boolean trunc;
      if (f != null) {
        rewards[i] = f.stepInto(actions, i * actSize, obs, row);
        term = f.lastDone();
        trunc = !term && ++elapsed[i] >= limits[i];
      } else {
        Object action = FlatValues.read(actions, i * actSize, actionSpace);
        StepResult r = envArray[i].step(action);
        FlatValues.write(
            r.observation(), observationSpace, obsSize, obs, row, "env " + i + " step()");
        rewards[i] = r.reward();
        trunc = r.done() && r.truncated();
        term = r.done() && !trunc;
      }
      dones[i] = term || trunc;
      truncated[i] = trunc;
      if (term || trunc) {
        System.arraycopy(obs, row, terminal, row, obsSize);
        resetRow(i);
      }
    }
  }

  @Override
  public double[] observations() {
    return obs;
  }

  @Override
  public double[] terminalObservations() {
    return terminal;
  }

  @Override
  public double[] rewards() {
    return rewards;
  }

  @Override
  public boolean[] dones() {
    return dones;
  }

  @Override
  public boolean[] truncated() {
    return truncated;
  }

  @Override
  public Env env(int i) {
    return envArray[i];
  }

  @Override
  public void close() {
    List<Exception> errors = new ArrayList<>();
    for (Env e : envArray) {
      try {
        e.close();
      } catch (Exception ex) {
        errors.add(ex);
      }
    }
    if (!errors.isEmpty()) {
      IllegalStateException ise =
          new IllegalStateException(
              "VectorEnv.close: " + errors.size() + " env(s) failed to close");
      errors.forEach(ise::addSuppressed);
      throw ise;
    }
  }
}
