package com.wixanswers.wfm.config;

import com.wixanswers.wfm.sql.TableName;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The integration's settings, read from app settings (the environment) once and validated together: one
 * {@link SettingsException} lists every setting at fault. Secrets are not held here; see {@link #secrets}.
 */
public record Settings(
        CalabrioSettings calabrio,
        SqlSettings sql,
        StatisticsSettings statistics,
        HistoricalSettings historical,
        RealtimeSettings realtime,
        WfmSettings wfm,
        OnboardingSettings onboarding,
        ForecastSettings forecast,
        StorageSettings storage,
        Optional<String> keyVaultUri) {

    /** Used when SQL_CONNECTION_STRING is unset outside Azure: a local H2 database in SQL Server mode. */
    public static final String LOCAL_DATABASE_URL = "jdbc:h2:file:./data/wix-answers;MODE=MSSQLServer";

    /** App Service sets this on every Functions host; outside Azure it is absent. */
    private static final String AZURE_HOST_MARKER = "WEBSITE_SITE_NAME";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern NCRONTAB_FIELD = Pattern.compile("[0-9A-Za-z*/,\\-]+");

    public static Settings load(Map<String, String> environment) {
        Reader reader = new Reader(environment);

        Optional<PeerUrl> calabrioBaseUrl = reader.url(Setting.CALABRIO_BASE_URL);

        String jdbcUrl = reader.optional(Setting.SQL_CONNECTION_STRING, Settings::jdbcUrl).orElse(null);
        if (jdbcUrl == null) {
            if (environment.containsKey(AZURE_HOST_MARKER)) {
                reader.problem(Setting.SQL_CONNECTION_STRING + " is not set: in Azure it must name the reporting"
                        + " database (jdbc:sqlserver://...;authentication=ActiveDirectoryManagedIdentity)");
            }
            jdbcUrl = LOCAL_DATABASE_URL;
        }
        TableName interactionsTable = reader.parsed(Setting.INTERACTIONS_TABLE, TableName::new);

        ZoneId zone = reader.parsed(Setting.STATS_TIME_ZONE, Settings::zone);
        int intervalMinutes = reader.integer(Setting.STATS_INTERVAL_MINUTES, 1, 60);
        if (intervalMinutes != 15 && intervalMinutes != 30 && intervalMinutes != 60 && intervalMinutes > 0) {
            reader.problem(Setting.STATS_INTERVAL_MINUTES + " is not allowed: use 15, 30 or 60");
        }
        int serviceLevelSeconds = reader.integer(Setting.SERVICE_LEVEL_SECONDS, 0, Integer.MAX_VALUE);
        Map<String, Integer> serviceLevelByChannel = reader.serviceLevelByChannel();
        int shortAbandonSeconds = reader.integer(Setting.SHORT_ABANDON_SECONDS, 0, Integer.MAX_VALUE);

        int lookbackDays = reader.integer(Setting.HISTORICAL_LOOKBACK_DAYS, 1, 31);
        int batchSize = reader.integer(Setting.HISTORICAL_BATCH_SIZE, 1, 10_000);
        String schedule = reader.parsed(Setting.HISTORICAL_SCHEDULE, Settings::ncrontab);
        Intraday intraday = new Intraday(reader.bool(Setting.INTRADAY_ENABLED),
                reader.parsed(Setting.INTRADAY_SCHEDULE, Settings::ncrontab),
                reader.integer(Setting.INTRADAY_DELAY_MINUTES, 0, 24 * 60));

        RealtimeSettings realtime = new RealtimeSettings(
                reader.url(Setting.ANSWERS_RPC_URL),
                reader.url(Setting.CALABRIO_RTA_URL),
                Optional.ofNullable(reader.text(Setting.CALABRIO_RTA_SOURCE_ID)),
                reader.integer(Setting.RTA_BATCH_SIZE, 1, 1_000),
                reader.integer(Setting.RTA_SNAPSHOT_MINUTES, 1, 1_440),
                reader.bool(Setting.RTA_SNAPSHOTS),
                reader.decimal(Setting.RTA_SNAPSHOT_MIN_RATIO, 0.0, 1.0),
                reader.stateMap(Setting.RTA_STATE_MAP),
                reader.integer(Setting.RTA_PARK_MINUTES, 1, 10_080),
                reader.integer(Setting.RTA_MAX_AGENTS, 1, 1_000_000));
        WfmSettings wfm = new WfmSettings(
                Optional.ofNullable(reader.parsed(Setting.CALABRIO_BUSINESS_UNIT_ID, Settings::businessUnit)),
                reader.integer(Setting.CALABRIO_MAX_CALLS_PER_MINUTE, WfmSettings.CALLS_PER_REQUEST_GROUP, 500));
        OnboardingSettings onboarding = new OnboardingSettings(
                reader.integer(Setting.ONBOARDING_MAX_ROWS, 1, 1_000_000),
                reader.integer(Setting.ONBOARDING_MAX_BYTES, 1, 512 * 1024 * 1024),
                new OnboardingDefaults(
                        Optional.ofNullable(reader.text(Setting.ONBOARDING_DEFAULT_ORGANIZATION)),
                        Optional.ofNullable(reader.text(Setting.ONBOARDING_DEFAULT_ROLE)),
                        Optional.ofNullable(reader.text(Setting.ONBOARDING_DEFAULT_CONTRACT)),
                        Optional.ofNullable(reader.text(Setting.ONBOARDING_DEFAULT_CONTRACT_SCHEDULE)),
                        Optional.ofNullable(reader.text(Setting.ONBOARDING_DEFAULT_PART_TIME_PERCENTAGE))),
                reader.integer(Setting.ONBOARDING_RETRY_MINUTES, 1, 1_440) * 60L,
                reader.integer(Setting.ONBOARDING_WAIT_HOURS, 0, 24 * 14) * 3_600L);
        String forecastZone = reader.raw(Setting.FORECAST_TIME_ZONE);
        ForecastSettings forecast = new ForecastSettings(
                reader.parsed(Setting.FORECASTS_TABLE, TableName::new),
                reader.integer(Setting.FORECAST_HORIZON_DAYS, 1, 62),
                forecastZone == null ? zone : reader.parsed(Setting.FORECAST_TIME_ZONE, Settings::zone),
                reader.parsed(Setting.FORECAST_SCHEDULE, Settings::ncrontab),
                reader.bool(Setting.FORECAST_SET_COMMAND),
                Optional.ofNullable(reader.parsed(Setting.FORECAST_SCENARIO_ID, Settings::guidOrNull)));
        StorageSettings storage = new StorageSettings(
                Optional.ofNullable(reader.text(Setting.AZURE_WEBJOBS_STORAGE)),
                reader.url(Setting.AZURE_WEBJOBS_STORAGE_BLOB_SERVICE_URI));

        Optional<String> keyVaultUri = reader.url(Setting.KEY_VAULT_URI).map(PeerUrl::toString);

        reader.throwIfAnyProblem();
        return new Settings(
                new CalabrioSettings(calabrioBaseUrl),
                new SqlSettings(jdbcUrl, interactionsTable),
                new StatisticsSettings(zone, intervalMinutes, serviceLevelSeconds, serviceLevelByChannel,
                        shortAbandonSeconds),
                new HistoricalSettings(lookbackDays, batchSize, schedule, intraday),
                realtime,
                wfm,
                onboarding,
                forecast,
                storage,
                keyVaultUri);
    }

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static String businessUnit(String value) {
        return value == null ? null : guid(value);
    }

    private static String guidOrNull(String value) {
        return value == null ? null : guid(value);
    }

    private static String guid(String value) {
        if (!GUID.matcher(value).matches()) {
            throw new IllegalArgumentException("is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
        }
        return value;
    }

    /** Where this app's secrets come from: Key Vault when KEY_VAULT_URI is set, app settings otherwise. */
    public Secrets secrets(Map<String, String> environment) {
        return keyVaultUri.<Secrets>map(KeyVaultSecrets::connect).orElseGet(() -> new EnvironmentSecrets(environment));
    }

    /**
     * A JDBC URL; one for SQL Server gets {@code sendStringParametersAsUnicode=false}, without which mssql-jdbc sends
     * every text parameter as NVARCHAR, even one bound as VARCHAR, and the interactions' VARCHAR keys cannot be
     * sought in their indexes. Text meant as NVARCHAR (skill names) is bound with setNString, sent as such anyway.
     */
    private static String jdbcUrl(String value) {
        if (!value.startsWith("jdbc:")) {
            throw new IllegalArgumentException("is not a JDBC URL (it must start with jdbc:, e.g."
                    + " jdbc:sqlserver://host:1433;database=db;authentication=ActiveDirectoryManagedIdentity)");
        }
        if (!value.startsWith("jdbc:sqlserver:")) {
            return value;
        }
        String lower = value.toLowerCase(Locale.ROOT).replace(" ", "");
        if (lower.contains("sendstringparametersasunicode=true")) {
            throw new IllegalArgumentException("sets sendStringParametersAsUnicode=true, which sends every key as"
                    + " NVARCHAR and rules out the interactions' index seeks: remove it");
        }
        if (lower.contains("sendstringparametersasunicode=false")) {
            return value;
        }
        return value + (value.endsWith(";") ? "" : ";") + "sendStringParametersAsUnicode=false";
    }

    private static ZoneId zone(String value) {
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("is not an IANA time zone id (e.g. Europe/Berlin)");
        }
    }

    private static String ncrontab(String value) {
        String[] fields = value.strip().split("\\s+");
        if (fields.length != 6) {
            throw new IllegalArgumentException("must be a six-field NCRONTAB expression"
                    + " (second minute hour day month weekday), e.g. 0 30 2 * * *");
        }
        for (String field : fields) {
            if (!NCRONTAB_FIELD.matcher(field).matches()) {
                throw new IllegalArgumentException("has an invalid NCRONTAB field '" + field + "'");
            }
        }
        return value.strip();
    }

    /** Reads settings, collecting every problem instead of stopping at the first. */
    private static final class Reader {
        private final Map<String, String> environment;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> environment) {
            this.environment = environment;
        }

        void problem(String message) {
            problems.add(message);
        }

        String raw(Setting setting) {
            String value = environment.get(setting.key());
            return value == null || value.isBlank() ? setting.defaultValue() : value.strip();
        }

        String text(Setting setting) {
            return raw(setting);
        }

        <T> Optional<T> optional(Setting setting, Function<String, T> parser) {
            String value = raw(setting);
            return value == null ? Optional.empty() : Optional.ofNullable(parse(setting, value, parser));
        }

        /** An endpoint, checked by {@link PeerUrl#parse} under the setting's name; empty when unset. */
        Optional<PeerUrl> url(Setting setting) {
            return optional(setting, value -> PeerUrl.parse(setting.key(), value));
        }

        <T> T parsed(Setting setting, Function<String, T> parser) {
            return parse(setting, raw(setting), parser);
        }

        private <T> T parse(Setting setting, String value, Function<String, T> parser) {
            if (value == null) {
                return parser.apply(null);
            }
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                // The value may be a secret (a connection string's password): it is never shown.
                problems.add(message.startsWith(setting.key()) ? message : setting.key() + " " + message);
                return null;
            }
        }

        int integer(Setting setting, int min, int max) {
            return integer(setting.key(), raw(setting), min, max);
        }

        private int integer(String name, String value, int min, int max) {
            try {
                int number = Integer.parseInt(value);
                if (number < min || number > max) {
                    problems.add(name + " is out of range: it must be " + min
                            + (max == Integer.MAX_VALUE ? " or more" : " to " + max));
                }
                return number;
            } catch (NumberFormatException e) {
                problems.add(name + " is not a whole number");
                return -1;
            }
        }

        boolean bool(Setting setting) {
            String value = raw(setting);
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(value);
            }
            problems.add(setting.key() + " is not true or false");
            return false;
        }

        double decimal(Setting setting, double min, double max) {
            String value = raw(setting);
            try {
                double number = Double.parseDouble(value);
                if (!(number >= min && number <= max)) {
                    problems.add(setting.key() + " is out of range: it must be " + min + " to " + max);
                }
                return number;
            } catch (NumberFormatException e) {
                problems.add(setting.key() + " is not a number");
                return min;
            }
        }

        /**
         * A JSON object of Wix Answers status (optionally {@code STATUS:detail}) to Calabrio state code. Keys are
         * upper-cased; codes are at most {@link #MAX_STATE_CODE} characters, which older RTA servers keep.
         */
        Map<String, String> stateMap(Setting setting) {
            String value = raw(setting);
            Map<String, String> map = new TreeMap<>();
            if (value == null) {
                return map;
            }
            JsonNode json;
            try {
                json = JSON.readTree(value);
            } catch (JsonProcessingException e) {
                problems.add(setting.key() + " is not valid JSON: " + e.getOriginalMessage());
                return map;
            }
            if (!json.isObject()) {
                problems.add(setting.key() + " must be a JSON object, e.g. {\"BUSY:Lunch\": \"Lunch\"}");
                return map;
            }
            json.properties().forEach(entry -> {
                String key = entry.getKey().strip();
                String code = entry.getValue().isTextual() ? entry.getValue().asText().strip() : "";
                if (!key.matches("[A-Za-z0-9_]+(:.+)?")) {
                    problems.add(setting.key() + ": '" + key + "' is not a status or STATUS:detail");
                } else if (code.isEmpty() || code.length() > MAX_STATE_CODE) {
                    problems.add(setting.key() + ": the state code of '" + key + "' must be 1 to " + MAX_STATE_CODE
                            + " characters (it has " + code.length() + ")");
                } else {
                    map.put(key.toUpperCase(Locale.ROOT), code);
                }
            });
            return map;
        }

        Map<String, Integer> serviceLevelByChannel() {
            Map<String, Integer> thresholds = new TreeMap<>();
            environment.forEach((name, value) -> {
                if (name.startsWith(Setting.SERVICE_LEVEL_CHANNEL_PREFIX) && value != null && !value.isBlank()) {
                    String channel = name.substring(Setting.SERVICE_LEVEL_CHANNEL_PREFIX.length());
                    if (!channel.matches("[A-Za-z0-9_]+")) {
                        problems.add(name + " does not name a channel (e.g. SERVICE_LEVEL_SECONDS_TICKET)");
                        return;
                    }
                    thresholds.put(channel.toUpperCase(Locale.ROOT),
                            integer(name, value.strip(), 0, Integer.MAX_VALUE));
                }
            });
            return thresholds;
        }

        void throwIfAnyProblem() {
            if (!problems.isEmpty()) {
                throw new SettingsException(problems);
            }
        }
    }

    /** Calabrio's tenant host. */
    public record CalabrioSettings(Optional<PeerUrl> baseUrl) {
        /** The base URL, needed whenever something is sent to Calabrio. */
        public PeerUrl requireBaseUrl() {
            return baseUrl.orElseThrow(() -> new SettingsException(Setting.CALABRIO_BASE_URL
                    + " is not set: it must be the tenant's host, https://<tenant>.teleopticloud.com"));
        }
    }

    /** The reporting database and the interactions table or view in it. */
    public record SqlSettings(String jdbcUrl, TableName interactionsTable) {
        @Override
        public String toString() {
            // The JDBC URL may hold a password: never print it.
            return "SqlSettings[jdbcUrl=***, interactionsTable=" + interactionsTable + "]";
        }
    }

    /** The rules of the statistics day: zone, interval length and thresholds of docs/contracts/interactions.md. */
    public record StatisticsSettings(
            ZoneId zone,
            int intervalMinutes,
            int serviceLevelSeconds,
            Map<String, Integer> serviceLevelSecondsByChannel,
            int shortAbandonSeconds) {

        public StatisticsSettings {
            serviceLevelSecondsByChannel = Map.copyOf(serviceLevelSecondsByChannel);
        }
    }

    /** The daily historical run, and the intraday run of today's queue statistics. */
    public record HistoricalSettings(int lookbackDays, int batchSize, String schedule, Intraday intraday) {
    }

    /** The intraday run: whether it runs, when, and how long an interval must have ended before it is sent. */
    public record Intraday(boolean enabled, String schedule, int delayMinutes) {
    }

    /** The longest RTA state code sent: older RTA servers cut codes at 25 characters. */
    public static final int MAX_STATE_CODE = 25;

    /**
     * Real-time adherence: where agent activities come from and states go, and the tick's rules.
     *
     * @param stateMap Wix Answers status (or {@code STATUS:DETAIL}, upper case) to state code, over the defaults
     */
    public record RealtimeSettings(
            Optional<PeerUrl> answersRpcUrl,
            Optional<PeerUrl> rtaUrl,
            Optional<String> sourceId,
            int batchSize,
            int snapshotMinutes,
            boolean snapshots,
            double snapshotMinRatio,
            Map<String, String> stateMap,
            int parkMinutes,
            int maxAgents) {

        public RealtimeSettings {
            stateMap = Map.copyOf(stateMap);
        }

        public PeerUrl requireAnswersRpcUrl() {
            return answersRpcUrl.orElseThrow(() -> new SettingsException(Setting.ANSWERS_RPC_URL
                    + " is not set: it must be the RPC gateway endpoint of AgentActivityRpcService"));
        }

        public PeerUrl requireRtaUrl() {
            return rtaUrl.orElseThrow(() -> new SettingsException(Setting.CALABRIO_RTA_URL
                    + " is not set: it must be the RTA batch endpoint, e.g."
                    + " https://<tenant>.teleopticloud.com/Web/Rta/State/Batch"));
        }

        public String requireSourceId() {
            return sourceId.orElseThrow(() -> new SettingsException(Setting.CALABRIO_RTA_SOURCE_ID
                    + " is not set: it must be the RTA source id Calabrio's admin configured for Wix Answers"));
        }
    }

    /**
     * Calabrio's WFM API (commands and queries): the business unit they act on, and the calls a run may make in any
     * 60 seconds (Calabrio answers 429 past 500 a minute per token; the rest is left to other runs).
     */
    public record WfmSettings(Optional<String> businessUnitId, int maxCallsPerMinute) {
        /** The most calls one unit of onboarding work makes at once: a look-up and a call per agent found. */
        public static final int CALLS_PER_REQUEST_GROUP = 50;
        /** Calabrio's limits per token: 500 calls a minute and 10,000 an hour. */
        static final int CALABRIO_PER_MINUTE = 500;
        static final int CALABRIO_PER_HOUR = 10_000;

        /** The calls a run may make in any hour: the same share of Calabrio's hourly limit as of its minute's. */
        public int maxCallsPerHour() {
            return maxCallsPerMinute * CALABRIO_PER_HOUR / CALABRIO_PER_MINUTE;
        }

        public String requireBusinessUnitId() {
            return businessUnitId.orElseThrow(() -> new SettingsException(Setting.CALABRIO_BUSINESS_UNIT_ID
                    + " is not set: it must be the GUID of the business unit the WFM API's calls act on"));
        }
    }

    /**
     * What a row of an agents file falls back on where it names nothing; where neither gives a value, the people
     * workbook leaves the cell empty for Calabrio's own import defaults.
     */
    public record OnboardingDefaults(Optional<String> organization, Optional<String> role, Optional<String> contract,
                                     Optional<String> contractSchedule, Optional<String> partTimePercentage) {
    }

    /** Tenant setup from an agents file: its limits, its defaults, and how long unknown people are waited for. */
    public record OnboardingSettings(int maxRows, int maxBytes, OnboardingDefaults defaults, long retrySeconds,
                                     long waitSeconds) {
        /** The same settings with other waits (the CLI's --retry-seconds and --wait-seconds). */
        public OnboardingSettings withWaits(long retry, long wait) {
            return new OnboardingSettings(maxRows, maxBytes, defaults, retry, wait);
        }
    }

    /** The daily forecast upload. */
    public record ForecastSettings(TableName table, int horizonDays, ZoneId zone, String schedule, boolean setCommand,
                                   Optional<String> scenarioId) {
    }

    /** The app's storage account: a connection string locally, its blob endpoint and the app identity in Azure. */
    public record StorageSettings(Optional<String> connectionString, Optional<PeerUrl> blobServiceUri) {
        @Override
        public String toString() {
            // A connection string may hold an account key: never print it.
            return "StorageSettings[connectionString=" + (connectionString.isPresent() ? "***" : "none")
                    + ", blobServiceUri=" + blobServiceUri.map(PeerUrl::toString).orElse("none") + "]";
        }
    }
}
