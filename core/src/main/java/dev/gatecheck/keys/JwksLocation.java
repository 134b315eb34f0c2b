package dev.gatecheck.keys;

import dev.gatecheck.internal.HttpFetch;
import dev.gatecheck.internal.Json;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where a JWKS lives: a configured URL, or one found by OIDC discovery at
 * {@code {issuer}/.well-known/openid-configuration}, whose {@code issuer} must equal the configured one
 * exactly. A discovery that fails is tried again with the next fetch; one that succeeds is kept.
 */
abstract sealed class JwksLocation permits JwksLocation.Fixed, JwksLocation.Discovered {

    abstract CompletableFuture<URI> resolve();

    /** For logs: the URL, or the discovery document's URL until discovery succeeds. */
    abstract String describe();

    /** Where {@code issuer} publishes its OIDC discovery document. */
    static URI discoveryDocument(String issuer) {
        return URI.create((issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + "/.well-known/openid-configuration");
    }

    static JwksLocation fixed(URI uri) {
        return new Fixed(uri);
    }

    static JwksLocation discovered(String issuer, HttpFetch fetch) {
        return new Discovered(issuer, fetch);
    }

    static final class Fixed extends JwksLocation {
        private final URI uri;

        Fixed(URI uri) {
            HttpFetch.checkAllowed(uri);
            this.uri = uri;
        }

        @Override
        CompletableFuture<URI> resolve() {
            return CompletableFuture.completedFuture(uri);
        }

        @Override
        String describe() {
            return uri.toString();
        }
    }

    static final class Discovered extends JwksLocation {
        private final String issuer;
        private final URI document;
        private final HttpFetch fetch;
        private volatile URI jwksUri;

        Discovered(String issuer, HttpFetch fetch) {
            this.issuer = issuer;
            this.document = discoveryDocument(issuer);
            HttpFetch.checkAllowed(document);
            this.fetch = fetch;
        }

        @Override
        CompletableFuture<URI> resolve() {
            URI known = jwksUri;
            if (known != null) {
                return CompletableFuture.completedFuture(known);
            }
            return fetch.get(document).thenApply(response -> {
                URI found = jwksUriOf(response.body());
                jwksUri = found;
                return found;
            });
        }

        private URI jwksUriOf(String body) {
            Map<String, Object> doc;
            try {
                doc = Json.parseObject(body, 8);
            } catch (Json.JsonException e) {
                throw new HttpFetch.FetchException("discovery document is not well-formed JSON");
            }
            Object named = doc.get("issuer");
            if (!issuer.equals(named)) {
                // Name both values: a trailing slash or a host alias is the usual cause, and the operator must see it.
                throw new HttpFetch.FetchException("discovery document names another issuer: "
                        + (named instanceof String s ? "'" + printable(s) + "'" : "none")
                        + ", configured '" + issuer + "'");
            }
            if (!(doc.get("jwks_uri") instanceof String uri)) {
                throw new HttpFetch.FetchException("discovery document has no jwks_uri");
            }
            try {
                URI parsed = URI.create(uri);
                HttpFetch.checkAllowed(parsed);
                return parsed;
            } catch (IllegalArgumentException e) {
                throw new HttpFetch.FetchException("discovery jwks_uri refused: " + e.getMessage());
            }
        }

        /** A provider-supplied value made safe for one log line: printable ASCII, clipped. */
        private static String printable(String s) {
            String clipped = s.length() > 200 ? s.substring(0, 200) + "..." : s;
            return clipped.replaceAll("[^\\x20-\\x7E]", "?");
        }

        @Override
        String describe() {
            URI known = jwksUri;
            return known != null ? known.toString() : document + " (discovery)";
        }
    }
}
