-- The gateway's schema as the last release without migrations made it on first use (docs/adr/0022, 0036).
-- Released: never edit this file; change the schema in a new V<n>__*.sql.

-- one row per API key, hashes only
CREATE TABLE gateway.api_key (
    id text PRIMARY KEY,
    name text NOT NULL,
    scope text NOT NULL CHECK (scope IN ('storefront', 'eval', 'admin')),
    secret_hash bytea NOT NULL,
    previous_hash bytea,
    previous_valid_until timestamptz,
    created_at timestamptz NOT NULL,
    rotated_at timestamptz,
    revoked_at timestamptz,
    last_used_at timestamptz
);
