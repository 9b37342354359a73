package dev.convoy.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogTextTest {
  @Test
  void quoted_controlCharactersAndQuotes_areEscaped() {
    assertThat(LogText.quoted("a\"b\\c\nd\re\u2028")).isEqualTo("\"a\\\"b\\\\c\\nd\\u000de\\u2028\"");
  }

  @Test
  void quoted_longText_isCutAndSaysHowLong() {
    String quoted = LogText.quoted("x".repeat(10_000));
    assertThat(quoted).hasSizeLessThan(LogText.MAX_CHARS + 30).endsWith("...(10000 chars)\"");
  }

  @Test
  void record_forgedLineInPrincipal_staysOneLine() {
    List<String> lines = new ArrayList<>();
    new AuditLog(lines::add).record("inference.GRPCInferenceService/RepositoryModelUnload", "m\naudit outcome=OK",
        "eve\naudit principal=admin", "", "127.0.0.1:5000", Status.PERMISSION_DENIED.withDescription("no"));
    assertThat(lines).singleElement().asString().doesNotContain("\n")
        .contains("action=\"inference.GRPCInferenceService/RepositoryModelUnload\"")
        .contains("principal=\"eve\\naudit principal=admin\"").contains("outcome=PERMISSION_DENIED");
  }
}
