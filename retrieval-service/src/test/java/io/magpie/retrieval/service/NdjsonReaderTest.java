package io.magpie.retrieval.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonReaderTest {

    @Test
    void splitsLfAndCrlfLinesAndNumbersThem() {
        List<NdjsonReader.Line> lines = readAll("\uFEFF{\"a\":1}\r\n\n{\"b\":2}\n{\"c\":3}", 100);
        assertEquals(4, lines.size());
        assertEquals("{\"a\":1}", lines.get(0).text());
        assertEquals(1, lines.get(0).number());
        assertEquals("", lines.get(1).text());
        assertEquals("{\"c\":3}", lines.get(3).text());
        assertEquals(4, lines.get(3).number());
    }

    @Test
    void aFinalNewlineAddsNoLine() {
        assertEquals(2, readAll("x\ny\n", 100).size());
        assertEquals(0, readAll("", 100).size());
    }

    @Test
    void reportsOverlongLinesWithoutKeepingThemAndGoesOn() {
        String longLine = "z".repeat(200_000);
        List<NdjsonReader.Line> lines = readAll("ok\n" + longLine + "\nafter", 1000);
        assertEquals(3, lines.size());
        assertNull(lines.get(1).text());
        assertEquals("longer than 1000 bytes", lines.get(1).problem());
        assertEquals("after", lines.get(2).text());
        assertEquals(3, lines.get(2).number());
    }

    @Test
    void reportsInvalidUtf8() {
        byte[] body = {'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n', 'x'};
        List<NdjsonReader.Line> lines = readAll(new ByteArrayInputStream(body), 100);
        assertEquals("not valid UTF-8", lines.get(1).problem());
        assertEquals("x", lines.get(2).text());
    }

    @Test
    void readsLinesThatSpanManyReads() {
        // a stream that hands out 7 bytes at a time, as a slow network would
        String body = "{\"id\":\"first\"}\n{\"id\":\"" + "é".repeat(50_000) + "\"}\n";
        InputStream trickle = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        List<NdjsonReader.Line> lines = readAll(trickle, 1 << 20);
        assertEquals(2, lines.size());
        assertEquals(100_009, lines.get(1).text().getBytes(StandardCharsets.UTF_8).length);
    }

    private static List<NdjsonReader.Line> readAll(String body, int max) {
        return readAll(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), max);
    }

    private static List<NdjsonReader.Line> readAll(InputStream in, int max) {
        NdjsonReader reader = new NdjsonReader(in, max);
        List<NdjsonReader.Line> lines = new ArrayList<>();
        NdjsonReader.Line line;
        while ((line = reader.next()) != null) {
            lines.add(line);
        }
        return lines;
    }
}
