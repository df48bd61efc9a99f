package com.wixanswers.wfm.config;

/**
 * Every app setting the integration reads, with its default. {@link Settings} reads the environment only
 * through these names, so this list is the one inventory the README, the Bicep templates and
 * {@code local.settings.json.example} are checked against.
 */
public enum Setting {
    CALABRIO_BASE_URL(null, "Calabrio tenant host, https://<tenant>.teleopticloud.com"),
    CALABRIO_DATA_SOURCE_KEY(null, "secret: data source key of the historical-data API, handed out by Calabrio (half of its credential)"),
    CALABRIO_HISTORICAL_TENANT_KEY(null, "secret: tenant key of the historical-data API"),
    CALABRIO_API_TOKEN(null, "secret: personal access token of the WFM API (commands and queries), a service account's"),
    CALABRIO_BUSINESS_UNIT_ID(null, "business unit of the WFM API's commands and queries (a GUID)"),
    CALABRIO_MAX_CALLS_PER_MINUTE("400", "most WFM API calls a run makes in any 60 seconds (Calabrio allows 500 per token)"),
    CALABRIO_RTA_URL(null, "Calabrio RTA batch endpoint, e.g. https://<tenant>.teleopticloud.com/Web/Rta/State/Batch"),
    CALABRIO_RTA_AUTH_KEY(null, "secret: the tenant's RTA authentication key"),
    CALABRIO_RTA_SOURCE_ID(null, "RTA source id of Wix Answers, as configured in Calabrio"),
    ANSWERS_RPC_URL(null, "Wix Answers RPC gateway endpoint of AgentActivityRpcService"),
    ANSWERS_API_TOKEN(null, "secret: Wix Answers API token"),
    SQL_CONNECTION_STRING(null, "JDBC URL of the reporting database; local H2 file when unset"),
    INTERACTIONS_TABLE("interactions", "table or view of the interactions contract, optionally schema-qualified"),
    STATS_TIME_ZONE("UTC", "IANA time zone of the statistics day"),
    STATS_INTERVAL_MINUTES("60", "interval length: 15, 30 or 60"),
    SERVICE_LEVEL_SECONDS("20", "service-level threshold; per channel with SERVICE_LEVEL_SECONDS_<CHANNEL>"),
    SHORT_ABANDON_SECONDS("5", "abandons shorter than this are short abandons"),
    HISTORICAL_LOOKBACK_DAYS("3", "days re-sent by the daily run, ending yesterday"),
    HISTORICAL_BATCH_SIZE("500", "rows per historical-data request"),
    HISTORICAL_SCHEDULE("0 30 2 * * *", "six-field NCRONTAB schedule of the daily run, in UTC"),
    INTRADAY_ENABLED("true", "false stops the intraday run of today's queue statistics"),
    INTRADAY_SCHEDULE("0 */15 * * * *", "six-field NCRONTAB schedule of the intraday run, in UTC"),
    INTRADAY_DELAY_MINUTES("5", "minutes an interval must have ended before the intraday run sends it"),
    RTA_BATCH_SIZE("50", "states per RTA change request"),
    RTA_SNAPSHOT_MINUTES("15", "minutes between full RTA snapshots"),
    RTA_SNAPSHOTS("true", "false sends changes only, never a snapshot (for RTA servers that refuse large batches)"),
    RTA_SNAPSHOT_MIN_RATIO("0.5", "a snapshot is withheld when the floor collapsed below this share of the previous tick's"),
    RTA_MAX_AGENTS("50000", "most agents one Wix Answers answer may list; a larger answer fails the tick"),
    RTA_STATE_MAP("{}", "JSON object mapping Wix Answers statuses to Calabrio state codes, over the defaults"),
    RTA_PARK_MINUTES("60", "minutes an agent Calabrio does not know is left out before it is tried again"),
    ONBOARDING_MAX_ROWS("20000", "most data rows an agents file may hold"),
    ONBOARDING_MAX_BYTES("10485760", "largest agents file read, in bytes"),
    ONBOARDING_DEFAULT_ORGANIZATION(null, "Site/Team of rows that name none"),
    ONBOARDING_DEFAULT_ROLE(null, "role of rows that name none"),
    ONBOARDING_DEFAULT_CONTRACT(null, "contract of rows that name none"),
    ONBOARDING_DEFAULT_CONTRACT_SCHEDULE(null, "contract schedule of rows that name none"),
    ONBOARDING_DEFAULT_PART_TIME_PERCENTAGE(null, "part-time percentage of rows that name none"),
    ONBOARDING_RETRY_MINUTES("30", "minutes between look-ups of people Calabrio does not know yet"),
    ONBOARDING_WAIT_HOURS("24", "hours people Calabrio does not know yet are waited for"),
    FORECASTS_TABLE("forecasts", "table or view of the forecasts contract, optionally schema-qualified"),
    FORECAST_HORIZON_DAYS("14", "local days uploaded each day, today included"),
    FORECAST_TIME_ZONE(null, "IANA time zone of the forecast days (the skills' in Calabrio); STATS_TIME_ZONE when unset"),
    FORECAST_SCHEDULE("0 0 4 * * *", "six-field NCRONTAB schedule of the daily forecast upload, in UTC"),
    FORECAST_SET_COMMAND("false", "true also sends each skill's forecast with command/SetForecast"),
    FORECAST_SCENARIO_ID(null, "scenario of SetForecast; the default scenario when unset"),
    AZURE_WEBJOBS_STORAGE("AzureWebJobsStorage", null,
            "storage connection string (local runs, Azurite); the real-time state blob lives there"),
    AZURE_WEBJOBS_STORAGE_BLOB_SERVICE_URI("AzureWebJobsStorage__blobServiceUri", null,
            "blob endpoint of the app's storage, reached with the app's identity (Azure)"),
    KEY_VAULT_URI(null, "when set, secrets are read from this Key Vault instead of app settings");

    /** Per-channel service-level thresholds are the one family of names: SERVICE_LEVEL_SECONDS_TICKET, ... */
    public static final String SERVICE_LEVEL_CHANNEL_PREFIX = "SERVICE_LEVEL_SECONDS_";

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String defaultValue, String description) {
        this.key = name();
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** For the settings the Functions host names itself (AzureWebJobsStorage...), whose names are not ours. */
    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The app setting's name, as it appears in the environment. */
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return key;
    }

    /** The default, or null where the setting has none. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
