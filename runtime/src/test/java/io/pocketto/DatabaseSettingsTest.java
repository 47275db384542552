package io.pocketto;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * The settings a {@link DatabaseProvider} is given: compared by value, printed without the password, and
 * usable by an application that does not have Micrometer, which the runtime depends on optionally.
 */
class DatabaseSettingsTest {

  private static DatabaseSettings settings(String password) {
    return new DatabaseSettings("jdbc:h2:mem:settings", "sa", password, 4, null, null, true,
        RetryPolicy.defaults(), null);
  }

  @Test
  void settingsWithTheSameValuesAreEqual() {
    assertThat(settings("secret")).isEqualTo(settings("secret")).hasSameHashCodeAs(settings("secret"));
    assertThat(settings("secret")).isNotEqualTo(settings("other"));
  }

  @Test
  void toStringLeavesOutThePassword() {
    assertThat(settings("s3cr3t")).hasToString("DatabaseSettings{url=jdbc:h2:mem:settings, user=sa, maxPoolSize=4,"
        + " createTables=true, retryPolicy=" + RetryPolicy.defaults() + ", transactionJoiner=null, metered=false}");
  }

  @Test
  void settingsCompareAndHashWithoutMicrometerOnTheClassPath() throws Exception {
    URL runtime = DatabaseSettings.class.getProtectionDomain().getCodeSource().getLocation();
    URL tests = DatabaseSettingsTest.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader withoutMicrometer =
        new URLClassLoader(new URL[] {runtime, tests}, new HidingPockettoAndMicrometer())) {
      Class<?> check = withoutMicrometer.loadClass(WithoutMicrometer.class.getName());

      assertThat(check.getMethod("compare").invoke(null)).isEqualTo("micrometer missing, equal, same hash");
    }
  }

  /** Runs inside a class loader without Micrometer, where it and the runtime's classes are loaded afresh. */
  public static final class WithoutMicrometer {
    /** Compares two equal settings, after making sure Micrometer really cannot be loaded. */
    public static String compare() {
      String micrometer;
      try {
        Class.forName("io.micrometer.core.instrument.MeterRegistry", false, WithoutMicrometer.class.getClassLoader());
        micrometer = "micrometer present";
      } catch (ClassNotFoundException expected) {
        micrometer = "micrometer missing";
      }
      DatabaseSettings a = settings("secret");
      DatabaseSettings b = settings("secret");
      return micrometer + (a.equals(b) ? ", equal" : ", not equal")
          + (a.hashCode() == b.hashCode() ? ", same hash" : ", other hash");
    }
  }

  /** The test's own class path, less Micrometer, and less Pocketto so that the child loads Pocketto again. */
  private static final class HidingPockettoAndMicrometer extends ClassLoader {
    HidingPockettoAndMicrometer() {
      super(DatabaseSettingsTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("io.micrometer.") || name.startsWith("io.pocketto.")) {
        throw new ClassNotFoundException(name);
      }
      return super.loadClass(name, resolve);
    }
  }
}
