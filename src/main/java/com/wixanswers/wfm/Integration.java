package com.wixanswers.wfm;

import com.wixanswers.wfm.answers.AgentActivityClient;
import com.wixanswers.wfm.calabrio.DryRunWfmTransport;
import com.wixanswers.wfm.calabrio.HistoricalDataClient;
import com.wixanswers.wfm.calabrio.HistoricalDataTransport;
import com.wixanswers.wfm.calabrio.HistoricalRequests;
import com.wixanswers.wfm.calabrio.HttpHistoricalDataTransport;
import com.wixanswers.wfm.calabrio.HttpRtaTransport;
import com.wixanswers.wfm.calabrio.HttpWfmTransport;
import com.wixanswers.wfm.calabrio.RtaClient;
import com.wixanswers.wfm.calabrio.RtaRequests;
import com.wixanswers.wfm.calabrio.RtaTransport;
import com.wixanswers.wfm.calabrio.WfmClient;
import com.wixanswers.wfm.calabrio.WfmTransport;
import com.wixanswers.wfm.config.PeerUrl;
import com.wixanswers.wfm.config.Secret;
import com.wixanswers.wfm.config.SecretName;
import com.wixanswers.wfm.config.Secrets;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.config.Settings.RealtimeSettings;
import com.wixanswers.wfm.doctor.Doctor;
import com.wixanswers.wfm.forecast.ForecastActivities;
import com.wixanswers.wfm.forecast.ForecastQueries;
import com.wixanswers.wfm.forecast.ForecastRuns;
import com.wixanswers.wfm.forecast.ForecastWorkflow;
import com.wixanswers.wfm.forecast.Forecasts;
import com.wixanswers.wfm.historical.HistoricalActivities;
import com.wixanswers.wfm.historical.HistoricalExport;
import com.wixanswers.wfm.historical.HistoricalTriggers;
import com.wixanswers.wfm.historical.HistoricalWorkflow;
import com.wixanswers.wfm.historical.InteractionStatistics;
import com.wixanswers.wfm.http.PeerHttpClient;
import com.wixanswers.wfm.http.PeerPolicies;
import com.wixanswers.wfm.http.PeerPolicy;
import com.wixanswers.wfm.onboarding.AgentsFile;
import com.wixanswers.wfm.onboarding.Onboarding;
import com.wixanswers.wfm.onboarding.OnboardingActivities;
import com.wixanswers.wfm.onboarding.OnboardingRuns;
import com.wixanswers.wfm.onboarding.OnboardingWorkflow;
import com.wixanswers.wfm.realtime.BlobStateStore;
import com.wixanswers.wfm.realtime.RealtimeTick;
import com.wixanswers.wfm.realtime.StateMapping;
import com.wixanswers.wfm.realtime.StateStore;
import com.wixanswers.wfm.realtime.TickPlanner;
import com.wixanswers.wfm.sql.Database;
import com.wixanswers.wfm.storage.BlobFolder;
import com.wixanswers.wfm.storage.Folder;
import com.wixanswers.wfm.workflow.WorkflowCatalog;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The integration's parts, wired from one {@link Settings}: the database, one HTTP client per peer, and the
 * activities of each capability, each built on first use (so that one capability's missing settings never stop
 * another). In Azure, {@link FunctionClassInjector} holds one per worker process; the CLI and the tests build
 * their own, with the {@link Builder}'s stand-ins where they need them.
 */
public final class Integration implements AutoCloseable {
    /** Idle database connections kept for reuse: about the number of activities a worker runs at once. */
    private static final int POOLED_CONNECTIONS = 8;
    public static final String ONBOARDING_CONTAINER = "onboarding";
    public static final String FORECASTS_CONTAINER = "forecasts";

    private final Settings settings;
    private final Secrets secrets;
    private final Builder options;
    private final Database database;
    private HistoricalActivities historicalActivities;
    private RealtimeTick realtimeTick;
    private WfmClient wfm;
    private OnboardingActivities onboardingActivities;
    private ForecastActivities forecastActivities;

