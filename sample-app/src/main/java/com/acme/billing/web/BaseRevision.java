package com.acme.billing.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.pocketto.Revision;

/**
 * The revision a client's update or delete is based on, and where the client said it. The source
 * decides the status of a stale write: a failed {@code If-Match} precondition is HTTP's 412, a stale
 * {@code _rev} in the body is Pocketto's 409.
 *
 * @param rev the revision, validated
 * @param fromHeader whether it came from {@code If-Match} rather than the body or the query
 */
public record BaseRevision(String rev, boolean fromHeader) {

  /** The status a write gets when this revision is no longer the stored one. */
  public int staleStatus() {
    return fromHeader ? 412 : 409;
  }

  /**
   * The base revision from {@code If-Match} or from {@code bodyRev} (a body's {@code _rev} or a
   * {@code ?rev=} query parameter); {@code null} when the client sent neither.
   *
   * @throws ApiException 400 for a malformed revision, or when the header and the body disagree
   */
  public static BaseRevision of(Context ctx, JsonNode bodyRev, String bodyField) {
    String header = ctx.header("If-Match");
    String fromHeader = header == null ? null : parseIfMatch(header);
    String fromBody = null;
    if (bodyRev != null && !bodyRev.isMissingNode()) {
      if (!bodyRev.isTextual()) {
        throw ApiException.badRequest(bodyField, "'" + bodyField + "' must be a revision string such as "
            + "\"2-0123456789abcdef0123456789abcdef\", not " + bodyRev);
      }
      fromBody = checked(bodyField, bodyRev.asText());
    }
    if (fromHeader != null && fromBody != null && !fromHeader.equals(fromBody)) {
      throw ApiException.badRequest(bodyField, "If-Match names revision " + fromHeader + " but '" + bodyField
          + "' names " + fromBody + "; send one, or the same in both");
    }
    if (fromHeader != null) {
      return new BaseRevision(fromHeader, true);
    }
    return fromBody == null ? null : new BaseRevision(fromBody, false);
  }

  /** The revision in an {@code If-Match} value: one strong entity tag, quoted as ETags are (quotes optional). */
  private static String parseIfMatch(String header) {
    String value = header.trim();
    if (value.equals("*")) {
      throw ApiException.badRequest("If-Match", "If-Match: * would update whatever is stored; send the ETag "
          + "(revision) you read instead");
    }
    if (value.startsWith("W/")) {
      throw ApiException.badRequest("If-Match", "If-Match needs the strong ETag the server sent, not " + value);
    }
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    if (value.contains(",") || value.contains("\"")) {
      throw ApiException.badRequest("If-Match", "If-Match must hold exactly one ETag, not " + header);
    }
    return checked("If-Match", value);
  }

  private static String checked(String field, String text) {
    try {
      return Revision.parse(text).toString();
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(field, e.getMessage());
    }
  }
}
