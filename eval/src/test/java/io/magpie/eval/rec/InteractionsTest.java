package io.magpie.eval.rec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InteractionsTest {

    private static final String HEADER = "user_id:token\titem_id_list:token_seq\titem_id:token\n";

    /**
     * User 0 bought items 0 1 2 3 4 5 (train 0..3, valid 4, test 5) and user 1 items 2 0 1 3; histories keep
     * the last two items only, and each user's train rows are listed newest first, as in the data set.
     */
    private static void write(Path folder, String valid) throws IOException {
        Files.writeString(folder.resolve("T.item2index"), "I0\t0\nI1\t1\nI2\t2\nI3\t3\nI4\t4\nI5\t5\n");
        Files.writeString(folder.resolve("T.user2index"), "U0\t0\nU1\t1\n");
        Files.writeString(folder.resolve("T.train.inter"), HEADER + "0\t1 2\t3\n0\t0 1\t2\n0\t0\t1\n" + "1\t2\t0\n");
        Files.writeString(folder.resolve("T.valid.inter"), HEADER + valid);
        Files.writeString(folder.resolve("T.test.inter"), HEADER + "0\t3 4\t5\n1\t0 1\t3\n");
    }

    @Test
    void rebuildsTrainingSequencesFromTruncatedHistories(@TempDir Path folder) throws IOException {
        write(folder, "0\t2 3\t4\n1\t2 0\t1\n");

        Interactions data = Interactions.read(folder, "T");

        assertEquals(6, data.itemCount());
        assertEquals(2, data.userCount());
        assertArrayEquals(new int[] {0, 1, 2, 3}, data.train().get(0));
        assertArrayEquals(new int[] {2, 0}, data.train().get(1));
        assertArrayEquals(new int[] {4, 1}, data.valid());
        assertArrayEquals(new int[] {5, 3}, data.test());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, data.cases(true).get(0).history());
        assertEquals("I5", data.itemIds().get(data.cases(true).get(0).target()));
    }

    @Test
    void aHistoryThatDoesNotEndTheSequenceIsRefusedWithItsLine(@TempDir Path folder) throws IOException {
        write(folder, "0\t1 3\t4\n1\t2 0\t1\n");

        IOException e = assertThrows(IOException.class, () -> Interactions.read(folder, "T"));
        assertTrue(e.getMessage().contains("valid.inter line 2"), e.getMessage());
    }

    @Test
    void readsTheRealDataSetWhenPresent() throws IOException {
        Path folder = Path.of("../../shared/datasets/amazon-scientific");
        Assumptions.assumeTrue(
                Files.isDirectory(folder),
                "skipped: ../shared/datasets/amazon-scientific is absent (see that folder's README)");

        Interactions data = Interactions.read(folder);

        assertEquals(8442, data.userCount());
        assertEquals(4385, data.itemCount());
        // Every user's sequence (train + valid + test) holds at least 5 interactions (5-core).
        for (int u = 0; u < data.userCount(); u++) {
            assertTrue(data.train().get(u).length >= 3, "user " + u);
        }
    }
}