    private Integration(Builder builder) {
        this.settings = builder.settings;
        this.secrets = builder.secrets;
        this.options = builder;
        this.database = new Database(settings.sql().jdbcUrl(), POOLED_CONNECTIONS);
    }

    public static Builder fromEnvironment(Map<String, String> environment) {
        Settings settings = Settings.load(environment);
        return new Builder(settings, settings.secrets(environment));
    }

    public Settings settings() {
        return settings;
    }

    public Database database() {
        return database;
    }

    public HistoricalTriggers historicalTriggers() {
        return new HistoricalTriggers(settings.statistics().zone(), settings.historical().lookbackDays(),
                settings.historical().intraday(), options.clock);
    }

    public synchronized HistoricalActivities historicalActivities() {
        if (historicalActivities == null) {
            HistoricalDataTransport transport = options.historicalTransport;
            Supplier<Secret> dataSourceKey = () -> HistoricalRequests.DATA_SOURCE_KEY_PLACEHOLDER;
            if (transport == null) {
                // Fail here, naming the setting, rather than in every activity: URL and keys must all be there.
                transport = httpHistorical(PeerPolicies.calabrioHistorical());
                dataSourceKey = this::dataSourceKey;
            }
            HistoricalDataClient client = new HistoricalDataClient(historicalRequests(dataSourceKey), transport);
            HistoricalExport export = new HistoricalExport(database,
                    new InteractionStatistics(settings.sql().interactionsTable(), settings.statistics()), client,
                    settings.statistics());
            historicalActivities = new HistoricalActivities(export);
        }
        return historicalActivities;
    }

    /** The real-time tick, with its peers and state store; wrong or missing settings are named here, once. */
    public synchronized RealtimeTick realtimeTick() {
        if (realtimeTick == null) {
            RealtimeSettings realtime = settings.realtime();
            AgentActivityClient answers = answers(PeerPolicies.wixAnswers(realtime.maxAgents()));
            // A dry run needs no key, and its files must not hold one.
            RtaClient rta = options.rtaTransport != null ? new RtaClient(new RtaRequests(realtime.requireSourceId()),
                    options.rtaTransport, () -> new Secret("")) : rta(PeerPolicies.calabrioRta());
            StateStore store = options.stateStore != null ? options.stateStore
                    : BlobStateStore.connect(settings.storage());
            TickPlanner planner = new TickPlanner(new StateMapping(realtime.stateMap()),
                    Duration.ofMinutes(realtime.snapshotMinutes()), realtime.snapshotMinRatio(), realtime.snapshots());
            realtimeTick = new RealtimeTick(answers, rta, store, planner, realtime.batchSize(),
                    Duration.ofMinutes(realtime.parkMinutes()), options.clock);
        }
        return realtimeTick;
    }

    /** Calabrio's WFM API (commands and queries), shared by onboarding and forecasts. */
    public synchronized WfmClient wfm() {
        if (wfm == null) {
            String businessUnit = settings.wfm().requireBusinessUnitId();
            WfmTransport transport = options.wfmStandIn != null ? options.wfmStandIn
                    : httpWfm(PeerPolicies.calabrioWfm());
            wfm = new WfmClient(options.wfmAround.apply(transport), businessUnit);
        }
        return wfm;
    }

    /*
     * Each peer's client over HTTPS, built the same way for the runs and for the doctor's probes (only the policy
     * differs): settings and secrets are read first, so a missing one is named here, once.
     */

    private WfmTransport httpWfm(PeerPolicy policy) {
        PeerUrl baseUrl = settings.calabrio().requireBaseUrl();
        secrets.get(SecretName.CALABRIO_API_TOKEN);
        return new HttpWfmTransport(peer(policy), baseUrl, () -> secrets.get(SecretName.CALABRIO_API_TOKEN));
    }

