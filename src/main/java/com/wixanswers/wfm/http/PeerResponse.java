package com.wixanswers.wfm.http;

/** A successful (2xx) answer of a peer. */
public record PeerResponse(int status, String body) {
}
