package com.wixanswers.wfm.onboarding;

import com.wixanswers.wfm.config.Settings.OnboardingDefaults;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads an agents file (onboarding-file.md) as it streams in, with Apache Commons CSV: header matched
 * case-insensitively in any order, {@code ,} or {@code ;} told from the header, UTF-8 with or without BOM, CRLF or
 * LF, RFC 4180 quoting, at most so many bytes and rows. Every row gets every reason it is invalid; a file that
 * cannot be read at all says why, and has no rows.
 */
public final class AgentsFile {
    /** Calabrio's agent import takes names of at most 25 characters, application logons of at most 50. */
    static final int MAX_NAME = 25;
    static final int MAX_LOGON = 50;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern ORGANIZATION = Pattern.compile("[^/]+/[^/]+");
    private static final Pattern SKILL_SEPARATORS = Pattern.compile("[;|]");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    /** The file's columns, by their names in the header. */
    public enum Column {
        AGENT_ID("agentId", true),
        FIRST_NAME("firstName", true),
        LAST_NAME("lastName", true),
        EMAIL("email", true),
        EMPLOYMENT_NUMBER("employmentNumber", false),
        START_DATE("startDate", true),
        ORGANIZATION("organization", false),
        ROLE("role", false),
        CONTRACT("contract", false),
        CONTRACT_SCHEDULE("contractSchedule", false),
        PART_TIME_PERCENTAGE("partTimePercentage", false),
        SHIFT_BAG("shiftBag", false),
        SKILLS("skills", true);

        final String header;
        final boolean required;

        Column(String header, boolean required) {
            this.header = header;
            this.required = required;
        }
    }

    /**
     * A file as read: its rows, warnings (unknown columns), the SHA-256 of its bytes, and why it could not be read
     * at all (then there are no rows), or null.
     */
    public record Parsed(List<AgentRow> rows, List<String> warnings, String sha256, String unreadable) {
        static Parsed unreadable(String why, String sha256) {
            return new Parsed(List.of(), List.of(), sha256, why);
        }
    }

    private final int maxRows;
    private final long maxBytes;
    private final OnboardingDefaults defaults;

