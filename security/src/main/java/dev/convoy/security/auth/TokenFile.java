package dev.convoy.security.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bearer tokens a service accepts, as SHA-256 hashes with their principals: one
 * {@code <64 hex digits> <principal>} per line (what {@code sha256sum} prints, with the
 * principal in place of the file name); blank lines and {@code #} comments are skipped. Only
 * hashes are stored, so the file reveals no token. A presented token is hashed and compared with
 * every entry in constant time ({@link MessageDigest#isEqual}), never stopping at a match.
 */
public final class TokenFile {
  /** 128 bits written in hex: shorter tokens are refused before any comparison. */
  public static final int MIN_TOKEN_LENGTH = 32;
  private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64})\\s+(\\S+)\\s*");

  private record Entry(byte[] hash, String principal) {}

  private final List<Entry> entries;

  private TokenFile(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed entry
   */
  public static TokenFile read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the tokens file " + file, e);
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      var match = LINE.matcher(line);
      if (!match.matches()) {
        throw new IllegalArgumentException(file + ":" + (i + 1)
            + ": expected '<sha256 of the token, 64 hex digits> <principal>'");
      }
      String principal = match.group(2);
      if (!PrincipalNames.valid(principal) || principal.equals(Principal.ANONYMOUS_NAME)) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": '" + Principal.ANONYMOUS_NAME
            + "' and names over " + PrincipalNames.MAX_LENGTH + " characters are not principals of tokens");
      }
      entries.add(new Entry(HexFormat.of().parseHex(match.group(1).toLowerCase()), principal));
    }
    return new TokenFile(entries);
  }

  public static TokenFile empty() {
    return new TokenFile(List.of());
  }

  /** The principal whose token this is; empty for an unknown or too short token. */
  public Optional<String> principalOf(String token) {
    if (token.length() < MIN_TOKEN_LENGTH) {
      return Optional.empty();
    }
    byte[] hash = sha256(token);
    String found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.hash(), hash) && found == null) {
        found = entry.principal();
      }
    }
    return Optional.ofNullable(found);
  }

  /** The line a tokens file holds for {@code token}. */
  public static String line(String token, String principal) {
    return HexFormat.of().formatHex(sha256(token)) + " " + principal;
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
