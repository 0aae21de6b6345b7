package io.tune4j.rllib.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tune4j.rllib.env.AbstractExternalEnv;
import io.tune4j.rllib.env.ExternalEnv;
import io.tune4j.rllib.env.ExternalMultiAgentEnv;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * RLlib's {@code PolicyServer} with JSON instead of pickle: an HTTP server on an {@link
 * ExternalEnv}, so a simulator in any language can play episodes against the trainer's policy. It
 * uses the JDK's own {@code com.sun.net.httpserver} (no dependency; a thread per waiting request,
 * which is what a blocking {@code GET_ACTION} needs).
 *
 * <p>Every request is a {@code POST /} with a JSON object naming a {@code command} and RLlib's
 * fields:
 *
 * <pre>
 * START_EPISODE  [episode_id], [training_enabled]   → {"episode_id": "..."}
 * GET_ACTION     episode_id, observation            → {"action": ...}
 * LOG_ACTION     episode_id, observation, action    → {}
 * LOG_RETURNS    episode_id, reward, [info]         → {}
 * END_EPISODE    episode_id, observation            → {}
 * </pre>
 *
 * <p>With an {@link ExternalMultiAgentEnv}, {@code observation}, {@code action}, {@code reward}
 * and {@code info} are objects keyed by agent id.
 *
 * <p>A malformed body, an unknown command, a missing or ill-typed field, an unknown episode or a
 * value outside its space gets a 400 with {@code {"error": ..., "field": ...}}; an action the
 * trainer does not produce within the env's timeout gets a 503. Binds 127.0.0.1 unless told
 * otherwise.
 *
 * <pre>{@code
 * try (PolicyServer server = PolicyServer.start(env, "127.0.0.1", 9900)) {
 *   while (true) trainer.train();
 * }
 * }</pre>
 */
