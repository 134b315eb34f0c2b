package dev.gatecheck.keys;

import dev.gatecheck.internal.HttpFetch;
import dev.gatecheck.internal.OidcDiscovery;
import java.net.URI;
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
        return OidcDiscovery.documentOf(issuer);
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
                URI found = OidcDiscovery.endpoint(response.body(), issuer, "jwks_uri");
                jwksUri = found;
                return found;
            });
        }

        @Override
        String describe() {
            URI known = jwksUri;
            return known != null ? known.toString() : document + " (discovery)";
        }
    }
}
