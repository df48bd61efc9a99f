package com.wixanswers.wfm.workflow;

import com.microsoft.azure.functions.internal.spi.middleware.MiddlewareContext;

import java.util.UUID;
import java.util.logging.Logger;

/**
 * One function invocation as the in-process driver hands it to the worker's middleware (durabletask's
 * {@code OrchestrationMiddleware}, {@link InvocationLogging}): its name, a fresh invocation id, its logger (named
 * {@code Function.<name>}, as the worker names it, outside the app's loggers) and its one trigger parameter.
 */
final class DriverInvocation implements MiddlewareContext {
    private final String functionName;
    private final String invocationId = UUID.randomUUID().toString();
    private final String triggerAnnotation;
    private final String parameterName;
    private Object parameterValue;
    private Object returnValue;

    /**
     * @param triggerAnnotation the simple name of the trigger's annotation ({@code DurableOrchestrationTrigger},
     *                          {@code DurableActivityTrigger})
     */
    DriverInvocation(String functionName, String triggerAnnotation, String parameterName, Object parameterValue) {
        this.functionName = functionName;
        this.triggerAnnotation = triggerAnnotation;
        this.parameterName = parameterName;
        this.parameterValue = parameterValue;
    }

    @Override
    public Logger getLogger() {
        return Logger.getLogger("Function." + functionName);
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getParameterName(String annotationSimpleClassName) {
        return triggerAnnotation.equals(annotationSimpleClassName) ? parameterName : null;
    }

    @Override
    public Object getParameterValue(String name) {
        return parameterName.equals(name) ? parameterValue : null;
    }

    @Override
    public void updateParameterValue(String name, Object value) {
        if (parameterName.equals(name)) {
            parameterValue = value;
        }
    }

    @Override
    public Object getReturnValue() {
        return returnValue;
    }

    @Override
    public void updateReturnValue(Object value) {
        returnValue = value;
    }
}
