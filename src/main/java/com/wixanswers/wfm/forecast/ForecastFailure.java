package com.wixanswers.wfm.forecast;

/** Ends a forecast run as Failed, once its file is written, naming what failed. */
public class ForecastFailure extends RuntimeException {
    public ForecastFailure(String message) {
        super(message);
    }
}
