package com.wixanswers.wfm.workflow;

import com.google.gson.Gson;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each trigger's durable client opens a gRPC channel of its own: closing the adapter closes it. */
class DurableClientAdapterTest {
    @Test
    void closingTheAdapterShutsTheClientsChannel() {
        DurableClientContext context = new Gson().fromJson("{\"rpcBaseUrl\":\"http://127.0.0.1:1\"}",
                DurableClientContext.class);
        DurableClientAdapter client = DurableClientAdapter.of(context);
        client.close();
        RuntimeException refused = assertThrows(RuntimeException.class, () -> client.exists("historical-run-x"));
        assertTrue(String.valueOf(refused.getMessage()).toLowerCase().contains("shutdown"),
                "the channel was shut, not merely unreachable: " + refused.getMessage());
    }
}
