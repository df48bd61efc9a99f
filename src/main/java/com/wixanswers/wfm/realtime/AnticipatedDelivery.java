package com.wixanswers.wfm.realtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The records a tick's plan leaves once Calabrio has taken all of it, applied while the plan is made, so that the
 * state document can be written before Calabrio answers. Each record's former values are kept: when the answers
 * are anything but a clean success, or the plan is not used after all, {@link #undo} puts every record back as it
 * was, and the tick records what really happened instead.
 */
final class AnticipatedDelivery implements TickPlanner.Expectation {
    private final Instant now;
    private final List<Former> formers = new ArrayList<>();

    /** A record as it was before this tick anticipated its delivery. */
    private record Former(RealtimeState.Agent agent, String code, boolean offline, Instant sentAt) {
    }

    AnticipatedDelivery(Instant now) {
        this.now = now;
    }

    @Override
    public void sends(RealtimeState.Agent agent, String code, boolean offline) {
        keep(agent);
        agent.sent(code, offline, now);
    }

    @Override
    public void logsOut(RealtimeState.Agent agent) {
        keep(agent);
        agent.loggedOut(now);
    }

    private void keep(RealtimeState.Agent agent) {
        formers.add(new Former(agent, agent.code, agent.offline, agent.sentAt));
    }

    /** Puts every record back as it was, latest change first; forgets them. */
    void undo() {
        for (int index = formers.size() - 1; index >= 0; index--) {
            Former former = formers.get(index);
            former.agent().sent(former.code(), former.offline(), former.sentAt());
        }
        formers.clear();
    }
}
