package com.wixanswers.wfm.testing;

import java.util.HashMap;
import java.util.Map;

/** The app settings of real-time against stand-ins at {@code baseUrl}: Wix Answers on /rpc, Calabrio RTA on /rta. */
public final class RealtimeEnvironment {
    public static final String RTA_KEY = "rta-key-91e4c0d7b2a6";
    public static final String ANSWERS_TOKEN = "answers-token-0a7d3f5e8c";

    private RealtimeEnvironment() {
    }

    /** A mutable map, so that a test can add or change a setting. */
    public static Map<String, String> against(String baseUrl) {
        Map<String, String> environment = new HashMap<>();
        environment.put("ANSWERS_RPC_URL", baseUrl + "/rpc");
        environment.put("ANSWERS_API_TOKEN", ANSWERS_TOKEN);
        environment.put("CALABRIO_RTA_URL", baseUrl + "/rta");
        environment.put("CALABRIO_RTA_AUTH_KEY", RTA_KEY);
        environment.put("CALABRIO_RTA_SOURCE_ID", "wix-answers");
        return environment;
    }
}
