package com.wixanswers.wfm.realtime;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;

/**
 * Every minute, agent states from Wix Answers to Calabrio RTA. A timer trigger runs one execution at a time
 * across all instances (the host holds a lease), so ticks of one app never overlap; the state blob's ETag guards
 * against anything else writing it.
 */
public final class RealtimeFunctions {
    private final RealtimeTick tick;

    public RealtimeFunctions(RealtimeTick tick) {
        this.tick = tick;
    }

    @FunctionName("RealtimeTick")
    public void tick(@TimerTrigger(name = "timer", schedule = "0 * * * * *") String timerInfo,
                     ExecutionContext context) {
        TickReport report = tick.run();
        context.getLogger().info(report.toLogLine());
        if (report.failed()) {
            // A failed execution is what the "RTA ticks failing" alert counts; the state is already saved.
            throw new IllegalStateException("rta tick failed: " + report.failure());
        }
    }
}
