package dev.convoy.batch.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowsTest {
  @Test
  void next_labelAndIdColumns_skippedAndKeptAsId() throws IOException {
    List<InputRow> rows = read("label,id,p0,p1\n3,a,1.5,2\n\n4,\"b,c\",0,\"7\"\n");

    assertThat(rows).containsExactly(
        new InputRow.Cells(0, "a", List.of("1.5", "2")),
        new InputRow.Cells(1, "b,c", List.of("0", "7")));
  }

  @Test
  void next_wrongFieldCountOrOpenQuote_malformedRowsCountedInOrder() throws IOException {
    List<InputRow> rows = read("label,p0,p1\n1,2\n\"open,1,2\n5,6,7\n");

    assertThat(rows.get(0)).isInstanceOfSatisfying(InputRow.Malformed.class,
        m -> assertThat(m.problem()).isEqualTo("line 2: 2 fields, the header has 3"));
    assertThat(rows.get(1)).isInstanceOfSatisfying(InputRow.Malformed.class,
        m -> assertThat(m.problem()).contains("line 3", "not closed"));
    assertThat(rows.get(2)).isEqualTo(new InputRow.Cells(2, "", List.of("6", "7")));
  }

  @Test
  void open_headerWithOnlyLabels_refused() {
    assertThatThrownBy(() -> read("label\n1\n")).hasMessageContaining("no input column");
  }

  private static List<InputRow> read(String csv) throws IOException {
    List<InputRow> rows = new ArrayList<>();
    try (CsvRows reader = new CsvRows(new BufferedReader(new StringReader(csv)))) {
      for (InputRow row = reader.next(); row != null; row = reader.next()) {
        rows.add(row);
      }
    }
    return rows;
  }
}
