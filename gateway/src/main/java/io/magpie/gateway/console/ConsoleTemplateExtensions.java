package io.magpie.gateway.console;

import io.quarkus.qute.TemplateExtension;

/** Small helpers the console's templates call on values, e.g. {@code {match.ref.urlEncoded}} in a link. */
@TemplateExtension
final class ConsoleTemplateExtensions {

    private ConsoleTemplateExtensions() {}

    /** The value as a query parameter value. */
    static String urlEncoded(String value) {
        return GraphConsole.encode(value);
    }

    /** A score as people read it. */
    static String rounded(Number value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }

    /** A model figure as people compare them. */
    static String rounded4(Number value) {
        return String.format(java.util.Locale.ROOT, "%.4f", value);
    }

    /** A number for SVG coordinates. */
    static String svg(Number value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
