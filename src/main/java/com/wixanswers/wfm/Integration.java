package com.wixanswers.wfm;

import com.wixanswers.wfm.answers.AgentActivityClient;
import com.wixanswers.wfm.calabrio.HistoricalDataClient;
import com.wixanswers.wfm.calabrio.HistoricalDataTransport;
import com.wixanswers.wfm.calabrio.HistoricalRequests;
import com.wixanswers.wfm.calabrio.HttpHistoricalDataTransport;
import com.wixanswers.wfm.calabrio.HttpRtaTransport;
import com.wixanswers.wfm.calabrio.RtaClient;
import com.wixanswers.wfm.calabrio.RtaRequests;
import com.wixanswers.wfm.calabrio.RtaTransport;
import com.wixanswers.wfm.config.Secret;
import com.wixanswers.wfm.config.SecretName;
import com.wixanswers.wfm.config.Secrets;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.config.Settings.RealtimeSettings;
import com.wixanswers.wfm.historical.HistoricalActivities;
import com.wixanswers.wfm.historical.HistoricalExport;
import com.wixanswers.wfm.historical.HistoricalWorkflow;
import com.wixanswers.wfm.historical.InteractionStatistics;
import com.wixanswers.wfm.http.PeerHttpClient;
import com.wixanswers.wfm.http.PeerPolicies;
import com.wixanswers.wfm.http.PeerPolicy;
import com.wixanswers.wfm.config.PeerUrl;
import com.wixanswers.wfm.realtime.BlobStateStore;
import com.wixanswers.wfm.realtime.RealtimeTick;
import com.wixanswers.wfm.realtime.StateMapping;
import com.wixanswers.wfm.realtime.StateStore;
import com.wixanswers.wfm.realtime.TickPlanner;
import com.wixanswers.wfm.sql.Database;
import com.wixanswers.wfm.workflow.WorkflowCatalog;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The integration's parts, wired once from one {@link Settings}: the database, one HTTP client per peer, and the
 * activities of each capability. In Azure, {@link FunctionClassInjector} holds one per worker process; the CLI and
 * the tests build their own.
 */
public final class Integration implements AutoCloseable {
    /** Idle database connections kept for reuse: about the number of activities a worker runs at once. */
    private static final int POOLED_CONNECTIONS = 8;

    private final Settings settings;
    private final Secrets secrets;
    private final HistoricalDataTransport historicalTransportOverride;
    private final RtaTransport rtaTransportOverride;
    private final StateStore stateStoreOverride;
    private final Clock clock;
    private final UnaryOperator<PeerPolicy> policyTuning;
    private final Database database;
    private HistoricalActivities historicalActivities;
    private RealtimeTick realtimeTick;

    private Integration(Builder builder) {
        this.settings = builder.settings;
        this.secrets = builder.secrets;
        this.historicalTransportOverride = builder.historicalTransport;
        this.rtaTransportOverride = builder.rtaTransport;
        this.stateStoreOverride = builder.stateStore;
        this.clock = builder.clock;
        this.policyTuning = builder.policyTuning;
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

    public synchronized HistoricalActivities historicalActivities() {
        if (historicalActivities == null) {
            HistoricalDataTransport transport = historicalTransportOverride;
            if (transport == null) {
                // Fail here, naming the setting, rather than in every activity: URL and key must both be there.
                PeerUrl baseUrl = settings.calabrio().requireBaseUrl();
                secrets.get(SecretName.CALABRIO_HISTORICAL_TENANT_KEY);
                transport = new HttpHistoricalDataTransport(
                        new PeerHttpClient(policyTuning.apply(PeerPolicies.calabrioHistorical())), baseUrl,
                        () -> secrets.get(SecretName.CALABRIO_HISTORICAL_TENANT_KEY));
            }
            HistoricalDataClient client = new HistoricalDataClient(
                    new HistoricalRequests(settings.calabrio().dataSourceKey(), settings.statistics().intervalMinutes(),
                            settings.historical().batchSize()),
                    transport);
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
            PeerUrl answersUrl = realtime.requireAnswersRpcUrl();
            secrets.get(SecretName.ANSWERS_API_TOKEN);
            AgentActivityClient answers = new AgentActivityClient(
                    new PeerHttpClient(policyTuning.apply(PeerPolicies.wixAnswers(realtime.maxAgents()))), answersUrl,
                    () -> secrets.get(SecretName.ANSWERS_API_TOKEN), realtime.maxAgents());
            RtaTransport transport = rtaTransportOverride;
            // A dry run needs no key, and its files must not hold one.
            Supplier<Secret> key = () -> new Secret("");
            if (transport == null) {
                PeerUrl rtaUrl = realtime.requireRtaUrl();
                key = () -> secrets.get(SecretName.CALABRIO_RTA_AUTH_KEY);
                key.get();
                transport = new HttpRtaTransport(new PeerHttpClient(policyTuning.apply(PeerPolicies.calabrioRta())),
                        rtaUrl);
            }
            RtaClient rta = new RtaClient(new RtaRequests(realtime.requireSourceId()), transport, key);
            StateStore store = stateStoreOverride != null ? stateStoreOverride
                    : BlobStateStore.connect(settings.storage());
            TickPlanner planner = new TickPlanner(new StateMapping(realtime.stateMap()),
                    Duration.ofMinutes(realtime.snapshotMinutes()), realtime.snapshotMinRatio(), realtime.snapshots());
            realtimeTick = new RealtimeTick(answers, rta, store, planner, realtime.batchSize(),
                    Duration.ofMinutes(realtime.parkMinutes()), clock);
        }
        return realtimeTick;
    }

    /** Every workflow's orchestrators and activities, for the in-process driver. */
    public WorkflowCatalog workflows() {
        return HistoricalWorkflow.register(new WorkflowCatalog(), historicalActivities());
    }

    @Override
    public void close() {
        database.close();
    }

    /** Options of an integration outside Azure: a dry-run transport, faster peer policies for local stubs. */
    public static final class Builder {
        private final Settings settings;
        private final Secrets secrets;
        private HistoricalDataTransport historicalTransport;
        private RtaTransport rtaTransport;
        private StateStore stateStore;
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

        /** Keeps the real-time state here instead of the storage account's blob. */
        public Builder stateStore(StateStore store) {
            this.stateStore = store;
            return this;
        }

        /** The clock of real-time ticks (tests and benchmarks move it a minute per tick). */
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
