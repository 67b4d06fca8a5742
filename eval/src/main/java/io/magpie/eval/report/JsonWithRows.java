package io.magpie.eval.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/**
 * A JSON report whose last field is a long list of rows (one per user, say): the head is pretty-printed as
 * Jackson's default printer does it, each row is compact on a line of its own, so that the file stays small and a
 * row can be found with grep.
 */
public final class JsonWithRows {

    private JsonWithRows() {}

    /**
     * @param head      the report's fields before the rows, in order
     * @param rowsField the name of the rows' field, written last
     * @return the document, ended by a newline
     */
    public static String write(ObjectMapper json, ObjectNode head, String rowsField, List<? extends JsonNode> rows)
            throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = json.createGenerator(text)) {
            PrettyPrinter pretty = new DefaultPrettyPrinter();
            generator.setPrettyPrinter(pretty);
            generator.writeStartObject();
            for (Map.Entry<String, JsonNode> field : head.properties()) {
                generator.writeFieldName(field.getKey());
                generator.writeTree(field.getValue());
            }
            generator.writeFieldName(rowsField);
            generator.writeStartArray();
            // the generator asks its printer for every separator, so the rows' layout is a printer of their own
            generator.setPrettyPrinter(new OneRowPerLine());
            for (JsonNode row : rows) {
                generator.writeTree(row);
            }
            generator.writeEndArray();
            generator.setPrettyPrinter(pretty);
            generator.writeEndObject();
        }
        return text.append('\n').toString();
    }

    /**
     * Compact values; each item of the rows' array on a new line, indented one level deeper than the field, and the
     * closing bracket on its own line.
     */
    private static final class OneRowPerLine extends MinimalPrettyPrinter {

        private static final String ROW_INDENT = "    ";
        private static final String FIELD_INDENT = "  ";

        private int nestedArrays;

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (nestedArrays == 0) {
                g.writeRaw("\n" + ROW_INDENT);
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(nestedArrays == 0 ? ",\n" + ROW_INDENT : ",");
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            nestedArrays++;
            super.writeStartArray(g);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            if (nestedArrays == 0) {
                g.writeRaw("\n" + FIELD_INDENT + "]");
            } else {
                nestedArrays--;
                super.writeEndArray(g, nrOfValues);
            }
        }
    }
}
