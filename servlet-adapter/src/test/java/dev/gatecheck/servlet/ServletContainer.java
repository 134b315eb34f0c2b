package dev.gatecheck.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;

/**
 * A real servlet container on 127.0.0.1 and a free port, running one application at context path
 * {@value #CONTEXT_PATH}. The application registers itself through the standard {@code ServletContext} API
 * (a {@link ServletContainerInitializer}), so every container runs exactly the same code; the container adds
 * only what that API cannot: error pages for 404 and 500 at {@value #ERROR_PAGE}.
 */
public interface ServletContainer {
    String CONTEXT_PATH = "/app";
    String ERROR_PAGE = "/error";

    /**
     * True when the container answers {@code Expect: 100-continue} before the application reads the body
     * (Tomcat's default {@code continueResponseTiming=immediately}); false when only a read asks for it (Jetty).
     */
    boolean asksForTheBodyBeforeItIsRead();

    /** Starts {@code app} at {@value #CONTEXT_PATH}; fails when the application does not start. */
    default Deployment deploy(ServletContainerInitializer app) throws Exception {
        return deploy(app, CONTEXT_PATH);
    }

    /** Starts {@code app} at {@code contextPath} ({@code ""} for the root); fails when it does not start. */
    Deployment deploy(ServletContainerInitializer app, String contextPath) throws Exception;

    /** Starts {@code app} expecting it not to start, and returns why it did not. */
    Throwable failedStartup(ServletContainerInitializer app) throws Exception;

    /** A running application. */
    interface Deployment extends AutoCloseable {
        /** The URI of {@code rawPath} within the application, sent as written (no normalisation). */
        URI uri(String rawPath);

        /** The port the container listens on, at 127.0.0.1. */
        int port();

        /** Stops the container. */
        @Override
        void close();
    }
}
