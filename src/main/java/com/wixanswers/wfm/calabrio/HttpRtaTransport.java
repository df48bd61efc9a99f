package com.wixanswers.wfm.calabrio;

import com.wixanswers.wfm.config.Secret;
import com.wixanswers.wfm.http.PeerHttpClient;
import com.wixanswers.wfm.config.PeerUrl;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** POSTs RTA bodies to {@code CALABRIO_RTA_URL}; the key travels in the body, as the RTA API wants it. */
public final class HttpRtaTransport implements RtaTransport {
    private final PeerHttpClient http;
    private final PeerUrl url;

    public HttpRtaTransport(PeerHttpClient http, PeerUrl url) {
        this.http = http;
        this.url = url;
    }

    @Override
    public void post(String name, byte[] body, Secret key, Instant deadline) {
        http.postJson(url.uri(), body, Map.of(), List.of(key), deadline);
    }
}
