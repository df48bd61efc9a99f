package com.wixanswers.wfm.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerUrlTest {
    @Test
    void httpsIsAccepted() {
        assertEquals("https://mtdemousce01.teleopticloud.com/historical-data/api/v1/queue-stats",
                PeerUrl.parse("CALABRIO_BASE_URL", "https://mtdemousce01.teleopticloud.com/")
                        .resolve("/historical-data/api/v1/queue-stats").toString());
    }

    @Test
    void plainHttpIsRefusedExceptToLoopback() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeerUrl.parse("CALABRIO_BASE_URL", "http://mtdemousce01.teleopticloud.com"));
        assertTrue(e.getMessage().startsWith("CALABRIO_BASE_URL uses plain http://"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PeerUrl.parse("X", "http://127.0.0.1.example.com"));
        assertThrows(IllegalArgumentException.class, () -> PeerUrl.parse("X", "http://10.0.0.1:8080"));
        PeerUrl.parse("X", "http://localhost:8080");
        PeerUrl.parse("X", "http://127.0.0.1:8080");
        PeerUrl.parse("X", "http://[::1]:8080");
    }

    @Test
    void urlsWithCredentialsOrOtherSchemesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PeerUrl.parse("X", "https://user:pw@host"));
        assertThrows(IllegalArgumentException.class, () -> PeerUrl.parse("X", "ftp://host"));
        assertThrows(IllegalArgumentException.class, () -> PeerUrl.parse("X", "host/path"));
        assertThrows(IllegalArgumentException.class, () -> PeerUrl.parse("X", "https://host?key=secret"));
    }
}
