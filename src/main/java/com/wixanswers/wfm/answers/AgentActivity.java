package com.wixanswers.wfm.answers;

/**
 * One agent's activity as Wix Answers reports it (docs/contracts/requests.md, "Wix Answers"). Statuses and channels are
 * given by name whether the answer used names or numeric codes; a value Wix Answers adds later stays as it came
 * ("AWAY", "70").
 *
 * @param agentId    the agent's external logon in Calabrio
 * @param status     ONLINE, IN_WORK, BUSY, OFFLINE, or an unknown value as sent
 * @param channel    NONE, TICKET, CALL, CHAT, an unknown value, or null
 * @param busyReason the agent's chosen reason, or null
 */
public record AgentActivity(String agentId, String status, String channel, String busyReason) {
    public static final String OFFLINE = "OFFLINE";

    public boolean isOffline() {
        return OFFLINE.equals(status);
    }
}
