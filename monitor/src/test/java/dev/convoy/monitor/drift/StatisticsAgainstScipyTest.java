package dev.convoy.monitor.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Each statistic within 1e-6 of the value SciPy/NumPy computed on the same inputs. */
class StatisticsAgainstScipyTest {
  private static final double TOLERANCE = 1e-6;
  private static final JsonObject FIXTURES = Fixtures.drift();

  static Stream<JsonObject> numericCases() {
    return StreamSupport.stream(FIXTURES.getAsJsonArray("numeric").spliterator(), false)
        .map(JsonElement::getAsJsonObject);
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("numericCases")
  void numericStatistics_fixtureCase_matchScipy(JsonObject c) {
    double[] reference = Fixtures.doubles(c.getAsJsonArray("reference"));
    double[] current = Fixtures.doubles(c.getAsJsonArray("current"));
    QuantileBins bins = QuantileBins.fromReference(reference, FIXTURES.get("bins").getAsInt());
    assertThat(bins.edges()).containsExactly(Fixtures.doubles(c.getAsJsonArray("edges")), within(1e-12));
    long[] ref = bins.counts(reference);
    long[] cur = bins.counts(current);
    String name = c.get("name").getAsString();
    assertThat(Distributions.psi(ref, cur)).as(name + " psi").isCloseTo(c.get("psi").getAsDouble(), within(TOLERANCE));
    assertThat(Distributions.kl(ref, cur)).as(name + " kl").isCloseTo(c.get("kl").getAsDouble(), within(TOLERANCE));
    assertThat(Distributions.jsDistance(ref, cur)).as(name + " js").isCloseTo(c.get("js").getAsDouble(), within(TOLERANCE));
    KolmogorovSmirnov.Result ks = KolmogorovSmirnov.test(reference, current);
    assertThat(ks.statistic()).as(name + " ks").isCloseTo(c.get("ks_statistic").getAsDouble(), within(TOLERANCE));
    assertThat(ks.pValue()).as(name + " ks p").isCloseTo(c.get("ks_p_value").getAsDouble(), within(TOLERANCE));
    double[] u = reference.clone();
    double[] v = current.clone();
    Arrays.sort(u);
    Arrays.sort(v);
    assertThat(Wasserstein.distance(u, v)).as(name + " wasserstein")
        .isCloseTo(c.get("wasserstein").getAsDouble(), within(TOLERANCE));
  }

  @Test
  void homogeneity_fixtureCounts_matchesChi2Contingency() {
    for (JsonElement e : FIXTURES.getAsJsonArray("chi_square")) {
      JsonObject c = e.getAsJsonObject();
      ChiSquare.Result result = ChiSquare.homogeneity(
          Fixtures.longs(c.getAsJsonArray("reference")), Fixtures.longs(c.getAsJsonArray("current")));
      assertThat(result.statistic()).isCloseTo(c.get("statistic").getAsDouble(), within(TOLERANCE));
      assertThat(result.pValue()).isCloseTo(c.get("p_value").getAsDouble(), within(TOLERANCE));
    }
  }

  @Test
  void corrections_fixturePValues_matchNumpy() {
    JsonObject c = FIXTURES.getAsJsonObject("multiple_testing");
    double[] p = Fixtures.doubles(c.getAsJsonArray("p_values"));
    double alpha = c.get("alpha").getAsDouble();
    assertThat(Correction.BENJAMINI_HOCHBERG.adjust(p))
        .containsExactly(Fixtures.doubles(c.getAsJsonArray("adjusted")), within(TOLERANCE));
    assertThat(Correction.BENJAMINI_HOCHBERG.reject(p, alpha)).containsExactly(booleans(c, "rejected"));
    assertThat(Correction.BONFERRONI.reject(p, alpha)).containsExactly(booleans(c, "bonferroni_rejected"));
  }

  private static boolean[] booleans(JsonObject c, String key) {
    var array = c.getAsJsonArray(key);
    boolean[] out = new boolean[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).getAsBoolean();
    }
    return out;
  }
}
