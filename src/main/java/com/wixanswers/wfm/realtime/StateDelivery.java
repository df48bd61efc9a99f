package com.wixanswers.wfm.realtime;

import com.wixanswers.wfm.calabrio.RtaClient;
import com.wixanswers.wfm.calabrio.RtaState;
import com.wixanswers.wfm.http.PeerException;
import com.wixanswers.wfm.http.Redaction;
import com.wixanswers.wfm.logging.InvocationLog;
import com.wixanswers.wfm.realtime.TickPlanner.Mode;
import com.wixanswers.wfm.realtime.TickPlanner.TickPlan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Sends a tick's plan to Calabrio and says what became of each state. A snapshot is one request; changes go in
 * batches, a few at once; a refused snapshot's states (one per agent, its logouts among them) go again as changes. A request Calabrio refuses (a 4xx that names no agent) is split in halves and sent
 * again until the refused states stand alone: those agents are parked, everyone else's states go through. A
 * refused snapshot is followed by its states as plain changes. When nothing at all is taken, even one state alone,
 * the refusal is of the source, not of an agent: nobody is parked and the tick fails with Calabrio's message.
 */
final class StateDelivery {
    /** Change batches in flight at once: a usual minute's changes in one round trip, and no flood. */
    static final int BATCHES_IN_FLIGHT = 4;

    private final RtaClient rta;
    private final int batchSize;
    private final ExecutorService senders = Executors.newFixedThreadPool(BATCHES_IN_FLIGHT, runnable -> {
        Thread thread = new Thread(runnable, "rta-sender");
        thread.setDaemon(true);
        return thread;
    });

    /** What Calabrio did with a tick's states. */
    static final class Outcome {
        final List<RtaState> processed = new ArrayList<>();
        /** Agents refused alone (by Calabrio's message) or unknown to Calabrio: to be parked. */
        final Map<String, String> refused = new LinkedHashMap<>();
        boolean snapshotTaken;
        /** Calabrio's message refusing the snapshot, or null. */
        String snapshotRefusal;
        /** Calabrio refused everything, each state alone too: the source's fault, not an agent's. */
        String refusedWhole;
        int requests;
        private String firstFailure;
        private int failedRequests;

        /** Why some states could not be delivered at all this tick, or null. */
        String failure() {
            if (refusedWhole != null || firstFailure == null) {
                return refusedWhole;
            }
            return firstFailure + " (" + failedRequests + " of " + requests + " requests failed)";
        }

        boolean snapshotTooLarge() {
            return snapshotRefusal != null && snapshotRefusal.toLowerCase(Locale.ROOT).contains("too large");
        }

        private synchronized void record(RtaClient.Delivery delivery, String failure) {
            requests++;
            if (delivery != null) {
                processed.addAll(delivery.processed());
                delivery.unknownUserCodes().forEach(code -> refused.put(code, "No person found for UserCode " + code));
            }
            if (failure != null && failedRequests++ == 0) {
                firstFailure = failure;
            }
        }
    }

    /** One request: its states, whether Calabrio took them (perhaps but for unknown agents), or its refusal. */
    private record Sent(List<RtaState> states, boolean taken, String refusal) {
    }

    StateDelivery(RtaClient rta, int batchSize) {
        this.rta = rta;
        this.batchSize = batchSize;
    }

    /** Sends the plan; requests are named {@code tick-3-snapshot}, {@code tick-3-changes-2} in logs and files. */
    Outcome deliver(TickPlan plan, String tickName, Instant deadline) {
        Outcome outcome = new Outcome();
        AtomicInteger changeRequests = new AtomicInteger();
        Function<List<RtaState>, Sent> sendChanges = states ->
                send(tickName + "-changes-" + changeRequests.incrementAndGet(), false, states, deadline, outcome);
        List<RtaState> changes = plan.states();
        if (plan.mode() == Mode.SNAPSHOT) {
            Sent snapshot = send(tickName + "-snapshot", true, plan.states(), deadline, outcome);
            outcome.snapshotTaken = snapshot.taken();
            if (snapshot.refusal() == null) {
                return outcome;
            }
            outcome.snapshotRefusal = snapshot.refusal();
        }

        List<CompletableFuture<Sent>> sending = new ArrayList<>();
        for (int from = 0; from < changes.size(); from += batchSize) {
            List<RtaState> batch = changes.subList(from, Math.min(changes.size(), from + batchSize));
            sending.add(CompletableFuture.supplyAsync(InvocationLog.carried(() -> sendChanges.apply(batch)), senders));
        }
        List<Sent> sent = sending.stream().map(CompletableFuture::join).toList();
        boolean anyTaken = sent.stream().anyMatch(Sent::taken);
        for (Sent refused : sent.stream().filter(request -> request.refusal() != null).toList()) {
            Map<String, String> isolated = new LinkedHashMap<>();
            boolean taken = isolate(refused, sendChanges, isolated);
            if (!anyTaken && !taken) {
                outcome.refusedWhole = "Calabrio refused every state it was sent, each alone too (" + refused.refusal()
                        + "): that is the key, the source or the server, not an agent; nobody is parked";
                return outcome;
            }
            anyTaken = true;
            outcome.refused.putAll(isolated);
        }
        return outcome;
    }

    /** Sends the halves of a refused request, and theirs, until each refused state stands alone; true if any went. */
    private static boolean isolate(Sent refused, Function<List<RtaState>, Sent> send, Map<String, String> isolated) {
        List<RtaState> states = refused.states();
        if (states.size() == 1) {
            isolated.put(states.get(0).userCode(), refused.refusal());
            return false;
        }
        boolean taken = false;
        int half = states.size() / 2;
        for (List<RtaState> part : List.of(states.subList(0, half), states.subList(half, states.size()))) {
            Sent sent = send.apply(part);
            taken |= sent.taken() || sent.refusal() != null && isolate(sent, send, isolated);
        }
        return taken;
    }

    private Sent send(String name, boolean snapshot, List<RtaState> states, Instant deadline, Outcome outcome) {
        try {
            RtaClient.Delivery delivery = rta.send(name, snapshot, states, deadline);
            outcome.record(delivery, null);
            return new Sent(states, true, null);
        } catch (PeerException e) {
            if (e.kind() != PeerException.Kind.REJECTED) {
                outcome.record(null, e.getMessage());
                return new Sent(states, false, null);
            }
            outcome.record(null, null);
            return new Sent(states, false, e.peerMessage().isEmpty() ? e.getMessage()
                    : Redaction.redact(e.peerMessage(), List.of()));
        }
    }
}
