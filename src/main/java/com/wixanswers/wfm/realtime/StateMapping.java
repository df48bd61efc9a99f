package com.wixanswers.wfm.realtime;

import com.wixanswers.wfm.answers.AgentActivity;
import com.wixanswers.wfm.config.Settings;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Wix Answers status → Calabrio state code. A key is a status, or a status with its detail: the busy reason
 * ({@code BUSY:Lunch}) or the channel ({@code IN_WORK:CALL}); the most specific key that exists wins. Keys are
 * matched case-insensitively. A status nothing maps gets a deterministic fallback code ({@code WA_<STATUS>}),
 * which a Calabrio admin can map to a state group like any other.
 */
public final class StateMapping {
    /** The defaults, for every status Wix Answers knows; RTA_STATE_MAP adds to and overrides them. */
    public static final Map<String, String> DEFAULTS = Map.of(
            "ONLINE", "Available",
            "IN_WORK", "InWork",
            "IN_WORK:CALL", "OnCall",
            "IN_WORK:CHAT", "OnChat",
            "IN_WORK:TICKET", "OnTicket",
            "BUSY", "Busy",
            "OFFLINE", "LoggedOut");

    private final Map<String, String> codes = new HashMap<>();

    /** A state code, and the status it fell back for when nothing mapped it (null when mapped). */
    public record Mapped(String code, String unmappedStatus) {
    }

    /** @param overrides status keys (upper case) to codes, validated by {@link Settings} */
    public StateMapping(Map<String, String> overrides) {
        codes.putAll(DEFAULTS);
        overrides.forEach((key, code) -> codes.put(key.toUpperCase(Locale.ROOT), code));
    }

    public Mapped map(AgentActivity activity) {
        String status = activity.status().toUpperCase(Locale.ROOT);
        for (String detail : new String[]{activity.busyReason(), activity.channel()}) {
            if (detail != null) {
                String code = codes.get(status + ":" + detail.toUpperCase(Locale.ROOT));
                if (code != null) {
                    return new Mapped(code, null);
                }
            }
        }
        String code = codes.get(status);
        return code != null ? new Mapped(code, null) : new Mapped(fallback(status), status);
    }

    /** {@code WA_<STATUS>} with anything but letters and digits as {@code _}; a long one cut and tagged by a hash. */
    static String fallback(String status) {
        String code = "WA_" + status.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        if (code.length() <= Settings.MAX_STATE_CODE) {
            return code;
        }
        CRC32 crc = new CRC32();
        crc.update(status.getBytes(StandardCharsets.UTF_8));
        return code.substring(0, Settings.MAX_STATE_CODE - 9) + "_" + String.format("%08X", crc.getValue());
    }
}