public final class PolicyServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PolicyServer.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 16 << 20;
  /**
   * The JDK 17 server loses a request now and then on a reused keep-alive connection (seen here:
   * two clients hung in GET_ACTION with every handler thread idle), so each exchange closes its
   * connection unless {@code -Dtune4j.serving.keepAlive=true}.
   */
  private static final boolean KEEP_ALIVE = Boolean.getBoolean("tune4j.serving.keepAlive");

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK: ~40 ms per response (measured: p50 125 ms with 100 concurrent episodes).
    // The server reads this property once, when its first instance is made.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final AbstractExternalEnv env;
  private final HttpServer server;
  private final ExecutorService pool;

  private PolicyServer(AbstractExternalEnv env, String address, int port) throws IOException {
    this.env = env;
    this.server = HttpServer.create(new InetSocketAddress(address, port), 256);
    // Each waiting GET_ACTION holds a thread: allow one per concurrent episode, plus a few.
    this.pool = new ThreadPoolExecutor(4, env.maxConcurrent() + 16, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        r -> {
          Thread t = new Thread(r, "policy-server");
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a server for {@code env} on {@code address:port} (port 0 picks a free one).
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static PolicyServer start(AbstractExternalEnv env, String address, int port) {
    try {
      return new PolicyServer(env, address, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve on " + address + ":" + port + ": " + e.getMessage(), e);
    }
  }

  /** Starts a server for {@code env} on 127.0.0.1:{@code port}. */
  public static PolicyServer start(AbstractExternalEnv env, int port) {
    return start(env, "127.0.0.1", port);
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The bound address, e.g. {@code http://127.0.0.1:9900}. */
  public String url() {
    return "http://" + server.getAddress().getHostString() + ":" + port();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod())) {
        reply(ex, 405, error("use POST with a JSON body", null));
        return;
      }
      if (!"/".equals(ex.getRequestURI().getPath())) {
        reply(ex, 404, error("unknown path " + ex.getRequestURI().getPath() + "; POST to /", null));
        return;
      }
      JsonNode body;
      try (InputStream in = ex.getRequestBody()) {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
          reply(ex, 413, error("request body over " + MAX_BODY + " bytes", null));
          return;
        }
        body = JSON.readTree(bytes);
      } catch (IOException e) {
        reply(ex, 400, error("malformed JSON: " + getOriginalMessage(e), null));
        return;
      }
      if (body == null || !body.isObject()) {
        reply(ex, 400, error("the body must be a JSON object with a 'command'", null));
        return;
      }
      try {
        reply(ex, 200, execute(body));
      } catch (JsonValues.BadValue e) {
        reply(ex, 400, error(e.getMessage(), e.field()));
      } catch (ExternalEnv.ExternalEnvException e) {
        reply(ex, 400, error(e.getMessage(), e.field()));
      } catch (ExternalEnv.ActionTimeoutException | IllegalStateException e) {
        reply(ex, 503, error(e.getMessage(), null)); // no action in time, or the env is closing
      } catch (RuntimeException e) {
        LOG.warning("policy server: " + e);
        reply(ex, 500, error("internal error: " + e, null));
      }
    }
  }

  private static String getOriginalMessage(IOException e) {
    return e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }

  private Map<String, Object> execute(JsonNode body) {
    JsonNode cmd = body.get("command");
    if (cmd == null || !cmd.isTextual()) {
      throw new JsonValues.BadValue("command", "missing or non-string 'command' (START_EPISODE, GET_ACTION,"
          + " LOG_ACTION, LOG_RETURNS or END_EPISODE)");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    switch (cmd.textValue()) {
      case "START_EPISODE" -> {
        JsonNode id = body.get("episode_id");
        if (id != null && !id.isNull() && !id.isTextual()) {
          throw new JsonValues.BadValue("episode_id", "'episode_id' must be a string or null, got " + id);
        }
        JsonNode training = body.get("training_enabled");
        if (training != null && !training.isNull() && !training.isBoolean()) {
          throw new JsonValues.BadValue("training_enabled", "'training_enabled' must be true or false, got "
              + training);
        }
        out.put("episode_id", env.startEpisode(id == null || id.isNull() ? null : id.textValue(),
            training == null || training.isNull() || training.booleanValue()));
      }
      case "GET_ACTION" -> {
        String id = episodeId(body);
        if (env instanceof ExternalMultiAgentEnv m) {
          out.put("action", m.getAction(id, perAgent(body.get("observation"), env.observationSpace(), "observation")));
        } else {
          out.put("action", ((ExternalEnv) env).getAction(id, JsonValues.read(env.observationSpace(),
              body.get("observation"), "observation")));
        }
      }
      case "LOG_ACTION" -> {
        String id = episodeId(body);
        if (env instanceof ExternalMultiAgentEnv m) {
          m.logAction(id, perAgent(body.get("observation"), env.observationSpace(), "observation"),
              perAgent(body.get("action"), env.actionSpace(), "action"));
        } else {
          Object obs = JsonValues.read(env.observationSpace(), body.get("observation"), "observation");
          ((ExternalEnv) env).logAction(id, obs, JsonValues.read(env.actionSpace(), body.get("action"), "action"));
        }
      }
      case "LOG_RETURNS" -> {
        String id = episodeId(body);
        JsonNode r = body.get("reward");
        JsonNode info = body.get("info");
        if (info != null && !info.isNull() && !info.isObject()) {
          throw new JsonValues.BadValue("info", "'info' must be an object or null, got " + info);
        }
        if (env instanceof ExternalMultiAgentEnv m) {
          if (r == null || !r.isObject()) {
            throw new JsonValues.BadValue("reward", "'reward' must be an object of numbers by agent id, got " + r);
          }
          Map<String, Double> rewards = new LinkedHashMap<>();
          for (var it = r.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isNumber()) {
              throw new JsonValues.BadValue("reward", "'reward." + e.getKey() + "' must be a number, got " + e.getValue());
            }
            rewards.put(e.getKey(), e.getValue().doubleValue());
          }
          Map<String, Map<String, Object>> infos = null;
          if (info != null && !info.isNull()) {
            infos = new LinkedHashMap<>();
            for (var it = info.fields(); it.hasNext(); ) {
              var e = it.next();
              if (!e.getValue().isObject()) {
                throw new JsonValues.BadValue("info", "'info." + e.getKey() + "' must be an object, got " + e.getValue());
              }
              @SuppressWarnings("unchecked")
              Map<String, Object> one = JSON.convertValue(e.getValue(), Map.class);
              infos.put(e.getKey(), one);
            }
          }
          m.logReturns(id, rewards, infos);
        } else {
          if (r == null || !r.isNumber()) {
            throw new JsonValues.BadValue("reward", "'reward' must be a number, got " + r);
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> infoMap = info == null || info.isNull() ? null : JSON.convertValue(info, Map.class);
          ((ExternalEnv) env).logReturns(id, r.doubleValue(), infoMap);
        }
      }
      case "END_EPISODE" -> {
        String id = episodeId(body);
        if (env instanceof ExternalMultiAgentEnv m) {
          m.endEpisode(id, perAgent(body.get("observation"), env.observationSpace(), "observation"));
        } else {
          ((ExternalEnv) env).endEpisode(id, JsonValues.read(env.observationSpace(), body.get("observation"),
              "observation"));
        }
      }
      default -> throw new JsonValues.BadValue("command", "unknown command '" + cmd.textValue()
          + "' (START_EPISODE, GET_ACTION, LOG_ACTION, LOG_RETURNS or END_EPISODE)");
    }
    return out;
  }

  /** A JSON object of values by agent id (the multi-agent form of a field). */
  private static Map<String, Object> perAgent(JsonNode node, io.tune4j.rllib.env.Space space, String field) {
    if (node == null || !node.isObject() || node.size() == 0) {
      throw new JsonValues.BadValue(field, "'" + field + "' must be a non-empty object keyed by agent id, got " + node);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (var it = node.fields(); it.hasNext(); ) {
      var e = it.next();
      out.put(e.getKey(), JsonValues.read(space, e.getValue(), field));
    }
    return out;
  }

  private static String episodeId(JsonNode body) {
    JsonNode id = body.get("episode_id");
    if (id == null || !id.isTextual()) {
      throw new JsonValues.BadValue("episode_id", "missing or non-string 'episode_id', got " + id);
    }
    return id.textValue();
  }

  private static Map<String, Object> error(String message, String field) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    m.put("field", field);
    return m;
  }

  private static void reply(HttpExchange ex, int status, Map<String, Object> body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    if (!KEEP_ALIVE) {
      ex.getResponseHeaders().set("Connection", "close");
    }
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops serving (waiting requests get errors) and closes the env's waiting episodes. */
  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
