package com.wixanswers.wfm.http;

import java.nio.charset.StandardCharsets;

/** A successful (2xx) answer of a peer: the body as received, bytes, decoded to text only where wanted. */
public record PeerResponse(int status, byte[] bytes) {
    public String body() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
