package io.pocketto.it.reliability;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fault-injecting TCP proxy between the JDBC driver and PostgreSQL, on loopback. It forwards the wire
 * protocol as it is, and on request:
 * <ul>
 *   <li>drops the answer of a committed write: a {@code CommandComplete} of {@code UPDATE 1},
 *       {@code INSERT 0 1} or {@code COMMIT} followed by {@code ReadyForQuery} with status {@code I} (the
 *       transaction ended, durably), which it swallows before closing the connection; the driver sees the
 *       connection die with its write done;</li>
 *   <li>cuts a connection before the server sees the client's next {@code Execute}, so the write never
 *       happens;</li>
 *   <li>refuses every connection, as an unreachable server does.</li>
 * </ul>
 * A hook may run at the moment of the fault, before the client can notice it (another writer, say).
 */
final class WireProxy implements AutoCloseable {
  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_REQUEST = 80877104;

  private final ServerSocket server;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger answersToDrop = new AtomicInteger();
  private final AtomicInteger executesToCut = new AtomicInteger();
  private final AtomicReference<Runnable> hook = new AtomicReference<>();
  private final AtomicInteger answersDropped = new AtomicInteger();
  private volatile boolean refusing;
  private volatile boolean closed;

  WireProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "wire-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port clients connect to. */
  int port() {
    return server.getLocalPort();
  }

  /** Drops the answer of the next committed write; {@code atFault} runs first, if not null. */
  void dropNextCommittedAnswer(Runnable atFault) {
    hook.set(atFault);
    answersToDrop.incrementAndGet();
  }

  /** Cuts the connection that sends the next {@code Execute}, before the server sees it. */
  void cutBeforeNextExecute(Runnable atFault) {
    hook.set(atFault);
    executesToCut.incrementAndGet();
  }

  /** Whether a requested fault is still waiting for its write. */
  boolean faultPending() {
    return answersToDrop.get() > 0 || executesToCut.get() > 0;
  }

  /** How many committed answers were dropped so far. */
  int answersDropped() {
    return answersDropped.get();
  }

  /** Refuses (closes at once) every connection, open or new, until {@link #heal()}. */
  void refuseAll() {
    refusing = true;
    for (Socket s : open) {
      closeQuietly(s);
    }
  }

  /** Accepts and forwards connections again. */
  void heal() {
    refusing = false;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        if (refusing) {
          closeQuietly(client);
          continue;
        }
        Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(target);
        start("wire-proxy-up", () -> pumpClient(client, target));
        start("wire-proxy-down", () -> pumpServer(target, client));
      } catch (IOException e) {
        if (!closed) {
          System.err.println("wire proxy: " + e);
        }
      }
    }
  }

  private static void start(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  /** Client to server: untyped startup messages, then typed ones; may cut before an Execute. */
  private void pumpClient(Socket client, Socket target) {
    try (DataInputStream in = new DataInputStream(client.getInputStream())) {
      OutputStream out = target.getOutputStream();
      boolean startup = true;
      while (true) {
        if (startup) {
          int length = in.readInt();
          byte[] body = in.readNBytes(length - 4);
          int code = length >= 8 ? readInt(body, 0) : 0;
          writeInt(out, length);
          out.write(body);
          out.flush();
          startup = code == SSL_REQUEST || code == GSS_REQUEST;
          continue;
        }
        int type = in.readUnsignedByte();
        int length = in.readInt();
        byte[] body = in.readNBytes(length - 4);
        if (type == 'E' && takeOne(executesToCut)) {
          runHook();
          closePair(client, target);
          return;
        }
        out.write(type);
        writeInt(out, length);
        out.write(body);
        if (in.available() == 0) {
          out.flush();
        }
      }
    } catch (IOException e) {
      closePair(client, target);
    }
  }

  /** Server to client: a one-byte answer to an SSL or GSS request may come first; then typed messages. */
  private void pumpServer(Socket target, Socket client) {
    try (DataInputStream in = new DataInputStream(target.getInputStream())) {
      OutputStream out = client.getOutputStream();
      boolean startup = true;
      byte[] held = null;
      while (true) {
        int type = in.readUnsignedByte();
        if (startup && type == 'N' && in.available() == 0) {
          // The one-byte "no" to an SSL or GSS request, before any typed message.
          out.write(type);
          out.flush();
          continue;
        }
        startup = false;
        int length = in.readInt();
        byte[] body = in.readNBytes(length - 4);
        byte[] message = message(type, length, body);
        if (held != null) {
          boolean committed = type == 'Z' && body.length == 1 && body[0] == 'I';
          if (committed && takeOne(answersToDrop)) {
            answersDropped.incrementAndGet();
            runHook();
            closePair(client, target);
            return;
          }
          out.write(held);
          held = null;
        }
        if (type == 'C' && isWriteTag(body) && answersToDrop.get() > 0) {
          held = message;
          continue;
        }
        out.write(message);
        if (in.available() == 0) {
          out.flush();
        }
      }
    } catch (EOFException e) {
      closePair(client, target);
    } catch (IOException e) {
      closePair(client, target);
    }
  }

  private static boolean isWriteTag(byte[] body) {
    String tag = new String(body, 0, Math.max(0, body.length - 1), StandardCharsets.US_ASCII);
    return tag.equals("UPDATE 1") || tag.equals("INSERT 0 1") || tag.equals("COMMIT");
  }

  private void runHook() {
    Runnable r = hook.getAndSet(null);
    if (r != null) {
      r.run();
    }
  }

  private static boolean takeOne(AtomicInteger counter) {
    while (true) {
      int n = counter.get();
      if (n == 0) {
        return false;
      }
      if (counter.compareAndSet(n, n - 1)) {
        return true;
      }
    }
  }

  private static byte[] message(int type, int length, byte[] body) {
    byte[] m = new byte[5 + body.length];
    m[0] = (byte) type;
    m[1] = (byte) (length >>> 24);
    m[2] = (byte) (length >>> 16);
    m[3] = (byte) (length >>> 8);
    m[4] = (byte) length;
    System.arraycopy(body, 0, m, 5, body.length);
    return m;
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
  }

  private static void writeInt(OutputStream out, int v) throws IOException {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  private void closePair(Socket a, Socket b) {
    closeQuietly(a);
    closeQuietly(b);
    open.remove(a);
    open.remove(b);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Closing is all that is wanted; a socket that fails to close is already unusable.
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : open) {
      closeQuietly(s);
    }
  }
}
