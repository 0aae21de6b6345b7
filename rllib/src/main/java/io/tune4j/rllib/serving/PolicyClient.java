package io.tune4j.rllib.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RLlib's {@code PolicyClient} for a {@link PolicyServer}: the same five calls, over HTTP with
 * JSON. Observations and actions are Java space values (Integer for Discrete, double[] for Box,
 * ...; for a multi-agent server, maps of them by agent id); actions come back as an {@code Integer} for an integer, a {@code double[]} for an array of
 * numbers, else as Jackson reads them. Thread-safe: one client can play many episodes at once.
 *
 * <pre>{@code
 * PolicyClient client = new PolicyClient("http://127.0.0.1:9900");
 * String eid = client.startEpisode(null, true);
 * Object action = client.getAction(eid, new double[] {0, 0, 0.01, 0});
 * client.logReturns(eid, 1.0, null);
 * client.endEpisode(eid, new double[] {0, 0, 0.02, 0});
 * }</pre>
 */
public final class PolicyClient {
  /** A request the server refused (4xx) or could not serve (5xx). */
  public static final class ServerException extends RuntimeException {
    private final int status;
    private final String field;

    ServerException(int status, String message, String field) {
      super("policy server answered " + status + ": " + message);
      this.status = status;
      this.field = field;
    }

    /** The HTTP status. */
    public int status() {
      return status;
    }

    /** The request field the server blamed, or null. */
    public String field() {
      return field;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI address;
  private final HttpClient http;
  private final Duration timeout;

  /** A client of the server at {@code address} (e.g. {@code http://127.0.0.1:9900}), 75 s per request. */
  public PolicyClient(String address) {
    this(address, Duration.ofSeconds(75));
  }

  /** A client whose requests give up after {@code timeout}. */
  public PolicyClient(String address, Duration timeout) {
    this.address = URI.create(address.endsWith("/") ? address : address + "/");
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** Starts an episode (a null id lets the server choose) and returns its id. */
  public String startEpisode(String episodeId, boolean trainingEnabled) {
    Map<String, Object> m = command("START_EPISODE");
    m.put("episode_id", episodeId);
    m.put("training_enabled", trainingEnabled);
    return send(m).get("episode_id").textValue();
  }

  /** The policy's action for {@code observation}. */
  public Object getAction(String episodeId, Object observation) {
    Map<String, Object> m = command("GET_ACTION");
    m.put("episode_id", episodeId);
    m.put("observation", observation);
    return value(send(m).get("action"));
  }

  /** Records an action the simulator took itself. */
  public void logAction(String episodeId, Object observation, Object action) {
    Map<String, Object> m = command("LOG_ACTION");
    m.put("episode_id", episodeId);
    m.put("observation", observation);
    m.put("action", action);
    send(m);
  }

  /** Records a reward (and optionally an info dict) for the episode's last action. */
  public void logReturns(String episodeId, double reward, Map<String, Object> info) {
    Map<String, Object> m = command("LOG_RETURNS");
    m.put("episode_id", episodeId);
    m.put("reward", reward);
    m.put("info", info);
    send(m);
  }

  /** Records rewards (and optionally infos) by agent id, for an {@code ExternalMultiAgentEnv}. */
  public void logReturns(String episodeId, Map<String, Double> rewards, Map<String, Map<String, Object>> infos) {
    Map<String, Object> m = command("LOG_RETURNS");
    m.put("episode_id", episodeId);
    m.put("reward", rewards);
    m.put("info", infos);
    send(m);
  }

  /** Ends the episode with its last observation. */
  public void endEpisode(String episodeId, Object observation) {
    Map<String, Object> m = command("END_EPISODE");
    m.put("episode_id", episodeId);
    m.put("observation", observation);
    send(m);
  }

  private static Map<String, Object> command(String c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", c);
    return m;
  }

  private static Object value(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isIntegralNumber()) {
      return n.intValue();
    }
    if (n.isArray()) {
      boolean numbers = true;
      for (JsonNode x : n) {
        numbers &= x.isNumber();
      }
      if (numbers) {
        double[] d = new double[n.size()];
        for (int i = 0; i < d.length; i++) {
          d[i] = n.get(i).doubleValue();
        }
        return d;
      }
    }
    return JSON.convertValue(n, Object.class);
  }

  private JsonNode send(Map<String, Object> body) {
    try {
      HttpRequest req = HttpRequest.newBuilder(address).timeout(timeout)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
      HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
      JsonNode json = JSON.readTree(resp.body());
      if (resp.statusCode() != 200) {
        throw new ServerException(resp.statusCode(), json.path("error").asText(),
            json.path("field").isTextual() ? json.path("field").textValue() : null);
      }
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException("policy server at " + address + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while talking to " + address, e);
    }
  }
}
