package dev.gatecheck.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.testing.TestKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The settings of DPoP (RFC 9449), certificate-bound tokens (RFC 8705), step-up (RFC 9470) and protected-resource
 * metadata (RFC 9728): their defaults, and every invalid value refused at build time naming its key.
 */
class SenderConstrainedConfigTest {
    private static final String ISSUER = "https://issuer.test";
    private static final String JWKS = TestKeys.jwks(TestKeys.jwk(TestKeys.ec("secp256r1").getPublic(), "k", "ES256"));
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static Map<String, String> config(String... pairs) {
        Map<String, String> keys = new HashMap<>(Map.of("gatecheck.jwt.issuer", ISSUER, "gatecheck.jwt.jwks", JWKS));
        for (int i = 0; i < pairs.length; i += 2) {
            keys.put(pairs[i], pairs[i + 1]);
        }
        return keys;
    }

    @Test
    void defaultsAcceptDpopAlongsideBearerWithTheDocumentedProofRules() {
        GatecheckConfig config = GatecheckConfig.fromMap(config());

        assertThat(config.issuers().get(0).dpop()).as("gatecheck.jwt.dpop").isEqualTo(IssuerConfig.Dpop.ALLOWED);
        assertThat(config.dpop().algorithms()).as("gatecheck.dpop.algorithms").containsExactly(SignatureAlgorithm.ES256,
                SignatureAlgorithm.PS256, SignatureAlgorithm.RS256, SignatureAlgorithm.EdDSA);
        assertThat(config.dpop().maxAge()).as("gatecheck.dpop.max-age").isEqualTo(Duration.ofSeconds(60));
        assertThat(config.dpop().nonce()).as("gatecheck.dpop.nonce").isFalse();
        assertThat(config.publicBaseUrl()).as("gatecheck.public-base-url").isEmpty();
        assertThat(config.resourceMetadata()).as("gatecheck.resource-metadata.enabled is off by default").isEmpty();
    }

    static Stream<Arguments> invalidConfigurations() {
        return Stream.of(
                invalid("an HMAC proof algorithm", "gatecheck.dpop.algorithms", "gatecheck.dpop.algorithms", "ES256,HS256"),
                invalid("none as a proof algorithm", "gatecheck.dpop.algorithms", "gatecheck.dpop.algorithms", "none"),
                invalid("an unknown proof algorithm", "gatecheck.dpop.algorithms", "gatecheck.dpop.algorithms", "ES256K"),
                invalid("a zero proof age", "gatecheck.dpop.max-age", "gatecheck.dpop.max-age", "0s"),
                invalid("a proof age over 10m", "gatecheck.dpop.max-age", "gatecheck.dpop.max-age", "11m"),
                invalid("a short nonce secret", "gatecheck.dpop.nonce-secret", "gatecheck.dpop.nonce", "true",
                        "gatecheck.dpop.nonce-secret", "short"),
                invalid("a nonce secret without nonces", "gatecheck.dpop.nonce-secret",
                        "gatecheck.dpop.nonce-secret", SECRET),
                invalid("an unknown issuer dpop mode", "gatecheck.jwt.dpop", "gatecheck.jwt.dpop", "optional"),
                invalid("a route dpop other than required", "gatecheck.routes.pay.dpop", "gatecheck.routes.pay.paths",
                        "/pay", "gatecheck.routes.pay.dpop", "allowed"),
                invalid("dpop=required on a gateway route", "gatecheck.routes.pay.dpop", "gatecheck.routes.pay.paths",
                        "/pay", "gatecheck.routes.pay.auth", "gateway", "gatecheck.routes.pay.dpop", "required",
                        "gatecheck.gateway.marker", "shared-secret", "gatecheck.gateway.shared-secret.header", "X-S",
                        "gatecheck.gateway.shared-secret.values", SECRET),
                invalid("dpop=required on a public route", "gatecheck.routes.pay.auth", "gatecheck.routes.pay.paths",
                        "/pay", "gatecheck.routes.pay.auth", "public", "gatecheck.routes.pay.dpop", "required"),
                invalid("acr on a public route", "gatecheck.routes.pay.auth", "gatecheck.routes.pay.paths", "/pay",
                        "gatecheck.routes.pay.auth", "public", "gatecheck.routes.pay.acr", "mfa"),
                invalid("an acr value with a quote", "gatecheck.routes.pay.acr", "gatecheck.routes.pay.paths", "/pay",
                        "gatecheck.routes.pay.acr", "m\"fa"),
                invalid("an acr value with a space", "gatecheck.routes.pay.acr", "gatecheck.routes.pay.paths", "/pay",
                        "gatecheck.routes.pay.acr", "urn:a b"),
                invalid("a zero max-age", "gatecheck.routes.pay.max-age", "gatecheck.routes.pay.paths", "/pay",
                        "gatecheck.routes.pay.max-age", "0s"),
                invalid("a max-age that is no duration", "gatecheck.routes.pay.max-age", "gatecheck.routes.pay.paths",
                        "/pay", "gatecheck.routes.pay.max-age", "soon"),
                invalid("acr on a webhook route", "gatecheck.routes.hook.acr", "gatecheck.routes.hook.paths", "/hook",
                        "gatecheck.routes.hook.webhook", "github", "gatecheck.routes.hook.secrets", SECRET,
                        "gatecheck.routes.hook.acr", "mfa"),
                invalid("a public base URL with a query", "gatecheck.public-base-url", "gatecheck.public-base-url",
                        "https://api.test/?x=1"),
                invalid("a public base URL that is relative", "gatecheck.public-base-url", "gatecheck.public-base-url",
                        "/api"),
                invalid("a public base URL of another scheme", "gatecheck.public-base-url", "gatecheck.public-base-url",
                        "ftp://api.test"),
                invalid("a public base URL with user info", "gatecheck.public-base-url", "gatecheck.public-base-url",
                        "https://user@api.test"),
                invalid("metadata enabled without a resource", "gatecheck.resource-metadata.resource",
                        "gatecheck.resource-metadata.enabled", "true"),
                invalid("metadata of a plain http resource", "gatecheck.resource-metadata.resource",
                        "gatecheck.resource-metadata.enabled", "true", "gatecheck.resource-metadata.resource",
                        "http://api.test"),
                invalid("metadata defaulting to a plain http base URL", "gatecheck.resource-metadata.resource",
                        "gatecheck.resource-metadata.enabled", "true", "gatecheck.public-base-url", "http://api.test"),
                invalid("a metadata resource with a fragment", "gatecheck.resource-metadata.resource",
                        "gatecheck.resource-metadata.enabled", "true", "gatecheck.resource-metadata.resource",
                        "https://api.test/#x"),
                invalid("a metadata resource while metadata is off", "gatecheck.resource-metadata.resource",
                        "gatecheck.resource-metadata.resource", "https://api.test"),
                invalid("a forwarded certificate header that is no header name", "gatecheck.gateway.client-cert-header",
                        "gatecheck.gateway.marker", "shared-secret", "gatecheck.gateway.shared-secret.header", "X-S",
                        "gatecheck.gateway.shared-secret.values", SECRET, "gatecheck.gateway.client-cert-header",
                        "Client Cert"));
    }

