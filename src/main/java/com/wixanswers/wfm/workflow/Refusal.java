package com.wixanswers.wfm.workflow;

/**
 * A request to start a run that cannot start: the HTTP status it answers (400, 404, 409) and why, naming the query
 * parameter at fault where there is one (null otherwise).
 */
public record Refusal(int status, String parameter, String error) {
    public static Refusal badParameter(String parameter, String error) {
        return new Refusal(400, parameter, error);
    }

    public static Refusal running(String instanceId) {
        return new Refusal(409, null, instanceId + " is running now; wait for it to finish");
    }
}
