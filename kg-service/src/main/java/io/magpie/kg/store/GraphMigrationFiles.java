package io.magpie.kg.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads the graph migrations of classpath folders (a folder in {@code target/classes} in tests, an entry of the
 * application jar when packaged), in version order; two files with one version are an error.
 */
public final class GraphMigrationFiles {

    /** Where kg-service's own migrations live. */
    public static final String LOCATION = "db/neo4j";

    private GraphMigrationFiles() {}

    public static List<GraphMigration> load(List<String> folders) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Map<Integer, GraphMigration> byVersion = new HashMap<>();
        for (String folder : folders) {
            for (String fileName : fileNames(loader, folder)) {
                GraphMigration migration = GraphMigration.parse(fileName, read(loader, folder + "/" + fileName));
                GraphMigration other = byVersion.putIfAbsent(migration.version(), migration);
                if (other != null) {
                    throw new IllegalStateException("two graph migrations with version " + migration.version() + ": "
                            + other.file() + " and " + migration.file());
                }
            }
        }
        List<GraphMigration> ordered = new ArrayList<>(byVersion.values());
        ordered.sort(Comparator.comparingInt(GraphMigration::version));
        return ordered;
    }

    private static TreeSet<String> fileNames(ClassLoader loader, String folder) {
        TreeSet<String> names = new TreeSet<>();
        try {
            for (URL url : Collections.list(loader.getResources(folder))) {
                switch (url.getProtocol()) {
                    case "file" -> {
                        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                            files.map(file -> file.getFileName().toString()).forEach(names::add);
                        }
                    }
                    case "jar" -> {
                        JarURLConnection connection = (JarURLConnection) url.openConnection();
                        connection.setUseCaches(false);
                        String prefix = folder + "/";
                        try (JarFile jar = connection.getJarFile()) {
                            jar.stream()
                                    .map(entry -> entry.getName())
                                    .filter(name -> name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0)
                                    .map(name -> name.substring(prefix.length()))
                                    .forEach(names::add);
                        }
                    }
                    default ->
                        throw new IllegalStateException(
                                "cannot list graph migrations at " + url + " (neither a folder nor a jar)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list graph migrations in " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list graph migrations in " + folder, e);
        }
        // a .cypher file that is misnamed fails in GraphMigration.parse rather than being skipped unnoticed
        names.removeIf(name -> !name.endsWith(".cypher"));
        if (names.isEmpty()) {
            throw new IllegalStateException("no graph migration found in classpath folder " + folder);
        }
        return names;
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("graph migration " + resource + " listed but not readable");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read graph migration " + resource, e);
        }
    }
}
