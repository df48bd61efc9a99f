package com.wixanswers.wfm.workflow;

import com.microsoft.azure.functions.internal.spi.middleware.Middleware;
import com.microsoft.azure.functions.internal.spi.middleware.MiddlewareChain;
import com.microsoft.azure.functions.internal.spi.middleware.MiddlewareContext;
import com.wixanswers.wfm.logging.InvocationLog;

/**
 * The Java worker's middleware around every function invocation (registered in META-INF/services, as
 * durabletask's own): for its span, what the app logs goes to the invocation's logger, so that each line reaches
 * Application Insights with the function's name, the invocation id and its level. The in-process driver runs it
 * around every activity the same way.
 */
public final class InvocationLogging implements Middleware {
    @Override
    public void invoke(MiddlewareContext context, MiddlewareChain chain) throws Exception {
        try (InvocationLog.Binding ignored = InvocationLog.bind(context.getLogger())) {
            chain.doNext(context);
        }
    }
}
