package com.wixanswers.wfm.calabrio;

/** One agent's state for Calabrio's RTA: the agent's external logon and a state code Calabrio maps to a group. */
public record RtaState(String userCode, String stateCode) {
}
