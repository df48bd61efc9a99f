package com.wixanswers.wfm.forecast;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calabrio's forecast import file (docs/contracts/forecasts.md, "The file") as its own importer reads it: no header,
 * lines ended by CRLF, {@code skillname,startdatetime,enddatetime,tasks,tasktime,aftertasktime[,agents]}, times {@code
 * yyyyMMdd HH:mm} local to the skills' zone, numbers with a {@code .} and no sign, exponent or separator. On the
 * fall-back day an hour of local times comes twice, and the importer expands such a time into both its intervals, at
 * every interval length: each local time is written once, with the mean of its two intervals' tasks (so that the hour's
 * volume is the forecast's, never doubled) and their task-weighted mean handling and after-task times. The
 * spring-forward gap's times never occur, so they are never written.
 */
public final class ForecastFile {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd HH:mm");
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final ZoneId zone;
    private final char separator;

    /** @param separator {@code ,}, or {@code ;} when a skill's name holds a comma (the importer takes either) */
    public ForecastFile(ZoneId zone, char separator) {
        this.zone = zone;
        this.separator = separator;
    }

    /**
     * Writes one skill's days, under the name Calabrio knows it by, each local time once (on the fall-back day, at
     * every interval length, both intervals of a time met twice as one line); answers the lines written.
     */
    public int write(Writer out, String skillName, List<ForecastDays.Day> days) throws IOException {
        int lines = 0;
        for (ForecastDays.Day day : days) {
            Map<LocalDateTime, ForecastRow> byLocalStart = new TreeMap<>();
            for (ForecastRow row : day.rows()) {
                byLocalStart.merge(LocalDateTime.ofInstant(row.intervalStart(), zone), row, ForecastFile::onceForBoth);
            }
            for (Map.Entry<LocalDateTime, ForecastRow> line : byLocalStart.entrySet()) {
                line(out, skillName, line.getKey(), line.getValue());
                lines++;
            }
        }
        return lines;
    }

    private void line(Writer out, String skillName, LocalDateTime start, ForecastRow row) throws IOException {
        Instant endInstant = row.intervalStart().plusSeconds(row.intervalMinutes() * 60L);
        LocalDateTime end = LocalDateTime.ofInstant(endInstant, zone);
        if (!end.isAfter(start)) {
            // The first of a fall-back hour's twice-met times ends when the clock has gone back: its end is the
            // local time its interval's length later, as its second meeting's is.
            end = start.plusMinutes(row.intervalMinutes());
        }
        StringBuilder line = new StringBuilder(96).append(skillName).append(separator).append(TIME.format(start))
                .append(separator).append(TIME.format(end)).append(separator).append(number(row.tasks()))
                .append(separator).append(number(row.avgTaskSeconds())).append(separator)
                .append(number(row.avgAfterTaskSeconds()));
        if (row.agents() != null) {
            line.append(separator).append(number(row.agents()));
        }
        out.write(line.append("\r\n").toString());
    }

    /** Both intervals of a local time met twice, as one: mean tasks, task-weighted mean times, mean agents. */
    static ForecastRow onceForBoth(ForecastRow first, ForecastRow second) {
        BigDecimal tasks = first.tasks().add(second.tasks());
        return new ForecastRow(first.skillName(), first.intervalStart(), first.intervalMinutes(),
                tasks.divide(TWO, MathContext.DECIMAL64),
                weighted(first.avgTaskSeconds(), second.avgTaskSeconds(), first.tasks(), second.tasks(), tasks),
                weighted(first.avgAfterTaskSeconds(), second.avgAfterTaskSeconds(), first.tasks(), second.tasks(),
                        tasks),
                first.agents() == null ? second.agents() : second.agents() == null ? first.agents()
                        : first.agents().add(second.agents()).divide(TWO, MathContext.DECIMAL64));
    }

    private static BigDecimal weighted(BigDecimal a, BigDecimal b, BigDecimal weightA, BigDecimal weightB,
                                       BigDecimal weights) {
        if (weights.signum() == 0) {
            return a.add(b).divide(TWO, MathContext.DECIMAL64);
        }
        return a.multiply(weightA).add(b.multiply(weightB)).divide(weights, MathContext.DECIMAL64);
    }

    /** At most three decimals, no trailing zeros, no exponent: {@code 16}, {@code 135.46}. */
    static String number(BigDecimal value) {
        return value.setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** The separator for a file of these skill names: {@code ;} when one holds a comma. */
    public static char separatorFor(List<String> skillNames) {
        return skillNames.stream().anyMatch(name -> name.indexOf(',') >= 0) ? ';' : ',';
    }

    /** The names the importer could not tell from the separator, left out of the file. */
    public static List<String> unwritable(List<String> skillNames, char separator) {
        List<String> names = new ArrayList<>();
        for (String name : skillNames) {
            if (name.indexOf(separator) >= 0 || (separator == ',' && name.indexOf(';') >= 0)) {
                names.add(name);
            }
        }
        return names;
    }
}
