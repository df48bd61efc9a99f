package com.wixanswers.wfm.calabrio;

import com.wixanswers.wfm.config.Secret;
import com.wixanswers.wfm.http.PeerHttpClient;
import com.wixanswers.wfm.http.PeerResponse;
import com.wixanswers.wfm.config.PeerUrl;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Sends historical-data bodies to {@code {CALABRIO_BASE_URL}/historical-data/api/v1/<kind>} with the tenant key.
 * The header carrying the key is an assumption (docs/contracts/requests.md), kept here only.
 */
public final class HttpHistoricalDataTransport implements HistoricalDataTransport {
    /** Where the historical-data API's three paths live, under the tenant's base URL. */
    public static final String API_PATH = "/historical-data/api/v1/";

    private final PeerHttpClient http;
    private final PeerUrl baseUrl;
    private final Supplier<Secret> tenantKey;
    private final Supplier<Secret> dataSourceKey;

    /**
     * @param tenantKey     read at every call, so a rotated key is used as soon as it is visible
     * @param dataSourceKey the body's half of the credential, blanked out of every message like the tenant key
     */
    public HttpHistoricalDataTransport(PeerHttpClient http, PeerUrl baseUrl, Supplier<Secret> tenantKey,
                                       Supplier<Secret> dataSourceKey) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.tenantKey = tenantKey;
        this.dataSourceKey = dataSourceKey;
    }

    @Override
    public void post(HistoricalKind kind, String name, byte[] body) {
        Secret key = tenantKey.get();
        List<Secret> secrets = List.of(key, dataSourceKey.get());
        PeerResponse response = http.postJson(baseUrl.resolve(API_PATH + kind.path()), body,
                Map.of("Authorization", "Bearer " + key.reveal()), secrets, null);
        CalabrioAnswer.requireSuccess(http.policy().peer(), response, secrets);
    }
}
