package dev.gatecheck.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** An unknown key or variable is refused with the closest known one, when one is close. */
class KeySuggestionTest {
    private static ConfigException refusal(Map<String, String> keys) {
        return (ConfigException) assertThatThrownBy(() -> GatecheckConfig.fromMap(keys))
                .isInstanceOf(ConfigException.class).actual();
    }

    @Test
    void aMistypedKeyIsRefusedWithTheKeyMeant() {
        ConfigException e = refusal(Map.of("gatecheck.jwt.issuer", "https://issuer.test",
                "gatecheck.jwt.jwks-uri", "https://issuer.test/jwks", "gatecheck.jwt.audience", "orders"));

        assertThat(e.getMessage()).isEqualTo("gatecheck.jwt.audience: is not a Gatecheck configuration key;"
                + " did you mean gatecheck.jwt.audiences?");
        assertThat(e.key()).isEqualTo("gatecheck.jwt.audience");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "gatecheck.jwt.jwks-url, gatecheck.jwt.jwks-uri",
            "gatecheck.jwt.roles_claim, gatecheck.jwt.roles-claim",
            "gatecheck.jwks.tll, gatecheck.jwks.ttl",
            "gatecheck.forward.hide-authorisation, gatecheck.forward.hide-authorization",
            "gatecheck.routes.admin.role, gatecheck.routes.admin.roles",
            "gatecheck.routes.my-api.max-bdoy, gatecheck.routes.my-api.max-body",
            "gatecheck.route.admin.paths, gatecheck.routes.admin.paths",
            "gatecheck.issuers.corp.isuser, gatecheck.issuers.corp.issuer",
            "gatecheck.issuer.corp.audiences, gatecheck.issuers.corp.audiences",
            "gatecheck.gateway.hmac.key, gatecheck.gateway.hmac.keys"})
    void keysOfEveryKindGetTheirClosestKnownKey(String unknown, String meant) {
        assertThat(refusal(Map.of(unknown, "x")).getMessage())
                .isEqualTo(unknown + ": is not a Gatecheck configuration key; did you mean " + meant + "?");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "GATECHECK_JWT_AUDIENCE, GATECHECK_JWT_AUDIENCES",
            "GATECHECK_JWT_JWKS_URL, GATECHECK_JWT_JWKS_URI",
            "GATECHECK_ROUTES_ADMIN_ROLE, GATECHECK_ROUTES_ADMIN_ROLES",
            "GATECHECK_ROUTES_MY_API_PATH, GATECHECK_ROUTES_MY_API_PATHS",
            "GATECHECK_ROUTE_ADMIN_PATHS, GATECHECK_ROUTES_ADMIN_PATHS",
            "GATECHECK_ISSUERS_CORP_ISUSER, GATECHECK_ISSUERS_CORP_ISSUER"})
    void variablesGetTheirClosestKnownVariable(String unknown, String meant) {
        assertThatThrownBy(() -> GatecheckConfig.environmentKeys(Map.of(unknown, "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(unknown + ": is not a Gatecheck environment variable; did you mean " + meant + "?");
    }

    @ParameterizedTest
    @CsvSource({"gatecheck.totally.different", "gatecheck.jwt.certificate-chain", "gatecheck.xyz"})
    void aKeyFarFromEveryKnownOneGetsNoGuess(String unknown) {
        assertThat(refusal(Map.of(unknown, "x")).getMessage())
                .isEqualTo(unknown + ": is not a Gatecheck configuration key");
    }

    @Test
    void twoKnownKeysEquallyCloseGiveNoGuess() {
        assertThat(KeySuggestion.closest("gatecheck.jwks.ttx", java.util.List.of("gatecheck.jwks.ttl",
                "gatecheck.jwks.tty"))).isEmpty();
        assertThat(KeySuggestion.distance("roles-claim", "roles-cliam")).as("a transposition is one edit").isEqualTo(1);
    }
}
