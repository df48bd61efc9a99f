package com.wixanswers.wfm.doctor;

import com.wixanswers.wfm.answers.AgentActivityClient;
import com.wixanswers.wfm.calabrio.HistoricalDataTransport;
import com.wixanswers.wfm.calabrio.HistoricalKind;
import com.wixanswers.wfm.calabrio.HistoricalRequests;
import com.wixanswers.wfm.calabrio.HttpHistoricalDataTransport;
import com.wixanswers.wfm.calabrio.RequestFields;
import com.wixanswers.wfm.calabrio.RtaClient;
import com.wixanswers.wfm.calabrio.RtaRequests;
import com.wixanswers.wfm.calabrio.WfmClient;
import com.wixanswers.wfm.calabrio.WfmRequests.Call;
import com.wixanswers.wfm.config.Setting;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.config.SettingsException;
import com.wixanswers.wfm.forecast.ForecastsContract;
import com.wixanswers.wfm.historical.InteractionsContract;
import com.wixanswers.wfm.http.PeerException;
import com.wixanswers.wfm.sql.Database;
import com.wixanswers.wfm.sql.DatabaseException;
import io.swagger.v3.oas.models.media.Schema;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The tenant and the database checked against the integration's contracts before the first run, line by line
 * ({@link Check}): Calabrio's WFM API (the token and business unit, the commands and queries it offers, the request
 * bodies its API document describes), the historical-data API (its document's paths and schemas, the keys, with an
 * empty batch), RTA (the key and source, with an empty batch), Wix Answers (one read of agent activities), the
 * interactions and forecasts tables, and the app's storage. It reads; it never sends a statistic, a state or a
 * command. A part whose settings are absent is skipped, naming them.
 */
public final class Doctor {
    static final String WFM = "WFM API";
    static final String HISTORICAL = "historical-data API";
    static final String RTA = "RTA";
    static final String ANSWERS = "Wix Answers";
    static final String DATABASE = "database";
    static final String STORAGE = "storage";
    static final String WFM_DOCS = "/api/docs/index.html";
    static final String HISTORICAL_DOCS = "/historical-data/docs/index.html";

    /**
     * The doctor's parts, built by the integration for a probe (each peer called once, briefly). A supplier throws a
     * {@link SettingsException} naming what is not set: that part is skipped.
     *
     * @param documents        a tenant page or document's text, fetched with no credential
     * @param containers       the app storage's containers the integration uses
     * @param containerExists  whether a container of the app's storage exists; empty where no storage is set
     */
    public record Parts(Settings settings, Supplier<WfmClient> wfm, Supplier<HistoricalDataTransport> historical,
                        Supplier<HistoricalRequests> historicalRequests, Supplier<RtaClient> rta,
                        Supplier<AgentActivityClient> answers, Database database, Function<URI, String> documents,
                        List<String> containers, Optional<Predicate<String>> containerExists) {
    }

    /** Documents named by the operator ({@code --wfm-spec}, {@code --historical-spec}), over discovery. */
    public record Options(Optional<String> wfmSpec, Optional<String> historicalSpec) {
        public static Options none() {
            return new Options(Optional.empty(), Optional.empty());
        }
    }

    private final Parts parts;

    public Doctor(Parts parts) {
        this.parts = parts;
    }

