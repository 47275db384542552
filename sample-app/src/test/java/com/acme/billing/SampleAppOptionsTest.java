package com.acme.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the command line and the environment choose the database, address and mode. */
class SampleAppOptionsTest {

  @Test
  void withNothingGivenTheAppServesTheH2FileOnLocalhost8080() {
    SampleApp.Options options = SampleApp.Options.parse(new String[0], Map.of());

    assertThat(options).isEqualTo(new SampleApp.Options(SampleApp.DEFAULT_DB_URL, "127.0.0.1", 8080, false, null));
  }

  @Test
  void environmentVariablesSwitchTheDatabaseAndPortAndOptionsOverrideThem() {
    Map<String, String> env = Map.of("BILLING_DB_URL", "jdbc:h2:mem:env", "BILLING_PORT", "9000");

    SampleApp.Options fromEnv = SampleApp.Options.parse(new String[0], env);
    SampleApp.Options fromArgs = SampleApp.Options.parse(
        new String[] {"--db", "jdbc:h2:mem:args", "--port", "0", "--host", "0.0.0.0", "--scenarios"}, env);

    assertThat(fromEnv).isEqualTo(new SampleApp.Options("jdbc:h2:mem:env", "127.0.0.1", 9000, false, null));
    assertThat(fromArgs).isEqualTo(new SampleApp.Options("jdbc:h2:mem:args", "0.0.0.0", 0, true, null));
  }

  @Test
  void anUnknownOptionIsRejectedWithTheListOfOptions() {
    assertThatThrownBy(() -> SampleApp.Options.parse(new String[] {"--database", "x"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'--database'").hasMessageContaining("--db URL");
  }

  @Test
  void usersNamesTheFileOfPeopleWhoMaySync() {
    SampleApp.Options options = SampleApp.Options.parse(new String[] {"--users", "users.txt"}, Map.of());

    assertThat(options.usersFile()).isEqualTo("users.txt");
  }
}
