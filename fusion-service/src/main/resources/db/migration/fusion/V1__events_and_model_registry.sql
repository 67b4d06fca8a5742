-- fusion-service's schema as the last release without migrations made it at start-up (docs/adr/0012, 0020, 0030,
-- 0031, 0036). Released: never edit this file; change the schema in a new V<n>__*.sql.
-- The monthly partitions of event and impression are not schema: EventPartitions makes them ahead of time.

-- Behaviour events --------------------------------------------------------------------------------------------

-- every event id ever stored: the idempotency guard (a unique index on the partitioned event table would have to
-- contain the partition key)
CREATE TABLE fusion.event_key (
    event_id text PRIMARY KEY,
    received_at timestamptz NOT NULL DEFAULT now()
);

-- one row per stored event, partitioned by the event's month (UTC)
CREATE TABLE fusion.event (
    event_id text NOT NULL,
    type text NOT NULL CHECK (type IN ('view', 'click', 'add_to_cart', 'purchase')),
    user_id text,
    session_id text,
    product_id text NOT NULL,
    occurred_at timestamptz NOT NULL,
    request_id text,
    position integer,
    quantity integer,
    price double precision,
    product_known boolean,
    category text,
    received_at timestamptz NOT NULL DEFAULT now(),
    CHECK (user_id IS NOT NULL OR session_id IS NOT NULL)
) PARTITION BY RANGE (occurred_at);
-- a user's events (privacy deletion, profiles) and a session's (sign-in linking, deletion)
CREATE INDEX event_user_idx ON fusion.event (user_id, occurred_at);
CREATE INDEX event_session_idx ON fusion.event (session_id);
-- the signals read new events in the order they were stored (SignalEventReader)
CREATE INDEX event_received_idx ON fusion.event (received_at, event_id);
-- the impressions export joins events to the served list they name
CREATE INDEX event_request_idx ON fusion.event (request_id, product_id) WHERE request_id IS NOT NULL;

-- sessions linked to users at sign-in
CREATE TABLE fusion.session_user (
    session_id text PRIMARY KEY,
    user_id text NOT NULL,
    linked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX session_user_user_idx ON fusion.session_user (user_id);

-- decayed popularity, recomputed from the events (PopularityStore), and when it was computed
CREATE TABLE fusion.product_popularity (
    product_id text PRIMARY KEY,
    category text,
    score double precision NOT NULL
);
CREATE INDEX product_popularity_score_idx ON fusion.product_popularity (score DESC);

CREATE TABLE fusion.popularity_state (
    id integer PRIMARY KEY CHECK (id = 1),
    computed_at timestamptz NOT NULL,
    products integer NOT NULL
);

-- Served lists (docs/adr/0030): items in order as jsonb, partitioned by the month they were served ---------------

CREATE TABLE fusion.impression_key (
    request_id text NOT NULL,
    page integer NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (request_id, page)
);

CREATE TABLE fusion.impression (
    request_id text NOT NULL,
    page integer NOT NULL,
    served_at timestamptz NOT NULL,
    surface text NOT NULL,
    query text,
    user_id text,
    session_id text,
    subject_id text,
    page_offset integer NOT NULL,
    strategy text NOT NULL,
    model_version text,
    items jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
) PARTITION BY RANGE (served_at);
-- the export reads a time window in order; a privacy deletion finds a user's or a session's lists
CREATE INDEX impression_served_idx ON fusion.impression (served_at, request_id, page);
CREATE INDEX impression_user_idx ON fusion.impression (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX impression_session_idx ON fusion.impression (session_id) WHERE session_id IS NOT NULL;

-- Model registry (docs/adr/0020) ------------------------------------------------------------------------------

-- what a version is: kind, feature schema, hyper-parameters, figures per fold, what it was trained on
CREATE TABLE fusion.model_version (
    name text NOT NULL,
    version integer NOT NULL CHECK (version > 0),
    kind text NOT NULL,
    feature_schema text NOT NULL,
    features jsonb NOT NULL,
    created_at timestamptz NOT NULL,
    parameters jsonb NOT NULL,
    metrics jsonb NOT NULL,
    training_data text,
    PRIMARY KEY (name, version)
);

-- a version's files with their SHA-256, so every replica loads the same model
CREATE TABLE fusion.model_file (
    name text NOT NULL,
    version integer NOT NULL,
    file_name text NOT NULL,
    content bytea NOT NULL,
    sha256 text NOT NULL,
    PRIMARY KEY (name, version, file_name),
    FOREIGN KEY (name, version) REFERENCES fusion.model_version (name, version) ON DELETE CASCADE
);

-- every change of the active version, newest last
CREATE TABLE fusion.model_activation (
    id bigserial PRIMARY KEY,
    name text,
    version integer,
    activated_at timestamptz NOT NULL DEFAULT now(),
    activated_by text NOT NULL,
    action text NOT NULL,
    FOREIGN KEY (name, version) REFERENCES fusion.model_version (name, version),
    CHECK ((name IS NULL) = (version IS NULL))
);

-- trainings of the collaborative item vectors (docs/adr/0031): at most one queued or running across replicas
CREATE TABLE fusion.collaborative_job (
    id text PRIMARY KEY,
    state text NOT NULL,
    started_at timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL,
    job jsonb NOT NULL
);
CREATE UNIQUE INDEX collaborative_job_one_active
    ON fusion.collaborative_job ((state IN ('queued', 'running')))
    WHERE state IN ('queued', 'running');
