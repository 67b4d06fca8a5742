package io.magpie.eval.search;

import io.magpie.eval.metrics.Bootstrap;
import java.util.Locale;

/** Number formats shared by the report writers (always a decimal point, whatever the locale). */
final class Numbers {

    private Numbers() {}

    static String f1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String f3(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String f4(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    static String signed(double value) {
        return String.format(Locale.ROOT, "%+.4f", value);
    }

    /** "0.6166 [0.5801, 0.6523]". */
    static String withInterval(Bootstrap.Estimate estimate) {
        return f4(estimate.mean()) + " [" + f4(estimate.lower()) + ", " + f4(estimate.upper()) + "]";
    }

    /** "+0.0312 [+0.0101, +0.0530]". */
    static String signedWithInterval(Bootstrap.Estimate estimate) {
        return signed(estimate.mean()) + " [" + signed(estimate.lower()) + ", " + signed(estimate.upper()) + "]";
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** Coordinates in SVG: two decimals are plenty. */
    static String px(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