    /**
     * Every part at once, so that a tenant that does not answer costs one call's time (20 s), not six; the lines in
     * the parts' order.
     */
    public DoctorReport run(Options options) {
        Map<String, Supplier<List<Check>>> parts = new LinkedHashMap<>();
        parts.put(WFM, () -> wfm(options));
        parts.put(HISTORICAL, () -> historical(options));
        parts.put(RTA, () -> List.of(rta()));
        parts.put(ANSWERS, () -> List.of(answers()));
        parts.put(DATABASE, this::database);
        parts.put(STORAGE, this::storage);
        ExecutorService pool = Executors.newFixedThreadPool(parts.size());
        try {
            List<CompletableFuture<List<Check>>> running = parts.entrySet().stream()
                    .map(part -> CompletableFuture.supplyAsync(part.getValue(), pool)
                            .exceptionally(e -> List.of(Check.unreachable(part.getKey(), "checks", "the check"
                                    + " itself failed: " + e.getCause())))).toList();
            return new DoctorReport(running.stream().flatMap(part -> part.join().stream()).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The calls the integration will make with the current settings. */
    List<Call> calls() {
        List<Call> calls = new ArrayList<>(List.of(Call.ALL_SKILLS, Call.PEOPLE_BY_EMPLOYMENT_NUMBERS,
                Call.ADD_SKILLS_TO_PERSON));
        if (parts.settings().forecast().setCommand()) {
            calls.add(Call.SET_FORECAST);
            if (parts.settings().forecast().scenarioId().isEmpty()) {
                calls.add(Call.ALL_SCENARIOS);
            }
        }
        return calls;
    }

    private List<Check> wfm(Options options) {
        WfmClient wfm;
        try {
            wfm = parts.wfm().get();
        } catch (SettingsException e) {
            return List.of(Check.skipped(WFM, "settings", notSet(e)));
        }
        List<Check> checks = new ArrayList<>();
        String businessUnit = parts.settings().wfm().requireBusinessUnitId();
        try {
            int skills = wfm.allSkills().size();
            checks.add(skills > 0 ? Check.ok(WFM, "token and business unit", "the token is accepted; business unit "
                    + businessUnit + " has " + skills + " skills")
                    : Check.warning(WFM, "token and business unit", "the token is accepted, but business unit "
                    + businessUnit + " has no skill: is it CALABRIO_BUSINESS_UNIT_ID's?"));
        } catch (PeerException e) {
            checks.add(failed(WFM, "token and business unit", e));
            if (e.kind() == PeerException.Kind.AUTH || e.kind() == PeerException.Kind.UNAVAILABLE) {
                checks.add(Check.skipped(WFM, "commands and queries", "not asked: the token was refused or the API"
                        + " did not answer"));
                return checks;
            }
        }
        for (String kind : List.of("command", "query")) {
            List<Call> needed = calls().stream().filter(call -> call.kind().equals(kind)).toList();
            checks.add(offered(wfm, kind, needed));
        }
        checks.addAll(documentChecks(WFM, options.wfmSpec(), WFM_DOCS, "--wfm-spec", calls().stream()
                .map(call -> new Described(call.path(), "/api/" + call.path(), call.fields())).toList()));
        return checks;
    }

    /** Whether {@code GET /api/<kind>} lists every call of that kind the integration makes. */
    private Check offered(WfmClient wfm, String kind, List<Call> needed) {
        String what = kind.equals("command") ? "commands offered" : "queries offered";
        List<String> listed;
        try {
            listed = wfm.offered(kind);
        } catch (PeerException e) {
            return failed(WFM, what, e);
        }
        List<String> missing = new ArrayList<>();
        List<String> otherCase = new ArrayList<>();
        for (Call call : needed) {
            if (!listed.contains(call.listedName())) {
                Optional<String> similar = listed.stream().filter(name -> name.equalsIgnoreCase(call.listedName()))
                        .findFirst();
                if (similar.isPresent()) {
                    otherCase.add(call.listedName() + " is listed as " + similar.get());
                } else {
                    missing.add(call.listedName());
                }
            }
        }
        String names = needed.stream().map(Call::listedName).reduce((a, b) -> a + ", " + b).orElse("");
        if (!missing.isEmpty()) {
            return Check.differs(WFM, what, "GET /api/" + kind + " does not list " + String.join(", ", missing)
                    + ", which the integration calls with these settings");
        }
        return otherCase.isEmpty() ? Check.ok(WFM, what, "lists " + names)
                : Check.warning(WFM, what, String.join("; ", otherCase));
    }

    /** A request the integration sends, as the doctor looks for it in a document. */
    private record Described(String name, String path, RequestFields fields) {
    }

    /**
     * The document (named, else found from the tenant's Swagger UI page), then each request: its POST path, and its
     * body's schema against the fields the integration sends.
     */
    private List<Check> documentChecks(String part, Optional<String> spec, String page, String option,
                                       List<Described> requests) {
        ApiDocument document;
        try {
            document = spec.isPresent() ? ApiDocument.named(spec.get(), parts.documents())
                    : ApiDocument.discover(parts.settings().calabrio().requireBaseUrl().resolve(page),
                    parts.documents());
        } catch (ApiDocument.Unreadable e) {
            return List.of(Check.unreachable(part, "API document", e.getMessage()));
        } catch (PeerException e) {
            return List.of(Check.unreachable(part, "API document", e.kind() == PeerException.Kind.AUTH
                    ? "the page asks for credentials: open it in a browser, download its document and pass the file"
                    + " with " + option : e.getMessage()));
        }
        List<Check> checks = new ArrayList<>();
        checks.add(Check.ok(part, "API document", "read " + document.location()));
        for (Described request : requests) {
            String what = "request " + request.name();
            Optional<ApiDocument.Post> post = document.post(request.path());
            if (post.isEmpty()) {
                checks.add(Check.differs(part, what, "the document has no POST " + request.path()));
                continue;
            }
            Schema<?> schema = ApiDocument.requestSchema(post.get().operation());
            if (schema == null) {
                checks.add(Check.warning(part, what, "POST " + post.get().path() + " describes no JSON body: the"
                        + " fields sent (" + String.join(", ", request.fields().names()) + ") cannot be compared"));
                continue;
            }
            RequestConformance.Result result = RequestConformance.compare(request.fields(), schema);
            List<String> notes = new ArrayList<>(result.caseOnly());
            if (post.get().otherCase()) {
                notes.add(0, "the document writes the path " + post.get().path());
            }
            if (post.get().templated()) {
                notes.add(0, "the document describes " + post.get().path() + " for every call alike");
            }
            if (!result.differences().isEmpty()) {
                checks.add(Check.differs(part, what, String.join("; ", result.differences())));
            } else if (!notes.isEmpty()) {
                checks.add(Check.warning(part, what, "letter case only: " + String.join("; ", notes)));
            } else {
                checks.add(Check.ok(part, what, "POST " + post.get().path() + " takes every field sent ("
                        + sentFields(request.fields()) + ") and requires no other"));
            }
        }
        return checks;
    }

    private List<Check> historical(Options options) {
        HistoricalDataTransport transport;
        HistoricalRequests requests;
        try {
            transport = parts.historical().get();
            requests = parts.historicalRequests().get();
        } catch (SettingsException e) {
            return List.of(Check.skipped(HISTORICAL, "settings", notSet(e)));
        }
        List<Described> sent = List.of(HistoricalKind.values()).stream().map(kind -> new Described(kind.path(),
                HttpHistoricalDataTransport.API_PATH + kind.path(), HistoricalRequests.fields(kind))).toList();
        List<Check> checks = new ArrayList<>(documentChecks(HISTORICAL, options.historicalSpec(), HISTORICAL_DOCS,
                "--historical-spec", sent));
        String what = "tenant and data source keys";
        try {
            transport.post(HistoricalKind.QUEUE_STATS, "doctor-empty-batch", requests.emptyBody());
            checks.add(Check.ok(HISTORICAL, what, "an empty batch (Rows: []) was accepted"));
        } catch (PeerException e) {
            checks.add(probeRefused(HISTORICAL, what, e, "data source"));
        }
        return checks;
    }

    private Check rta() {
        RtaClient rta;
        try {
            rta = parts.rta().get();
        } catch (SettingsException e) {
            return Check.skipped(RTA, "settings", notSet(e));
        }
        String what = "authentication key and source id";
        try {
            rta.send("doctor-empty-batch", false, List.of(), Instant.now().plusSeconds(20));
            return Check.ok(RTA, what, "an empty batch of states (not a snapshot) was accepted as source "
                    + parts.settings().realtime().requireSourceId() + "; fields sent: "
                    + String.join(", ", RtaRequests.fields().names()));
        } catch (PeerException e) {
            return probeRefused(RTA, what, e, "source");
        }
    }

    private Check answers() {
        AgentActivityClient answers;
        try {
            answers = parts.answers().get();
        } catch (SettingsException e) {
            return Check.skipped(ANSWERS, "settings", notSet(e));
        }
        String what = "agent activities";
        try {
            AgentActivityClient.Answer answer = answers.fetch(Instant.now().plusSeconds(20));
            return Check.ok(ANSWERS, what, "getAgentActivities answered in the expected shape: "
                    + answer.activities().size() + " agents" + (answer.skipped() > 0 ? ", " + answer.skipped()
                    + " entries it could not read" : ""));
        } catch (PeerException e) {
            return failed(ANSWERS, what, e);
        }
    }

    private List<Check> database() {
        if (parts.settings().sql().jdbcUrl().equals(Settings.LOCAL_DATABASE_URL)) {
            return List.of(Check.skipped(DATABASE, "settings", Setting.SQL_CONNECTION_STRING
                    + " is not set (outside Azure the local H2 file would be checked)"));
        }
        try {
            return parts.database().run("checking the tables against their contracts", connection -> {
                List<Check> checks = new ArrayList<>(TableConformance.check(connection,
                        parts.settings().sql().interactionsTable(), InteractionsContract.INTERACTIONS,
                        Setting.INTERACTIONS_TABLE.key()));
                checks.addAll(TableConformance.check(connection, parts.settings().forecast().table(),
                        ForecastsContract.FORECASTS, Setting.FORECASTS_TABLE.key()));
                return checks;
            });
        } catch (DatabaseException e) {
            return List.of(Check.unreachable(DATABASE, "connection", e.getMessage()));
        }
    }

    private List<Check> storage() {
        if (parts.containerExists().isEmpty()) {
            return List.of(Check.skipped(STORAGE, "containers", "no storage is set (AzureWebJobsStorage): the"
                    + " containers are checked in Azure"));
        }
        List<Check> checks = new ArrayList<>();
        for (String container : parts.containers()) {
            try {
                checks.add(parts.containerExists().get().test(container)
                        ? Check.ok(STORAGE, "container " + container, "exists")
                        : Check.differs(STORAGE, "container " + container, "does not exist: the deployment"
                        + " creates it (infra/modules/storage.bicep)"));
            } catch (RuntimeException e) {
                checks.add(Check.unreachable(STORAGE, "container " + container, e.getClass().getSimpleName()
                        + ": " + e.getMessage()));
            }
        }
        return checks;
    }

    /** {@code DataSourceKey, IntervalMinutes, Rows (18 fields each)}. */
    private static String sentFields(RequestFields fields) {
        return String.join(", ", fields.fields().stream().map(field -> field.name() + (field.holds() == null ? ""
                : " (" + field.holds().fields().size() + " fields each)")).toList());
    }

    /** What a skipped part lacks, as the settings name it. */
    private static String notSet(SettingsException e) {
        return String.join("; ", e.problems());
    }

    /** A peer's failure as a check: a refusal differs, an outage is unreachable. */
    private static Check failed(String part, String what, PeerException e) {
        return e.kind() == PeerException.Kind.UNAVAILABLE ? Check.unreachable(part, what, e.getMessage())
                : Check.differs(part, what, e.getMessage());
    }

    /**
     * A probe's refusal: of the credentials, or naming the key or {@code subject} (the source, the data source), it
     * differs; any other refusal of an empty batch proves nothing about them, and is a warning.
     */
    private static Check probeRefused(String part, String what, PeerException e, String subject) {
        String message = e.getMessage().toLowerCase(Locale.ROOT);
        if (e.kind() == PeerException.Kind.REJECTED && !message.contains("key") && !message.contains(subject)
                && !message.contains("authenticat")) {
            return Check.warning(part, what, "an empty batch was answered in an unexpected way, which proves"
                    + " nothing either way: " + e.getMessage());
        }
        return failed(part, what, e);
    }
}
