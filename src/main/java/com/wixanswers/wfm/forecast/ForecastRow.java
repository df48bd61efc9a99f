package com.wixanswers.wfm.forecast;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of the forecasts table (docs/contracts/forecasts.md): a skill's forecast for one interval; {@code agents} may
 * be null.
 */
public record ForecastRow(String skillName, Instant intervalStart, int intervalMinutes, BigDecimal tasks,
                          BigDecimal avgTaskSeconds, BigDecimal avgAfterTaskSeconds, BigDecimal agents) {
}
