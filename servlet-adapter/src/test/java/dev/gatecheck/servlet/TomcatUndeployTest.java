package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.testing.Http;
import dev.gatecheck.testing.JwksServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Undeploying a web application whose declarative filter fetched keys leaves no thread of Gatecheck behind: Tomcat
 * checks every live thread whose context class loader is the application's when it stops, and reports each.
 */
class TomcatUndeployTest {
    /** Where Tomcat's class loader reports threads (and other references) an application left behind. */
    private static final Logger LEAKS = Logger.getLogger("org.apache.catalina.loader.WebappClassLoaderBase");

    private final TestIssuer issuer = new TestIssuer();
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            reported.add(String.valueOf(record.getMessage()) + " " + List.of(record.getParameters() == null
                    ? new Object[0] : record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private JwksServer jwks;
    private java.util.logging.Level level;

    @BeforeEach
    void start() {
        jwks = JwksServer.start().serve("/jwks", issuer.jwks());
        // The tests' logging.properties keep this logger at SEVERE; its thread reports are warnings.
        level = LEAKS.getLevel();
        LEAKS.setLevel(java.util.logging.Level.WARNING);
        LEAKS.setUseParentHandlers(false);
        LEAKS.addHandler(capture);
    }

    @AfterEach
    void stop() {
        LEAKS.removeHandler(capture);
        LEAKS.setUseParentHandlers(true);
        LEAKS.setLevel(level);
        jwks.close();
    }

    @Test
    void undeployingAnApplicationThatFetchedKeysLeavesNoThreadBehind() throws Exception {
        Map<String, String> keys = new HashMap<>(issuer.keys());
        keys.remove("gatecheck.jwt.jwks");
        keys.put("gatecheck.jwt.jwks-uri", jwks.uri("/jwks").toString());
        TestApplication app = TestApplication.guardedBy(new GatecheckFilter(Map.of()), keys);

        try (ServletContainer.Deployment deployment = new TomcatContainer().deploy(app)) {
            assertThat(Http.get(deployment.uri("/api/users"), "Authorization",
                    "Bearer " + issuer.token("alice", "")).status()).as("a request verified with fetched keys")
                    .isEqualTo(200);
            assertThat(jwks.hits("/jwks")).as("JWKS fetches").isPositive();
        }

        assertThat(reported).as("what Tomcat reported the application left behind when it stopped")
                .noneMatch(message -> message.contains("thread"));
    }
}
