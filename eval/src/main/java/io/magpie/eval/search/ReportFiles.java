package io.magpie.eval.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a search evaluation as {@code <name>.json}, {@code <name>.md} and {@code <name>.html} into a folder. */
public final class ReportFiles {

    private ReportFiles() {}

    public static List<Path> write(SearchReport report, Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        Path json = folder.resolve(name + ".json");
        Path md = folder.resolve(name + ".md");
        Path html = folder.resolve(name + ".html");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        Files.writeString(md, MarkdownReport.render(report), StandardCharsets.UTF_8);
        Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
        return List.of(json, md, html);
    }
}
