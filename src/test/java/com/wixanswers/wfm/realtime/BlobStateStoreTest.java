package com.wixanswers.wfm.realtime;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.wixanswers.wfm.config.Settings.StorageSettings;
import com.wixanswers.wfm.config.SettingsException;
import com.wixanswers.wfm.testing.Azurite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real-time state blob against Azurite: ETag-guarded writes, a conflicting writer, a document kept aside. */
class BlobStateStoreTest {
    @RegisterExtension
    static Azurite azurite = new Azurite();

    private static BlobContainerClient container() {
        return new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                .getBlobContainerClient("realtime-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static byte[] stateWith(String agent, String code) {
        RealtimeState state = new RealtimeState();
        state.agent(agent).sent(code, false, Instant.parse("2026-11-28T08:00:00Z"));
        state.agent(agent).lastSeenAt = Instant.parse("2026-11-28T08:00:00Z");
        state.lastSnapshotAt = Instant.parse("2026-11-28T08:00:00Z");
        return state.toJson();
    }

    private static String codeOf(StateStore store, String agent) throws RealtimeState.Unreadable {
        return RealtimeState.fromJson(store.read().document()).agents.get(agent).code;
    }

    @Test
    void theStateRoundTrips() throws Exception {
        BlobStateStore store = new BlobStateStore(container());
        StateStore.Stored none = store.read();
        assertNull(none.document(), "no blob yet");
        assertNull(none.etag());
        assertNull(store.etag(), "no version without a blob");

        String etag = store.write(stateWith("agent-1", "Available"), null).orElseThrow();
        StateStore.Stored stored = store.read();
        assertEquals(etag, stored.etag());
        assertEquals(etag, store.etag(), "the version, looked at without the content");
        RealtimeState state = RealtimeState.fromJson(stored.document());
        assertEquals("Available", state.agents.get("agent-1").code);
        assertEquals(Instant.parse("2026-11-28T08:00:00Z"), state.lastSnapshotAt);
    }

    @Test
    void aWriteBasedOnAStaleReadIsRefusedAndTheOtherWriterKeepsItsState() throws Exception {
        BlobContainerClient container = container();
        BlobStateStore first = new BlobStateStore(container);
        BlobStateStore second = new BlobStateStore(container);
        String etag = first.write(stateWith("agent-1", "Available"), null).orElseThrow();

        String readByFirst = first.read().etag();
        String readBySecond = second.read().etag();
        assertTrue(first.write(stateWith("agent-1", "Busy"), readByFirst).isPresent());
        assertEquals(Optional.empty(), second.write(stateWith("agent-1", "Lunch"), readBySecond),
                "the stale write is refused");
        assertEquals("Busy", codeOf(first, "agent-1"), "not corrupted: the first write stands");
        assertNotEquals(etag, first.read().etag());
        assertEquals(first.read().etag(), second.etag(), "a second process sees that the blob moved");
    }

    @Test
    void twoFirstWritesRaceAndOnlyOneWins() throws Exception {
        BlobContainerClient container = container();
        BlobStateStore first = new BlobStateStore(container);
        BlobStateStore second = new BlobStateStore(container);
        first.read();
        second.read();
        assertTrue(first.write(stateWith("agent-1", "Available"), null).isPresent());
        assertEquals(Optional.empty(), second.write(stateWith("agent-1", "Busy"), null));
        assertEquals("Available", codeOf(second, "agent-1"));
    }

    @Test
    void anUnusableDocumentIsKeptAsideBesideTheState() {
        BlobContainerClient container = container();
        BlobStateStore store = new BlobStateStore(container);
        store.read();
        store.keepAside("rta-state.corrupt-20261128T080000Z.json", "{not json".getBytes(StandardCharsets.UTF_8));
        assertEquals("{not json", container.getBlobClient("rta-state.corrupt-20261128T080000Z.json")
                .downloadContent().toString());
    }

    @Test
    void connectingNeedsAStorageSetting() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> BlobStateStore.connect(new StorageSettings(Optional.empty(), Optional.empty())));
        assertTrue(e.getMessage().contains("AzureWebJobsStorage"), e.getMessage());
    }
}
