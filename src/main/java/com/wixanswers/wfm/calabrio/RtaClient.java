package com.wixanswers.wfm.calabrio;

import com.wixanswers.wfm.config.Secret;
import com.wixanswers.wfm.http.PeerException;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Calabrio's RTA API. One quirk shapes it: a state for an unknown {@code UserCode} fails alone, the batch's other
 * states are processed, and yet the call answers 400 ("No person found for UserCode ..."). So such a 400 is a
 * partial success naming the unknown agents, never a reason to send the batch again.
 */
public final class RtaClient {
    private static final Pattern UNKNOWN_USER = Pattern.compile(
            "No person found for UserCode\\s*[:=]?\\s*['\"]?([^\\s'\",;]+)", Pattern.CASE_INSENSITIVE);

    private final RtaRequests requests;
    private final RtaTransport transport;
    private final Supplier<Secret> authenticationKey;

    /** What Calabrio did with a request: every state processed but those of agents it does not know. */
    public record Delivery(List<RtaState> processed, Set<String> unknownUserCodes) {
    }

    public RtaClient(RtaRequests requests, RtaTransport transport, Supplier<Secret> authenticationKey) {
        this.requests = requests;
        this.transport = transport;
        this.authenticationKey = authenticationKey;
    }

    /**
     * Sends one request.
     *
     * @throws PeerException when Calabrio processed nothing: a bad key, source or state code, an outage, flooding
     */
    public Delivery send(String name, boolean snapshot, List<RtaState> states, Instant deadline) {
        Secret key = authenticationKey.get();
        try {
            transport.post(name, requests.body(key, snapshot, states), key, deadline);
            return new Delivery(states, Set.of());
        } catch (PeerException e) {
            Set<String> unknown = e.status() == 400 ? unknownUserCodes(e.peerMessage(), states) : Set.of();
            if (unknown.isEmpty()) {
                throw e;
            }
            List<RtaState> processed = states.stream()
                    .filter(state -> !unknown.contains(state.userCode().toLowerCase(Locale.ROOT)))
                    .toList();
            Map<String, String> original = states.stream().collect(Collectors.toMap(
                    s -> s.userCode().toLowerCase(Locale.ROOT), RtaState::userCode, (a, b) -> a));
            Set<String> named = new LinkedHashSet<>();
            unknown.forEach(code -> named.add(original.get(code)));
            return new Delivery(processed, named);
        }
    }

    /** The user codes of this request a 400 message says Calabrio does not know (matched case-insensitively). */
    static Set<String> unknownUserCodes(String message, List<RtaState> states) {
        Set<String> requested = states.stream().map(s -> s.userCode().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        Set<String> unknown = new LinkedHashSet<>();
        Matcher matcher = UNKNOWN_USER.matcher(message == null ? "" : message);
        while (matcher.find()) {
            // A sentence's full stop is not part of the code ("... UserCode agent-17.").
            String code = matcher.group(1).replaceFirst("\\.$", "").toLowerCase(Locale.ROOT);
            if (requested.contains(code)) {
                unknown.add(code);
            }
        }
        return unknown;
    }
}
