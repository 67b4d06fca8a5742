package io.magpie.kg.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned Cypher migration, {@code V<version>__<description>.cypher}: statements ended by {@code ;}, lines
 * starting with {@code //} are comments. The checksum covers the text with its line endings normalised.
 */
public record GraphMigration(int version, String description, String file, String checksum, List<String> statements) {

    private static final Pattern FILE_NAME = Pattern.compile("V([1-9][0-9]*)__([A-Za-z0-9_]+)\\.cypher");

    public static GraphMigration parse(String fileName, String text) {
        Matcher name = FILE_NAME.matcher(fileName);
        if (!name.matches()) {
            throw new IllegalArgumentException(
                    "graph migration " + fileName + " is not named V<version>__<description>.cypher");
        }
        String normalised = text.replace("\r\n", "\n");
        List<String> statements = Arrays.stream(withoutComments(normalised).split(";"))
                .map(String::strip)
                .filter(statement -> !statement.isEmpty())
                .toList();
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("graph migration " + fileName + " has no statement");
        }
        return new GraphMigration(
                Integer.parseInt(name.group(1)),
                name.group(2).replace('_', ' '),
                fileName,
                sha256(normalised),
                statements);
    }

    private static String withoutComments(String text) {
        return text.lines().filter(line -> !line.strip().startsWith("//")).reduce("", (a, b) -> a + b + "\n");
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
