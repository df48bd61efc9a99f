package com.wixanswers.wfm.historical;

/** Ends a historical day or run as Failed, after everything that could be sent was sent. */
public class HistoricalFailure extends RuntimeException {
    public HistoricalFailure(String message) {
        super(message);
    }
}
