package dev.convoy.loadtest.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowsCsvTest {

  @TempDir Path dir;

  static Path digitsSample() throws Exception {
    return Paths.get(RowsCsvTest.class.getResource("/digits_sample.csv").toURI());
  }

  @Test
  void read_digitsLayout_skipsLabelAndKeepsSixtyFourColumns() throws Exception {
    RowsCsv csv = RowsCsv.read(digitsSample());

    assertThat(csv.columns()).hasSize(64).startsWith("p0", "p1").endsWith("p63");
    assertThat(csv.rows()).hasSize(5);
    assertThat(csv.rows().get(0).values()).hasSize(64).startsWith("0.0", "3.0");
    assertThat(csv.rows().get(0).line()).isEqualTo(2);
  }

  @Test
  void read_labelInMiddleAndQuotes_skipsLabelAndUnquotes() throws Exception {
    Path file = write("a,Label,b\n\"1,5\",7,\"say \"\"hi\"\"\"\n\n2,8,3\n");

    RowsCsv csv = RowsCsv.read(file);

    assertThat(csv.columns()).containsExactly("a", "b");
    assertThat(csv.rows()).hasSize(2);
    assertThat(csv.rows().get(0).values()).containsExactly("1,5", "say \"hi\"");
    assertThat(csv.rows().get(1).line()).isEqualTo(4);
  }

  @Test
  void read_raggedRow_namesFileAndLine() throws Exception {
    Path file = write("label,a,b\n1,2,3\n1,2\n");

    assertThatThrownBy(() -> RowsCsv.read(file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 3 has 2 columns, the header has 3");
  }

  @Test
  void read_missingFile_saysSo() {
    Path missing = dir.resolve("nope.csv");

    assertThatThrownBy(() -> RowsCsv.read(missing))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(missing + " does not exist");
  }

  @Test
  void read_emptyFile_asksForHeader() throws Exception {
    assertThatThrownBy(() -> RowsCsv.read(write("")))
        .hasMessageContaining("is empty; it needs a header line");
  }

  @Test
  void read_headerOnly_saysNoRows() throws Exception {
    assertThatThrownBy(() -> RowsCsv.read(write("label,a\n")))
        .hasMessageContaining("has a header but no rows");
  }

  private Path write(String content) throws Exception {
    Path file = Files.createTempFile(dir, "rows", ".csv");
    Files.writeString(file, content);
    return file;
  }
}
