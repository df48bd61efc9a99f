package com.wixanswers.wfm;

import com.microsoft.azure.functions.annotation.FunctionName;
import com.wixanswers.wfm.config.EnvironmentSecrets;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.realtime.MemoryStateStore;
import com.wixanswers.wfm.testing.RealtimeEnvironment;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker finds the injector, and the injector builds every function class the app declares. */
class FunctionClassInjectorTest {
    private static Map<String, String> environment() {
        Map<String, String> environment = RealtimeEnvironment.against("https://tenant.teleopticloud.com");
        environment.put("CALABRIO_BASE_URL", "https://tenant.teleopticloud.com");
        environment.put("CALABRIO_HISTORICAL_TENANT_KEY", "tenant-key");
        environment.put("CALABRIO_DATA_SOURCE_KEY", "data-source-key");
        environment.put("AzureWebJobsStorage", "UseDevelopmentStorage=true");
        environment.put("CALABRIO_API_TOKEN", "wfm-token");
        environment.put("CALABRIO_BUSINESS_UNIT_ID", "928dd0bc-bf40-412e-b970-9b5e015aadea");
        return environment;
    }

    /** Every class of the app with a @FunctionName method, found in the compiled classes. */
    private static List<Class<?>> functionClasses() throws IOException {
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .map(FunctionClassInjectorTest::load)
                    .filter(type -> Arrays.stream(type.getDeclaredMethods())
                            .anyMatch(method -> method.isAnnotationPresent(FunctionName.class)))
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, FunctionClassInjectorTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theWorkerFindsTheInjectorThroughTheServiceFile() {
        List<Object> found = ServiceLoader.load(com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector.class)
                .stream().map(provider -> (Object) provider.type()).toList();
        assertEquals(List.of(FunctionClassInjector.class), found);
    }

    @Test
    void everyFunctionClassIsBuiltWithItsParts() throws Exception {
        Map<String, String> environment = environment();
        try (Integration integration = new Integration.Builder(Settings.load(environment),
                new EnvironmentSecrets(environment)).stateStore(new MemoryStateStore()).build()) {
            FunctionClassInjector injector = new FunctionClassInjector(() -> integration);
            List<Class<?>> functionClasses = functionClasses();
            assertTrue(functionClasses.size() >= 10, functionClasses.toString());
            for (Class<?> type : functionClasses) {
                assertInstanceOf(type, injector.getInstance(type), type.getName());
                for (Method method : type.getDeclaredMethods()) {
                    if (method.isAnnotationPresent(FunctionName.class)) {
                        assertFalse(java.lang.reflect.Modifier.isStatic(method.getModifiers()),
                                method + ": the worker calls functions on the injected instance");
                    }
                }
            }
        }
    }

    @Test
    void aSettingsErrorFailsTheFunctionsThatNeedSettingsNamingTheSetting() throws Exception {
        FunctionClassInjector injector = new FunctionClassInjector(() -> {
            throw new com.wixanswers.wfm.config.SettingsException("STATS_TIME_ZONE='Mars' is not an IANA time zone id");
        });
        Exception failure = assertThrows(Exception.class,
                () -> injector.getInstance(com.wixanswers.wfm.historical.HistoricalTriggers.class));
        assertTrue(failure.getMessage().contains("STATS_TIME_ZONE"), failure.getMessage());
        // The orchestrations need nothing, so a wrong setting never stops a replay.
        assertInstanceOf(com.wixanswers.wfm.historical.HistoricalOrchestrations.class,
                injector.getInstance(com.wixanswers.wfm.historical.HistoricalOrchestrations.class));
    }
}
