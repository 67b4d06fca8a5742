package io.magpie.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    private final Bootstrap bootstrap = Bootstrap.standard();

    @Test
    void aConstantSampleHasAZeroWidthInterval() {
        double[] values = new double[50];
        java.util.Arrays.fill(values, 0.7);

        Bootstrap.Estimate e = bootstrap.mean(values);

        assertEquals(0.7, e.mean(), 1e-15);
        assertEquals(e.mean(), e.lower());
        assertEquals(e.mean(), e.upper());
        assertEquals(50, e.n());
    }

    @Test
    void theIntervalCoversTheMeanWithTheWidthTheoryExpects() {
        Random random = new Random(7);
        double[] values = new double[400];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.5 + 0.2 * random.nextGaussian();
        }
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(values)
                        .map(v -> (v - mean) * (v - mean))
                        .sum()
                / (values.length - 1));

        Bootstrap.Estimate e = bootstrap.mean(values);

        assertEquals(mean, e.mean(), 1e-12);
        assertTrue(e.lower() < mean && mean < e.upper(), e.toString());
        double expectedWidth = 2 * 1.96 * sd / Math.sqrt(values.length);
        assertEquals(expectedWidth, e.upper() - e.lower(), 0.1 * expectedWidth);
    }

    @Test
    void theSameSeedGivesTheSameIntervalAndAnotherSeedAnother() {
        double[] values = new Random(3).doubles(30).toArray();

        assertEquals(bootstrap.mean(values), Bootstrap.standard().mean(values));
        assertNotEquals(bootstrap.mean(values), new Bootstrap(10_000, 1, 0.95).mean(values));
    }

    @Test
    void aKnownShiftIsRecoveredByThePairedComparison() {
        Random random = new Random(11);
        int n = 100;
        double[] b = new double[n];
        double[] a = new double[n];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("q" + i);
            b[i] = random.nextDouble();
            a[i] = b[i] + 0.05 + 0.02 * random.nextGaussian();
        }

        Bootstrap.Comparison c = bootstrap.paired(ids, a, b, 5);

        assertEquals(0.05, c.difference().mean(), 0.01);
        assertTrue(
                c.difference().lower() > 0.04 && c.difference().upper() < 0.06,
                c.difference().toString());
        assertTrue(
                c.difference().lower() < 0.05 && 0.05 < c.difference().upper(),
                c.difference().toString());
        assertEquals(n, c.wins() + c.losses() + c.ties());
        assertTrue(c.wins() > 90);
        assertEquals(5, c.mostChanged().size());
    }

    @Test
    void anExactShiftGivesAZeroWidthDifference() {
        double[] b = {0.1, 0.4, 0.9, 0.3};
        double[] a = {0.35, 0.65, 1.15, 0.55};

        Bootstrap.Comparison c = bootstrap.paired(List.of("w", "x", "y", "z"), a, b, 10);

        assertEquals(0.25, c.difference().mean(), 1e-12);
        assertEquals(0.25, c.difference().lower(), 1e-12);
        assertEquals(0.25, c.difference().upper(), 1e-12);
        assertEquals(4, c.wins());
        assertEquals(0, c.losses());
    }

    @Test
    void winsLossesTiesAndTheMostChangedQueries() {
        List<String> ids = List.of("same", "up", "down", "bigUp", "alsoSame");
        double[] a = {0.5, 0.6, 0.2, 1.0, 0.3};
        double[] b = {0.5, 0.5, 0.5, 0.0, 0.3};

        Bootstrap.Comparison c = bootstrap.paired(ids, a, b, 2);

        assertEquals(2, c.wins());
        assertEquals(1, c.losses());
        assertEquals(2, c.ties());
        assertEquals(
                List.of("bigUp", "down"),
                c.mostChanged().stream().map(Bootstrap.Change::id).toList());
        assertEquals(-0.3, c.mostChanged().get(1).difference(), 1e-12);
        assertEquals(0.52, c.meanA(), 1e-12);
        assertEquals(0.36, c.meanB(), 1e-12);
        assertEquals(0.16, c.difference().mean(), 1e-12);
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] sorted = {0, 1, 2, 3, 4};
        assertEquals(0.0, Bootstrap.quantile(sorted, 0));
        assertEquals(4.0, Bootstrap.quantile(sorted, 1));
        assertEquals(2.0, Bootstrap.quantile(sorted, 0.5));
        assertEquals(0.1, Bootstrap.quantile(sorted, 0.025), 1e-12);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> bootstrap.mean(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new Bootstrap(0, 1, 0.95));
        assertThrows(IllegalArgumentException.class, () -> new Bootstrap(10, 1, 1.0));
        assertThrows(
                IllegalArgumentException.class,
                () -> bootstrap.paired(List.of("a"), new double[] {1, 2}, new double[] {1, 2}, 1));
    }
}
