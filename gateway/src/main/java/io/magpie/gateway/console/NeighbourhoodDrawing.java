package io.magpie.gateway.console;

import io.magpie.api.graph.admin.Neighbourhood;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;

/**
 * Where to draw a node and its relations: the node in the middle, its neighbours on a circle around it, each
 * relation a line with an arrow that points from its start to its end. The template turns this into SVG.
 *
 * @param width   the picture's width (SVG user units)
 * @param height  its height
 * @param centre  the node itself
 * @param spokes  one per drawn relation
 * @param omitted relations not drawn (listed in the table below the picture)
 */
@TemplateData
public record NeighbourhoodDrawing(int width, int height, Point centre, List<Spoke> spokes, int omitted) {

    /** At most this many relations are drawn; the rest are only listed. */
    static final int MAX_DRAWN = 24;

    static final int WIDTH = 800;
    static final int HEIGHT = 520;
    private static final double RADIUS = 200;
    private static final int MAX_LABEL = 26;

    @TemplateData
    public record Point(double x, double y, String label, String href) {}

    /**
     * @param other       the neighbour
     * @param type        relation type, written at the line's middle
     * @param relationRef where the relation's page is
     * @param x1          start of the line (the relation's start node side)
     * @param y1          start of the line
     * @param x2          end of the line, stopped short of the end node's circle for the arrow head
     * @param y2          end of the line
     * @param midX        where the type is written
     * @param midY        where the type is written
     * @param curated     whether admins curate this type (drawn stronger)
     */
    @TemplateData
    public record Spoke(
            Point other,
            String type,
            String relationRef,
            double x1,
            double y1,
            double x2,
            double y2,
            double midX,
            double midY,
            boolean curated) {}

    public static NeighbourhoodDrawing of(Neighbourhood neighbourhood) {
        String title =
                neighbourhood.node().properties().getOrDefault("title", "").toString();
        String ref = neighbourhood.node().ref();
        Point centre =
                new Point(WIDTH / 2.0, HEIGHT / 2.0, shorten(title.isBlank() ? ref : title), ConsoleLinks.node(ref));
        List<Neighbourhood.Neighbour> drawn =
                neighbourhood.relations().stream().limit(MAX_DRAWN).toList();
        List<Spoke> spokes = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            Neighbourhood.Neighbour relation = drawn.get(i);
            // one or two neighbours sit beside the node, more start at the top and go round
            double angle = 2 * Math.PI * i / drawn.size() - (drawn.size() <= 2 ? 0 : Math.PI / 2);
            double x = centre.x() + RADIUS * 1.6 * Math.cos(angle);
            double y = centre.y() + RADIUS * Math.sin(angle);
            Point other = new Point(x, y, shorten(relation.otherName()), ConsoleLinks.node(relation.other()));
            boolean outgoing = relation.from().equals(ref);
            Point start = outgoing ? centre : other;
            Point end = outgoing ? other : centre;
            double length = Math.hypot(end.x() - start.x(), end.y() - start.y());
            double stop = 1 - 34 / Math.max(length, 1); // the arrow head ends at the end node's circle
            spokes.add(new Spoke(
                    other,
                    relation.type(),
                    ConsoleLinks.relation(relation.type(), relation.from(), relation.to()),
                    start.x(),
                    start.y(),
                    start.x() + (end.x() - start.x()) * stop,
                    start.y() + (end.y() - start.y()) * stop,
                    (start.x() + end.x()) / 2,
                    (start.y() + end.y()) / 2 - 4,
                    isCurated(relation.type())));
        }
        return new NeighbourhoodDrawing(
                WIDTH, HEIGHT, centre, spokes, neighbourhood.relations().size() - drawn.size());
    }

    static boolean isCurated(String type) {
        return type.equals("ACCESSORY_OF") || type.equals("COMPATIBLE_WITH") || type.equals("SUBSTITUTE_FOR");
    }

    private static String shorten(String text) {
        return text.length() <= MAX_LABEL ? text : text.substring(0, MAX_LABEL - 1) + "…";
    }
}
