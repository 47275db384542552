package io.pocketto.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The writer a database records when the application names none. */
final class Writers {
  /**
   * {@code <host>/<pid>}: the same for the whole life of the process, different for each process, and
   * readable in a log or an error message ("Value was overwritten by: billing-2/4711").
   */
  static final String PROCESS_DEFAULT = host() + "/" + ProcessHandle.current().pid();

  private Writers() {}

  private static String host() {
    // The environment first: InetAddress may wait on a name lookup.
    String name = System.getenv("HOSTNAME");
    if (name == null || name.isBlank()) {
      name = System.getenv("COMPUTERNAME");
    }
    if (name == null || name.isBlank()) {
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        name = "localhost";
      }
    }
    // Kept short enough that host and pid always fit the 255 characters a writer may have.
    return name.length() > 200 ? name.substring(0, 200) : name;
  }
}
