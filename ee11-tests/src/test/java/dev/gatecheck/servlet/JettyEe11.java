package dev.gatecheck.servlet;

import jakarta.servlet.ServletContainerInitializer;
import org.eclipse.jetty.ee11.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;

/** Jetty's servlet environment for Jakarta EE 11 (Servlet 6.1): {@link JettyEe10} in Jetty's ee11 packages. */
public final class JettyEe11 implements JettyContainer.Environment {
    /** Jetty 12.1 with this environment and its default URI compliance. */
    public static JettyContainer container() {
        return new JettyContainer(new JettyEe11(), UriCompliance.DEFAULT);
    }

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
        return "ee11";
    }
}
