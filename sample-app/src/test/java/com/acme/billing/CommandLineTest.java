package com.acme.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How both entry points read {@code --name value} options and flags. */
class CommandLineTest {
  private static final Set<String> VALUED = Set.of("--db", "--port");
  private static final Set<String> FLAGS = Set.of("--scenarios");

  @Test
  void valuedOptionsTakeTheNextArgumentAndFlagsStandAlone() {
    Map<String, String> options =
        CommandLine.parse(new String[] {"--db", "jdbc:h2:mem:x", "--scenarios", "--port", "0"}, VALUED, FLAGS, "usage");

    assertThat(options).containsExactlyInAnyOrderEntriesOf(
        Map.of("--db", "jdbc:h2:mem:x", "--scenarios", "true", "--port", "0"));
  }

  @Test
  void aRepeatedOptionKeepsItsLastValue() {
    Map<String, String> options = CommandLine.parse(new String[] {"--port", "1", "--port", "2"}, VALUED, FLAGS, "usage");

    assertThat(options).containsExactlyEntriesOf(Map.of("--port", "2"));
  }

  @Test
  void anOptionWithoutItsValueIsRejectedNamingIt() {
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--db"}, VALUED, FLAGS, "usage"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--db needs a value");
  }

  @Test
  void anUnknownOptionIsRejectedWithTheUsage() {
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--dbb", "x"}, VALUED, FLAGS, "the options are --db URL"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown option '--dbb'; the options are --db URL");
  }
}
