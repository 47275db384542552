package com.acme.billing.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error responses in the API's JSON shape. Jetty answers some requests before Javalin sees
 * them: a malformed request line or header (400), a URI or headers too long (414, 431). Its default
 * handler writes an HTML page for those; a client of a JSON API should not have to parse HTML.
 */
final class JsonErrorHandler extends ErrorHandler {

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) {
    byte[] body = json(code, message);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(json(status, reason));
  }

  /** The error body for {@code status}, with Jetty's reason for a 4xx (never a stack trace) in the message. */
  static byte[] json(int status, String reason) {
    String name = switch (status) {
      case 400 -> "bad_request";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 415 -> "unsupported_media_type";
      case 431 -> "headers_too_large";
      default -> status >= 500 ? "internal_error" : "http_" + status;
    };
    String standard = HttpStatus.getMessage(status);
    String what = switch (status) {
      case 414 -> "the request's URI is too long";
      case 431 -> "the request's headers are too large";
      default -> "the request was refused: " + standard;
    };
    // Jetty's reasons for a refused request say what was wrong with it; for its own failures they may
    // describe the server, which the log keeps.
    String message = status >= 500 ? "the server failed; the server log has the details"
        : reason == null || reason.isBlank() || reason.equals(standard) ? what : what + " (" + reason + ")";
    return ApiException.of(status, name, message).toJson().toString().getBytes(StandardCharsets.UTF_8);
  }
}
