package dev.gatecheck.servlet;

import dev.gatecheck.testing.SelfSignedCertificates;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty 12 and Tomcat 10.1 serving one application at {@value ServletContainer#CONTEXT_PATH} over TLS on 127.0.0.1
 * and a free port: the server's identity from a keystore, and a client certificate asked for (not required) and
 * verified against the trusted clients' certificates, as a mutual-TLS deployment runs.
 */
public final class TlsContainers {
    private TlsContainers() {
    }

    /** A container that serves over TLS. */
    public interface TlsContainer {
        /** Starts {@code app}, the server presenting {@code identity}, trusting client certificates in {@code clients}. */
        ServletContainer.Deployment deploy(ServletContainerInitializer app, KeyStore identity, KeyStore clients)
                throws Exception;
    }

    public static final TlsContainer JETTY = TlsContainers::jetty;
    public static final TlsContainer TOMCAT = TlsContainers::tomcat;

    private static ServletContainer.Deployment jetty(ServletContainerInitializer app, KeyStore identity,
                                                     KeyStore clients) throws Exception {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(identity);
        tls.setKeyStorePassword(SelfSignedCertificates.PASSWORD);
        tls.setKeyManagerPassword(SelfSignedCertificates.PASSWORD);
        tls.setTrustStore(clients);
        tls.setWantClientAuth(true);
        HttpConfiguration http = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // The client connects to an IP address and sends no SNI.
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContainer.CONTEXT_PATH);
        context.addServletContainerInitializer(app);
        server.setHandler(context);
        server.setStopTimeout(0);
        server.start();
        return deployment(connector.getLocalPort(), () -> server.stop());
    }

    private static ServletContainer.Deployment tomcat(ServletContainerInitializer app, KeyStore identity,
                                                      KeyStore clients) throws Exception {
        Path base = Files.createTempDirectory("gatecheck-tomcat-tls");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setSecure(true);
        connector.setScheme("https");
        connector.setProperty("SSLEnabled", "true");
        SSLHostConfig host = new SSLHostConfig();
        host.setCertificateVerification("optional");
        host.setTrustStore(clients);
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.EC);
        certificate.setCertificateKeystore(identity);
        certificate.setCertificateKeystorePassword(SelfSignedCertificates.PASSWORD);
        certificate.setCertificateKeyAlias(SelfSignedCertificates.ALIAS);
        host.addCertificate(certificate);
        connector.addSslHostConfig(host);
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext(ServletContainer.CONTEXT_PATH, base.toAbsolutePath().toString());
        context.addServletContainerInitializer(app, null);
        tomcat.start();
        return deployment(connector.getLocalPort(), () -> {
            tomcat.stop();
            tomcat.destroy();
            try (Stream<Path> files = Files.walk(base)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        });
    }

    private interface Stop {
        void stop() throws Exception;
    }

    private static ServletContainer.Deployment deployment(int port, Stop stop) {
        return new ServletContainer.Deployment() {
            @Override
            public URI uri(String rawPath) {
                return URI.create("https://127.0.0.1:" + port + ServletContainer.CONTEXT_PATH + rawPath);
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() {
                try {
                    stop.stop();
                } catch (Exception | Error e) {
                    throw new IllegalStateException("the container did not stop", e);
                }
            }
        };
    }
}
