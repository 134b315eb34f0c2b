package dev.gatecheck.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.descriptor.web.ErrorPage;

/**
 * Embedded Tomcat (10.1 here; the EE 11 tests run the same class on Tomcat 11), its base directory in a temporary
 * folder, HTTP/1.1 and HTTP/2 by upgrade.
 */
public final class TomcatContainer implements ServletContainer {
    /** Tomcat logs (rather than throws) why a context failed to start; kept strongly reachable here. */
    private static final Logger CONTAINER_LOG = Logger.getLogger("org.apache.catalina.core");

    @Override
    public String toString() {
        return "Tomcat " + ServerInfo.getServerNumber();
    }

    @Override
    public boolean asksForTheBodyBeforeItIsRead() {
        return true;
    }

    /**
     * True when Tomcat hands out HTTP/2 push builders (10.1); Tomcat 11 removed server push, which Servlet 6.1
     * deprecates: its requests answer {@code newPushBuilder()} with null.
     */
    public boolean pushes() {
        return ServerInfo.getServerNumber().startsWith("10.");
    }

    @Override
    public Deployment deploy(ServletContainerInitializer app, String contextPath) throws Exception {
        Running running = start(app, contextPath);
        if (running.context.getState() != LifecycleState.STARTED) {
            running.close();
            throw new IllegalStateException("the application did not start: " + running.context.getState());
        }
        return running;
    }

    @Override
    public Throwable failedStartup(ServletContainerInitializer app) throws Exception {
        List<Throwable> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getThrown() != null) {
                    logged.add(record.getThrown());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        CONTAINER_LOG.addHandler(capture);
        // The failure is the expected outcome: capture it instead of printing it.
        CONTAINER_LOG.setUseParentHandlers(false);
        try (Running running = start(app, CONTEXT_PATH)) {
            if (running.context.getState() == LifecycleState.STARTED) {
                throw new AssertionError("the application started");
            }
            if (logged.isEmpty()) {
                throw new AssertionError("the application did not start, but Tomcat logged no exception");
            }
            return logged.get(0);
        } finally {
            CONTAINER_LOG.removeHandler(capture);
            CONTAINER_LOG.setUseParentHandlers(true);
        }
    }

    private static Running start(ServletContainerInitializer app, String contextPath) throws Exception {
        Path base = Files.createTempDirectory("gatecheck-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        // Tomcat drops trailers it is not told to allow; allow some, so the filter has to hide them as Jetty's.
        connector.setProperty("allowedTrailerHeaders", "authorization,x-user-id,x-user-roles,x_user_roles,x-trace");
        // HTTP/2 by upgrade (h2c): Tomcat then hands out push builders, initialised with the request's headers.
        connector.addUpgradeProtocol(new Http2Protocol());
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext(contextPath, base.toAbsolutePath().toString());
        context.addServletContainerInitializer(app, null);
        // Like index.jsp with *.jsp in Tomcat's web.xml: a directory without a servlet of its own is dispatched to
        // index.ext when an extension mapping takes it (the DispatchApplication's *.ext servlet does).
        context.addWelcomeFile("index.ext");
        for (int status : new int[] {404, 500}) {
            ErrorPage page = new ErrorPage();
            page.setErrorCode(status);
            page.setLocation(ERROR_PAGE);
            context.addErrorPage(page);
        }
        tomcat.start();
        return new Running(tomcat, context, connector, base, contextPath);
    }

    private record Running(Tomcat tomcat, Context context, Connector connector, Path base, String contextPath)
            implements Deployment {
        @Override
        public URI uri(String rawPath) {
            return URI.create("http://127.0.0.1:" + port() + contextPath + rawPath);
        }

        @Override
        public int port() {
            return connector.getLocalPort();
        }

        @Override
        public void close() {
            try {
                tomcat.stop();
                tomcat.destroy();
                delete(base);
            } catch (Exception e) {
                throw new IllegalStateException("Tomcat did not stop", e);
            }
        }

        private static void delete(Path dir) throws IOException {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
