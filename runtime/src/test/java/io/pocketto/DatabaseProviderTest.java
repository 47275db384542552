package io.pocketto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link Pocketto} finds the engine without naming it: the one {@link DatabaseProvider} registered in the
 * runtime jar's {@code META-INF/services}, and a clear error when a class path lost it or holds two.
 */
class DatabaseProviderTest {

  @Test
  void theRuntimeRegistersItsEngine() {
    DatabaseProvider provider = Pocketto.provider(Pocketto.class.getClassLoader());

    assertThat(provider.getClass().getName()).isEqualTo("io.pocketto.internal.EngineProvider");
  }

  @Test
  void aClassPathWithoutTheEngineIsRefusedSayingWhatIsMissing() throws Exception {
    try (URLClassLoader nothing = new URLClassLoader(new URL[0], null)) {
      assertThatThrownBy(() -> Pocketto.provider(nothing))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no Pocketto engine found")
          .hasMessageContaining("META-INF/services/io.pocketto.DatabaseProvider")
          .hasMessageContaining("ServicesResourceTransformer");
    }
  }

  @Test
  void twoEnginesAreRefusedNamingBoth(@TempDir Path dir) throws Exception {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve(DatabaseProvider.class.getName()), OtherEngine.class.getName() + "\n");
    try (URLClassLoader two = new URLClassLoader(new URL[] {dir.toUri().toURL()}, Pocketto.class.getClassLoader())) {
      assertThatThrownBy(() -> Pocketto.provider(two))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("more than one Pocketto engine")
          .hasMessageContaining("io.pocketto.internal.EngineProvider")
          .hasMessageContaining(OtherEngine.class.getName());
    }
  }

  /** A second provider, as a class path with two engines would hold. */
  public static final class OtherEngine implements DatabaseProvider {
    /** Made by the service loader. */
    public OtherEngine() {}

    @Override
    public Database open(DatabaseSettings settings) {
      throw new UnsupportedOperationException("a fixture");
    }
  }
}
