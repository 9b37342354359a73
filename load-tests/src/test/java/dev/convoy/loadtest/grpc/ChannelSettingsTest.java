package dev.convoy.loadtest.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChannelSettingsTest {

  @Test
  void parseTarget_hostAndPort_split() {
    assertThat(ChannelSettings.parseTarget("localhost:8001"))
        .isEqualTo(new ChannelSettings.HostAndPort("localhost", 8001));
  }

  @Test
  void parseTarget_bracketedIpv6_split() {
    assertThat(ChannelSettings.parseTarget("[::1]:8001"))
        .isEqualTo(new ChannelSettings.HostAndPort("::1", 8001));
  }

  @Test
  void parseTarget_noPort_rejectedWithExample() {
    assertThatThrownBy(() -> ChannelSettings.parseTarget("localhost"))
        .hasMessageContaining("must be host:port");
  }

  @Test
  void parseTarget_badPort_rejected() {
    assertThatThrownBy(() -> ChannelSettings.parseTarget("localhost:99999"))
        .hasMessageContaining("no valid port");
  }

  @Test
  void target_ipv6_bracketed() {
    assertThat(ChannelSettings.plaintext("::1", 5).target()).isEqualTo("[::1]:5");
  }
}
