package dev.convoy.security.auth;

import java.util.regex.Pattern;

/**
 * What a principal's name may be: 1 to 256 printable ASCII characters without spaces, so that
 * it travels in a metadata header and reads unambiguously in a log line.
 */
final class PrincipalNames {
  static final int MAX_LENGTH = 256;
  private static final Pattern VALID = Pattern.compile("[\\x21-\\x7e]{1," + MAX_LENGTH + "}");

  private PrincipalNames() {}

  static boolean valid(String name) {
    return name != null && VALID.matcher(name).matches();
  }
}
