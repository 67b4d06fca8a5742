package io.magpie.eval.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Two hand-written SVG charts for the HTML reports: bars with interval whiskers, and a paired scatter. */
final class Svg {

    private static final String[] PALETTE = {
        "#4263eb", "#e8590c", "#2f9e44", "#ae3ec9", "#1098ad", "#f08c00", "#c2255c", "#5c940d"
    };
    private static final String AXIS = "#495057";
    private static final String GRID = "#dee2e6";

    private Svg() {}

    /** A bar: its mean and interval, and the text shown on hover. */
    record Bar(String label, double value, double lower, double upper, String tooltip) {}

    /** Vertical bars from 0 on a 0..1 axis, each with a whisker from lower to upper. */
    static String bars(String title, List<Bar> bars) {
        double left = 44;
        double top = 34;
        double plotHeight = 200;
        double slot = 72;
        double width = left + Math.max(1, bars.size()) * slot + 12;
        double height = top + plotHeight + 44;
        StringBuilder svg = open(width, height, title);
        text(svg, width / 2, 18, "middle", "font-weight:600", title);
        for (int t = 0; t <= 5; t++) {
            double v = t / 5.0;
            double y = top + plotHeight * (1 - v);
            line(svg, left, y, width - 12, y, t == 0 ? AXIS : GRID, null);
            text(svg, left - 6, y + 4, "end", null, Numbers.f1(v));
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double x = left + i * slot + 12;
            double barWidth = slot - 24;
            double y = top + plotHeight * (1 - clamp(bar.value()));
            svg.append("<g><title>").append(escape(bar.tooltip())).append("</title>");
            svg.append("<rect x=\"")
                    .append(Numbers.px(x))
                    .append("\" y=\"")
                    .append(Numbers.px(y))
                    .append("\" width=\"")
                    .append(Numbers.px(barWidth))
                    .append("\" height=\"")
                    .append(Numbers.px(top + plotHeight - y))
                    .append("\" fill=\"")
                    .append(PALETTE[i % PALETTE.length])
                    .append("\" fill-opacity=\"0.8\"/>");
            double cx = x + barWidth / 2;
            double yLow = top + plotHeight * (1 - clamp(bar.lower()));
            double yHigh = top + plotHeight * (1 - clamp(bar.upper()));
            line(svg, cx, yLow, cx, yHigh, "#212529", "1.5");
            line(svg, cx - 8, yLow, cx + 8, yLow, "#212529", "1.5");
            line(svg, cx - 8, yHigh, cx + 8, yHigh, "#212529", "1.5");
            svg.append("</g>");
            text(svg, cx, yHigh - 5, "middle", "font-size:11px", Numbers.f3(bar.value()));
            text(svg, cx, top + plotHeight + 16, "middle", null, bar.label());
        }
        return svg.append("</svg>").toString();
    }

    /** A point of the scatter, with the text shown on hover. */
    record Point(double x, double y, String tooltip) {}

    /**
     * Points on 0..1 axes with the diagonal y = x. Points at the same place are drawn once, larger, with all their
     * hover texts.
     */
    static String scatter(String title, String xLabel, String yLabel, List<Point> points) {
        double left = 56;
        double top = 34;
        double plot = 360;
        double width = left + plot + 20;
        double height = top + plot + 50;
        StringBuilder svg = open(width, height, title);
        text(svg, width / 2, 18, "middle", "font-weight:600", title);
        for (int t = 0; t <= 5; t++) {
            double v = t / 5.0;
            double x = left + plot * v;
            double y = top + plot * (1 - v);
            line(svg, left, y, left + plot, y, t == 0 ? AXIS : GRID, null);
            line(svg, x, top, x, top + plot, t == 0 ? AXIS : GRID, null);
            text(svg, left - 6, y + 4, "end", null, Numbers.f1(v));
            text(svg, x, top + plot + 16, "middle", null, Numbers.f1(v));
        }
        svg.append("<line x1=\"")
                .append(Numbers.px(left))
                .append("\" y1=\"")
                .append(Numbers.px(top + plot))
                .append("\" x2=\"")
                .append(Numbers.px(left + plot))
                .append("\" y2=\"")
                .append(Numbers.px(top))
                .append("\" stroke=\"")
                .append(AXIS)
                .append("\" stroke-dasharray=\"5 4\"/>");
        text(svg, left + plot / 2, top + plot + 38, "middle", null, xLabel);
        svg.append("<text x=\"14\" y=\"")
                .append(Numbers.px(top + plot / 2))
                .append("\" text-anchor=\"middle\" ")
                .append("transform=\"rotate(-90 14 ")
                .append(Numbers.px(top + plot / 2))
                .append(")\">")
                .append(escape(yLabel))
                .append("</text>");
        Map<String, List<Point>> places = new LinkedHashMap<>();
        for (Point p : points) {
            places.computeIfAbsent(Numbers.px(p.x()) + "," + Numbers.px(p.y()), key -> new ArrayList<>())
                    .add(p);
        }
        for (List<Point> same : places.values()) {
            Point p = same.get(0);
            String colour = p.y() > p.x() + 1e-9 ? "#2f9e44" : p.y() < p.x() - 1e-9 ? "#e03131" : "#868e96";
            double r = 4 + 2 * Math.sqrt(same.size() - 1);
            svg.append("<circle cx=\"")
                    .append(Numbers.px(left + plot * clamp(p.x())))
                    .append("\" cy=\"")
                    .append(Numbers.px(top + plot * (1 - clamp(p.y()))))
                    .append("\" r=\"")
                    .append(Numbers.px(r))
                    .append("\" fill=\"")
                    .append(colour)
                    .append("\" fill-opacity=\"0.6\" stroke=\"")
                    .append(colour)
                    .append("\"><title>")
                    .append(escape(
                            String.join("\n", same.stream().map(Point::tooltip).toList())))
                    .append("</title></circle>");
        }
        return svg.append("</svg>").toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static StringBuilder open(double width, double height, String label) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(Numbers.px(width))
                .append("\" height=\"")
                .append(Numbers.px(height))
                .append("\" viewBox=\"0 0 ")
                .append(Numbers.px(width))
                .append(' ')
                .append(Numbers.px(height))
                .append("\" role=\"img\" aria-label=\"")
                .append(escape(label))
                .append("\" font-family=\"sans-serif\" font-size=\"12\">");
    }

    private static void line(
            StringBuilder svg, double x1, double y1, double x2, double y2, String stroke, String strokeWidth) {
        svg.append("<line x1=\"")
                .append(Numbers.px(x1))
                .append("\" y1=\"")
                .append(Numbers.px(y1))
                .append("\" x2=\"")
                .append(Numbers.px(x2))
                .append("\" y2=\"")
                .append(Numbers.px(y2))
                .append("\" stroke=\"")
                .append(stroke)
                .append('"');
        if (strokeWidth != null) {
            svg.append(" stroke-width=\"").append(strokeWidth).append('"');
        }
        svg.append("/>");
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String style, String content) {
        svg.append("<text x=\"")
                .append(Numbers.px(x))
                .append("\" y=\"")
                .append(Numbers.px(y))
                .append("\" text-anchor=\"")
                .append(anchor)
                .append('"');
        if (style != null) {
            svg.append(" style=\"").append(style).append('"');
        }
        svg.append('>').append(escape(content)).append("</text>");
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