    private HistoricalDataTransport httpHistorical(PeerPolicy policy) {
        PeerUrl baseUrl = settings.calabrio().requireBaseUrl();
        secrets.get(SecretName.CALABRIO_HISTORICAL_TENANT_KEY);
        dataSourceKey();
        return new HttpHistoricalDataTransport(peer(policy), baseUrl,
                () -> secrets.get(SecretName.CALABRIO_HISTORICAL_TENANT_KEY), this::dataSourceKey);
    }

    private Secret dataSourceKey() {
        return secrets.get(SecretName.CALABRIO_DATA_SOURCE_KEY);
    }

    private HistoricalRequests historicalRequests(Supplier<Secret> dataSourceKey) {
        return new HistoricalRequests(dataSourceKey, settings.statistics().intervalMinutes(),
                settings.historical().batchSize());
    }

    private RtaClient rta(PeerPolicy policy) {
        RealtimeSettings realtime = settings.realtime();
        PeerUrl rtaUrl = realtime.requireRtaUrl();
        Supplier<Secret> key = () -> secrets.get(SecretName.CALABRIO_RTA_AUTH_KEY);
        key.get();
        return new RtaClient(new RtaRequests(realtime.requireSourceId()), new HttpRtaTransport(peer(policy), rtaUrl),
                key);
    }

    private AgentActivityClient answers(PeerPolicy policy) {
        RealtimeSettings realtime = settings.realtime();
        PeerUrl answersUrl = realtime.requireAnswersRpcUrl();
        secrets.get(SecretName.ANSWERS_API_TOKEN);
        return new AgentActivityClient(peer(policy), answersUrl, () -> secrets.get(SecretName.ANSWERS_API_TOKEN),
                realtime.maxAgents());
    }

    /** The onboarding container: the app storage's {@code onboarding}, or the CLI's directory. */
    public Folder onboardingFolder() {
        return options.onboardingFolder != null ? options.onboardingFolder
                : new BlobFolder(BlobFolder.account(settings.storage()).getBlobContainerClient(ONBOARDING_CONTAINER));
    }

    public synchronized OnboardingActivities onboardingActivities() {
        if (onboardingActivities == null) {
            var onboarding = settings.onboarding();
            onboardingActivities = new OnboardingActivities(new Onboarding(onboardingFolder(),
                    new AgentsFile(onboarding.maxRows(), onboarding.maxBytes(), onboarding.defaults()), this::wfm,
                    options.wfmDryRun));
        }
        return onboardingActivities;
    }

    public OnboardingRuns onboardingRuns() {
        return new OnboardingRuns(onboardingFolder(), settings.onboarding(), settings.wfm());
    }

    /** The forecasts container: the app storage's {@code forecasts}, or the CLI's directory. */
    public Folder forecastFolder() {
        return options.forecastFolder != null ? options.forecastFolder
                : new BlobFolder(BlobFolder.account(settings.storage()).getBlobContainerClient(FORECASTS_CONTAINER));
    }

    public synchronized ForecastActivities forecastActivities() {
        if (forecastActivities == null) {
            var forecast = settings.forecast();
            forecastActivities = new ForecastActivities(new Forecasts(database, new ForecastQueries(forecast.table()),
                    this::wfm, forecast.zone(), forecast.scenarioId(), forecastFolder()));
        }
        return forecastActivities;
    }

    public ForecastRuns forecastRuns() {
        return new ForecastRuns(settings.forecast(), settings.wfm());
    }

    /**
     * Every workflow's orchestrators and activities, for the in-process driver. Activities find their parts when
     * they first run, as the Functions host builds them.
     */
    public WorkflowCatalog workflows() {
        WorkflowCatalog catalog = new WorkflowCatalog();
        HistoricalWorkflow.register(catalog, this::historicalActivities);
        OnboardingWorkflow.register(catalog, this::onboardingActivities);
        ForecastWorkflow.register(catalog, this::forecastActivities);
        return catalog;
    }

