package dev.convoy.security.testing;

import dev.convoy.security.auth.TokenFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Random bearer tokens for test principals, and the tokens file that accepts them. */
public final class TestTokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, String> tokens = new LinkedHashMap<>();

  /** A fresh 256-bit token for {@code principal}. */
  public String add(String principal) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    tokens.put(principal, token);
    return token;
  }

  public String token(String principal) {
    return tokens.get(principal);
  }

  public Path write(Path file) {
    StringBuilder text = new StringBuilder("# test tokens\n");
    tokens.forEach((principal, token) -> text.append(TokenFile.line(token, principal)).append('\n'));
    try {
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
