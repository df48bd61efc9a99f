package com.wixanswers.wfm.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The demo's stand-in for Wix Answers' {@code getAgentActivities}, on a loopback port: a floor of agents whose
 * activities move on by one step at each call, so that a first tick sends a snapshot and the next ones changes.
 */
public final class DemoAnswers implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What each agent does at each step, in turn: most keep on, a few change every minute. */
    private static final String[][] ACTIVITIES = {
            {"ONLINE", null, null}, {"IN_WORK", "CALL", null}, {"IN_WORK", "CHAT", null},
            {"BUSY", null, "Lunch"}, {"IN_WORK", "TICKET", null}, {"OFFLINE", null, null}};

    private final HttpServer server;
    private final int agents;
    private int calls;

    public DemoAnswers(int agents) {
        this.agents = agents;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the demo's Wix Answers stand-in", e);
        }
        server.createContext("/rpc", exchange -> {
            byte[] answer = answer(nextStep());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(answer);
            }
        });
        server.start();
    }

    /** The stand-in's address, for ANSWERS_RPC_URL. */
    public String rpcUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + "/rpc";
    }

    private synchronized int nextStep() {
        return calls++;
    }

    /** Agent i does activity (i + step) / 7 mod 6: a seventh of the floor moves on at each step. */
    private byte[] answer(int step) throws IOException {
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", "1");
        ArrayNode activities = answer.putObject("result").putArray("activities");
        for (int agent = 0; agent < agents; agent++) {
            String[] activity = ACTIVITIES[(agent + step) / 7 % ACTIVITIES.length];
            activities.addObject().put("agentId", InteractionGenerator.agentId(agent)).put("status", activity[0])
                    .put("channel", activity[1]).put("busyReason", activity[2]);
        }
        return JSON.writeValueAsBytes(answer);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
