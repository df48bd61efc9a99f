package com.wixanswers.wfm.realtime;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.wixanswers.wfm.config.Settings.StorageSettings;
import com.wixanswers.wfm.config.SettingsException;
import com.wixanswers.wfm.testing.Azurite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real-time state blob against Azurite: ETag-guarded writes, conditional reads, a conflicting writer. */
class BlobStateStoreTest {
    @RegisterExtension
    static Azurite azurite = new Azurite();

    /** A store on a container of its own, so tests do not share a blob. */
    private static BlobStateStore store(String container) {
        return new BlobStateStore(new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .buildClient().getBlobContainerClient(container));
    }

    private static String container() {
        return "realtime-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static RealtimeState stateWith(String agent, String code) {
        RealtimeState state = new RealtimeState();
        RealtimeState.Agent record = state.agent(agent);
        record.code = code;
        record.lastSeenAt = Instant.parse("2026-11-28T08:00:00Z");
        state.lastSnapshotAt = Instant.parse("2026-11-28T08:00:00Z");
        state.lastSnapshotSize = 1;
        return state;
    }

    @Test
    void theStateRoundTripsAndAnUnchangedBlobIsNotReadAgain() {
        BlobStateStore store = store(container());
        StateStore.Versioned empty = store.load();
        assertNull(empty.etag(), "no blob yet");
        assertTrue(empty.state().agents.isEmpty());

        String etag = store.save(stateWith("agent-1", "Available"), null).orElseThrow();
        StateStore.Versioned loaded = store.load();
        assertEquals(etag, loaded.etag());
        assertEquals("Available", loaded.state().agents.get("agent-1").code);
        assertEquals(Instant.parse("2026-11-28T08:00:00Z"), loaded.state().lastSnapshotAt);

        assertEquals(Optional.empty(), store.loadIfChanged(etag), "304: nothing moved");
        store.save(stateWith("agent-1", "Busy"), etag).orElseThrow();
        assertEquals("Busy", store.loadIfChanged(etag).orElseThrow().state().agents.get("agent-1").code);
    }

    @Test
    void aWriteBasedOnAStaleReadIsRefusedAndTheOtherWriterKeepsItsState() {
        String container = container();
        BlobStateStore first = store(container);
        BlobStateStore second = store(container);
        String etag = first.save(stateWith("agent-1", "Available"), null).orElseThrow();

        StateStore.Versioned readByFirst = first.load();
        StateStore.Versioned readBySecond = second.load();
        assertTrue(first.save(stateWith("agent-1", "Busy"), readByFirst.etag()).isPresent());
        assertEquals(Optional.empty(), second.save(stateWith("agent-1", "Lunch"), readBySecond.etag()),
                "the stale write is refused");
        assertEquals("Busy", first.load().state().agents.get("agent-1").code, "not corrupted: the first write stands");
        assertTrue(!etag.equals(first.load().etag()));
    }

    @Test
    void twoFirstWritesRaceAndOnlyOneWins() {
        String container = container();
        BlobStateStore first = store(container);
        BlobStateStore second = store(container);
        first.load();
        second.load();
        assertTrue(first.save(stateWith("agent-1", "Available"), null).isPresent());
        assertEquals(Optional.empty(), second.save(stateWith("agent-1", "Busy"), null));
        assertEquals("Available", second.load().state().agents.get("agent-1").code);
    }

    @Test
    void theCacheIsDroppedWhenSomeoneElseWroteTheBlob() {
        String container = container();
        CachingStateStore cached = new CachingStateStore(store(container));
        BlobStateStore other = store(container);
        StateStore.Versioned loaded = cached.load();
        String etag = cached.save(stateWith("agent-1", "Available"), loaded.etag()).orElseThrow();
        other.save(stateWith("agent-1", "Busy"), etag).orElseThrow();
        assertEquals("Busy", cached.load().state().agents.get("agent-1").code, "the newer blob, not the cache");
    }

    @Test
    void connectingNeedsAStorageSetting() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> BlobStateStore.connect(new StorageSettings(Optional.empty(), Optional.empty())));
        assertTrue(e.getMessage().contains("AzureWebJobsStorage"), e.getMessage());
    }
}
