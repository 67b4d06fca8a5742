package io.magpie.eval.rec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Purchase histories split leave-one-out, as the Amazon Scientific files give them: per user, the training sequence
 * (oldest first), the validation item (the one before last) and the test item (the last).
 *
 * <p>The files ({@code Scientific.train.inter}, {@code .valid.inter}, {@code .test.inter}) have a header, then
 * {@code user_index <tab> history item indexes (space separated, oldest first) <tab> next item index}. The train file
 * has one row per training target of a user, newest first, and its histories keep the last 50 items at most; the
 * training sequence is the first row's history followed by every row's target in time order, checked against every
 * row.
 *
 * @param itemIds  item index to item id (ASIN)
 * @param userIds  user index to user id
 * @param train    per user index, the training sequence, oldest first (may repeat an item)
 * @param valid    per user index, the validation item
 * @param test     per user index, the test item
 */
public record Interactions(List<String> itemIds, List<String> userIds, List<int[]> train, int[] valid, int[] test) {

    public Interactions {
        int users = userIds.size();
        if (train.size() != users || valid.length != users || test.length != users) {
            throw new IllegalArgumentException("train, valid and test need one entry per user (" + users + ")");
        }
        int items = itemIds.size();
        for (int u = 0; u < users; u++) {
            checkItem(valid[u], items, "valid item of user " + u);
            checkItem(test[u], items, "test item of user " + u);
            for (int item : train.get(u)) {
                checkItem(item, items, "training item of user " + u);
            }
        }
    }

    public int itemCount() {
        return itemIds.size();
    }

    public int userCount() {
        return userIds.size();
    }

    /**
     * What a baseline is fitted on: every user's training sequence, plus the validation item for the final run.
     */
    public List<int[]> fitSequences(boolean finalRun) {
        List<int[]> sequences = new ArrayList<>(userCount());
        for (int u = 0; u < userCount(); u++) {
            sequences.add(finalRun ? append(train.get(u), valid[u]) : train.get(u));
        }
        return sequences;
    }

    /**
     * One case per user: its history (what the baseline sees and what is excluded from the ranking) and the held-out
     * target. The final run predicts the test item from training sequence + validation item; otherwise the
     * validation item from the training sequence.
     */
    public List<EvalCase> cases(boolean finalRun) {
        List<EvalCase> cases = new ArrayList<>(userCount());
        for (int u = 0; u < userCount(); u++) {
            cases.add(
                    finalRun
                            ? new EvalCase(u, append(train.get(u), valid[u]), test[u])
                            : new EvalCase(u, train.get(u), valid[u]));
        }
        return cases;
    }

    /** Reads the data set folder ({@code Scientific.*} files). */
    public static Interactions read(Path folder) throws IOException {
        return read(folder, "Scientific");
    }

    public static Interactions read(Path folder, String prefix) throws IOException {
        List<String> itemIds = indexFile(folder.resolve(prefix + ".item2index"));
        List<String> userIds = indexFile(folder.resolve(prefix + ".user2index"));
        List<Row> trainRows = rows(folder.resolve(prefix + ".train.inter"));
        List<Row> validRows = rows(folder.resolve(prefix + ".valid.inter"));
        List<Row> testRows = rows(folder.resolve(prefix + ".test.inter"));

        Map<Integer, List<Row>> trainByUser = new LinkedHashMap<>();
        for (Row row : trainRows) {
            trainByUser.computeIfAbsent(row.user(), u -> new ArrayList<>()).add(row);
        }
        int users = userIds.size();
        List<int[]> train = new ArrayList<>(users);
        int[] valid = new int[users];
        int[] test = new int[users];
        Arrays.fill(valid, -1);
        Arrays.fill(test, -1);
        for (int u = 0; u < users; u++) {
            List<Row> rows = trainByUser.get(u);
            if (rows == null) {
                throw new IOException("user " + u + " has no training rows");
            }
            train.add(sequence(u, rows));
        }
        for (Row row : validRows) {
            checkUser(row.user(), users, "valid");
            requireSuffix(train.get(row.user()), row, "valid");
            valid[row.user()] = row.target();
        }
        for (Row row : testRows) {
            checkUser(row.user(), users, "test");
            requireSuffix(append(train.get(row.user()), valid[row.user()]), row, "test");
            test[row.user()] = row.target();
        }
        for (int u = 0; u < users; u++) {
            if (valid[u] < 0 || test[u] < 0) {
                throw new IOException("user " + u + " lacks a validation or test row");
            }
        }
        return new Interactions(itemIds, userIds, train, valid, test);
    }

