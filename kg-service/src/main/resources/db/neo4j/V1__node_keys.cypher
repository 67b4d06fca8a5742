// The node keys of docs/adr/0011, plus the tombstones of deleted products; each backs its MERGEs with an index.
// Exactly what kg-service created at every start before graph migrations (docs/adr/0038), names unchanged.
CREATE CONSTRAINT product_id IF NOT EXISTS FOR (p:Product) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT brand_name IF NOT EXISTS FOR (b:Brand) REQUIRE b.name IS UNIQUE;
CREATE CONSTRAINT category_path IF NOT EXISTS FOR (c:Category) REQUIRE c.path IS UNIQUE;
CREATE CONSTRAINT attribute_name_value IF NOT EXISTS FOR (a:Attribute) REQUIRE (a.name, a.value) IS UNIQUE;
CREATE CONSTRAINT removed_product_id IF NOT EXISTS FOR (r:RemovedProduct) REQUIRE r.id IS UNIQUE;
// the query-text dictionary looks categories up by name
CREATE INDEX category_name IF NOT EXISTS FOR (c:Category) ON (c.name);
