package com.wixanswers.wfm.onboarding;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * An agents CSV with Apache Commons CSV, as it streams in: UTF-8 with or without BOM (a byte that is not UTF-8 is a
 * {@link java.nio.charset.CharacterCodingException}), CRLF or LF, RFC 4180 quoting, {@code ,} or {@code ;} told
 * from the header. A record with another number of fields than the header says so.
 */
final class CsvRows implements SheetRows {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private int headerWidth = -1;

    private CsvRows(CSVParser parser) {
        this.parser = parser;
        this.records = parser.iterator();
    }

    /** The rows of {@code file}, or null when it holds no line but blanks. */
    static CsvRows open(InputStream file) throws IOException {
        PushbackInputStream bytes = new PushbackInputStream(file, BOM.length);
        byte[] start = bytes.readNBytes(BOM.length);
        if (!Arrays.equals(start, BOM)) {
            bytes.unread(start);
        }
        BufferedReader text = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        text.mark(64 * 1024);
        String headerLine = text.readLine();
        text.reset();
        if (headerLine == null || headerLine.isBlank()) {
            return null;
        }
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(delimiterOf(headerLine))
                .setIgnoreEmptyLines(true)
                .get();
        return new CsvRows(CSVParser.parse(text, format));
    }

    /** ; when the header holds more semicolons than commas (outside quotes), else ,. */
    static char delimiterOf(String header) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    @Override
    public Row next() throws IOException {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            List<String> problems = new ArrayList<>();
            if (headerWidth < 0) {
                headerWidth = record.size();
            } else if (record.size() != headerWidth) {
                problems.add("has " + record.size() + " fields, the header has " + headerWidth);
            }
            return new Row(record.toList(), problems);
        } catch (UncheckedIOException e) {
            // Commons CSV wraps what the reader throws: a byte over the limit, a byte that is not UTF-8, an open quote.
            if (e.getCause() instanceof CSVException malformed) {
                throw new Unreadable(malformed.getMessage() + " (is a quote left open?)");
            }
            throw e.getCause();
        }
    }

    @Override
    public String kind() {
        return "CSV file";
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
