package io.tune4j.rllib.models;

import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.env.MultiDiscrete;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.env.Tuple;
import io.tune4j.rllib.policy.ConfigReader;
import io.tune4j.rllib.util.PublicApi;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Builds models and action distributions from the {@code model} config (RLlib's {@code
 * ModelCatalog}, {@code models/catalog.py}).
 *
 * <pre>{@code
 * ModelCatalog.registerCustomModel("my_net", (inputSize, options) -> List.of(
 *     new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build()));
 * Map<String, Object> model = Map.of("custom_model", "my_net");
 * }</pre>
 *
 * <p>The fully connected network follows RLlib's {@code FullyConnectedNetwork}: hidden layers of
 * {@code fcnet_hiddens} with {@code fcnet_activation}, a linear output layer; weights use RLlib's
 * {@code normc_initializer} (std 1.0 for hidden layers, 0.01 for the output), biases zero;
 * optimiser {@link Adam} (β1 0.9, β2 0.999, ε 1e-8, TensorFlow's defaults).
 */
@PublicApi
public final class ModelCatalog {

  static {
    Nd4jLogging.quiet();
    Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
  }

  /** RLlib's {@code MODEL_DEFAULTS} at 9e328fbe6 (unmodifiable). */
  public static final Map<String, Object> MODEL_DEFAULTS;

  /** One-line description per {@link #MODEL_DEFAULTS} key. */
  public static final Map<String, String> MODEL_DESCRIPTIONS;

  static {
    Map<String, Object> d = new LinkedHashMap<>();
    Map<String, String> h = new LinkedHashMap<>();
    put(
        d,
        h,
        "conv_filters",
        null,
        "conv filters [out_channels, kernel, stride] (image obs; unsupported)");
    put(d, h, "conv_activation", "relu", "nonlinearity of the conv net (unsupported)");
    put(
        d,
        h,
        "fcnet_activation",
        "tanh",
        "nonlinearity of the fully connected net: tanh, relu, sigmoid, linear");
    put(d, h, "fcnet_hiddens", List.of(256, 256), "hidden layer sizes of the fully connected net");
    put(
        d,
        h,
        "free_log_std",
        false,
        "Gaussian log std as free variables instead of network outputs");
    put(d, h, "squash_to_range", false, "(deprecated) squash actions to the space's range");
    put(d, h, "use_lstm", false, "wrap the model in an LSTM (unsupported)");
    put(d, h, "max_seq_len", 20, "max sequence length for LSTM training");
    put(d, h, "lstm_cell_size", 256, "LSTM cell size");
    put(d, h, "lstm_use_prev_action_reward", false, "feed a_{t-1}, r_{t-1} to the LSTM");
    put(d, h, "framestack", true, "frame stacking for Atari");
    put(d, h, "dim", 84, "resized frame dimension for Atari");
    put(d, h, "grayscale", false, "(deprecated) grayscale Atari frames");
    put(d, h, "zero_mean", true, "(deprecated) Atari frames in [-1, 1]");
    put(d, h, "custom_preprocessor", null, "name of a custom preprocessor (unsupported)");
    put(
        d,
        h,
        "custom_model",
        null,
        "name of a model registered with ModelCatalog.registerCustomModel");
    put(d, h, "custom_options", Map.of(), "extra options passed to the custom model");
    MODEL_DEFAULTS = Collections.unmodifiableMap(d);
    MODEL_DESCRIPTIONS = Collections.unmodifiableMap(h);
  }

  private static void put(
      Map<String, Object> d, Map<String, String> h, String k, Object v, String s) {
    d.put(k, v);
    h.put(k, s);
  }

  /** Builds the hidden layers of a custom model; the catalog appends the output layer. */
  @FunctionalInterface
  public interface CustomModel extends java.io.Serializable {
    /**
     * @param inputSize width of the preprocessed observation
     * @param customOptions the model config's {@code custom_options}
     * @return DL4J layer configurations ({@code nIn} may be left unset: it is inferred)
     */
    List<Layer> hiddenLayers(int inputSize, Map<String, Object> customOptions);
  }

  private static final Map<String, CustomModel> CUSTOM = new ConcurrentHashMap<>();

  private ModelCatalog() {}

  /** Registers a custom model under {@code name} for the {@code custom_model} key. */
  public static void registerCustomModel(String name, CustomModel model) {
    CUSTOM.put(name, model);
  }

  /**
   * {@link #MODEL_DEFAULTS} overlaid with {@code model}.
   *
   * @throws IllegalArgumentException naming an unknown key, or an unsupported option
   */
  public static Map<String, Object> resolve(Map<String, Object> model) {
    Map<String, Object> out = new LinkedHashMap<>(MODEL_DEFAULTS);
    if (model != null) {
      for (Map.Entry<String, Object> e : model.entrySet()) {
        if (!MODEL_DEFAULTS.containsKey(e.getKey())) {
          throw new IllegalArgumentException(
              "unknown model config key '"
                  + e.getKey()
                  + "'; valid keys: "
                  + MODEL_DEFAULTS.keySet());
        }
        out.put(e.getKey(), e.getValue());
      }
    }
    ConfigReader c = new ConfigReader(out, "model");
    if (c.getBool("use_lstm")) {
      throw new IllegalArgumentException("model config 'use_lstm': LSTM models are not supported");
    }
    if (c.getBool("squash_to_range")) {
      throw new IllegalArgumentException(
          "model config 'squash_to_range' is deprecated; use the 'clip_actions' agent option");
    }
    if (c.getString("custom_preprocessor") != null) {
      throw new IllegalArgumentException("model config 'custom_preprocessor' is not supported");
    }
    activation(c.getString("fcnet_activation"));
    c.getIntList("fcnet_hiddens");
    String custom = c.getString("custom_model");
    if (custom != null && !CUSTOM.containsKey(custom)) {
      throw new IllegalArgumentException(
          "model config 'custom_model': no model registered as '"
              + custom
              + "'; registered: "
              + CUSTOM.keySet());
    }
    return out;
  }

  /**
   * The action distribution for an action space (RLlib's {@code get_action_dist}): Discrete →
   * {@link Categorical}, 1-d Box → {@link DiagGaussian}, MultiDiscrete → {@link MultiCategorical},
   * Tuple → {@link MultiActionDistribution} of its components.
   */
  public static ActionDistribution getActionDist(Space actionSpace) {
    if (actionSpace instanceof Discrete d) {
      return new Categorical(d.n());
    } else if (actionSpace instanceof Box b) {
      if (b.shape().length > 1) {
        throw new IllegalArgumentException(
            "action space "
                + b
                + " has multiple dimensions; reshape it to one dimension or use a"
                + " Tuple action space");
      }
      return new DiagGaussian(b.flatSize());
    } else if (actionSpace instanceof MultiDiscrete md) {
      return new MultiCategorical(md.nvec());
    } else if (actionSpace instanceof Tuple t) {
      List<ActionDistribution> children = new ArrayList<>();
      for (Space s : t.spaces()) {
        children.add(getActionDist(s));
      }
      return new MultiActionDistribution(children);
    }
    throw new IllegalArgumentException("unsupported action space " + actionSpace);
  }

  /**
   * Builds a network from a resolved model config.
   *
   * @param inputSize width of a preprocessed observation
   * @param numOutputs width of the output row
   * @param model a config from {@link #resolve}
   * @param outputStd normc std per output column (RLlib: 0.01 for distribution inputs, 1.0 for a
   *     value head on shared layers)
   * @param lr Adam's learning rate
   * @param rng source of the initial weights (seed it for reproducible runs)
   * @param dataType FLOAT normally; DOUBLE for gradient checks
   */
  public static Model buildModel(
      int inputSize,
      int numOutputs,
      Map<String, Object> model,
      float[] outputStd,
      double lr,
      Random rng,
      DataType dataType) {
    ConfigReader c = new ConfigReader(model, "model");
    List<Layer> hidden = new ArrayList<>();
    String custom = c.getString("custom_model");
    boolean normcHidden = custom == null;
    if (custom != null) {
      hidden.addAll(CUSTOM.get(custom).hiddenLayers(inputSize, c.getMap("custom_options")));
    } else {
      Activation act = activation(c.getString("fcnet_activation"));
      for (int size : c.getIntList("fcnet_hiddens")) {
        hidden.add(new DenseLayer.Builder().nOut(size).activation(act).build());
      }
    }
    NeuralNetConfiguration.ListBuilder lb =
        new NeuralNetConfiguration.Builder()
            .seed(rng.nextLong())
            .dataType(dataType)
            .updater(new NoOp()) // Adam runs in Java, see Model
            .weightInit(WeightInit.XAVIER)
            .list();
    for (Layer l : hidden) {
      lb.layer(l);
    }
    lb.layer(
        new OutputLayer.Builder(new CallbackLoss())
            .nOut(numOutputs)
            .activation(Activation.IDENTITY)
            .build());
    lb.setInputType(InputType.feedForward(inputSize));
    Nd4jLogging.quiet();
    MultiLayerNetwork net = new MultiLayerNetwork(lb.build());
    net.init();
    int nl = net.getnLayers();
    for (int l = 0; l < nl; l++) {
      boolean out = l == nl - 1;
      if (!out && !normcHidden) {
        continue;
      }
      FeedForwardLayer ff =
          (FeedForwardLayer) net.getLayerWiseConfigurations().getConf(l).getLayer();
      int nIn = (int) ff.getNIn();
      int nOut = (int) ff.getNOut();
      float[] std = new float[nOut];
      java.util.Arrays.fill(std, 1.0f);
      if (out) {
        std = outputStd;
      }
      net.setParam(l + "_W", normc(nIn, nOut, std, rng).castTo(dataType));
      net.setParam(l + "_b", Nd4j.zeros(dataType, 1, nOut));
    }
    return new Model(net, lr);
  }

  /**
   * Builds a plain MLP: dense {@code hiddens} with {@code hiddenActivation}, then {@code numOutputs}
   * outputs with {@code outputActivation}. Layers are initialised with RLlib's normc(1.0) when
   * {@code normc} is true (its fcnet), else with Glorot's uniform initializer (TensorFlow's {@code
   * tf.layers.dense} default, which RLlib's Q and actor-critic heads use); biases start at 0.
   *
   * @param hiddenActivation "tanh", "relu", "sigmoid", "elu" or "linear"
   * @param outputActivation the same names
   */
  public static Model buildMlp(
      int inputSize,
      List<Integer> hiddens,
      String hiddenActivation,
      int numOutputs,
      String outputActivation,
      boolean normc,
      double lr,
      Random rng,
      DataType dataType) {
    Activation act = activation(hiddenActivation);
    NeuralNetConfiguration.ListBuilder lb =
        new NeuralNetConfiguration.Builder()
            .seed(rng.nextLong())
            .dataType(dataType)
            .updater(new NoOp())
            .weightInit(WeightInit.XAVIER_UNIFORM)
            .list();
    for (int size : hiddens) {
      lb.layer(new DenseLayer.Builder().nOut(size).activation(act).build());
    }
    lb.layer(
        new OutputLayer.Builder(new CallbackLoss())
            .nOut(numOutputs)
            .activation(activation(outputActivation))
            .build());
    lb.setInputType(InputType.feedForward(inputSize));
    Nd4jLogging.quiet();
    MultiLayerNetwork net = new MultiLayerNetwork(lb.build());
    net.init();
    for (int l = 0; l < net.getnLayers(); l++) {
      FeedForwardLayer ff =
          (FeedForwardLayer) net.getLayerWiseConfigurations().getConf(l).getLayer();
      int nIn = (int) ff.getNIn();
      int nOut = (int) ff.getNOut();
      INDArray w;
      if (normc) {
        float[] std = new float[nOut];
        java.util.Arrays.fill(std, 1.0f);
        w = normc(nIn, nOut, std, rng);
      } else {
        double limit = Math.sqrt(6.0 / (nIn + nOut));
        double[][] v = new double[nIn][nOut];
        for (int i = 0; i < nIn; i++) {
          for (int j = 0; j < nOut; j++) {
            v[i][j] = (rng.nextDouble() * 2 - 1) * limit;
          }
        }
        w = Nd4j.create(v);
      }
      net.setParam(l + "_W", w.castTo(dataType));
      net.setParam(l + "_b", Nd4j.zeros(dataType, 1, nOut));
    }
    return new Model(net, lr);
  }

  /**
   * RLlib's {@code normc_initializer}: a standard normal [nIn, nOut] matrix whose every column is
   * rescaled to L2 norm {@code std[j]}.
   */
  static INDArray normc(int nIn, int nOut, float[] std, Random rng) {
    double[][] w = new double[nIn][nOut];
    for (int j = 0; j < nOut; j++) {
      double ss = 0;
      for (int i = 0; i < nIn; i++) {
        w[i][j] = rng.nextGaussian();
        ss += w[i][j] * w[i][j];
      }
      double s = std[j] / Math.sqrt(ss);
      for (int i = 0; i < nIn; i++) {
        w[i][j] *= s;
      }
    }
    return Nd4j.create(w);
  }

  /** The DL4J activation for an RLlib activation name. */
  static Activation activation(String name) {
    return switch (name == null ? "" : name) {
      case "tanh" -> Activation.TANH;
      case "relu" -> Activation.RELU;
      case "sigmoid" -> Activation.SIGMOID;
      case "elu" -> Activation.ELU;
      case "linear" -> Activation.IDENTITY;
      default ->
          throw new IllegalArgumentException(
              "model config 'fcnet_activation' must be tanh, relu, sigmoid, elu or linear, got '"
                  + name
                  + "'");
    };
  }
}
