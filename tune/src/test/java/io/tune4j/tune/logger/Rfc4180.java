package io.tune4j.tune.logger;

import java.util.ArrayList;
import java.util.List;

/** A tiny RFC 4180 reader for tests: quoted fields, doubled quotes, CRLF or LF record ends. */
final class Rfc4180 {

  private Rfc4180() {}

  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean sawQuote = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        if (cell.length() > 0 || sawQuote) {
          throw new IllegalArgumentException("quote inside an unquoted field at offset " + i);
        }
        quoted = true;
        sawQuote = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
        sawQuote = false;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(cell.toString());
        rows.add(row);
        row = new ArrayList<>();
        cell.setLength(0);
        sawQuote = false;
      } else {
        cell.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quoted field");
    }
    if (cell.length() > 0 || !row.isEmpty()) {
      throw new IllegalArgumentException("last record has no line end: " + row + cell);
    }
    return rows;
  }
}
