package com.wixanswers.wfm.workflow;

import com.microsoft.azure.functions.internal.spi.middleware.MiddlewareContext;
import com.wixanswers.wfm.logging.InvocationLog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the app's static loggers write during a function invocation reaches the invocation's logger, with its level
 * (in Azure: Application Insights, with the function's name and invocation id); outside one, the console as before.
 */
class InvocationLoggingTest {
    /** An app logger, as the activities' and the peers' classes have. */
    private static final Logger APP = Logger.getLogger("com.wixanswers.wfm.realtime.SomeClass");

    /** Records handed to a logger, kept. */
    private static final class Kept extends Handler {
        final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static Logger invocationLogger(String name, Kept kept) {
        Logger logger = Logger.getLogger(name);
        logger.setUseParentHandlers(false);
        logger.addHandler(kept);
        return logger;
    }

    @Test
    void theMiddlewareHandsTheAppsLinesToTheInvocationsLoggerWithTheirLevel() throws Exception {
        Kept invocation = new Kept();
        Kept root = new Kept();
        Logger.getLogger("").addHandler(root);
        try {
            Logger logger = invocationLogger("Host.Function.SendQueue", invocation);
            MiddlewareContext context = (MiddlewareContext) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[]{MiddlewareContext.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getLogger")) {
                            return logger;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            new InvocationLogging().invoke(context, ignored -> APP.warning("queue q-003 not sent: HTTP 400"));
            APP.info("outside any invocation");
            assertEquals(1, invocation.records.size());
            assertEquals(Level.WARNING, invocation.records.get(0).getLevel());
            assertEquals("queue q-003 not sent: HTTP 400", invocation.records.get(0).getMessage());
            assertEquals(InvocationLoggingTest.class.getName(), invocation.records.get(0).getSourceClassName(),
                    "the line names the class that logged it, not the handler that forwarded it");
            assertTrue(root.records.stream().noneMatch(r -> r.getMessage().startsWith("queue q-003")),
                    "not also to the console, where Azure would record it a second time");
            assertTrue(root.records.stream().anyMatch(r -> r.getMessage().equals("outside any invocation")));
        } finally {
            Logger.getLogger("").removeHandler(root);
        }
    }

    @Test
    void workHandedToAPoolThreadCarriesTheInvocationAlong() throws Exception {
        Kept invocation = new Kept();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (InvocationLog.Binding ignored = InvocationLog.bind(invocationLogger("Host.Function.RealtimeTick",
                invocation))) {
            CompletableFuture.supplyAsync(InvocationLog.carried(() -> {
                APP.warning("rta: Calabrio refused the state of UserCode ghost");
                return null;
            }), pool).join();
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, invocation.records.size());
    }

    @Test
    void theInProcessDriverRunsEveryActivityInsideTheMiddleware() throws Exception {
        Kept kept = new Kept();
        Logger functionLogger = Logger.getLogger("Function.Chatty");
        functionLogger.addHandler(kept);
        WorkflowCatalog catalog = new WorkflowCatalog()
                .activity("Chatty", String.class, input -> {
                    APP.info(() -> "chatty says " + input);
                    return "ok";
                })
                .orchestrator("CallsChatty", context -> context.callActivity("Chatty", "hello", String.class).await());
        try (InProcessDriver driver = new InProcessDriver(catalog, 1, DriverClock.virtual(
                java.time.Instant.parse("2026-12-06T10:00:00Z")))) {
            driver.start("CallsChatty", null, "chatty");
            assertEquals(InstanceState.Status.COMPLETED, driver.awaitCompletion("chatty").status());
        } finally {
            functionLogger.removeHandler(kept);
        }
        assertEquals(List.of("chatty says hello"), kept.records.stream().map(LogRecord::getMessage).toList());
    }

    @Test
    void anInvocationsLoggerCannotBeAnAppLogger() {
        assertThrows(IllegalArgumentException.class, () -> InvocationLog.bind(APP));
    }
}