    public AgentsFile(int maxRows, long maxBytes, OnboardingDefaults defaults) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.defaults = defaults;
    }

    public Parsed read(InputStream file) {
        Counted counted = new Counted(file, maxBytes);
        try (counted) {
            return read(counted);
        } catch (TooLarge e) {
            return Parsed.unreadable(String.format(Locale.ROOT, "the file is larger than %,d bytes"
                    + " (ONBOARDING_MAX_BYTES); split it, or raise the setting", maxBytes), null);
        } catch (CharacterCodingException e) {
            return Parsed.unreadable("the file is not UTF-8 (near byte " + counted.count
                    + "); save it as UTF-8 CSV", null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agents file", e);
        }
    }

    private Parsed read(Counted counted) throws IOException {
        PushbackInputStream bytes = new PushbackInputStream(counted, 3);
        byte[] bom = bytes.readNBytes(3);
        if (!Arrays.equals(bom, new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})) {
            bytes.unread(bom);
        }
        BufferedReader text = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        text.mark(64 * 1024);
        String headerLine = text.readLine();
        text.reset();
        if (headerLine == null || headerLine.isBlank()) {
            return Parsed.unreadable("the file is empty: it needs a header row naming its columns", null);
        }
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(delimiterOf(headerLine))
                .setIgnoreEmptyLines(true)
                .build();
        List<AgentRow> rows = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            var records = parser.iterator();
            Map<Column, Integer> columns = new EnumMap<>(Column.class);
            CSVRecord header = records.next();
            String unreadableHeader = header(header, columns, warnings);
            if (unreadableHeader != null) {
                return Parsed.unreadable(unreadableHeader, null);
            }
            Duplicates duplicates = new Duplicates();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                if (rows.size() == maxRows) {
                    return Parsed.unreadable(String.format(Locale.ROOT, "the file has more than %,d data rows"
                            + " (ONBOARDING_MAX_ROWS); split it, or raise the setting", maxRows), null);
                }
                rows.add(row(rows.size() + 1, record, columns, header.size(), duplicates));
            }
            counted.drain();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof TooLarge || e.getCause() instanceof CharacterCodingException) {
                throw e.getCause();
            }
            return Parsed.unreadable("data row " + (rows.size() + 1) + " cannot be read: " + e.getCause().getMessage()
                    + " (is a quote left open?)", null);
        }
        return new Parsed(rows, warnings, counted.sha256(), null);
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

    /** Maps the header's columns; answers why the header makes the file unreadable, or null. */
    private static String header(CSVRecord header, Map<Column, Integer> columns, List<String> warnings) {
        Map<String, Column> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Column column : Column.values()) {
            byName.put(column.header, column);
        }
        for (int index = 0; index < header.size(); index++) {
            String name = header.get(index).strip();
            Column column = byName.get(name);
            if (column == null) {
                warnings.add("unknown column '" + name + "' is ignored");
            } else if (columns.putIfAbsent(column, index) != null) {
                return "the header names the column " + column.header + " twice";
            }
        }
        if (columns.isEmpty()) {
            return "the first row is not a header: it names none of the columns (agentId, firstName, lastName,"
                    + " email, startDate, skills, ...)";
        }
        List<String> missing = Arrays.stream(Column.values())
                .filter(column -> column.required && !columns.containsKey(column)).map(column -> column.header)
                .toList();
        return missing.isEmpty() ? null : "the header lacks the required column" + (missing.size() > 1 ? "s " : " ")
                + String.join(", ", missing);
    }

    /** First rows by agentId and by employment number, both matched case-insensitively as Calabrio matches them. */
    private static final class Duplicates {
        final Map<String, Integer> agentIds = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final Map<String, Integer> employmentNumbers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }

    private AgentRow row(int number, CSVRecord record, Map<Column, Integer> columns, int headerWidth,
                         Duplicates duplicates) {
        List<String> problems = new ArrayList<>();
        if (record.size() != headerWidth) {
            problems.add("has " + record.size() + " fields, the header has " + headerWidth);
        }
        Values values = new Values(record, columns);
        String agentId = values.required(Column.AGENT_ID, problems);
        String firstName = values.name(Column.FIRST_NAME, problems);
        String lastName = values.name(Column.LAST_NAME, problems);
        String email = values.required(Column.EMAIL, problems);
        if (email != null && !EMAIL.matcher(email).matches()) {
            problems.add("email '" + email + "' is not an e-mail address");
        } else if (email != null && email.length() > MAX_LOGON) {
            problems.add("email is " + email.length() + " characters; Calabrio's application logon takes at most "
                    + MAX_LOGON);
        }
        String employmentNumber = values.optional(Column.EMPLOYMENT_NUMBER).orElse(agentId);
        LocalDate startDate = values.date(Column.START_DATE, problems);
        String organization = values.withDefault(Column.ORGANIZATION, defaults.organization(),
                "ONBOARDING_DEFAULT_ORGANIZATION", problems);
        if (organization != null && !ORGANIZATION.matcher(organization).matches()) {
            problems.add("organization '" + organization + "' is not Site/Team");
        }
        String role = values.withDefault(Column.ROLE, defaults.role(), "ONBOARDING_DEFAULT_ROLE", problems);
        String contract = values.withDefault(Column.CONTRACT, defaults.contract(), "ONBOARDING_DEFAULT_CONTRACT",
                problems);
        String schedule = values.withDefault(Column.CONTRACT_SCHEDULE, defaults.contractSchedule(),
                "ONBOARDING_DEFAULT_CONTRACT_SCHEDULE", problems);
        String partTime = values.withDefault(Column.PART_TIME_PERCENTAGE, defaults.partTimePercentage(),
                "ONBOARDING_DEFAULT_PART_TIME_PERCENTAGE", problems);
        String shiftBag = values.optional(Column.SHIFT_BAG).or(defaults::shiftBag).orElse(null);
        List<String> skills = values.optional(Column.SKILLS).map(AgentsFile::skills).orElse(List.of());
        if (skills.isEmpty()) {
            problems.add("skills is empty: name at least one skill, separated by ; or |");
        }
        Integer firstWithAgent = agentId == null ? null : duplicates.agentIds.putIfAbsent(agentId, number);
        if (firstWithAgent != null) {
            problems.add("agentId " + agentId + " is already on row " + firstWithAgent + " (the first stands)");
        } else if (employmentNumber != null) {
            Integer firstWithNumber = duplicates.employmentNumbers.putIfAbsent(employmentNumber, number);
            if (firstWithNumber != null) {
                problems.add("employmentNumber " + employmentNumber + " is already on row " + firstWithNumber
                        + " (one person cannot be two agents)");
            }
        }
        return new AgentRow(number, agentId, firstName, lastName, email, employmentNumber, startDate, organization,
                role, contract, schedule, partTime, shiftBag, skills, problems);
    }

    /** Skill names split on ; or |, trimmed, empty ones dropped. */
    static List<String> skills(String value) {
        return SKILL_SEPARATORS.splitAsStream(value).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    /** One record's values by column, stripped; a column the header lacks or the row is too short for is empty. */
    private static final class Values {
        private final CSVRecord record;
        private final Map<Column, Integer> columns;

        Values(CSVRecord record, Map<Column, Integer> columns) {
            this.record = record;
            this.columns = columns;
        }

        Optional<String> optional(Column column) {
            Integer index = columns.get(column);
            if (index == null || index >= record.size()) {
                return Optional.empty();
            }
            String value = record.get(columns.get(column)).strip();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }

        String required(Column column, List<String> problems) {
            Optional<String> value = optional(column);
            if (value.isEmpty()) {
                problems.add(column.header + " is empty");
            }
            return value.orElse(null);
        }

        String name(Column column, List<String> problems) {
            String value = required(column, problems);
            if (value != null && value.length() > MAX_NAME) {
                problems.add(column.header + " is " + value.length() + " characters; Calabrio takes at most "
                        + MAX_NAME);
            }
            return value;
        }

        LocalDate date(Column column, List<String> problems) {
            String value = required(column, problems);
            if (value == null) {
                return null;
            }
            try {
                return LocalDate.parse(value, DATE);
            } catch (DateTimeParseException e) {
                problems.add(column.header + " '" + value + "' is not a date (yyyy-MM-dd)");
                return null;
            }
        }

        String withDefault(Column column, Optional<String> fallback, String setting, List<String> problems) {
            Optional<String> value = optional(column).or(() -> fallback);
            if (value.isEmpty()) {
                problems.add(column.header + " is empty and " + setting + " is not set");
            }
            return value.orElse(null);
        }
    }

    /** Exceeding the byte limit. */
    private static final class TooLarge extends IOException {
    }

    /** The file's bytes as they are read: counted against the limit, and hashed. */
    private static final class Counted extends FilterInputStream {
        private final long limit;
        private final MessageDigest digest;
        long count;

        Counted(InputStream in, long limit) {
            super(in);
            this.limit = limit;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digest.update((byte) b);
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                digest.update(buffer, offset, read);
                counted(read);
            }
            return read;
        }

        private void counted(int bytes) throws TooLarge {
            count += bytes;
            if (count > limit) {
                throw new TooLarge();
            }
        }

        /** Reads what the parser left (a last line's end), so that the hash is of the whole file. */
        void drain() throws IOException {
            byte[] rest = new byte[8192];
            while (read(rest, 0, rest.length) >= 0) {
                // hashing
            }
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
