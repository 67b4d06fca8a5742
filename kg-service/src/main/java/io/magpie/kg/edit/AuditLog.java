package io.magpie.kg.edit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.graph.admin.AuditEntry;
import io.magpie.api.graph.admin.AuditPage;
import io.magpie.api.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The audit log of graph edits in PostgreSQL: appended with each edit, listed with filters, and read back to undo
 * an edit. Must be called on a Vert.x event-loop context (Hibernate Reactive).
 */
@ApplicationScoped
public class AuditLog implements PanacheRepository<AuditEntryEntity> {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    private final ObjectMapper json;

    public AuditLog(ObjectMapper json) {
        this.json = json;
    }

    /** Appends one entry per change in one transaction, all stamped with the same instant; returns them. */
    @WithTransaction
    public Uni<List<AuditEntry>> append(List<Change> changes, String actor, Long undoOf) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        List<AuditEntryEntity> rows = new ArrayList<>(changes.size());
        for (Change change : changes) {
            rows.add(row(change, actor, undoOf, now));
        }
        return persist(rows)
                .chain(this::flush)
                .map(ignored -> rows.stream().map(this::entry).toList());
    }

    /** Takes back entries whose edit did not commit in Neo4j after all (see docs/adr/0010). */
    @WithTransaction
    public Uni<Void> remove(List<AuditEntry> entries) {
        List<Long> ids = entries.stream().map(AuditEntry::id).toList();
        return ids.isEmpty()
                ? Uni.createFrom().voidItem()
                : delete("id in ?1", ids).replaceWithVoid();
    }

    @WithSession
    public Uni<AuditEntry> entry(long id) {
        return findById(id).map(row -> {
            if (row == null) {
                throw ProblemException.notFound("no audit entry " + id);
            }
            return entry(row);
        });
    }

    /** The change an entry recorded, to undo it. */
    @WithSession
    public Uni<Change> change(long id) {
        return findById(id).map(row -> {
            if (row == null) {
                throw ProblemException.notFound("no audit entry " + id);
            }
            EntityRef ref = row.relationType == null
                    ? NodeRef.parse(row.entity)
                    : new RelationRef(
                            io.magpie.kg.model.RelationType.valueOf(row.relationType),
                            NodeRef.parse(row.fromRef),
                            NodeRef.parse(row.toRef));
            return new Change(ref, EntityState.fromJson(parse(row.before)), EntityState.fromJson(parse(row.after)));
        });
    }

    /** Newest first. */
    @WithSession
    public Uni<AuditPage> page(AuditFilter filter) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.entity() != null) {
            conditions.add("(entity = :entity or fromRef = :entity or toRef = :entity)");
            parameters.and("entity", filter.entity());
        }
        if (filter.actor() != null) {
            conditions.add("actor = :actor");
            parameters.and("actor", filter.actor());
        }
        if (filter.operation() != null) {
            conditions.add("operation = :operation");
            parameters.and("operation", filter.operation());
        }
        if (filter.from() != null) {
            conditions.add("at >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            conditions.add("at < :to");
            parameters.and("to", filter.to());
        }
        String where = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
        var query = find(where, Sort.descending("id"), parameters);
        return query.page(Page.of(filter.page(), filter.size()))
                .list()
                .chain(rows -> query.count()
                        .map(total -> new AuditPage(
                                rows.stream().map(this::entry).toList(), filter.page(), filter.size(), total)));
    }

    private AuditEntryEntity row(Change change, String actor, Long undoOf, Instant at) {
        AuditEntryEntity row = new AuditEntryEntity();
        row.at = at;
        row.actor = actor;
        row.operation = change.operation();
        row.entity = change.ref().toString();
        if (change.ref() instanceof RelationRef relation) {
            row.relationType = relation.type().name();
            row.fromRef = relation.from().toString();
            row.toRef = relation.to().toString();
        }
        row.before = write(change.before());
        row.after = write(change.after());
        row.undoOf = undoOf;
        return row;
    }

    private AuditEntry entry(AuditEntryEntity row) {
        return new AuditEntry(
                row.id, row.at, row.actor, row.operation, row.entity, parse(row.before), parse(row.after), row.undoOf);
    }

    private String write(EntityState state) {
        try {
            return state == null ? null : json.writeValueAsString(state.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an entity state is always JSON", e);
        }
    }

    private Map<String, Object> parse(String text) {
        try {
            return text == null ? null : json.readValue(text, JSON_OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the audit log holds JSON it wrote itself", e);
        }
    }
}
