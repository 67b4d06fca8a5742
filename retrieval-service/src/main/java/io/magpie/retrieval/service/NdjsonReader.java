package io.magpie.retrieval.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits a streamed NDJSON body into lines, one at a time, never holding more than one line: a line longer than
 * the limit is skipped to its end and reported instead of buffered. Accepts LF and CRLF endings and a leading BOM.
 */
final class NdjsonReader {

    /** One input line: its 1-based number, and its text or why it has none. */
    record Line(long number, String text, String problem) {

        boolean isBlank() {
            return problem == null && text.isBlank();
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkPos;
    private int chunkEnd;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
    private long number;
    private boolean atStart = true;
    private boolean ended;

    NdjsonReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the body. */
    Line next() {
        if (ended) {
            return null;
        }
        line.reset();
        boolean tooLong = false;
        boolean sawAnything = false;
        while (true) {
            if (chunkPos == chunkEnd && !fill()) {
                ended = true;
                if (!sawAnything) {
                    return null;
                }
                break;
            }
            sawAnything = true;
            int newline = indexOfNewline();
            int end = newline < 0 ? chunkEnd : newline;
            int room = maxLineBytes - line.size();
            int take = Math.min(room, end - chunkPos);
            line.write(chunk, chunkPos, take);
            tooLong |= take < end - chunkPos;
            chunkPos = newline < 0 ? chunkEnd : newline + 1;
            if (newline >= 0) {
                break;
            }
        }
        number++;
        if (tooLong) {
            return new Line(number, null, "longer than " + maxLineBytes + " bytes");
        }
        return decode();
    }

    private int indexOfNewline() {
        for (int i = chunkPos; i < chunkEnd; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() {
        try {
            int read = in.read(chunk);
            while (read == 0) {
                read = in.read(chunk);
            }
            chunkPos = 0;
            chunkEnd = Math.max(read, 0);
            return read > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    private Line decode() {
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        int offset = 0;
        if (atStart
                && length >= 3
                && (bytes[0] & 0xff) == 0xEF
                && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF) {
            offset = 3;
        }
        atStart = false;
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length - offset))
                    .toString();
            return new Line(number, text, null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, "not valid UTF-8");
        }
    }
}
