package io.magpie.fusion.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.fusion.SourceContribution;
import io.magpie.api.impressions.ImpressionLine;
import io.magpie.api.impressions.ServedList;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes served lists (impressions, docs/adr/0030) and reads them back joined to the events that name them. Like
 * {@link EventStore}, a batch is one statement: the keys go into {@code impression_key} (ON CONFLICT DO NOTHING)
 * and only the lists whose key went in are stored, so a retried batch is stored once.
 */
@ApplicationScoped
public class ImpressionStore {

    private static final TypeReference<List<SourceContribution>> SOURCES = new TypeReference<>() {};

    /** A list sent with the session alone gets the user the session was linked to, as an event does. */
    private static final String INSERT = """
            WITH input AS (
                SELECT * FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::text[], $5::text[], $6::text[],
                                     $7::text[], $8::text[], $9::int[], $10::text[], $11::text[], $12::text[])
                    AS t(request_id, page, served_at, surface, query, user_id, session_id, subject_id, page_offset,
                         strategy, model_version, items)
            ), fresh AS (
                INSERT INTO fusion.impression_key (request_id, page) SELECT request_id, page FROM input
                ON CONFLICT DO NOTHING
                RETURNING request_id, page
            )
            INSERT INTO fusion.impression (request_id, page, served_at, surface, query, user_id, session_id,
                                           subject_id, page_offset, strategy, model_version, items)
            SELECT i.request_id, i.page, i.served_at, i.surface, i.query, coalesce(i.user_id, s.user_id),
                   i.session_id, i.subject_id, i.page_offset, i.strategy, i.model_version, i.items::jsonb
            FROM input i
            JOIN fresh f ON f.request_id = i.request_id AND f.page = i.page
            LEFT JOIN fusion.session_user s ON i.user_id IS NULL AND s.session_id = i.session_id
            RETURNING request_id""";

    /**
     * One chunk of the export: the next {@code $7} lists of the window after the key ({@code $4}, {@code $5},
     * {@code $6}; null for the first chunk), one row per item, with what events carrying the list's request id did
     * to the item.
     */
    private static final String EXPORT = """
            WITH lists AS (
                SELECT request_id, page, served_at, surface, query, strategy, model_version, items
                FROM fusion.impression
                WHERE served_at >= $1 AND served_at < $2 AND ($3::text IS NULL OR surface = $3)
                  AND ($4::timestamptz IS NULL OR (served_at, request_id, page) > ($4, $5::text, $6::int))
                ORDER BY served_at, request_id, page
                LIMIT $7
            )
            SELECT l.request_id, l.page, l.served_at, l.surface, l.query, l.strategy, l.model_version,
                   (item->>'position')::int AS position, item->>'productId' AS product_id,
                   coalesce(item->'sources', '[]'::jsonb)::text AS sources,
                   coalesce(done.clicked, false), coalesce(done.added, false), coalesce(done.purchased, false)
            FROM lists l
            LEFT JOIN LATERAL jsonb_array_elements(l.items) AS item ON true
            LEFT JOIN LATERAL (
                SELECT bool_or(e.type = 'click') AS clicked, bool_or(e.type = 'add_to_cart') AS added,
                       bool_or(e.type = 'purchase') AS purchased
                FROM fusion.event e
                WHERE e.request_id = l.request_id AND e.product_id = item->>'productId'
            ) done ON true
            ORDER BY l.served_at, l.request_id, l.page, position""";

    private final Pool pool;
    private final EventPartitions partitions;
    private final ObjectMapper json;

    public ImpressionStore(Pool pool, EventPartitions partitions, ObjectMapper json) {
        this.pool = pool;
        this.partitions = partitions;
        this.json = json;
    }

    /** Stores the lists whose request id and page were never stored; answers, once committed, how many. */
    public Uni<Integer> insert(List<ServedList> lists) {
        if (lists.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        int n = lists.size();
        String[] requests = new String[n];
        Integer[] pages = new Integer[n];
        OffsetDateTime[] served = new OffsetDateTime[n];
        String[] surfaces = new String[n];
        String[] queries = new String[n];
        String[] users = new String[n];
        String[] sessions = new String[n];
        String[] subjects = new String[n];
        Integer[] offsets = new Integer[n];
        String[] strategies = new String[n];
        String[] models = new String[n];
        String[] items = new String[n];
        for (int i = 0; i < n; i++) {
            ServedList list = lists.get(i);
            requests[i] = list.requestId();
            pages[i] = list.page();
            served[i] = list.servedAt().atOffset(ZoneOffset.UTC);
            surfaces[i] = list.surface();
            queries[i] = list.query();
            users[i] = list.userId();
            sessions[i] = list.sessionId();
            subjects[i] = list.subjectId();
            offsets[i] = list.offset();
            strategies[i] = list.strategy();
            models[i] = list.model();
            items[i] = write(list.items());
        }
        Tuple columns = Tuple.from(List.of(
                requests,
                pages,
                served,
                surfaces,
                queries,
                users,
                sessions,
                subjects,
                offsets,
                strategies,
                models,
                items));
        return partitions
                .ensureFor(Arrays.asList(served))
                .chain(() -> pool.withTransaction(
                        connection -> connection.preparedQuery(INSERT).execute(columns)))
                .map(rows -> rows.rowCount());
    }

    /** The position just after the last list of a chunk: where the next chunk starts. */
    public record ExportKey(OffsetDateTime servedAt, String requestId, int page) {}

    /** One chunk of the export and the key after its last list (null when the window has no more lists). */
    public record ExportChunk(List<ImpressionLine> lines, ExportKey next) {}

    /**
     * The next {@code lists} served lists of {@code [from, to)} (of one surface, or all when null) after
     * {@code after} (null: from the start), one line per item.
     */
    public Uni<ExportChunk> export(Instant from, Instant to, String surface, ExportKey after, int lists) {
        Tuple parameters = Tuple.tuple()
                .addOffsetDateTime(from.atOffset(ZoneOffset.UTC))
                .addOffsetDateTime(to.atOffset(ZoneOffset.UTC))
                .addString(surface)
                .addOffsetDateTime(after == null ? null : after.servedAt())
                .addString(after == null ? null : after.requestId())
                .addInteger(after == null ? null : after.page())
                .addInteger(lists);
        return pool.preparedQuery(EXPORT).execute(parameters).map(rows -> {
            List<ImpressionLine> lines = new ArrayList<>();
            ExportKey last = null;
            int seen = 0;
            for (Row row : rows) {
                ExportKey key = new ExportKey(
                        row.getOffsetDateTime("served_at"), row.getString("request_id"), row.getInteger("page"));
                if (!key.equals(last)) {
                    seen++;
                    last = key;
                }
                if (row.getString("product_id") == null) {
                    continue; // a list shown without items: it moves the key, it has no line
                }
                lines.add(new ImpressionLine(
                        key.requestId(),
                        key.page(),
                        key.servedAt().toInstant(),
                        row.getString("surface"),
                        row.getString("query"),
                        row.getString("strategy"),
                        row.getString("model_version"),
                        row.getInteger("position"),
                        row.getString("product_id"),
                        read(row.getString("sources")),
                        row.getBoolean(10),
                        row.getBoolean(11),
                        row.getBoolean(12)));
            }
            // a list without items still has its row (left join): fewer lists than asked is the window's end
            return new ExportChunk(lines, seen < lists ? null : last);
        });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<SourceContribution> read(String sources) {
        try {
            return json.readValue(sources, SOURCES);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
