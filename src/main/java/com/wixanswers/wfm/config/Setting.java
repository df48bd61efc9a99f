package com.wixanswers.wfm.config;

/**
 * Every app setting the integration reads, with its default. {@link Settings} reads the environment only
 * through these names, so this list is the one inventory the README, the Bicep templates and
 * {@code local.settings.json.example} are checked against.
 */
public enum Setting {
    CALABRIO_BASE_URL(null, "Calabrio tenant host, https://<tenant>.teleopticloud.com"),
    CALABRIO_DATA_SOURCE_KEY("wix-answers", "data source key handed out by Calabrio for the historical-data API"),
    CALABRIO_HISTORICAL_TENANT_KEY(null, "secret: tenant key of the historical-data API"),
    SQL_CONNECTION_STRING(null, "JDBC URL of the reporting database; local H2 file when unset"),
    INTERACTIONS_TABLE("interactions", "table or view of the interactions contract, optionally schema-qualified"),
    STATS_TIME_ZONE("UTC", "IANA time zone of the statistics day"),
    STATS_INTERVAL_MINUTES("60", "interval length: 15, 30 or 60"),
    SERVICE_LEVEL_SECONDS("20", "service-level threshold; per channel with SERVICE_LEVEL_SECONDS_<CHANNEL>"),
    SHORT_ABANDON_SECONDS("5", "abandons shorter than this are short abandons"),
    HISTORICAL_LOOKBACK_DAYS("3", "days re-sent by the daily run, ending yesterday"),
    HISTORICAL_BATCH_SIZE("500", "rows per historical-data request"),
    HISTORICAL_SCHEDULE("0 30 2 * * *", "six-field NCRONTAB schedule of the daily run, in UTC"),
    KEY_VAULT_URI(null, "when set, secrets are read from this Key Vault instead of app settings");

    /** Per-channel service-level thresholds are the one family of names: SERVICE_LEVEL_SECONDS_TICKET, ... */
    public static final String SERVICE_LEVEL_CHANNEL_PREFIX = "SERVICE_LEVEL_SECONDS_";

    private final String defaultValue;
    private final String description;

    Setting(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The default, or null where the setting has none. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
