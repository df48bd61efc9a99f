package com.wixanswers.wfm;

import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;
import com.wixanswers.wfm.doctor.DoctorTrigger;
import com.wixanswers.wfm.forecast.ForecastActivities;
import com.wixanswers.wfm.forecast.ForecastTriggers;
import com.wixanswers.wfm.historical.HistoricalActivities;
import com.wixanswers.wfm.historical.HistoricalTriggers;
import com.wixanswers.wfm.onboarding.OnboardingActivities;
import com.wixanswers.wfm.onboarding.OnboardingTriggers;
import com.wixanswers.wfm.realtime.RealtimeFunctions;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The Java worker's injection point (registered in META-INF/services): it builds each function class with its
 * parts, from the one {@link Integration} of this worker process. The integration is wired on the first call that
 * needs it, so start-up stays light, and a settings error fails those calls, naming the setting, until it is fixed.
 * Classes with no parts (the orchestrations) are built with their no-argument constructor.
 */
public final class FunctionClassInjector implements FunctionInstanceInjector {
    private final Supplier<Integration> wiring;
    private Integration integration;

    /** The worker's: the integration from app settings. */
    public FunctionClassInjector() {
        this(() -> Integration.fromEnvironment(System.getenv()).build());
    }

    FunctionClassInjector(Supplier<Integration> wiring) {
        this.wiring = wiring;
    }

    @Override
    public <T> T getInstance(Class<T> functionClass) throws Exception {
        Object instance = create(functionClass);
        return functionClass.cast(instance != null ? instance : functionClass.getDeclaredConstructor().newInstance());
    }

    /** The function class built with its parts, or null when it has none. */
    private Object create(Class<?> functionClass) {
        if (functionClass == HistoricalTriggers.class) {
            return integration().historicalTriggers();
        }
        if (functionClass == HistoricalActivities.class) {
            return integration().historicalActivities();
        }
        if (functionClass == RealtimeFunctions.class) {
            return new RealtimeFunctions(integration().realtimeTick());
        }
        if (functionClass == OnboardingTriggers.class) {
            return new OnboardingTriggers(integration().onboardingRuns(), Clock.systemUTC());
        }
        if (functionClass == OnboardingActivities.class) {
            return integration().onboardingActivities();
        }
        if (functionClass == ForecastTriggers.class) {
            return new ForecastTriggers(integration().forecastRuns(), Clock.systemUTC());
        }
        if (functionClass == DoctorTrigger.class) {
            return new DoctorTrigger(options -> integration().doctor().run(options));
        }
        if (functionClass == ForecastActivities.class) {
            return integration().forecastActivities();
        }
        return null;
    }

    private synchronized Integration integration() {
        if (integration == null) {
            integration = wiring.get();
        }
        return integration;
    }
}