    /**
     * The doctor, its peers probed once each with the {@linkplain PeerPolicy#probing() probing} form of their policy;
     * a part whose settings are missing is skipped by the doctor, naming them. Documents are read with no credential.
     */
    public Doctor doctor() {
        PeerHttpClient documents = peer(PeerPolicies.apiDocuments());
        boolean storage = settings.storage().connectionString().isPresent()
                || settings.storage().blobServiceUri().isPresent();
        return new Doctor(new Doctor.Parts(settings,
                () -> {
                    String businessUnit = settings.wfm().requireBusinessUnitId();
                    return new WfmClient(httpWfm(PeerPolicies.calabrioWfm().probing()), businessUnit);
                },
                () -> httpHistorical(PeerPolicies.calabrioHistorical().probing()),
                () -> historicalRequests(this::dataSourceKey),
                () -> rta(PeerPolicies.calabrioRta().probing()),
                () -> answers(PeerPolicies.wixAnswers(settings.realtime().maxAgents()).probing()),
                database,
                uri -> documents.get(uri, Map.of(), List.of(), null).body(),
                List.of(ONBOARDING_CONTAINER, FORECASTS_CONTAINER, BlobStateStore.CONTAINER),
                storage ? Optional.of(container -> BlobFolder.account(settings.storage())
                        .getBlobContainerClient(container).exists()) : Optional.empty()));
    }

    private PeerHttpClient peer(PeerPolicy policy) {
        return new PeerHttpClient(options.policyTuning.apply(policy));
    }

    @Override
    public void close() {
        database.close();
    }

    /** Options of an integration outside Azure: dry-run transports, stand-ins, faster peer policies. */
    public static final class Builder {
        private final Settings settings;
        private final Secrets secrets;
        private HistoricalDataTransport historicalTransport;
        private RtaTransport rtaTransport;
        private WfmTransport wfmStandIn;
        private UnaryOperator<WfmTransport> wfmAround = UnaryOperator.identity();
        private boolean wfmDryRun;
        private StateStore stateStore;
        private Folder onboardingFolder;
        private Folder forecastFolder;
        private Clock clock = Clock.systemUTC();
        private UnaryOperator<PeerPolicy> policyTuning = UnaryOperator.identity();

        public Builder(Settings settings, Secrets secrets) {
            this.settings = settings;
            this.secrets = secrets;
        }

        public Settings settings() {
            return settings;
        }

        /** Sends historical bodies here instead of Calabrio (a dry run). */
        public Builder historicalTransport(HistoricalDataTransport transport) {
            this.historicalTransport = transport;
            return this;
        }

        /** Writes RTA bodies here instead of sending them (a dry run). */
        public Builder rtaTransport(RtaTransport transport) {
            this.rtaTransport = transport;
            return this;
        }

        /** Calls this stand-in of the WFM API instead of Calabrio (the demo). */
        public Builder wfmStandIn(WfmTransport standIn) {
            this.wfmStandIn = standIn;
            return this;
        }

        /** Wraps the WFM API's transport (tests record the calls). */
        public Builder wfmAround(UnaryOperator<WfmTransport> around) {
            this.wfmAround = around;
            return this;
        }

        /** A dry run of the WFM API: queries still go to Calabrio, commands are written under {@code requests}. */
        public Builder wfmDryRun(java.nio.file.Path requests) {
            this.wfmAround = transport -> new DryRunWfmTransport(transport, requests);
            this.wfmDryRun = true;
            return this;
        }

        /** Keeps the real-time state here instead of the storage account's blob. */
        public Builder stateStore(StateStore store) {
            this.stateStore = store;
            return this;
        }

        /** Keeps onboarding's files here instead of the storage account's onboarding container. */
        public Builder onboardingFolder(Folder folder) {
            this.onboardingFolder = folder;
            return this;
        }

        /** Writes the forecast files here instead of the storage account's forecasts container. */
        public Builder forecastFolder(Folder folder) {
            this.forecastFolder = folder;
            return this;
        }

        /** The clock of real-time ticks and the triggers (tests move it a minute per tick). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Adjusts every peer's policy (tests shorten waits). */
        public Builder peerPolicies(UnaryOperator<PeerPolicy> tuning) {
            this.policyTuning = tuning;
            return this;
        }

        public Integration build() {
            return new Integration(this);
        }
    }
}
