package com.wixanswers.wfm.realtime;

import com.wixanswers.wfm.calabrio.RtaClient;
import com.wixanswers.wfm.calabrio.RtaState;
import com.wixanswers.wfm.http.PeerException;
import com.wixanswers.wfm.http.Redaction;
import com.wixanswers.wfm.realtime.TickPlanner.Mode;
import com.wixanswers.wfm.realtime.TickPlanner.TickPlan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends a tick's plan to Calabrio and says what became of each state. A snapshot is one request; changes go in
 * batches, a few at once. A request Calabrio refuses (a 4xx that names no agent) is split in halves and each sent
 * again, until the refused states stand alone: those agents are parked, everyone else's states go through. A
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
            if (refusedWhole != null) {
                return refusedWhole;
            }
            return firstFailure == null ? null : firstFailure + " (" + failedRequests + " of " + requests
                    + " requests failed)";
        }

        boolean snapshotTooLarge() {
            return snapshotRefusal != null && snapshotRefusal.toLowerCase(Locale.ROOT).contains("too large");
        }
    }

    /** A request Calabrio refused, and its message. */
    private record Refused(List<RtaState> states, String message) {
    }

    /** One request's fate: taken (perhaps but for unknown agents), refused with a message, or failed. */
    private record Sent(RtaClient.Delivery delivery, String refusal, String failure) {
    }

    StateDelivery(RtaClient rta, int batchSize) {
        this.rta = rta;
        this.batchSize = batchSize;
    }

    Outcome deliver(TickPlan plan, String tickName, Instant deadline) {
        Outcome outcome = new Outcome();
        Names names = new Names(tickName);
        if (plan.mode() == Mode.SNAPSHOT) {
            Sent snapshot = send(names.snapshot(), true, plan.states(), deadline, outcome);
            if (snapshot.refusal() == null) {
                outcome.snapshotTaken = snapshot.delivery() != null;
                return outcome;
            }
            outcome.snapshotRefusal = snapshot.refusal();
            sendChanges(plan.changesInstead(), names, deadline, outcome);
            return outcome;
        }
        sendChanges(plan.states(), names, deadline, outcome);
        return outcome;
    }

    private void sendChanges(List<RtaState> states, Names names, Instant deadline, Outcome outcome) {
        List<List<RtaState>> batches = new ArrayList<>();
        for (int from = 0; from < states.size(); from += batchSize) {
            batches.add(states.subList(from, Math.min(states.size(), from + batchSize)));
        }
        List<Future<Sent>> sending = new ArrayList<>();
        for (List<RtaState> batch : batches) {
            String name = names.changes();
            sending.add(senders.submit(() -> send(name, false, batch, deadline, outcome)));
        }
        List<Refused> refused = new ArrayList<>();
        boolean anyTaken = false;
        for (int index = 0; index < sending.size(); index++) {
            Sent sent = await(sending.get(index), outcome);
            anyTaken |= sent.delivery() != null;
            if (sent.refusal() != null) {
                refused.add(new Refused(batches.get(index), sent.refusal()));
            }
        }
        for (Refused batch : refused) {
            Map<String, String> isolated = new LinkedHashMap<>();
            boolean taken = batch.states().size() > 1 && isolate(batch.states(), names, deadline, outcome, isolated);
            if (batch.states().size() == 1) {
                isolated.put(batch.states().get(0).userCode(), batch.message());
            }
            if (!anyTaken && !taken) {
                outcome.refusedWhole = "Calabrio refused every state it was sent, each alone too (" + batch.message()
                        + "): that is the key, the source or the server, not an agent; nobody is parked";
                return;
            }
            anyTaken = true;
            outcome.refused.putAll(isolated);
        }
    }

    /** Sends the halves of a refused request, and theirs, until each refused state stands alone. */
    private boolean isolate(List<RtaState> refused, Names names, Instant deadline, Outcome outcome,
                            Map<String, String> isolated) {
        if (refused.size() == 1) {
            return false;
        }
        boolean taken = false;
        int half = refused.size() / 2;
        for (List<RtaState> part : List.of(refused.subList(0, half), refused.subList(half, refused.size()))) {
            Sent sent = send(names.changes(), false, part, deadline, outcome);
            taken |= sent.delivery() != null;
            if (sent.refusal() != null) {
                if (part.size() == 1) {
                    isolated.put(part.get(0).userCode(), sent.refusal());
                } else {
                    taken |= isolate(part, names, deadline, outcome, isolated);
                }
            }
        }
        return taken;
    }

    /** One request, its outcome recorded: the states taken, the agents Calabrio does not know, a failure. */
    private Sent send(String name, boolean snapshot, List<RtaState> states, Instant deadline, Outcome outcome) {
        Sent sent;
        try {
            sent = new Sent(rta.send(name, snapshot, states, deadline), null, null);
        } catch (PeerException e) {
            sent = e.kind() == PeerException.Kind.REJECTED
                    ? new Sent(null, e.peerMessage().isEmpty() ? e.getMessage()
                            : Redaction.redact(e.peerMessage(), List.of()), null)
                    : new Sent(null, null, e.getMessage());
        }
        synchronized (outcome) {
            outcome.requests++;
            if (sent.delivery() != null) {
                outcome.processed.addAll(sent.delivery().processed());
                sent.delivery().unknownUserCodes().forEach(code -> outcome.refused.put(code,
                        "No person found for UserCode " + code));
            } else if (sent.failure() != null) {
                outcome.failedRequests++;
                if (outcome.firstFailure == null) {
                    outcome.firstFailure = sent.failure();
                }
            }
        }
        return sent;
    }

    private static Sent await(Future<Sent> sending, Outcome outcome) {
        try {
            return sending.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("sending to Calabrio failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (outcome) {
                outcome.failedRequests++;
                outcome.firstFailure = "interrupted while waiting for Calabrio";
            }
            return new Sent(null, null, "interrupted while waiting for Calabrio");
        }
    }

    /** The requests' names, for logs and the dry run's files: {@code tick-3-snapshot}, {@code tick-3-changes-2}. */
    private static final class Names {
        private final String tick;
        private int changes;

        Names(String tick) {
            this.tick = tick;
        }

        String snapshot() {
            return tick + "-snapshot";
        }

        synchronized String changes() {
            return tick + "-changes-" + ++changes;
        }
    }
}
