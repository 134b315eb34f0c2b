package dev.gatecheck.internal.gateway;

import static dev.gatecheck.testing.GatewayFixtures.GATEWAY_PATH;
import static dev.gatecheck.testing.GatewayFixtures.MIXED_PATH;
import static dev.gatecheck.testing.GatewayFixtures.NOW;
import static dev.gatecheck.testing.GatewayFixtures.containerRequest;
import static dev.gatecheck.testing.GatewayFixtures.identity;
import static dev.gatecheck.testing.GatewayFixtures.randomBytes;
import static dev.gatecheck.testing.GatewayFixtures.signedHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.gateway.GatewaySigner;
import dev.gatecheck.internal.httpsig.StructuredFields;
import dev.gatecheck.testing.GatewayFixtures;
import dev.gatecheck.testing.MutableClock;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation runs (deterministic, no sleeps): thousands of small corruptions of a correctly signed request and
 * of structured-field text. Properties: nothing throws; the parser only ever raises its own ParseException; and no
 * corruption is ever believed as an identity other than exactly the one the gateway signed.
 */
class GatewayMutationTest {
    private static final long SEED = 20261129L;
    private static final int RUNS = 4000;
    private static final byte[] KEY = randomBytes(32);
    /** Characters mutations draw from: structured-field syntax, base64, separators, controls, non-ASCII. */
    private static final String ALPHABET = "\"();=,:*-_./+ \t\r\n\0\\?@aAzZ09gwé\u2028\u00ff";

    private final Gatecheck engine = Gatecheck.create(GatewayFixtures.config(new MutableClock(NOW))
            .gateway(g -> g.markers(GatewayConfig.Marker.HMAC).hmacKey("gw", KEY)).build());

    @Test
    void corruptedSignedRequestsNeverThrowAndNeverYieldAnotherIdentity() {
        Random random = new Random(SEED);
        GatewaySigner signer = new GatewaySigner("gw", KEY, Clock.fixed(NOW, ZoneOffset.UTC));
        int allowed = 0;
        for (int run = 0; run < RUNS; run++) {
            String path = random.nextBoolean() ? GATEWAY_PATH : MIXED_PATH;
            Map<String, String> headers = signedHeaders(signer, "GET", path, null, identity("alice", "acme", "admin,user"));
            List<Map.Entry<String, String>> lines = new ArrayList<>();
            headers.forEach((k, v) -> lines.add(Map.entry(k, v)));
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                mutate(lines, random);
            }
            AuthRequest request = containerRequest("GET", path, null, "10.0.0.1", lines);
            Decision decision;
            try {
                decision = engine.authenticate(request);
            } catch (RuntimeException e) {
                fail("run %d threw %s for %s", run, e, lines);
                return;
            }
            if (decision instanceof Decision.Allow allow) {
                allowed++;
                Identity caller = allow.identity().orElseThrow(() -> new AssertionError("allowed without identity"));
                assertThat(caller.subject()).as("run %d: subject of %s", run, lines).isEqualTo("alice");
                assertThat(caller.org()).as("run %d: org of %s", run, lines).contains("acme");
                assertThat(caller.roles()).as("run %d: roles of %s", run, lines).isEqualTo(Set.of("admin", "user"));
            } else {
                assertThat(((Decision.Deny) decision).rejection().status()).as("run %d: %s", run, lines).isEqualTo(401);
            }
        }
        assertThat(allowed).as("corruptions that still verified (e.g. trailing space on a value)")
                .isLessThan(RUNS / 4);
    }

    @Test
    void randomTextOnlyEverRaisesTheParsersOwnException() {
        Random random = new Random(SEED);
        String[] seeds = {
            "gw=(\"@method\" \"@path\" \"@query\" \"x-user-id\");created=1732848000;keyid=\"gw-2026\";alg=\"hmac-sha256\"",
            "gw=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:, b=:YQ==:"};
        for (int run = 0; run < RUNS * 5; run++) {
            StringBuilder text = new StringBuilder(seeds[run % 2]);
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                mutateText(text, random);
            }
            for (int kind = 0; kind < 2; kind++) {
                try {
                    if (kind == 0) {
                        StructuredFields.innerListDictionary(text.toString());
                    } else {
                        StructuredFields.byteSequenceDictionary(text.toString());
                    }
                } catch (StructuredFields.ParseException expected) {
                    assertThat(expected.getMessage()).as("a short reason").matches("[a-z0-9_'\"():=,]+");
                } catch (RuntimeException e) {
                    fail("run %d: %s on '%s'", run, e, text);
                }
            }
        }
    }

    private static void mutate(List<Map.Entry<String, String>> lines, Random random) {
        int index = random.nextInt(lines.size());
        Map.Entry<String, String> line = lines.get(index);
        switch (random.nextInt(6)) {
            case 0 -> lines.add(Map.entry(line.getKey(), line.getValue())); // duplicate the line
            case 1 -> lines.set(index, Map.entry(line.getKey().replace('-', '_'), line.getValue())); // underscore
            case 2 -> lines.set(index, Map.entry(line.getKey().toLowerCase(), line.getValue())); // case only
            default -> {
                StringBuilder value = new StringBuilder(line.getValue());
                mutateText(value, random);
                lines.set(index, Map.entry(line.getKey(), value.toString()));
            }
        }
    }

    private static void mutateText(StringBuilder text, Random random) {
        char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        int at = text.length() == 0 ? 0 : random.nextInt(text.length());
        switch (random.nextInt(4)) {
            case 0 -> text.insert(at, c);
            case 1 -> {
                if (text.length() > 0) {
                    text.setCharAt(at, c);
                }
            }
            case 2 -> {
                if (text.length() > 0) {
                    text.deleteCharAt(at);
                }
            }
            default -> text.setLength(at);
        }
    }
}
