package dev.gatecheck.jaxrs;

import dev.gatecheck.testing.SelfSignedCertificates;
import java.net.URI;
import java.security.KeyStore;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A Jetty 12 (ee10) server on 127.0.0.1 and an ephemeral port, with one servlet context at {@code /app}: plain HTTP,
 * or TLS asking for (not requiring) a client certificate ({@link #tls}).
 */
final class AppServer {
    private final Server server = new Server();
    private final ServerConnector connector;
    private final String scheme;
    private final ServletContextHandler context = new ServletContextHandler();

    AppServer() {
        this.connector = new ServerConnector(server);
        this.scheme = "http";
        setUp();
    }

    private AppServer(SslContextFactory.Server tls) {
        HttpConfiguration https = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // The client connects to an IP address and sends no SNI.
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        this.connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(https));
        this.scheme = "https";
        setUp();
    }

    /** A server presenting {@code identity}, verifying client certificates against {@code clients}. */
    static AppServer tls(KeyStore identity, KeyStore clients) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(identity);
        tls.setKeyStorePassword(SelfSignedCertificates.PASSWORD);
        tls.setKeyManagerPassword(SelfSignedCertificates.PASSWORD);
        tls.setTrustStore(clients);
        tls.setWantClientAuth(true);
        return new AppServer(tls);
    }

    private void setUp() {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        context.setContextPath("/app");
        server.setHandler(context);
    }

    /** The context, to add servlets and filters to before {@link #start()}. */
    ServletContextHandler context() {
        return context;
    }

    AppServer start() throws Exception {
        server.start();
        return this;
    }

    void stop() throws Exception {
        server.stop();
    }

    int port() {
        return connector.getLocalPort();
    }

    /** {@code <scheme>://127.0.0.1:<port>/app} followed by {@code path}. */
    URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + port() + "/app" + path);
    }
}
