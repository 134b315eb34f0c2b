package dev.gatecheck;

import static dev.gatecheck.testing.Engines.assertAllowed;
import static dev.gatecheck.testing.Engines.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.testing.IntrospectionServer;
import dev.gatecheck.testing.IntrospectionServer.Fault;
import dev.gatecheck.testing.JwksServer;
import dev.gatecheck.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The outage and hostile-answer table: an introspection endpoint that is down, slow, failing, redirecting, answering
 * HTML, oversized or with {@code active} as a string is a 503 {@code auth_unavailable} with {@code Retry-After},
 * never a 401 and never a 500, and nothing of it is cached: the engine recovers as soon as the endpoint does.
 */
class IntrospectionOutageTest {
    private static final String ISSUER = "https://issuer.test";
    private static final String TOKEN = "op_5b2f0c3e9a7d4e1f8c6b";

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-29T12:00:00Z"));
    private IntrospectionServer server;
    private Gatecheck gatecheck;

    @BeforeEach
    void startServer() {
        server = IntrospectionServer.start("api", "secret").activate(TOKEN, "\"sub\":\"alice\"");
    }

    @AfterEach
    void stop() {
        if (gatecheck != null) {
            gatecheck.close();
        }
        server.close();
    }

    private void engine(String uri, Consumer<dev.gatecheck.config.IntrospectionSettings> client) {
        gatecheck = Gatecheck.create(GatecheckConfig.builder().clock(clock)
                .introspectionTimeout(Duration.ofMillis(500))
                .jwt(j -> j.issuer(ISSUER).introspection(i -> client.accept(i.uri(uri).clientId("api"))))
                .build());
    }

    private Decision get() {
        return gatecheck.authenticate(AuthRequest.builder("GET", "/api/orders").bearer(TOKEN).build());
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aFaultyEndpointIs503WithRetryAfterAndTheEngineRecoversWithIt(Fault fault) {
        engine(server.uri(), i -> i.clientSecret("secret"));
        server.fault(fault);

        Rejection r = assertUnavailable(get(), "introspection endpoint fault " + fault);
        assertThat(r.detail()).as("detail").isEqualTo("introspection_unavailable");

        server.fault(Fault.NONE);
        assertAllowed(get(), "the same token once the endpoint answers again (a failure is never cached)");
    }

    @Test
    void anEndpointNobodyListensOnIs503() {
        engine("http://127.0.0.1:" + JwksServer.freePort() + "/introspect", i -> i.clientSecret("secret"));

        assertUnavailable(get(), "introspection endpoint refusing connections");
    }

    @Test
    void aRedirectIsNeverFollowed() {
        engine(server.uri(), i -> i.clientSecret("secret"));
        server.fault(Fault.REDIRECT);

        assertUnavailable(get(), "a 302 from the introspection endpoint");
        assertThat(server.received()).as("requests: only the one redirected, never its target").hasSize(1);
    }

    @Test
    void anEndpointThatRefusesTheClientIs503NotAVerdictOnTheToken() {
        engine(server.uri(), i -> i.clientSecret("not-the-secret"));

        assertUnavailable(get(), "the endpoint answered 401 invalid_client: the operator's problem");
        assertThat(server.refusedClients()).as("client authentications refused").isEqualTo(1);
    }
}
