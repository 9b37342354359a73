package dev.convoy.security.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {
  private static final String ALICE = "3f1c0c4b8e2a4d6f9a7b5c3d1e0f2a4b6c8d0e1f3a5b7c9d";
  private static final String BOB = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f";

  @TempDir
  Path dir;

  @Test
  void principalOf_knownTokens_nameTheirPrincipals() throws IOException {
    TokenFile tokens = TokenFile.read(Files.writeString(dir.resolve("tokens"),
        "# comment\n\n" + TokenFile.line(ALICE, "alice") + "\n" + TokenFile.line(BOB, "bob") + "\n"));
    assertThat(tokens.principalOf(ALICE)).contains("alice");
    assertThat(tokens.principalOf(BOB)).contains("bob");
    assertThat(tokens.principalOf(ALICE.replace('3', '4'))).isEmpty();
  }

  @Test
  void line_isWhatSha256sumPrints() {
    // printf %s 3f1c...c9d | sha256sum
    assertThat(TokenFile.line(ALICE, "alice")).matches("[0-9a-f]{64} alice");
  }

  @Test
  void principalOf_tokenShorterThan128Bits_isRefusedEvenWhenListed() throws IOException {
    String shortToken = "0123456789abcdef0123456789abcde"; // 31 hex digits
    TokenFile tokens = TokenFile.read(Files.writeString(dir.resolve("tokens"), TokenFile.line(shortToken, "eve")));
    assertThat(tokens.principalOf(shortToken)).isEmpty();
  }

  @Test
  void read_malformedLine_namesFileAndLine() throws IOException {
    Path file = Files.writeString(dir.resolve("tokens"), TokenFile.line(ALICE, "alice") + "\nnot-a-hash bob\n");
    assertThatThrownBy(() -> TokenFile.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file + ":2");
  }

  @Test
  void read_anonymousPrincipal_isRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("tokens"), TokenFile.line(ALICE, "anonymous"));
    assertThatThrownBy(() -> TokenFile.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("anonymous");
  }
}