    /** One line of an .inter file. */
    record Row(int line, int user, int[] history, int target) {}

    /**
     * The training sequence of a user from its rows: ordered by history length, ties (histories cut at the same
     * maximum length) in reverse file order, since the file lists a user's rows newest first.
     */
    static int[] sequence(int user, List<Row> rows) throws IOException {
        List<Row> inTime = new ArrayList<>(rows);
        inTime.sort(Comparator.comparingInt((Row r) -> r.history().length)
                .thenComparing(Comparator.comparingInt(Row::line).reversed()));
        int[] first = inTime.get(0).history();
        int[] sequence = Arrays.copyOf(first, first.length + inTime.size());
        for (int i = 0; i < inTime.size(); i++) {
            sequence[first.length + i] = inTime.get(i).target();
        }
        for (int i = 0; i < inTime.size(); i++) {
            Row row = inTime.get(i);
            requireSuffix(Arrays.copyOf(sequence, first.length + i), row, "train");
        }
        return sequence;
    }

    /** A row's history must be the last items of what came before its target. */
    private static void requireSuffix(int[] before, Row row, String file) throws IOException {
        int[] history = row.history();
        boolean suffix = history.length <= before.length
                && Arrays.equals(history, Arrays.copyOfRange(before, before.length - history.length, before.length));
        if (!suffix) {
            throw new IOException("%s.inter line %d: the history of user %d does not end the user's sequence "
                            .formatted(file, row.line(), row.user())
                    + Arrays.toString(before));
        }
    }

    static List<String> indexFile(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] ids = new String[lines.size()];
        int count = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] columns = line.split("\t");
            int index;
            try {
                index = Integer.parseInt(columns[1].strip());
            } catch (RuntimeException e) {
                throw new IOException(file.getFileName() + " line " + (i + 1) + ": expected <id> <tab> <index>");
            }
            if (index < 0 || index >= ids.length || ids[index] != null) {
                throw new IOException(
                        file.getFileName() + " line " + (i + 1) + ": index " + index + " out of range or repeated");
            }
            ids[index] = columns[0].strip();
            count++;
        }
        List<String> result = Arrays.asList(Arrays.copyOf(ids, count));
        if (result.contains(null)) {
            throw new IOException(file.getFileName() + ": indexes are not 0.." + (count - 1));
        }
        return List.copyOf(result);
    }

    static List<Row> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            try {
                int[] history = columns[1].isBlank()
                        ? new int[0]
                        : Arrays.stream(columns[1].strip().split(" +"))
                                .mapToInt(Integer::parseInt)
                                .toArray();
                rows.add(new Row(
                        i + 1, Integer.parseInt(columns[0].strip()), history, Integer.parseInt(columns[2].strip())));
            } catch (RuntimeException e) {
                throw new IOException(
                        file.getFileName() + " line " + (i + 1) + ": expected <user> <tab> <items> <tab> <item>");
            }
        }
        return rows;
    }

    private static void checkUser(int user, int users, String file) throws IOException {
        if (user < 0 || user >= users) {
            throw new IOException(file + ".inter: unknown user index " + user);
        }
    }

    private static void checkItem(int item, int items, String what) {
        if (item < 0 || item >= items) {
            throw new IllegalArgumentException(what + " is not an item index: " + item);
        }
    }

    static int[] append(int[] sequence, int item) {
        int[] longer = Arrays.copyOf(sequence, sequence.length + 1);
        longer[sequence.length] = item;
        return longer;
    }
}
