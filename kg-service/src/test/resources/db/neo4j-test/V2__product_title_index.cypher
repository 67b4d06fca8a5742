// A later migration for GraphMigrationsTest: a new index, and a data change that counts how often it ran.
CREATE INDEX product_title_test IF NOT EXISTS FOR (p:Product) ON (p.title);
MERGE (probe:MigrationProbe {name: 'v2'})
SET probe.runs = coalesce(probe.runs, 0) + 1;
