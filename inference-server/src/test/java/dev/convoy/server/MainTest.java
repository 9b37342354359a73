package dev.convoy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.server.repository.ModelControl;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's own conversions. */
class MainTest {
  @Test
  void modelControlMode_tritonSpellingsInAnyCase_otherRefused() {
    Main.ModeConverter converter = new Main.ModeConverter();
    assertThat(converter.convert("none")).isEqualTo(ModelControl.Mode.NONE);
    assertThat(converter.convert("EXPLICIT")).isEqualTo(ModelControl.Mode.EXPLICIT);
    assertThatThrownBy(() -> converter.convert("poll")).isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("none or explicit");
  }

  @Test
  void loadModel_withoutExplicitMode_exitsWithUsageErrorSayingWhy() {
    CommandLine command = new CommandLine(new Main());
    StringWriter err = new StringWriter();
    command.setErr(new PrintWriter(err));
    int status = command.execute("-m", ".", "--port", "0", "--metrics-port", "-1", "--load-model", "digits_mlp");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--load-model needs --model-control-mode explicit");
  }
}
