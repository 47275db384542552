package io.pocketto.it.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL 15 primary and a synchronous streaming standby on loopback, made from Debian's
 * {@code postgresql-15} binaries and run as the {@code postgres} user (the server refuses root). The test
 * can kill the primary's processes with SIGKILL and promote the standby, as a failover does.
 */
final class StreamingPair implements AutoCloseable {
  static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  private final Path dir;
  private final Path primaryData;
  private final Path standbyData;
  final int primaryPort;
  final int standbyPort;

  /** Whether this machine can run the pair: the binaries, root (to act as postgres) and runuser. */
  static boolean available() {
    return Files.isExecutable(BIN.resolve("postgres")) && Files.isExecutable(Path.of("/usr/sbin/runuser"))
        && "root".equals(System.getProperty("user.name"));
  }

  StreamingPair() throws IOException, InterruptedException {
    dir = Files.createTempDirectory("pocketto-failover-");
    primaryData = dir.resolve("primary");
    standbyData = dir.resolve("standby");
    primaryPort = freePort();
    standbyPort = freePort();
    run("chown", "postgres:postgres", dir.toString());
    try {
      start();
    } catch (IOException | InterruptedException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void start() throws IOException, InterruptedException {
    asPostgres(BIN.resolve("initdb") + "", "-D", primaryData.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8");
    append(primaryData.resolve("postgresql.conf"), "port = " + primaryPort, "listen_addresses = '127.0.0.1'",
        "unix_socket_directories = '" + dir + "'", "wal_level = replica", "max_wal_senders = 4",
        "synchronous_standby_names = 'standby1'", "synchronous_commit = on", "autovacuum = off");
    pgCtl(primaryData, "start");
    asPostgres(BIN.resolve("pg_basebackup") + "", "-h", "127.0.0.1", "-p", "" + primaryPort, "-U", "postgres", "-D",
        standbyData.toString(), "-X", "stream", "-R");
    // The standby's own settings; once promoted it must not wait for a synchronous standby of its own.
    // In postgresql.auto.conf, after the primary_conninfo that -R wrote there, so that this one wins.
    append(standbyData.resolve("postgresql.auto.conf"), "port = " + standbyPort, "synchronous_standby_names = ''",
        "primary_conninfo = 'host=127.0.0.1 port=" + primaryPort + " user=postgres application_name=standby1'");
    pgCtl(standbyData, "start");
    awaitSynchronousStandby();
  }

  /** One URL for both hosts: the driver connects to whichever is the primary. */
  String multiHostUrl() {
    return "jdbc:postgresql://127.0.0.1:" + primaryPort + ",127.0.0.1:" + standbyPort
        + "/postgres?user=postgres&targetServerType=primary&connectTimeout=2";
  }

  /** A URL of the standby alone. */
  String standbyUrl() {
    return "jdbc:postgresql://127.0.0.1:" + standbyPort + "/postgres?user=postgres";
  }

  /** Kills the primary's postmaster and every process it started with SIGKILL, as a crash does. */
  void killPrimary() throws IOException {
    long pid = Long.parseLong(Files.readAllLines(primaryData.resolve("postmaster.pid")).get(0).trim());
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
    List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
    all.add(postmaster);
    for (ProcessHandle p : all) {
      p.destroyForcibly();
    }
    for (ProcessHandle p : all) {
      p.onExit().join();
    }
  }

  /** Promotes the standby and waits until it accepts writes. */
  void promoteStandby() throws IOException, InterruptedException {
    asPostgres(BIN.resolve("pg_ctl") + "", "-D", standbyData.toString(), "-w", "promote");
  }

  private void awaitSynchronousStandby() throws InterruptedException {
    String url = "jdbc:postgresql://127.0.0.1:" + primaryPort + "/postgres?user=postgres";
    for (int i = 0; i < 600; i++) {
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'")) {
        if (rs.next() && "sync".equals(rs.getString(1))) {
          return;
        }
      } catch (SQLException e) {
        // Not up yet.
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the standby never became synchronous");
  }

  private void pgCtl(Path data, String action) throws IOException, InterruptedException {
    asPostgres(BIN.resolve("pg_ctl") + "", "-D", data.toString(), "-l", data + ".log", "-w", action);
  }

  private static void append(Path file, String... lines) throws IOException {
    Files.writeString(file, "\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
  }

  private static void asPostgres(String... command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", "postgres", "--"));
    full.addAll(List.of(command));
    run(full.toArray(String[]::new));
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    for (Path data : List.of(standbyData, primaryData)) {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        try {
          asPostgres(BIN.resolve("pg_ctl") + "", "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (IllegalStateException e) {
          // Already gone (the killed primary leaves its pid file behind).
        }
      }
    }
    run("rm", "-rf", dir.toString());
  }
}
