package dev.convoy.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StolenTimeTest {
  @TempDir
  Path dir;

  @Test
  void read_sumsUserThroughSteal_guestFieldsLeftOut() throws IOException {
    Path stat = write("cpu  1000 20 300 5000 40 0 60 80 700 9\ncpu0 500 10 150 2500 20 0 30 40 350 4\n");

    assertThat(new StolenTime(stat).read()).contains(new StolenTime.Reading(80, 6_500));
  }

  @Test
  void read_notLinuxFormat_readsNothing() throws IOException {
    assertThat(new StolenTime(write("intr 12 3 4\n")).read()).isEmpty();
    assertThat(new StolenTime(write("cpu 1 2 3\n")).read()).isEmpty();
    assertThat(new StolenTime(dir.resolve("absent")).read()).isEmpty();
  }

  @Test
  void share_stolenOverAllTicksBetweenReadings() {
    StolenTime.Reading before = new StolenTime.Reading(100, 10_000);
    StolenTime.Reading after = new StolenTime.Reading(150, 10_400);

    assertThat(StolenTime.share(before, after)).hasValue(0.125);
    assertThat(StolenTime.share(after, after)).isEmpty();
  }

  private Path write(String text) throws IOException {
    Path stat = dir.resolve("stat");
    Files.writeString(stat, text);
    return stat;
  }
}
