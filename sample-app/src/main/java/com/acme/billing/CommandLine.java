package com.acme.billing;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The {@code --name value} options and {@code --flag}s of a command line, as both entry points take them. */
final class CommandLine {
  private CommandLine() {}

  /**
   * The options in {@code args}: each of {@code valued} with the argument after it, each of {@code flags}
   * alone (as {@code "true"}); a later one replaces an earlier one.
   *
   * @param usage which options there are, for the message about an unknown one
   * @throws IllegalArgumentException for an unknown option, or one of {@code valued} without its value
   */
  static Map<String, String> parse(String[] args, Set<String> valued, Set<String> flags, String usage) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (flags.contains(option)) {
        options.put(option, "true");
      } else if (!valued.contains(option)) {
        throw new IllegalArgumentException("unknown option '" + option + "'; " + usage);
      } else if (++i < args.length) {
        options.put(option, args[i]);
      } else {
        throw new IllegalArgumentException(option + " needs a value");
      }
    }
    return options;
  }
}
