package io.pocketto.bench.variant;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pocketto.bench.model.InvoiceLine;
import io.pocketto.bench.model.Status;
import java.io.ByteArrayOutputStream;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * The JDBC variant's hand-written canonical JSON and revision: the same bytes and the same
 * {@code <height>-md5(parent NUL deleted NUL body)} the runtime computes, written field by field with
 * no reflection, into buffers reused by one thread.
 */
final class CanonicalInvoice {
  private static final JsonFactory JSON = new JsonFactory();
  private static final HexFormat HEX = HexFormat.of();

  private final CharArrayWriter text = new CharArrayWriter(256);
  private final Buffer body = new Buffer();
  private final MessageDigest md5;

  CanonicalInvoice() {
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The lines as canonical JSON: an array of objects with their keys in name order. */
  String lines(List<InvoiceLine> lines) {
    text.reset();
    try (JsonGenerator g = JSON.createGenerator(text)) {
      g.writeStartArray();
      for (InvoiceLine line : lines) {
        g.writeStartObject();
        g.writeStringField("description", line.description());
        g.writeNumberField("quantity", line.quantity());
        g.writeNumberField("unitPrice", line.unitPrice());
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** The revision following {@code parent} ({@code null} for a new document) for a live invoice with these values. */
  String revision(String parent, String customer, LocalDate issuedOn, String linesJson, String number,
      int reminders, Status status, BigDecimal total) {
    body.reset();
    try (JsonGenerator g = JSON.createGenerator(body)) {
      g.writeStartObject();
      g.writeStringField("customer", customer);
      g.writeStringField("issuedOn", issuedOn.toString());
      g.writeFieldName("lines");
      g.writeRawValue(linesJson);
      g.writeStringField("number", number);
      g.writeNumberField("reminders", (long) reminders);
      g.writeStringField("status", status.name());
      g.writeFieldName("total");
      g.writeNumber(total.stripTrailingZeros().toString());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long height = 1;
    if (parent != null) {
      height = Long.parseLong(parent, 0, parent.indexOf('-'), 10) + 1;
      md5.update(parent.getBytes(StandardCharsets.US_ASCII));
    }
    md5.update((byte) 0);
    md5.update((byte) '0');
    md5.update((byte) 0);
    md5.update(body.bytes(), 0, body.size());
    return height + "-" + HEX.formatHex(md5.digest());
  }

  /** A byte buffer whose contents are digested in place, without the copy {@code toByteArray} makes. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(512);
    }

    byte[] bytes() {
      return buf;
    }
  }
}
