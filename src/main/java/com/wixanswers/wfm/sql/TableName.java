package com.wixanswers.wfm.sql;

import java.util.regex.Pattern;

/**
 * A table or view name from a setting. It is spliced into SQL as an identifier (values never are), so it is
 * held to the contract's pattern: a name, optionally schema-qualified, of letters, digits and underscores.
 */
public record TableName(String value) {
    private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$");

    public TableName {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException("is not a table name: use letters, digits and underscores,"
                    + " optionally schema-qualified (reporting.v_interactions)");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