    private static Arguments invalid(String why, String key, String... pairs) {
        return Arguments.of(why, key, config(pairs));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigurations")
    void refusesInvalidSettingNamingItsKey(String why, String key, Map<String, String> keys) {
        assertThatThrownBy(() -> GatecheckConfig.fromMap(keys)).as(why).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).as("the key named for: %s (%s)", why,
                        e.getMessage()).isEqualTo(key));
    }

    @Test
    void httpResourceOnALoopbackHostIsAllowedForDevelopment() {
        GatecheckConfig config = GatecheckConfig.fromMap(config("gatecheck.resource-metadata.enabled", "true",
                "gatecheck.resource-metadata.resource", "http://127.0.0.1:8080/api"));

        assertThat(config.resourceMetadata()).contains("http://127.0.0.1:8080/api");
    }

    @Test
    void resourcePolicyKeepsTheRoutesDpopAndStepUpUnlessItNamesItsOwn() {
        Requirements route = Requirements.roles("user").withDpop()
                .withStepUp(new Requirements.StepUp(Set.of("mfa"), java.util.Optional.of(Duration.ofMinutes(5))));
        Requirements ownStepUp = Requirements.roles("admin")
                .withStepUp(new Requirements.StepUp(Set.of("hwk"), java.util.Optional.empty()));

        assertThat(Requirements.roles("admin").within(route)).isEqualTo(Requirements.roles("admin").withDpop()
                .withStepUp(route.stepUp()));
        assertThat(ownStepUp.within(route)).isEqualTo(ownStepUp.withDpop());
    }

    @Test
    void stepUpAndDpopNeedAnAuthenticatingRoute() {
        assertThatThrownBy(() -> new Route("pay", List.of("/pay"), Set.of(), AuthMode.DENY, Requirements.NONE.withDpop()))
                .isInstanceOf(Route.InvalidSetting.class)
                .satisfies(e -> assertThat(((Route.InvalidSetting) e).setting()).isEqualTo("auth"));
    }
}
