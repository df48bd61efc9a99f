package com.wixanswers.wfm.historical;

import com.wixanswers.wfm.calabrio.AgentQueueStatsRow;
import com.wixanswers.wfm.calabrio.AgentStatsRow;
import com.wixanswers.wfm.calabrio.QueueStatsRow;
import com.wixanswers.wfm.config.Settings.StatisticsSettings;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/** The contract oracle's rows for a day, for tests outside this package. */
public final class ContractOracleAccess {
    private ContractOracleAccess() {
    }

    public record Expected(List<QueueStatsRow> queues, List<AgentStatsRow> agents,
                           List<AgentQueueStatsRow> agentQueues) {
    }

    public static Expected expected(Connection connection, LocalDate date, StatisticsSettings rules)
            throws SQLException {
        List<ContractOracle.Interaction> all = ContractOracle.readAll(connection);
        StatsDay day = StatsDay.of(date, rules.zone(), rules.intervalMinutes());
        return new Expected(ContractOracle.queueRows(all, day, rules), ContractOracle.agentRows(all, day),
                ContractOracle.agentQueueRows(all, day));
    }
}
