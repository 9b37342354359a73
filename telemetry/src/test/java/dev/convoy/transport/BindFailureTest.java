package dev.convoy.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import org.junit.jupiter.api.Test;

class BindFailureTest {
  @Test
  void describe_namesTheAddressTheRootCauseAndTheOption() {
    UncheckedIOException e = new UncheckedIOException("cannot listen on 127.0.0.1:8001",
        new IOException("Failed to bind", new BindException("Address already in use")));

    assertThat(BindFailure.describe(e, "--port"))
        .isEqualTo("cannot listen on 127.0.0.1:8001: Address already in use (choose another with --port)");
  }
}
