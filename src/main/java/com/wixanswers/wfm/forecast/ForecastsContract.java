package com.wixanswers.wfm.forecast;

import com.wixanswers.wfm.sql.TableContract;
import com.wixanswers.wfm.sql.TableContract.Kind;

import java.util.List;

import static com.wixanswers.wfm.sql.TableContract.column;
import static com.wixanswers.wfm.sql.TableContract.index;

/**
 * The forecasts table or view (docs/contracts/forecasts.md): the columns {@link ForecastQueries} reads, and the
 * index it seeks a skill's rows on.
 */
public final class ForecastsContract {
    public static final TableContract FORECASTS = new TableContract("forecasts", List.of(
            column("skill_name", "NVARCHAR(100)", Kind.TEXT, false),
            column("interval_start", "DATETIME2(0)", Kind.DATE_TIME, false),
            column("interval_minutes", "INT", Kind.WHOLE_NUMBER, false),
            column("tasks", "DECIMAL(12,3)", Kind.DECIMAL, false),
            column("avg_task_seconds", "DECIMAL(12,3)", Kind.DECIMAL, false),
            column("avg_after_task_seconds", "DECIMAL(12,3)", Kind.DECIMAL, false),
            column("agents", "DECIMAL(12,3)", Kind.DECIMAL, true),
            column("created_at", "DATETIME2(0)", Kind.DATE_TIME, false)),
            List.of(index(List.of("skill_name", "interval_start", "created_at"), List.of())));

    private ForecastsContract() {
    }
}
