package io.tune4j.tune.logger;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@code params.json} (the trial's config, indented, keys sorted, replaced atomically) and
 * appends one compact JSON object per result to {@code result.json}, each line handed to the OS as
 * soon as it is logged. NaN and infinities are written as {@code null}; values JSON cannot hold are
 * written as their {@code String.valueOf} text. Result keys keep the map's order.
 *
 * <p>{@code ResultLoggerFactory json = JsonLogger::new;}
 */
public final class JsonLogger implements ResultLogger {

  /** The config file's name. */
  public static final String PARAMS_FILE = "params.json";

  /** The result log's name. */
  public static final String RESULT_FILE = "result.json";

  private final Path paramsPath;
  private final AppendFile results;
  private final ByteSink sink = new ByteSink(2048);
  private JsonGenerator gen;

  /**
   * Writes {@code params.json} and opens {@code result.json} for appending (a resumed trial keeps
   * its earlier lines; a torn last line is cut off).
   *
   * @param ctx the trial
   * @throws UncheckedIOException naming the file that cannot be written
   */
  public JsonLogger(LoggerContext ctx) {
    this.paramsPath = ctx.trialDir().resolve(PARAMS_FILE);
    writeParams(ctx.config());
    this.results = AppendFile.open(ctx.trialDir().resolve(RESULT_FILE), true);
    this.gen = newGenerator();
  }

  private JsonGenerator newGenerator() {
    try {
      JsonGenerator g = JsonText.factory().createGenerator(sink);
      g.setRootValueSeparator(null);
      return g;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeParams(Map<String, Object> config) {
    byte[] text = JsonText.toPrettyJson(config).getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(paramsPath, text);
  }

  @Override
  public void onResult(Map<String, Object> result) {
    sink.reset();
    try {
      JsonText.write(gen, result, false);
      gen.writeRaw('\n');
      gen.flush();
    } catch (IOException | RuntimeException e) {
      sink.reset();
      gen = newGenerator();
      throw new IllegalStateException("cannot encode a result for " + results.path() + ": " + e, e);
    }
    results.write(sink.buf, 0, sink.count);
  }

  @Override
  public void onConfigUpdate(Map<String, Object> newConfig) {
    writeParams(newConfig);
  }

  @Override
  public void close() {
    results.close();
  }

  @Override
  public String describe() {
    return "JsonLogger(" + results.path() + ")";
  }
}
