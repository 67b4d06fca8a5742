-- The audit log's schema as the last release without migrations made it (Hibernate's "update" from the entity
-- AuditEntryEntity; docs/adr/0010, 0036). Columns keep the order Hibernate gave them.
-- Released: never edit this file; change the schema in a new V<n>__*.sql.

-- ids come 50 at a time (the entity's allocationSize)
CREATE SEQUENCE kg.graph_audit_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE kg.graph_audit (
    id bigint NOT NULL PRIMARY KEY,
    actor varchar(64) NOT NULL,
    after text,
    at timestamp(6) with time zone NOT NULL,
    before text,
    entity text NOT NULL,
    from_ref text,
    operation varchar(32) NOT NULL,
    relation_type varchar(64),
    to_ref text,
    undo_of bigint
);
CREATE INDEX graph_audit_entity ON kg.graph_audit (entity);
CREATE INDEX graph_audit_from_ref ON kg.graph_audit (from_ref);
CREATE INDEX graph_audit_to_ref ON kg.graph_audit (to_ref);
CREATE INDEX graph_audit_at ON kg.graph_audit (at);
