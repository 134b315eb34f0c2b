package dev.gatecheck.internal.webhook;

import static dev.gatecheck.internal.webhook.WebhookEngine.MAX_BODY;
import static dev.gatecheck.internal.webhook.WebhookEngine.allowed;
import static dev.gatecheck.internal.webhook.WebhookEngine.refused;
import static dev.gatecheck.internal.webhook.WebhookEngine.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthMethod;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.testing.Bytes;
import dev.gatecheck.testing.Delivery;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.webhook.ReplayGuard;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A webhook route inside the engine: body limit, the identity it yields, identity headers, the replay guard. */
class WebhookRouteTest {
    private static final long NOW = Instant.parse("2026-11-29T12:00:00Z").getEpochSecond();
    private static final byte[] BODY = Bytes.utf8("{\"action\":\"opened\"}");

    private final MutableClock clock = MutableClock.at(Instant.ofEpochSecond(NOW));
    private final Gatecheck gatecheck = WebhookEngine.create(clock);

    private static byte[] bytes(int size) {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) 'x');
        return body;
    }

    private static void tooLarge(Decision decision, String why) {
        assertThat(decision).as(why).isInstanceOfSatisfying(Decision.Deny.class, deny -> {
            assertThat(deny.rejection().code()).as("%s: error code", why).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
            assertThat(deny.rejection().status()).as("%s: status", why).isEqualTo(413);
        });
    }

    // Body limit

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void aBodyOfExactlyMaxBodyBytesIsVerified(Sender sender) {
        allowed(send(gatecheck, sender, sender.sign(sender.secret, bytes(MAX_BODY), NOW, "id-1")),
                sender + " body of exactly max-body (" + MAX_BODY + ") bytes");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void aCorrectlySignedBodyOneByteOverMaxBodyIsRefusedWith413(Sender sender) {
        tooLarge(send(gatecheck, sender, sender.sign(sender.secret, bytes(MAX_BODY + 1), NOW, "id-1")),
                sender + " genuine signature, body max-body + 1 bytes");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void anOversizedBodyIsRefusedWith413BeforeAnySignatureCheck(Sender sender) {
        tooLarge(send(gatecheck, sender, Delivery.of(bytes(MAX_BODY + 1))),
                sender + " oversized and unsigned: the size answers first (413, not 401 missing_header)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void anOversizedDeliveryDoesNotUseUpItsDeliveryId(Sender sender) {
        tooLarge(send(gatecheck, sender, sender.sign(sender.secret, bytes(MAX_BODY + 1), NOW, "id-1")),
                sender + " oversized");
        allowed(send(gatecheck, sender, sender.sign(sender.secret, BODY, NOW, "id-1")),
                sender + " then a genuine delivery with the same id");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void bodyLimitAnswersTheRouteLimitOnWebhookRoutes(Sender sender) {
        assertThat(gatecheck.exchange(AuthRequest.builder("POST", sender.path).build()).bodyLimit())
                .as("%s route: adapters buffer at most max-body + 1 bytes", sender).isEqualTo(OptionalLong.of(MAX_BODY));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void aDeclaredContentLengthOverTheLimitIsRefusedWith413WhateverTheBody(Sender sender) {
        for (String length : List.of(String.valueOf(MAX_BODY + 1), "1073741824", "99999999999999999999")) {
            Delivery delivery = sender.sign(sender.secret, BODY, NOW, "id-" + length).with("Content-Length", length);

            tooLarge(send(gatecheck, sender, delivery), sender + " Content-Length " + length + ", body read so far "
                    + BODY.length + " bytes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void aDeclaredContentLengthOverTheLimitIsNotAskedForWhenTheClientWaitsFor100Continue(Sender sender) {
        AuthRequest request = AuthRequest.builder("POST", sender.path).header("Content-Length", "1073741824")
                .header("Expect", "100-Continue").build();

        assertThat(gatecheck.exchange(request).bodyLimit()).as("%s: the adapter reads nothing, so the body is never sent", sender)
                .isEmpty();
        tooLarge(gatecheck.authenticate(request), sender + " Content-Length 1 GiB, no body read");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void aDeclaredContentLengthOverTheLimitAlreadyOnItsWayIsReadUpToTheLimit(Sender sender) {
        AuthRequest request = AuthRequest.builder("POST", sender.path)
                .header("Content-Length", String.valueOf(MAX_BODY + 10)).build();

        assertThat(gatecheck.exchange(request).bodyLimit())
                .as("%s without Expect: the bytes on their way are consumed up to the limit + 1", sender)
                .isEqualTo(OptionalLong.of(MAX_BODY));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void aDeclaredContentLengthWithinTheLimitIsReadAndVerified(Sender sender) {
        Delivery delivery = sender.sign(sender.secret, bytes(MAX_BODY), NOW, "id-1")
                .with("Content-Length", String.valueOf(MAX_BODY));

        assertThat(gatecheck.exchange(delivery.to(sender.path)).bodyLimit()).isEqualTo(OptionalLong.of(MAX_BODY));
        allowed(send(gatecheck, sender, delivery), sender + " Content-Length of exactly max-body");
    }

    @Test
    void aMalformedOrRepeatedContentLengthLeavesTheLimitToTheBytesRead() {
        int id = 0;
        for (List<String> lengths : List.of(List.of("-1"), List.of("1e9"), List.of(" "), List.of("+99999"),
                List.of("99999", "99999"))) {
            // A new body each time: GitHub deliveries are told apart by their signature
            Delivery delivery = Sender.GITHUB.sign(Sender.GITHUB.secret, Bytes.utf8("{\"n\":" + id++ + "}"), NOW, "")
                    .with("Expect", "100-continue");
            for (String length : lengths) {
                delivery = delivery.adding("Content-Length", length);
            }

            assertThat(gatecheck.exchange(delivery.to(Sender.GITHUB.path)).bodyLimit())
                    .as("Content-Length %s: the container frames the body; the bytes read are counted", lengths)
                    .isEqualTo(OptionalLong.of(MAX_BODY));
            allowed(send(gatecheck, Sender.GITHUB, delivery), "Content-Length " + lengths + " and a small body");
        }
    }

    @Test
    void bodyLimitIsEmptyOutsideWebhookRoutes() {
        for (String path : List.of("/api/users", "/health", "/somewhere/else", "/hooks", "/hooks/github/extra")) {
            assertThat(gatecheck.exchange(AuthRequest.builder("POST", path).build()).bodyLimit())
                    .as("%s is not a webhook route: the body is never read", path).isEmpty();
        }
    }

    @Test
    void bodyLimitIsEmptyForAMalformedPath() {
        assertThat(gatecheck.exchange(AuthRequest.builder("POST", "/hooks%2fgithub").build()).bodyLimit())
                .as("an encoded / is refused as malformed before any route applies").isEmpty();
    }

    @Test
    void bodyLimitFollowsTheSamePathNormalisationAsAuthenticate() {
        for (String spelling : List.of("/hooks/./github", "/hooks//github", "/hooks/github;jsessionid=1",
                "/x/../hooks/github", "/hooks/%67ithub")) {
            assertThat(gatecheck.exchange(AuthRequest.builder("POST", spelling).build()).bodyLimit())
                    .as("%s reaches the github webhook route", spelling).isEqualTo(OptionalLong.of(MAX_BODY));
            Delivery unsigned = Delivery.of(BODY);
            refused(gatecheck.authenticate(unsigned.to(spelling)), "missing_header",
                    spelling + " is verified as the webhook route it reaches");
        }
    }

    // Identity

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void aVerifiedDeliveryIsAWebhookIdentityNamingSchemeAndRoute(Sender sender) {
        Identity identity = allowed(send(gatecheck, sender, sender.sign(sender.secret, BODY, NOW, "delivery-42")),
                sender + " genuine delivery");
        assertThat(identity.subject()).as("subject <scheme>:<route>").isEqualTo(sender.scheme + ":" + sender.route);
        assertThat(identity.getName()).as("principal name").isEqualTo(identity.subject());
        assertThat(identity.method()).as("how the caller was authenticated").isEqualTo(AuthMethod.WEBHOOK);
        assertThat(identity.method().authType()).as("servlet auth type").isEqualTo("WEBHOOK");
        assertThat(identity.claims()).as("claims").containsEntry("webhook", sender.scheme)
                .containsEntry("route", sender.route);
        assertThat(identity.roles()).as("a webhook sender has no roles").isEmpty();
        assertThat(identity.scopes()).as("a webhook sender has no scopes").isEmpty();
        assertThat(identity.issuer()).as("no token issuer").isEmpty();
    }

    @Test
    void theSignedDeliveryIdOfStandardWebhooksIsAClaim() {
        Sender sender = Sender.STANDARD_WEBHOOKS;
        Identity identity = allowed(send(gatecheck, sender, sender.sign(sender.secret, BODY, NOW, "delivery-42")),
                sender.toString());
        assertThat(identity.claims()).as("delivery_id from %s", sender.idHeader).containsEntry("delivery_id", "delivery-42");
    }

    /** GitHub's X-GitHub-Delivery is not signed: the sender chooses it, so it is never shown as a verified claim. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Sender.class, names = {"GITHUB", "STRIPE", "SLACK"})
    void thereIsNoDeliveryIdClaimWhereTheSchemeSignsNone(Sender sender) {
        Identity identity = allowed(send(gatecheck, sender, sender.sign(sender.secret, BODY, NOW, "delivery-42")),
                sender.toString());
        assertThat(identity.claims()).as("%s signs no delivery id", sender).doesNotContainKey("delivery_id");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void identityHeadersSentOnAWebhookRouteAreHiddenAndNeverBelieved(Sender sender) {
        Delivery delivery = sender.sign(sender.secret, BODY, NOW, "id-1")
                .adding("X-User-ID", "admin").adding("X-User-Roles", "admin").adding("X_User_Org", "acme");
        Decision decision = send(gatecheck, sender, delivery);
        Identity identity = allowed(decision, sender + " genuine delivery carrying forged identity headers");
        assertThat(identity.subject()).as("the caller is the webhook, not the header").isEqualTo(sender.scheme + ":" + sender.route);
        assertThat(identity.roles()).as("X-User-Roles grants nothing").isEmpty();
        var headers = ((Decision.Allow) decision).headers();
        for (String name : List.of("X-User-ID", "x-user-id", "X_User_Id", "X-User-Roles", "X-User-Org", "X_User_Org")) {
            assertThat(headers.hides(name)).as("the client's %s is hidden from the application", name).isTrue();
        }
        assertThat(headers.valueOf("X-User-ID")).as("X-User-ID the application sees is the webhook identity")
                .contains(sender.scheme + ":" + sender.route);
        assertThat(headers.valueOf("X-User-Roles")).as("no roles shown").isEmpty();
        assertThat(headers.valueOf("X-User-Org")).as("no org shown").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void identityHeadersDoNotReplaceAMissingSignature(Sender sender) {
        Delivery unsigned = Delivery.of(BODY).adding("X-User-ID", "admin").adding("X-User-Roles", "admin");
        refused(send(gatecheck, sender, unsigned), "missing_header", sender + " identity headers but no signature");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void aBearerTokenDoesNotReplaceASignature(Sender sender) {
        Delivery unsigned = Delivery.of(BODY).adding("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln");
        refused(send(gatecheck, sender, unsigned), "missing_header", sender + " a token instead of a signature");
    }

    // The replay guard across instances

    @Test
    void twoEnginesSharingOneReplayGuardRefuseADeliveryReplayedFromOneToTheOther() {
        ReplayGuard shared = ReplayGuard.inMemory(clock, 1000);
        Gatecheck first = WebhookEngine.create(clock, shared);
        Gatecheck second = WebhookEngine.create(clock, shared);
        for (Sender sender : Sender.values()) {
            Delivery delivery = sender.sign(sender.secret, BODY, NOW, "id-1");
            allowed(send(first, sender, delivery), sender + " on the first instance");
            refused(send(second, sender, delivery), "replayed", sender + " replayed on the second instance");
        }
    }

    @Test
    void twoEnginesWithTheirOwnDefaultGuardsRememberSeparately() {
        Gatecheck first = WebhookEngine.create(clock);
        Gatecheck second = WebhookEngine.create(clock);
        for (Sender sender : Sender.values()) {
            Delivery delivery = sender.sign(sender.secret, BODY, NOW, "id-1");
            allowed(send(first, sender, delivery), sender + " on the first instance");
            allowed(send(second, sender, delivery), sender + " the second instance has its own (per instance) memory");
            refused(send(first, sender, delivery), "replayed", sender + " the first instance still remembers it");
        }
    }

    @Test
    void aPluggedInGuardIsAskedOncePerVerifiedDeliveryWithTheRouteAndAWindowCoveringBothEdges() {
        List<String> ids = new ArrayList<>();
        List<Duration> windows = new ArrayList<>();
        ReplayGuard recording = (namespace, key, window) -> {
            ids.add(namespace + key);
            windows.add(window);
            return true;
        };
        Gatecheck engine = WebhookEngine.create(clock, recording);
        Sender sender = Sender.STANDARD_WEBHOOKS;
        allowed(send(engine, sender, sender.sign(sender.secret, BODY, NOW, "msg_1")), "genuine");
        refused(send(engine, sender, sender.sign(sender.wrongSecret(), BODY, NOW, "msg_2")), "bad_signature", "forged");
        assertThat(ids).as("only the verified delivery reaches the guard").hasSize(1);
        assertThat(ids.get(0)).as("keyed by route and delivery id").contains(sender.route).contains("msg_1");
        assertThat(windows.get(0)).as("remembered at least twice the tolerance")
                .isGreaterThanOrEqualTo(WebhookEngine.TOLERANCE.multipliedBy(2));
    }

    @Test
    void aGuardThatSaysSeenRefusesTheDeliveryAsReplayed() {
        Gatecheck engine = WebhookEngine.create(clock, (namespace, key, window) -> false);
        for (Sender sender : Sender.values()) {
            refused(send(engine, sender, sender.sign(sender.secret, BODY, NOW, "id-1")), "replayed",
                    sender + " with a guard that has seen everything");
        }
    }

    @Test
    void theInMemoryGuardForgetsAnIdAfterItsWindow() {
        ReplayGuard guard = ReplayGuard.inMemory(clock, 10);
        assertThat(guard.firstSeen("test:", "a", Duration.ofMinutes(10))).as("first sighting").isTrue();
        assertThat(guard.firstSeen("test:", "a", Duration.ofMinutes(10))).as("second sighting").isFalse();
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(guard.firstSeen("test:", "a", Duration.ofMinutes(10))).as("still remembered just before the window ends")
                .isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(guard.firstSeen("test:", "a", Duration.ofMinutes(10))).as("forgotten once the window has passed").isTrue();
    }

    @Test
    void theInMemoryGuardKeepsOtherIdsApart() {
        ReplayGuard guard = ReplayGuard.inMemory(clock, 10);
        assertThat(guard.firstSeen("test:", "a", Duration.ofMinutes(1))).as("a").isTrue();
        assertThat(guard.firstSeen("test:", "b", Duration.ofMinutes(1))).as("b is another id").isTrue();
    }

    // Adapters must not read the body elsewhere; webhook routes ignore a token route's rules and vice versa

    @Test
    void aSignedDeliveryToANonWebhookRouteIsNotAuthenticatedByItsSignature() {
        Delivery delivery = Sender.GITHUB.sign(Sender.GITHUB.secret, BODY, NOW, "id-1");
        Decision decision = gatecheck.authenticate(delivery.to("/api/users"));
        assertThat(decision).as("a token route wants a token, whatever signature the request carries")
                .isInstanceOfSatisfying(Decision.Deny.class, d -> assertThat(d.rejection().code())
                        .isEqualTo(ErrorCode.MISSING_AUTHORIZATION_HEADER));
    }
}
