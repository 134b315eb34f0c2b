package dev.gatecheck.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/** The checks of the URLs clients use: {@code gatecheck.public-base-url} and the RFC 9728 resource identifier. */
final class PublicUrls {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private PublicUrls() {
    }

    /**
     * {@code value} as the base URL clients reach the server's root at: {@code http} or {@code https}, a host, no
     * user info, query or fragment; a trailing {@code /} is removed (the request path is appended to it).
     */
    static String baseUrl(String key, String value) {
        URI uri = absolute(key, value);
        String url = uri.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * {@code value} as an RFC 9728 resource identifier, kept exactly (clients compare it exactly): {@code https}
     * ({@code http} only on a loopback host, for development), a host, no user info, query or fragment.
     */
    static String resource(String key, String value) {
        URI uri = absolute(key, value);
        if (!uri.getScheme().equals("https") && !LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            throw new ConfigException(key, "'" + value + "' must be an https URL (RFC 9728)");
        }
        return value;
    }

    private static URI absolute(String key, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigException(key, "'" + value + "' is not a URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                || uri.getHost() == null) {
            throw new ConfigException(key, "'" + value + "' is not an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException(key, "'" + value + "' must not have user info, a query or a fragment");
        }
        return uri;
    }
}
