package com.wixanswers.wfm.onboarding;

import com.wixanswers.wfm.config.Settings.OnboardingDefaults;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
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
 * Reads an agents file (docs/contracts/agents-sheet.md) as it streams in: a CSV ({@link CsvRows}) or an Excel workbook
 * ({@link WorkbookRows}), told apart by content, not by name. The header is matched case-insensitively in any order,
 * ignoring spaces, hyphens and underscores; at most so many bytes and rows. Every row gets every reason it is
 * invalid; a file that cannot be read at all says why, and has no rows. Where a row and the ONBOARDING_DEFAULT_*
 * settings name no site/team, role, contract, contract schedule or part-time percentage, Calabrio's own import
 * defaults fill it: that is never a reason to refuse a row.
 */
public final class AgentsFile {
    /** Calabrio's agent import takes names of at most 25 characters, application logons of at most 50. */
    static final int MAX_NAME = 25;
    static final int MAX_LOGON = 50;
    /** A workbook may unpack to at most this many times ONBOARDING_MAX_BYTES. */
    static final int UNPACKED_PER_PACKED = 10;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern ORGANIZATION = Pattern.compile("[^/]+/[^/]+");
    private static final Pattern SKILL_SEPARATORS = Pattern.compile("[;|]");
    private static final Pattern NAME_NOISE = Pattern.compile("[\\s_-]+");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

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
        IDENTITY_LOGON("identityLogon", false),
        /** Accepted for files made for Calabrio's older import; its current import has no shift bag column. */
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
     * A file as read: its rows, warnings (unknown or ignored columns), the SHA-256 of its bytes, and why it could
     * not be read at all (then there are no rows), or null.
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
            PushbackInputStream bytes = new PushbackInputStream(counted, ZIP.length);
            byte[] start = bytes.readNBytes(ZIP.length);
            bytes.unread(start);
            if (Arrays.equals(start, ZIP)) {
                try (SheetRows rows = WorkbookRows.open(bytes.readAllBytes(), maxBytes * UNPACKED_PER_PACKED)) {
                    return read(rows, counted);
                }
            }
            if (Arrays.equals(start, OLE2)) {
                return Parsed.unreadable("the file is an Excel 97-2003 workbook (.xls) or a workbook with a password:"
                        + " save it as an Excel Workbook (.xlsx) without a password, or as CSV UTF-8", null);
            }
            try (CsvRows rows = CsvRows.open(bytes)) {
                return rows == null ? empty() : read(rows, counted);
            }
        } catch (TooLarge e) {
            return Parsed.unreadable(String.format(Locale.ROOT, "the file is larger than %,d bytes"
                    + " (ONBOARDING_MAX_BYTES); split it, or raise the setting", maxBytes), null);
        } catch (CharacterCodingException e) {
            return Parsed.unreadable("the file is not UTF-8 (near byte " + counted.count
                    + "); save it as CSV UTF-8, or as an Excel workbook", null);
        } catch (SheetRows.Unreadable e) {
            return Parsed.unreadable(e.getMessage(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agents file", e);
        }
    }

    private static Parsed empty() {
        return Parsed.unreadable("the file is empty: it needs a header row naming its columns", null);
    }

    private Parsed read(SheetRows sheet, Counted counted) throws IOException {
        SheetRows.Row header = sheet.next();
        if (header == null) {
            return empty();
        }
        Map<Column, Integer> columns = new EnumMap<>(Column.class);
        List<String> warnings = new ArrayList<>();
        String unreadableHeader = header(header.cells(), columns, warnings);
        if (unreadableHeader != null) {
            return Parsed.unreadable(unreadableHeader, null);
        }
        List<AgentRow> rows = new ArrayList<>();
        Duplicates duplicates = new Duplicates();
        try {
            for (SheetRows.Row record = sheet.next(); record != null; record = sheet.next()) {
                if (rows.size() == maxRows) {
                    return Parsed.unreadable(String.format(Locale.ROOT, "the %s has more than %,d data rows"
                            + " (ONBOARDING_MAX_ROWS); split it, or raise the setting", sheet.kind(), maxRows), null);
                }
                rows.add(row(rows.size() + 1, record, columns, duplicates));
            }
        } catch (SheetRows.Unreadable e) {
            return Parsed.unreadable("data row " + (rows.size() + 1) + " cannot be read: " + e.getMessage(), null);
        }
        counted.drain();
        return new Parsed(rows, warnings, counted.sha256(), null);
    }

    /** A header's name as it is matched: lower case, without spaces, hyphens and underscores. */
    static String matchable(String name) {
        return NAME_NOISE.matcher(name.strip()).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** Maps the header's columns; answers why the header makes the file unreadable, or null. */
    private static String header(List<String> header, Map<Column, Integer> columns, List<String> warnings) {
        Map<String, Column> byName = new TreeMap<>();
        for (Column column : Column.values()) {
            byName.put(matchable(column.header), column);
        }
        for (int index = 0; index < header.size(); index++) {
            String name = header.get(index).strip();
            Column column = byName.get(matchable(name));
            if (name.isEmpty()) {
                continue;
            }
            if (column == null) {
                warnings.add("unknown column '" + name + "' is ignored");
            } else if (columns.putIfAbsent(column, index) != null) {
                return "the header names the column " + column.header + " twice";
            } else if (column == Column.SHIFT_BAG) {
                warnings.add("column shiftBag is ignored: Calabrio's people import has no shift bag column; give"
                        + " shift bags in Calabrio");
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

    private AgentRow row(int number, SheetRows.Row record, Map<Column, Integer> columns, Duplicates duplicates) {
        List<String> problems = new ArrayList<>(record.problems());
        Values values = new Values(record.cells(), columns);
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
        String organization = values.optional(Column.ORGANIZATION).or(defaults::organization).orElse(null);
        if (organization != null && !ORGANIZATION.matcher(organization).matches()) {
            problems.add("organization '" + organization + "' is not Site/Team");
        }
        String role = values.optional(Column.ROLE).or(defaults::role).orElse(null);
        String contract = values.optional(Column.CONTRACT).or(defaults::contract).orElse(null);
        String schedule = values.optional(Column.CONTRACT_SCHEDULE).or(defaults::contractSchedule).orElse(null);
        String partTime = values.optional(Column.PART_TIME_PERCENTAGE).or(defaults::partTimePercentage).orElse(null);
        String identityLogon = values.optional(Column.IDENTITY_LOGON).orElse(null);
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
                role, contract, schedule, partTime, identityLogon, skills, problems);
    }

    /** Skill names split on ; or |, trimmed, empty ones dropped. */
    static List<String> skills(String value) {
        return SKILL_SEPARATORS.splitAsStream(value).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    /** One row's values by column, stripped; a column the header lacks or the row is too short for is empty. */
    private static final class Values {
        private final List<String> cells;
        private final Map<Column, Integer> columns;

        Values(List<String> cells, Map<Column, Integer> columns) {
            this.cells = cells;
            this.columns = columns;
        }

        Optional<String> optional(Column column) {
            Integer index = columns.get(column);
            if (index == null || index >= cells.size()) {
                return Optional.empty();
            }
            String value = cells.get(index).strip();
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
