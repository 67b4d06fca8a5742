package io.magpie.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonWithRowsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void headAsJacksonsPrettyPrinterWritesItRowsOneALineArraysInsideThemCompact() throws Exception {
        ObjectNode head = json.createObjectNode().put("name", "x");
        head.putArray("list").add(1).add(2);
        head.putObject("nested").put("a", true);
        List<JsonNode> rows = List.of(
                json.readTree("{\"id\": 1, \"tags\": [\"a\", \"b\"], \"m\": {\"k\": []}}"),
                json.readTree("{\"id\": 2}"));

        String text = JsonWithRows.write(json, head, "rows", rows);

        assertEquals("""
                {
                  "name" : "x",
                  "list" : [ 1, 2 ],
                  "nested" : {
                    "a" : true
                  },
                  "rows" : [
                    {"id":1,"tags":["a","b"],"m":{"k":[]}},
                    {"id":2}
                  ]
                }
                """, text);
        ObjectNode whole = head.deepCopy();
        whole.putArray("rows").addAll(rows);
        assertEquals(whole, json.readTree(text));
    }

    @Test
    void noRowsStillCloseTheArrayOnItsOwnLine() throws Exception {
        String text = JsonWithRows.write(json, json.createObjectNode().put("n", 0), "rows", List.of());

        assertEquals("{\n  \"n\" : 0,\n  \"rows\" : [\n  ]\n}\n", text);
    }
}
