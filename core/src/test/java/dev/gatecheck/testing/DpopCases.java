package dev.gatecheck.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The hostile DPoP table (RFC 9449): requests whose proof, token or scheme is wrong, each with the answer it must
 * get, for the engine and for every adapter over real HTTP. Valid proofs come from Nimbus' proof factory
 * ({@link DpopClient}); a hostile one is the same proof with one thing changed, signed again with the client's key.
 * The target is {@code GET <url>} on a token route of an issuer with the default DPoP settings
 * ({@code allowed}, ES256,PS256,RS256,EdDSA, max-age 60s, clock skew 30s, no nonce).
 */
public final class DpopCases {
    private final NimbusIssuer issuer;
    private final String url;
    private final Instant now;

    /**
     * One request and its answer.
     *
     * @param name what is wrong with it
     * @param headers header name to values, in order (a name may carry two values)
     * @param sends how many times it is sent: all but the last are allowed (a replay)
     * @param status the status of the last answer
     * @param error its error code
     * @param detail its detail
     */
    public record Case(String name, Map<String, List<String>> headers, int sends, int status, String error,
                       String detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The cases of tokens from {@code issuer}, for {@code GET url}, made at {@code now} (the server's time). */
    public DpopCases(NimbusIssuer issuer, String url, Instant now) {
        this.issuer = issuer;
        this.url = url;
        this.now = now;
    }

    /** At least 40 hostile requests, each refused as it says. */
    public List<Case> hostile() {
        List<Case> cases = new ArrayList<>();
        cases.add(proofCase("no DPoP header", 401, "proof_missing", p -> p.headers = 0));
        cases.add(proofCase("two DPoP headers", 401, "multiple_proofs", p -> p.headers = 2));
        cases.add(proofCase("a proof over 8 KB", 401, "proof_too_large", p -> p.claims.put("pad", "x".repeat(8200))));
        cases.add(proofCase("typ JWT", 401, "typ_invalid", p -> p.header.put("typ", "JWT")));
        cases.add(proofCase("typ missing", 401, "typ_invalid", p -> p.header.remove("typ")));
        cases.add(proofCase("typ at+jwt (an access token as a proof)", 401, "typ_invalid", p -> p.header.put("typ", "at+jwt")));
        cases.add(proofCase("alg none", 401, "alg_not_allowed", p -> p.alg = "none"));
        cases.add(proofCase("alg HS256, keyed with the public key", 401, "alg_not_allowed", p -> p.alg = "HS256"));
        cases.add(proofCase("alg RS512, not in gatecheck.dpop.algorithms", 401, "alg_not_allowed", p -> {
            p.useRsa();
            p.alg = "RS512";
        }));
        cases.add(proofCase("alg None (case)", 401, "alg_not_allowed", p -> p.alg = "None"));
        cases.add(proofCase("private key member d in jwk", 401, "jwk_refused", p -> p.jwk.put("d", p.privateMember())));
        cases.add(proofCase("jwk missing", 401, "jwk_missing", p -> p.header.remove("jwk")));
        cases.add(proofCase("jwk of a symmetric key", 401, "jwk_refused",
                p -> p.header.put("jwk", Map.of("kty", "oct", "k", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0"))));
        cases.add(proofCase("jwk of a 1024-bit RSA key", 401, "jwk_refused", p -> p.useRsa(1024)));
        cases.add(proofCase("jwk whose own alg is another", 401, "jwk_refused", p -> p.jwk.put("alg", "ES384")));
        cases.add(proofCase("jwk with use enc", 401, "jwk_refused", p -> p.jwk.put("use", "enc")));
        cases.add(proofCase("jwk without x", 401, "jwk_refused", p -> p.jwk.remove("x")));
        cases.add(proofCase("signed by another key than its jwk", 401, "bad_signature", p -> p.signWith(DpopClient.es256())));
        cases.add(proofCase("claims changed after signing", 401, "bad_signature", p -> p.tamper = true));
        cases.add(proofCase("jku header", 401, "header_forbidden", p -> p.header.put("jku", "https://attacker.test/jwks")));
        cases.add(proofCase("x5c header", 401, "header_forbidden", p -> p.header.put("x5c", List.of("MIIB"))));
        cases.add(proofCase("crit header", 401, "crit_unsupported", p -> p.header.put("crit", List.of("exp"))));
        cases.add(proofCase("htm get (case)", 401, "htm_mismatch", p -> p.claims.put("htm", "get")));
        cases.add(proofCase("htm POST for a GET", 401, "htm_mismatch", p -> p.claims.put("htm", "POST")));
        cases.add(proofCase("htm missing", 401, "htm_mismatch", p -> p.claims.remove("htm")));
        cases.add(proofCase("htu of another host", 401, "htu_mismatch", p -> p.claims.put("htu", other("host"))));
        cases.add(proofCase("htu of another path", 401, "htu_mismatch", p -> p.claims.put("htu", url + "/other")));
        cases.add(proofCase("htu path in upper case", 401, "htu_mismatch", p -> p.claims.put("htu", other("path-case"))));
        cases.add(proofCase("htu with a trailing slash", 401, "htu_mismatch", p -> p.claims.put("htu", url + "/")));
        cases.add(proofCase("htu with a query", 401, "htu_mismatch", p -> p.claims.put("htu", url + "?a=1")));
        cases.add(proofCase("htu with a fragment", 401, "htu_mismatch", p -> p.claims.put("htu", url + "#f")));
        cases.add(proofCase("htu of another scheme", 401, "htu_mismatch", p -> p.claims.put("htu", other("scheme"))));
        cases.add(proofCase("htu of another port", 401, "htu_mismatch", p -> p.claims.put("htu", other("port"))));
        cases.add(proofCase("htu missing", 401, "htu_mismatch", p -> p.claims.remove("htu")));
        cases.add(proofCase("htu not a string", 401, "htu_mismatch", p -> p.claims.put("htu", List.of(url))));
        cases.add(proofCase("iat too old", 401, "iat_too_old", p -> p.claims.put("iat", now.getEpochSecond() - 91)));
        cases.add(proofCase("iat in the future", 401, "iat_invalid", p -> p.claims.put("iat", now.getEpochSecond() + 31)));
        cases.add(proofCase("iat missing", 401, "iat_invalid", p -> p.claims.remove("iat")));
        cases.add(proofCase("iat a string", 401, "iat_invalid", p -> p.claims.put("iat", "" + now.getEpochSecond())));
        cases.add(proofCase("jti missing", 401, "jti_invalid", p -> p.claims.remove("jti")));
        cases.add(proofCase("jti empty", 401, "jti_invalid", p -> p.claims.put("jti", "")));
        cases.add(proofCase("ath missing", 401, "ath_mismatch", p -> p.claims.remove("ath")));
        cases.add(proofCase("ath of another token", 401, "ath_mismatch", p -> p.claims.put("ath", ath("another.token.x"))));
        cases.add(proofCase("a proof that is no JWS", 401, "malformed", p -> p.raw = "not-a-jws"));
        cases.add(proofCase("a proof in JWE form", 401, "jwe_not_allowed", p -> p.raw = "a.b.c.d.e"));
        cases.add(proofCase("duplicate claim names", 401, "malformed", p -> p.duplicateJti = true));
        cases.add(replayCase());
        cases.add(boundToAnotherKey());
        cases.add(boundTokenAsBearer());
        cases.add(unboundTokenWithDpopScheme());
        cases.add(unsupportedConfirmation());
        return List.copyOf(cases);
    }

    /** A case whose proof is the valid one with {@code change} applied. */
    private Case proofCase(String name, int status, String detail, Consumer<HostileProof> change) {
        DpopClient client = DpopClient.es256();
        String token = issuer.boundToken("alice", now, client.thumbprint());
        HostileProof proof = new HostileProof(client, token);
        change.accept(proof);
        return new Case(name, proof.headers(), 1, status, status == 401 && !detail.startsWith("dpop_bound")
                ? "invalid_dpop_proof" : "invalid_token", detail);
    }

    private Case replayCase() {
        DpopClient client = DpopClient.es256();
        String token = issuer.boundToken("alice", now, client.thumbprint());
        return new Case("a replayed jti", dpop(token, client.proof("GET", url, token, now)), 2, 401,
                "invalid_dpop_proof", "jti_replayed");
    }

    private Case boundToAnotherKey() {
        DpopClient client = DpopClient.es256();
        String token = issuer.boundToken("alice", now, DpopClient.es256().thumbprint());
        return new Case("a token bound to another key", dpop(token, client.proof("GET", url, token, now)), 1, 401,
                "invalid_dpop_proof", "jkt_mismatch");
    }

    private Case boundTokenAsBearer() {
        DpopClient client = DpopClient.es256();
        String token = issuer.boundToken("alice", now, client.thumbprint());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Authorization", List.of("Bearer " + token));
        headers.put("DPoP", List.of(client.proof("GET", url, token, now)));
        return new Case("a bound token sent as Bearer (with its proof)", headers, 1, 401, "invalid_token",
                "dpop_bound_token_as_bearer");
    }

    private Case unboundTokenWithDpopScheme() {
        DpopClient client = DpopClient.es256();
        String token = issuer.token("alice", now, Map.of());
        return new Case("an unbound token with the DPoP scheme", dpop(token, client.proof("GET", url, token, now)), 1,
                401, "invalid_token", "token_not_dpop_bound");
    }

    private Case unsupportedConfirmation() {
        DpopClient client = DpopClient.es256();
        String token = issuer.token("alice", now, Map.of("cnf", Map.of("jkt", client.thumbprint(),
                "jwk", client.key().toPublicJWK().toJSONObject())));
        return new Case("a token bound by a method Gatecheck cannot check (cnf.jwk)",
                dpop(token, client.proof("GET", url, token, now)), 1, 401, "invalid_token", "confirmation_unsupported");
    }

    /** {@code Authorization: DPoP token} and {@code DPoP: proof}. */
    public static Map<String, List<String>> dpop(String token, String proof) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Authorization", List.of("DPoP " + token));
        headers.put("DPoP", List.of(proof));
        return headers;
    }

    /** RFC 9449 {@code ath}: base64url SHA-256 of the token's ASCII. */
    public static String ath(String token) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)))
                    .toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #url} with one part changed: {@code host}, {@code path-case}, {@code scheme} or {@code port}. */
    private String other(String part) {
        java.net.URI u = java.net.URI.create(url);
        int port = u.getPort() < 0 ? (u.getScheme().equals("https") ? 443 : 80) : u.getPort();
        return switch (part) {
            case "host" -> u.getScheme() + "://other.test:" + port + u.getRawPath();
            case "path-case" -> u.getScheme() + "://" + u.getRawAuthority() + u.getRawPath().toUpperCase();
            case "scheme" -> (u.getScheme().equals("https") ? "http" : "https") + "://" + u.getRawAuthority()
                    + u.getRawPath();
            default -> u.getScheme() + "://" + u.getHost() + ":" + (port + 1) + u.getRawPath();
        };
    }

    /** A valid proof as plain maps, changed by a case, then signed again. */
    private final class HostileProof {
        final Map<String, Object> header = new LinkedHashMap<>();
        final Map<String, Object> claims = new LinkedHashMap<>();
        Map<String, Object> jwk;
        final String token;
        JWK key;
        JWK signer;
        String alg = "ES256";
        int headers = 1;
        boolean tamper;
        boolean duplicateJti;
        String raw;

        HostileProof(DpopClient client, String token) {
            this.token = token;
            this.key = client.key();
            this.signer = key;
            this.jwk = new LinkedHashMap<>(key.toPublicJWK().toJSONObject());
            header.put("typ", "dpop+jwt");
            header.put("jwk", jwk);
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("htm", "GET");
            claims.put("htu", url);
            claims.put("iat", now.getEpochSecond());
            claims.put("ath", ath(token));
        }

        void useRsa() {
            useRsa(2048);
        }

        void useRsa(int bits) {
            try {
                key = new RSAKeyGenerator(bits, true).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            signer = key;
            alg = "RS256";
            jwk.clear();
            jwk.putAll(key.toPublicJWK().toJSONObject());
        }

        void signWith(DpopClient other) {
            signer = other.key();
        }

        String privateMember() {
            return (String) key.toJSONObject().get("d");
        }

        Map<String, List<String>> headers() {
            String proof = raw != null ? raw : signed();
            Map<String, List<String>> out = new LinkedHashMap<>();
            out.put("Authorization", List.of("DPoP " + token));
            if (headers > 0) {
                out.put("DPoP", headers == 1 ? List.of(proof) : List.of(proof, proof));
            }
            return out;
        }

        private String signed() {
            header.put("alg", alg);
            String claimsJson = json(claims);
            if (duplicateJti) {
                claimsJson = claimsJson.substring(0, claimsJson.length() - 1) + ",\"jti\":\"again\"}";
            }
            String headerJson = json(header);
            String jws;
            if (alg.equals("none")) {
                jws = Tokens.b64(headerJson) + "." + Tokens.b64(claimsJson) + ".";
            } else if (alg.startsWith("HS")) {
                jws = Tokens.sign(alg, Tokens.hmacKey(json(jwk).getBytes(StandardCharsets.UTF_8)), headerJson, claimsJson);
            } else {
                jws = Tokens.sign(alg.equals("None") ? "ES256" : alg, privateKey(signer), headerJson, claimsJson);
            }
            if (tamper) {
                String[] parts = jws.split("\\.");
                claims.put("htm", "GET ");
                return parts[0] + "." + Tokens.b64(json(claims)) + "." + parts[2];
            }
            return jws;
        }
    }

    /** The private key of {@code key} (EC or RSA), for signing hand-made proofs. */
    public static Key privateKey(JWK key) {
        try {
            return key instanceof com.nimbusds.jose.jwk.ECKey ec ? ec.toPrivateKey() : key.toRSAKey().toPrivateKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON of strings, numbers, lists and maps, members in insertion order. */
    public static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> quote(e.getKey().toString()) + ":" + json(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DpopCases::json).collect(Collectors.joining(",", "[", "]"));
        }
        return value instanceof String s ? quote(s) : String.valueOf(value);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
