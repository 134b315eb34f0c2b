package dev.gatecheck.internal.token;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.token.TokenSource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the access token of a request under RFC 6750: by default only the {@code Authorization} header
 * ({@code Bearer}, or RFC 9449's {@code DPoP}, case-insensitive, one space, one b64token); query and cookie sources
 * only when configured. Two credentials, from one place or two, are a malformed request.
 */
public final class CredentialExtractor {
    private static final String BEARER = "bearer";
    private static final String DPOP = "dpop";

    private final List<TokenSource> sources;
    private final int maxLength;

    /** An extractor reading {@code sources}, refusing credentials over {@code maxLength} characters. */
    public CredentialExtractor(List<TokenSource> sources, int maxLength) {
        this.sources = List.copyOf(sources);
        this.maxLength = maxLength;
    }

    /** The credential {@code request} presents. */
    public Credential extract(AuthRequest request) {
        List<Credential> found = new ArrayList<>(1);
        for (TokenSource source : sources) {
            switch (source.kind()) {
                case HEADER -> fromHeader(request.headers("Authorization"), found);
                case QUERY -> request.rawQuery().ifPresent(q -> fromQuery(q, source.name(), found));
                case COOKIE -> fromCookies(request.headers("Cookie"), source.name(), found);
            }
        }
        if (found.isEmpty()) {
            return new Credential.None();
        }
        if (found.size() > 1) {
            return new Credential.Malformed("multiple_credentials");
        }
        return found.get(0);
    }

    private void fromHeader(List<String> values, List<Credential> found) {
        if (values.size() > 1) {
            found.add(new Credential.Malformed("multiple_authorization_headers"));
            return;
        }
        if (values.isEmpty()) {
            return;
        }
        String value = values.get(0);
        // The scheme is a token (RFC 9110 §11.1): it ends at the first character that is not a tchar, so
        // "Bearer<TAB>x" is a malformed Bearer header, not some other scheme.
        int schemeEnd = 0;
        while (schemeEnd < value.length() && isTchar(value.charAt(schemeEnd))) {
            schemeEnd++;
        }
        boolean dpop = isScheme(value, schemeEnd, DPOP);
        if (!isScheme(value, schemeEnd, BEARER) && !dpop) {
            found.add(value.isBlank() ? new Credential.Malformed("empty_authorization_header")
                    : new Credential.OtherScheme());
            return;
        }
        if (schemeEnd == value.length()) {
            // "Bearer" with nothing after it is a malformed bearer header, not another scheme.
            found.add(new Credential.Malformed("missing_token"));
            return;
        }
        if (value.charAt(schemeEnd) != ' ') {
            found.add(new Credential.Malformed("malformed_authorization_header"));
            return;
        }
        if (value.length() - schemeEnd - 1 > maxLength) {
            found.add(new Credential.TooLong());
            return;
        }
        String token = value.substring(schemeEnd + 1);
        found.add(dpop ? new Credential.Bearer(token, true) : token(token));
    }

    /** Whether {@code value}'s scheme, its first {@code schemeEnd} characters, is {@code scheme} in any case. */
    private static boolean isScheme(String value, int schemeEnd, String scheme) {
        return schemeEnd == scheme.length() && value.regionMatches(true, 0, scheme, 0, schemeEnd);
    }

    private static boolean isTchar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private void fromQuery(String rawQuery, String name, List<Credential> found) {
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (!decode(key).equals(name)) {
                continue;
            }
            String raw = eq < 0 ? "" : pair.substring(eq + 1);
            if (raw.length() > maxLength * 3) {
                found.add(new Credential.TooLong());
            } else {
                found.add(token(decode(raw)));
            }
        }
    }

    private void fromCookies(List<String> headers, String name, List<Credential> found) {
        for (String header : headers) {
            for (String cookie : header.split(";", -1)) {
                int eq = cookie.indexOf('=');
                if (eq >= 0 && cookie.substring(0, eq).trim().equals(name)) {
                    String value = cookie.substring(eq + 1).trim();
                    if (value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    found.add(value.length() > maxLength ? new Credential.TooLong() : token(value));
                }
            }
        }
    }

    private Credential token(String token) {
        if (token.length() > maxLength) {
            return new Credential.TooLong();
        }
        // Its RFC 6750 grammar is checked by the verifier on a cache miss: a cached token passed it already.
        return new Credential.Bearer(token);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return "\0";
        }
    }
}
