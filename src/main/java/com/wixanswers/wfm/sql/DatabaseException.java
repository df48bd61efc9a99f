package com.wixanswers.wfm.sql;

/** A database call that failed; the message says what was being done. Never holds the connection string. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
