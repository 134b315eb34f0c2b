package dev.gatecheck.servlet;

import jakarta.servlet.ServletContainerInitializer;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Handler;

/** Jetty's servlet environment for Jakarta EE 10 (Servlet 6.0). */
public final class JettyEe10 implements JettyContainer.Environment {
    @Override
    public Handler context(ServletContainerInitializer app, String contextPath, boolean decodeAmbiguousUris) {
        ServletContextHandler context = new ServletContextHandler(contextPath);
        context.addServletContainerInitializer(app);
        context.getServletHandler().setDecodeAmbiguousURIs(decodeAmbiguousUris);
        ErrorPageErrorHandler errorPages = new ErrorPageErrorHandler();
        errorPages.addErrorPage(404, ServletContainer.ERROR_PAGE);
        errorPages.addErrorPage(500, ServletContainer.ERROR_PAGE);
        context.setErrorHandler(errorPages);
        return context;
    }

    @Override
    public String toString() {
        return "ee10";
    }
}
