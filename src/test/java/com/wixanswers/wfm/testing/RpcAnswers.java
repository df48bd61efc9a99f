package com.wixanswers.wfm.testing;

import java.util.StringJoiner;

/** Wix Answers' answers to {@code getAgentActivities}, as JSON-RPC 2.0 bodies, for WireMock stand-ins. */
public final class RpcAnswers {
    private RpcAnswers() {
    }

    /** An answer listing these agents, each written {@code id=STATUS[/channel][/reason]}. */
    public static String of(String... agents) {
        StringJoiner activities = new StringJoiner(",");
        for (String agent : agents) {
            String[] idAndActivity = agent.split("=", 2);
            String[] parts = idAndActivity[1].split("/", -1);
            activities.add("{\"agentId\":\"" + idAndActivity[0] + "\",\"status\":\"" + parts[0] + "\""
                    + (parts.length > 1 ? ",\"channel\":\"" + parts[1] + "\"" : "")
                    + (parts.length > 2 ? ",\"busyReason\":\"" + parts[2] + "\"" : "") + "}");
        }
        return listing(activities.toString());
    }

    /** An answer whose activities array holds {@code entries}, written as JSON already. */
    public static String listing(String entries) {
        return "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":{\"activities\":[" + entries + "]}}";
    }

    /** {@code count} agents {@code agent-0001}... with {@code status}. */
    public static String floor(int count, String status) {
        String[] agents = new String[count];
        for (int index = 0; index < count; index++) {
            agents[index] = String.format("agent-%04d=%s", index + 1, status);
        }
        return of(agents);
    }

    /** A JSON-RPC error answer. */
    public static String error(int code, String message) {
        return "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}";
    }
}
