package com.wixanswers.wfm.calabrio;

import com.wixanswers.wfm.config.Secret;
import com.wixanswers.wfm.http.PeerException;
import com.wixanswers.wfm.http.PeerResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calabrio's answers, where a 200 is not a success by itself (calabrio.md): each envelope, and what is not one. */
class CalabrioAnswerTest {
    private static final List<Secret> SECRETS = List.of(new Secret("key-9c1e5a"));

    private static PeerResponse answer(String body) {
        return new PeerResponse(200, body.getBytes(StandardCharsets.UTF_8));
    }

    private static PeerException refused(String body) {
        return assertThrows(PeerException.class, () -> CalabrioAnswer.requireSuccess("Calabrio", answer(body), SECRETS));
    }

    @Test
    void eachFailureEnvelopeInA200IsARefusalWithItsMessage() {
        assertTrue(refused("{\"Successful\":false,\"Message\":\"nope\"}").getMessage().endsWith("reported a failure: nope"));
        for (int status : new int[]{400, 404, 422, 500}) {
            PeerException e = refused("{\"StatusCode\":" + status + ",\"Id\":\"x\",\"Message\":\"bad\"}");
            assertEquals(PeerException.Kind.REJECTED, e.kind());
            assertTrue(e.getMessage().endsWith("status " + status + ": bad"), e.getMessage());
        }
        assertTrue(refused("{\"Errors\":[{\"Message\":\"one\"},{\"Message\":\"two\"}]}").getMessage()
                .endsWith("one (and 1 more errors)"));
        assertTrue(refused("{\"Successful\":false,\"Message\":\"key-9c1e5a is wrong\"}").getMessage()
                .endsWith("*** is wrong"));
    }

    @Test
    void successesAndAnswersThatAreNotEnvelopesPass() {
        for (String body : List.of("{\"Successful\":true,\"Message\":null}", "{\"StatusCode\":200,\"Id\":\"x\"}",
                "{\"Errors\":[]}", "{\"Result\":[]}", "[1,2]", "")) {
            CalabrioAnswer.requireSuccess("Calabrio", answer(body), SECRETS);
        }
        assertEquals("[]", CalabrioAnswer.requireSuccess("Calabrio", answer("{\"Result\":[]}"), SECRETS).path("Result")
                .toString());
    }

    @Test
    void a200ThatIsNotJsonIsMalformedAndQuotedWithoutTheSecret() {
        PeerException e = refused("<html>login for key-9c1e5a</html>");
        assertEquals(PeerException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
        assertFalse(e.getMessage().contains("key-9c1e5a"));
    }
}
