package com.wixanswers.wfm.onboarding;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The CSV files onboarding writes for people to open: RFC 4180, CRLF, UTF-8, and every value that a spreadsheet
 * would run as a formula (starting with {@code = + - @}, a tab or a carriage return) neutralised with a leading
 * apostrophe.
 */
final class SafeCsv {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
    private final CSVPrinter printer;

    SafeCsv(List<String> header) {
        try {
            printer = new CSVPrinter(writer, CSVFormat.RFC4180);
            printer.printRecord(header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SafeCsv row(List<?> values) {
        try {
            printer.printRecord(values.stream().map(value -> neutralised(value == null ? "" : value.toString()))
                    .toList());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes() {
        try {
            printer.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String neutralised(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
