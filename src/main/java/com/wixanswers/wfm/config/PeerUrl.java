package com.wixanswers.wfm.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The address of a peer. Only {@code https://} is accepted, except to a loopback host (local stubs and the
 * benchmark's sink), so a token can never travel in clear text.
 */
public record PeerUrl(URI uri) {

    /**
     * @param setting the setting the value came from, named in every error
     * @throws IllegalArgumentException with a message naming the setting
     */
    public static PeerUrl parse(String setting, String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + " is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            // Only what identifies the mistake: the value itself may hold a secret.
            throw new IllegalArgumentException(setting + " must be an absolute https:// URL"
                    + (scheme.isEmpty() ? " (it has no scheme)" : " (its scheme is " + scheme + ")"));
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null) {
            throw new IllegalArgumentException(setting + " must not hold credentials or a query string");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException(setting + " uses plain http:// to " + uri.getHost()
                    + ", which is refused except to localhost:"
                    + " use https://");
        }
        return new PeerUrl(uri);
    }

    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: a name is never resolved here, so DNS cannot make a host "loopback".
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** This URL with {@code path} appended (slashes between them normalised). */
    public URI resolve(String path) {
        String base = uri.toString();
        String trimmedBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String trimmedPath = path.startsWith("/") ? path : "/" + path;
        return URI.create(trimmedBase + trimmedPath);
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
