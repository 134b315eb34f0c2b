package dev.gatecheck.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.internal.Json;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A cached identity's claims: the few read on every request held, the rest parsed again on first use. */
class ClaimsOnDemandTest {
    private static final String CLAIMS = "{\"iss\":\"https://idp\",\"sub\":\"alice\",\"jti\":\"j-1\",\"iat\":100,"
            + "\"cnf\":{\"jkt\":\"abc\"},\"sid\":null,\"realm_access\":{\"roles\":[\"admin\"]}}";

    private final AtomicInteger reads = new AtomicInteger();
    private final Supplier<Map<String, Object>> readAgain = () -> {
        reads.incrementAndGet();
        return parse();
    };

    @Test
    void answersTheClaimsReadOnEveryRequestWithoutParsingAgain() {
        Map<String, Object> claims = new ClaimsOnDemand(parse(), readAgain);

        assertThat(claims.get("jti")).isEqualTo("j-1");
        assertThat(claims.get("iat")).isEqualTo(100L);
        assertThat(claims.containsKey("sid")).as("a held claim whose value is null").isTrue();
        assertThat(claims.get("sid")).isNull();
        assertThat(reads).as("parses of the token").hasValue(0);
    }

    @Test
    void knowsAHeldClaimIsAbsentWithoutParsingAgain() {
        Map<String, Object> claims = new ClaimsOnDemand(Map.of("sub", "alice"), readAgain);

        assertThat(claims.containsKey("iat")).isFalse();
        assertThat(claims.get("jti")).isNull();
        assertThat(reads).as("parses of the token").hasValue(0);
    }

    @Test
    void parsesTheRestOnceOnFirstUseAndEqualsTheClaims() {
        Map<String, Object> claims = new ClaimsOnDemand(parse(), readAgain);

        assertThat(claims.get("sub")).isEqualTo("alice");
        assertThat(claims).isEqualTo(parse()).hasSameHashCodeAs(parse());
        assertThat(claims.keySet()).containsExactly("iss", "sub", "jti", "iat", "cnf", "sid", "realm_access");
        assertThat(reads).as("parses of the token").hasValue(1);
    }

    @Test
    void isReadOnly() {
        Map<String, Object> claims = new ClaimsOnDemand(parse(), readAgain);

        assertThatThrownBy(() -> claims.put("sub", "root")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> claims.remove("sub")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(claims::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    private static Map<String, Object> parse() {
        try {
            return Json.parseObject(CLAIMS, 16);
        } catch (Json.JsonException e) {
            throw new AssertionError(e);
        }
    }
}
