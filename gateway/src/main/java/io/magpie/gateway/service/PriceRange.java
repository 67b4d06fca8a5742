package io.magpie.gateway.service;

import io.magpie.api.problem.ProblemException;
import java.math.BigDecimal;

/**
 * A price bucket, {@code min} inclusive to {@code max} exclusive, written {@code "10-25"} (or {@code "500-"} with
 * no upper bound) as the price facet names it and the {@code price} parameter selects it.
 */
public record PriceRange(double min, Double max) {

    public boolean contains(double price) {
        return price >= min && (max == null || price < max);
    }

    public String value() {
        return plain(min) + "-" + (max == null ? "" : plain(max));
    }

    public static PriceRange parse(String value, String parameter) {
        String text = value.strip();
        int dash = text.indexOf('-');
        if (dash > 0) {
            try {
                double min = Double.parseDouble(text.substring(0, dash));
                String upper = text.substring(dash + 1);
                Double max = upper.isEmpty() ? null : Double.parseDouble(upper);
                if (Double.isFinite(min) && min >= 0 && (max == null || Double.isFinite(max) && max > min)) {
                    return new PriceRange(min, max);
                }
            } catch (NumberFormatException e) {
                // answered below
            }
        }
        throw ProblemException.invalidField(
                parameter, "must be a price bucket 'min-max' (max above min) or 'min-', got '" + value + "'");
    }

    private static String plain(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }
}
