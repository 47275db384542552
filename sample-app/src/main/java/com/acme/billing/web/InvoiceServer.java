package com.acme.billing.web;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.pocketto.Database;
import io.pocketto.DocumentNotFoundException;
import io.pocketto.LockedException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sales-invoice web server: the REST API under {@code /api/invoices} and the page at {@code /}.
 * Every error is a JSON object; a client never sees a stack trace. Closing it is graceful: the port
 * stops accepting connections, requests in flight finish (for up to {@link #STOP_TIMEOUT}), then the
 * server stops. The database belongs to the caller, who closes it afterwards.
 */
public final class InvoiceServer implements AutoCloseable {
  /** The largest request body accepted; an invoice is a few kilobytes. */
  public static final int MAX_BODY_BYTES = 256 * 1024;
  /** How long {@link #close()} waits for requests in flight. */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How much of a refused body the server still reads and discards before it answers 413. A client that
   * is still sending when the answer comes and the connection closes gets a reset, and loses the 413;
   * reading what is left of a body up to this size lets it read the answer. Larger bodies are cut off.
   */
  static final long REFUSED_BODY_DRAIN_BYTES = 4L * MAX_BODY_BYTES;

  private static final Logger LOG = LoggerFactory.getLogger(InvoiceServer.class);

  private final Javalin app;

  private InvoiceServer(Javalin app) {
    this.app = app;
  }

  /**
   * Starts serving {@code db}'s invoices on {@code host}:{@code port}; port 0 picks a free one.
   *
   * @throws io.javalin.util.JavalinBindException if the port is taken
   */
  public static InvoiceServer start(Database db, String host, int port) {
    return start(db, host, port, (SyncUsers) null);
  }

  /**
   * {@link #start(Database, String, int)} whose sync routes require sign-in as one of {@code users}
   * (none when {@code null}), each user syncing its own customers' invoices.
   */
  public static InvoiceServer start(Database db, String host, int port, SyncUsers users) {
    return start(db, host, port, users, config -> { });
  }

  /**
   * {@link #start(Database, String, int)} for a replica: also its sync state, pause and resume, and its
   * replication conflicts' routes.
   */
  public static InvoiceServer start(Database db, String host, int port, io.pocketto.sync.Replication replica) {
    return start(db, host, port, replica, null);
  }

  /** {@link #start(Database, String, int, io.pocketto.sync.Replication)} of a replica signed in as {@code signedInAs}. */
  public static InvoiceServer start(Database db, String host, int port, io.pocketto.sync.Replication replica, String signedInAs) {
    return start(db, host, port, null, config -> SyncRoutes.mountReplica(config, replica, signedInAs));
  }

  /** {@link #start(Database, String, int)} with extra configuration, e.g. routes a test adds. */
  static InvoiceServer start(Database db, String host, int port, Consumer<JavalinConfig> extra) {
    return start(db, host, port, null, extra);
  }

  private static InvoiceServer start(Database db, String host, int port, SyncUsers users, Consumer<JavalinConfig> extra) {
    InvoiceApi api = new InvoiceApi(db);
    EditingLocks locks = new EditingLocks(db);
    Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.jetty.host = host;
      config.jetty.port = port;
      config.jetty.modifyServer(server -> {
        // Without a GracefulHandler, Jetty's stop cuts requests in flight; with it, it waits for them.
        server.insertHandler(new GracefulHandler());
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
        server.setErrorHandler(new JsonErrorHandler());
      });
      config.http.maxRequestSize = MAX_BODY_BYTES;
      config.jsonMapper(new JavalinJackson(InvoiceJson.MAPPER, false));
      config.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = "/web";
        files.location = Location.CLASSPATH;
      });
      config.requestLogger.http((ctx, millis) ->
          LOG.info("{} {} -> {} ({} ms)", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(millis)));

      config.routes.before("/api/*", InvoiceServer::rejectOversizedBody);
      config.routes.before("/api/*", RequestBody::requireJsonContentType);
      config.routes.before("/api/*", locks::enterWriter);
      config.routes.after("/api/*", locks::leaveWriter);
      config.routes.get("/api/invoices", api::list);
      config.routes.post("/api/invoices", api::create);
      config.routes.get("/api/invoices/{id}", api::get);
      config.routes.put("/api/invoices/{id}", api::replace);
      config.routes.patch("/api/invoices/{id}", api::patch);
      config.routes.delete("/api/invoices/{id}", api::delete);
      config.routes.post("/api/invoices/{id}/merge", api::merge);
      config.routes.get("/api/invoices/{id}/lock", locks::show);
      config.routes.post("/api/invoices/{id}/lock", locks::take);
      config.routes.delete("/api/invoices/{id}/lock", locks::release);
      SyncRoutes.mount(config, db, users);

      config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e));
      config.routes.exception(LockedException.class, (e, ctx) -> ctx.status(e.status()).json(e.toJsonNode()));
      config.routes.exception(DocumentNotFoundException.class,
          (e, ctx) -> error(ctx, ApiException.notFound(e.getMessage())));
      config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, fromJavalin(e)));
      config.routes.exception(Exception.class, (e, ctx) -> {
        ApiException unreadable = unreadableBody(e);
        if (unreadable != null) {
          LOG.info("Refused {} {}: {}", ctx.method(), ctx.path(), unreadable.getMessage());
          error(ctx, unreadable);
          return;
        }
        LOG.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
        error(ctx, ApiException.of(500, "internal_error", "the server failed; the server log has the details"));
      });
      extra.accept(config);
    });
    app.start();
    LOG.info("Serving invoices from {} at http://{}:{}/", db.url(), host, app.port());
    return new InvoiceServer(app);
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /** Stops accepting requests, lets the ones in flight finish, and stops. */
  @Override
  public void close() {
    LOG.info("Stopping the web server; requests in flight may take up to {} s", STOP_TIMEOUT.toSeconds());
    app.stop();
    LOG.info("Web server stopped");
  }

  /** A body announced as too large is refused before it is read; one that only turns out too large fails on read. */
  private static void rejectOversizedBody(Context ctx) {
    long length = ctx.contentLength();
    if (length > MAX_BODY_BYTES) {
      throw ApiException.of(413, "payload_too_large", "the request body has " + length
          + " bytes; the largest accepted is " + MAX_BODY_BYTES);
    }
  }


  /**
   * A body Jetty could not read to its end: malformed chunked encoding, or a connection that ended before
   * the {@code Content-Length} it announced. The client is at fault, so it gets a 400; null for any other
   * failure.
   */
  static ApiException unreadableBody(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof org.eclipse.jetty.http.HttpException || t instanceof org.eclipse.jetty.io.EofException) {
        return ApiException.badRequest(null, "the request body could not be read: it is malformed (such as a broken "
            + "chunked encoding) or ended before its Content-Length (" + t.getMessage() + ")");
      }
    }
    return null;
  }

  /** Javalin's own refusals (no such route, a body that turned out too large) in the API's error shape. */
  private static ApiException fromJavalin(HttpResponseException e) {
    return switch (e.getStatus()) {
      case 404 -> ApiException.notFound(e.getMessage());
      case 405 -> ApiException.of(405, "method_not_allowed", e.getMessage());
      case 413 -> ApiException.of(413, "payload_too_large", "the request body is larger than the "
          + MAX_BODY_BYTES + " bytes accepted");
      default -> ApiException.of(e.getStatus(), "http_" + e.getStatus(), e.getMessage());
    };
  }

  private static void error(Context ctx, ApiException e) {
    if (e.status() == 413) {
      drainRefusedBody(ctx);
    }
    ctx.status(e.status()).json(e.toJson());
  }

  /** Reads and discards what is left of a refused body, up to {@link #REFUSED_BODY_DRAIN_BYTES}. */
  private static void drainRefusedBody(Context ctx) {
    byte[] buffer = new byte[16 * 1024];
    long drained = 0;
    try {
      InputStream in = ctx.req().getInputStream();
      for (int n; drained < REFUSED_BODY_DRAIN_BYTES && (n = in.read(buffer)) >= 0; ) {
        drained += n;
      }
    } catch (IOException | RuntimeException e) {
      // The body is refused anyway; a client that cannot finish sending it just misses the answer.
      LOG.debug("Could not read the rest of a refused body after {} bytes: {}", drained, e.toString());
    }
  }
}
