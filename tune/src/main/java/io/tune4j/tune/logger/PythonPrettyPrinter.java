package io.tune4j.tune.logger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;
import java.io.IOException;

/**
 * Indents JSON the way Python's {@code json.dumps(obj, indent=2)} does, so {@code params.json}
 * looks like Tune's: every entry and array element on its own line, {@code ": "} between key and
 * value, {@code "{}"} and {@code "[]"} for empty containers.
 */
public final class PythonPrettyPrinter
    implements PrettyPrinter, Instantiatable<PythonPrettyPrinter> {

  private static final String SPACES = " ".repeat(256);
  private final int indent;
  private int nesting;

  /** Creates a printer with Tune's indent of two spaces. */
  public PythonPrettyPrinter() {
    this(2);
  }

  /**
   * Creates a printer.
   *
   * @param indent spaces per nesting level
   */
  public PythonPrettyPrinter(int indent) {
    if (indent < 0) {
      throw new IllegalArgumentException("indent must be >= 0, got " + indent);
    }
    this.indent = indent;
  }

  @Override
  public PythonPrettyPrinter createInstance() {
    return new PythonPrettyPrinter(indent);
  }

  private void newline(JsonGenerator g) throws IOException {
    g.writeRaw('\n');
    int n = nesting * indent;
    while (n > 0) {
      int k = Math.min(n, SPACES.length());
      g.writeRaw(SPACES, 0, k);
      n -= k;
    }
  }

  @Override
  public void writeRootValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw('\n');
  }

  @Override
  public void writeStartObject(JsonGenerator g) throws IOException {
    g.writeRaw('{');
    nesting++;
  }

  @Override
  public void beforeObjectEntries(JsonGenerator g) throws IOException {
    newline(g);
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(": ");
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
    g.writeRaw(',');
    newline(g);
  }

  @Override
  public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
    nesting--;
    if (nrOfEntries > 0) {
      newline(g);
    }
    g.writeRaw('}');
  }

  @Override
  public void writeStartArray(JsonGenerator g) throws IOException {
    g.writeRaw('[');
    nesting++;
  }

  @Override
  public void beforeArrayValues(JsonGenerator g) throws IOException {
    newline(g);
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(',');
    newline(g);
  }

  @Override
  public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
    nesting--;
    if (nrOfValues > 0) {
      newline(g);
    }
    g.writeRaw(']');
  }
}
