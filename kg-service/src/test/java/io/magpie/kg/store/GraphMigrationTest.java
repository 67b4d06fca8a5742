package io.magpie.kg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a migration file: name, statements, and a checksum that ignores line endings only. */
class GraphMigrationTest {

    private static final String TEXT = """
            // a comment; with a semicolon
            CREATE INDEX a IF NOT EXISTS FOR (p:Product) ON (p.title);

            MERGE (m:Marker {name: 'x'})
            SET m.seen = true;
            """;

    @Test
    void statementsAreSplitAtSemicolonsWithoutTheCommentLines() {
        GraphMigration migration = GraphMigration.parse("V12__title_index_and_marker.cypher", TEXT);

        assertEquals(12, migration.version());
        assertEquals("title index and marker", migration.description());
        assertEquals(
                List.of(
                        "CREATE INDEX a IF NOT EXISTS FOR (p:Product) ON (p.title)",
                        "MERGE (m:Marker {name: 'x'})\nSET m.seen = true"),
                migration.statements());
    }

    @Test
    void theChecksumIgnoresLineEndingsButNotAnythingElse() {
        String checksum = GraphMigration.parse("V1__x.cypher", TEXT).checksum();

        assertEquals(
                checksum,
                GraphMigration.parse("V1__x.cypher", TEXT.replace("\n", "\r\n")).checksum());
        assertNotEquals(
                checksum,
                GraphMigration.parse("V1__x.cypher", TEXT.replace("title", "name"))
                        .checksum());
    }

    @Test
    void aMisnamedOrEmptyFileIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GraphMigration.parse("V1_one_underscore.cypher", TEXT));
        assertThrows(IllegalArgumentException.class, () -> GraphMigration.parse("V0__zero.cypher", TEXT));
        assertThrows(IllegalArgumentException.class, () -> GraphMigration.parse("V2__comments_only.cypher", "// x\n"));
    }
}
