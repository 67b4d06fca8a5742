-- The catalogue's schema as the last release without migrations made it (Hibernate's "update" from the entities
-- ProductEntity, OutboxEntry and ReindexState; docs/adr/0008, 0036). Columns keep the order Hibernate gave them.
-- Released: never edit this file; change the schema in a new V<n>__*.sql.

-- the products; a deleted one stays as a tombstone so its version never goes back
CREATE TABLE catalog.product (
    id varchar(128) NOT NULL PRIMARY KEY,
    attributes text,
    brand text,
    bullet_points text[],
    category text[],
    color text,
    currency varchar(3),
    deleted boolean NOT NULL DEFAULT false,
    description text,
    image_url text,
    in_stock boolean,
    price double precision,
    rating double precision,
    rating_count integer,
    title text NOT NULL,
    updated_at timestamp(6) with time zone NOT NULL,
    version bigint NOT NULL
);

-- changes that Milvus and the graph have not received yet, claimed by one worker at a time
CREATE TABLE catalog.product_outbox (
    product_id varchar(128) NOT NULL PRIMARY KEY,
    attempts integer NOT NULL DEFAULT 0,
    claimed_by varchar(128),
    claimed_until timestamp(6) with time zone,
    dead_since timestamp(6) with time zone,
    enqueued_at timestamp(6) with time zone NOT NULL,
    last_error varchar(2000),
    operation varchar(8) NOT NULL CHECK (operation IN ('UPSERT', 'DELETE')),
    version bigint NOT NULL
);
CREATE INDEX product_outbox_enqueued_at ON catalog.product_outbox (enqueued_at);

-- the reindex, one row shared by every replica
CREATE TABLE catalog.reindex_state (
    id integer NOT NULL PRIMARY KEY,
    collection varchar(255),
    done bigint NOT NULL,
    error varchar(2000),
    finished_at timestamp(6) with time zone,
    heartbeat_at timestamp(6) with time zone,
    owner varchar(128),
    phase varchar(16) NOT NULL,
    rate_per_second double precision,
    started_at timestamp(6) with time zone,
    total bigint NOT NULL
);
