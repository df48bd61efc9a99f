package com.wixanswers.wfm.calabrio;

import com.wixanswers.wfm.config.Secret;

import java.time.Instant;

/** Where RTA bodies go: Calabrio, or files for a dry run. */
public interface RtaTransport {
    /**
     * @param name    a readable, unique name of the request ({@code tick-3-changes-1})
     * @param key     the authentication key inside {@code body}, to keep out of messages and files
     * @throws com.wixanswers.wfm.http.PeerException when Calabrio does not process the request
     */
    void post(String name, byte[] body, Secret key, Instant deadline);
}
