package dev.gatecheck.internal;

import java.net.URI;
import java.util.Map;

/**
 * Reads an OIDC discovery document ({@code {issuer}/.well-known/openid-configuration}) strictly: its {@code issuer}
 * must equal the configured one exactly, and an endpoint it names must be one {@link HttpFetch} may call. Internal.
 */
public final class OidcDiscovery {
    private OidcDiscovery() {
    }

    /** Where {@code issuer} publishes its OIDC discovery document. */
    public static URI documentOf(String issuer) {
        return URI.create((issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + "/.well-known/openid-configuration");
    }

    /**
     * The URL the discovery document {@code body} of {@code issuer} names under {@code member} (e.g.
     * {@code jwks_uri}).
     *
     * @throws HttpFetch.FetchException naming what is wrong, never quoting more of the document than the issuer
     */
    public static URI endpoint(String body, String issuer, String member) {
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
        if (!(doc.get(member) instanceof String uri)) {
            throw new HttpFetch.FetchException("discovery document has no " + member);
        }
        try {
            URI parsed = URI.create(uri);
            HttpFetch.checkAllowed(parsed);
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new HttpFetch.FetchException("discovery " + member + " refused: " + e.getMessage());
        }
    }

    /** A provider-supplied value made safe for one log line: printable ASCII, clipped. */
    private static String printable(String s) {
        String clipped = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        return clipped.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
