package dev.gatecheck.test;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A token of a {@link TestIssuer}, built fluently. It starts valid for the issuer's configuration: {@code iss},
 * {@code aud}, {@code sub} {@code user}, {@code iat} now, {@code exp} in five minutes, the issuer's {@code kid} and
 * algorithm. Each call changes one thing; {@link #build()} signs.
 */
public final class TokenBuilder {
    private final TestIssuer issuer;
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private final Map<String, Object> header = new LinkedHashMap<>();
    private Duration expiresIn = Duration.ofMinutes(5);
    private Instant issuedAt;

    TokenBuilder(TestIssuer issuer) {
        this.issuer = issuer;
        header.put("alg", issuer.algorithm());
        header.put("typ", "JWT");
        header.put("kid", issuer.kid());
        claims.put("iss", issuer.issuer());
        claims.put("sub", "user");
        claims.put("aud", issuer.audience());
    }

    /** The {@code sub} claim. */
    public TokenBuilder subject(String subject) {
        return claim("sub", subject);
    }

    /** The {@code iss} claim (the issuer's own by default). */
    public TokenBuilder issuer(String iss) {
        return claim("iss", iss);
    }

    /** The {@code aud} claim: a string for one audience, an array for several. */
    public TokenBuilder audience(String... audiences) {
        return claim("aud", audiences.length == 1 ? audiences[0] : List.of(audiences));
    }

    /** The {@code roles} claim, an array (Gatecheck's default {@code gatecheck.jwt.roles-claim}). */
    public TokenBuilder roles(String... roles) {
        return claim("roles", List.of(roles));
    }

    /** The {@code scope} claim, space separated as OAuth 2.0 writes it. */
    public TokenBuilder scopes(String... scopes) {
        return claim("scope", String.join(" ", scopes));
    }

    /** The {@code org} claim (Gatecheck's default {@code gatecheck.jwt.org-claim}). */
    public TokenBuilder org(String org) {
        return claim("org", org);
    }

    /** {@code exp} this long after {@code iat} (five minutes by default); negative for a token already expired. */
    public TokenBuilder expiresIn(Duration duration) {
        this.expiresIn = Objects.requireNonNull(duration, "duration");
        return this;
    }

    /** {@code iat}, now by the issuer's clock by default. */
    public TokenBuilder issuedAt(Instant instant) {
        this.issuedAt = Objects.requireNonNull(instant, "instant");
        return this;
    }

    /** {@code nbf}. */
    public TokenBuilder notBefore(Instant instant) {
        return claim("nbf", instant.getEpochSecond());
    }

    /**
     * Any claim: a String, Number, Boolean, null, Collection, array or Map (nested claims such as Keycloak's
     * {@code realm_access}); it replaces one set before, the standard ones included.
     */
    public TokenBuilder claim(String name, Object value) {
        claims.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /** Leaves {@code name} out of the claims ({@code exp}, {@code aud}, ...). */
    public TokenBuilder without(String name) {
        claims.remove(name);
        if (name.equals("exp")) {
            expiresIn = null;
        }
        return this;
    }

    /** The {@code kid} header; null for none. */
    public TokenBuilder kid(String kid) {
        return header("kid", kid);
    }

    /**
     * The {@code alg} header and the signature: one the issuer's key signs with (RS and PS for an RSA key, the
     * ES of its curve, EdDSA for Ed25519). The issuer's JWKS binds its key to the issuer's algorithm, so Gatecheck
     * refuses another one: a test of that rule.
     */
    public TokenBuilder algorithm(String alg) {
        Jose.family(alg);
        return header("alg", alg);
    }

    /** Any header member; null removes it. */
    public TokenBuilder header(String name, Object value) {
        if (value == null) {
            header.remove(name);
        } else {
            header.put(name, value);
        }
        return this;
    }

    /** The signed compact token. */
    public String build() {
        return signedBy(issuer.keyPair(), header);
    }

    /** The signed token as the {@code Authorization} header a client sends. */
    public Bearer bearer() {
        return new Bearer(build());
    }

    /** This token with {@code variant}'s flaw added to whatever else was set. */
    public String hostile(Hostile variant) {
        Instant now = now();
        Map<String, Object> flawedHeader = new LinkedHashMap<>(header);
        TokenBuilder copy = copy();
        switch (variant) {
            case EXPIRED -> copy.times(now.minus(Duration.ofHours(2)), null, Duration.ofHours(1));
            case NOT_YET_VALID -> copy.times(now, now.plus(Duration.ofHours(1)), Duration.ofHours(2));
            case WRONG_AUDIENCE -> copy.audience("another-audience");
            case WRONG_ISSUER -> copy.issuer(issuer.issuer() + "/another-issuer");
            case ALG_NONE -> {
                flawedHeader.put("alg", "none");
                String unsigned = copy.signedBy(issuer.keyPair(), flawedHeader);
                return unsigned.substring(0, unsigned.lastIndexOf('.') + 1);
            }
            case BAD_SIGNATURE -> {
                return copy.signedBy(issuer.strangerKeyPair(), flawedHeader);
            }
            case UNKNOWN_KID -> {
                flawedHeader.put("kid", "unknown-" + issuer.kid());
                return copy.signedBy(issuer.strangerKeyPair(), flawedHeader);
            }
        }
        return copy.build();
    }

    /** Sets the times of a hostile variant, replacing any given as plain claims. */
    private void times(Instant iat, Instant nbf, Duration lifetime) {
        claims.remove("exp");
        claims.remove("nbf");
        claims.remove("iat");
        issuedAt(iat).expiresIn(lifetime);
        if (nbf != null) {
            notBefore(nbf);
        }
    }

    private TokenBuilder copy() {
        TokenBuilder copy = new TokenBuilder(issuer);
        copy.claims.clear();
        copy.claims.putAll(claims);
        copy.header.clear();
        copy.header.putAll(header);
        copy.expiresIn = expiresIn;
        copy.issuedAt = issuedAt;
        return copy;
    }

    private String signedBy(KeyPair key, Map<String, Object> headerMembers) {
        Map<String, Object> body = new LinkedHashMap<>(claims);
        Instant iat = issuedAt != null ? issuedAt : now();
        body.putIfAbsent("iat", iat.getEpochSecond());
        if (expiresIn != null) {
            body.putIfAbsent("exp", iat.plus(expiresIn).getEpochSecond());
        }
        String alg = (String) headerMembers.get("alg");
        String signingAlg = "none".equals(alg) ? issuer.algorithm() : alg;
        return Jose.sign(signingAlg, key.getPrivate(), Json.write(headerMembers), Json.write(body));
    }

    private Instant now() {
        return issuer.clock().instant();
    }

    @Override
    public String toString() {
        return "TokenBuilder" + Arrays.asList(header, claims.keySet());
    }
}
