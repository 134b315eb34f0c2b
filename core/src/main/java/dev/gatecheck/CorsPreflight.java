package dev.gatecheck;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.internal.token.Credential;
import dev.gatecheck.internal.token.CredentialExtractor;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises a CORS preflight the way a browser sends one, and nothing more: {@code OPTIONS}, exactly one non-empty
 * {@code Origin}, exactly one {@code Access-Control-Request-Method} naming a real method, no body and no credential.
 * Anything else is an ordinary {@code OPTIONS} request, authenticated like any request of its route.
 */
final class CorsPreflight {
    /**
     * The methods of the IANA HTTP Method Registry (RFC 9110, RFC 7237, RFC 5789, ...), spelled exactly as
     * registered, without {@code CONNECT} and {@code TRACE} (Fetch never sends them) and {@code PRI} (the HTTP/2
     * connection preface).
     */
    static final Set<String> METHODS = Set.of("ACL", "BASELINE-CONTROL", "BIND", "CHECKIN", "CHECKOUT", "COPY",
            "DELETE", "GET", "HEAD", "LABEL", "LINK", "LOCK", "MERGE", "MKACTIVITY", "MKCALENDAR", "MKCOL",
            "MKREDIRECTREF", "MKWORKSPACE", "MOVE", "OPTIONS", "ORDERPATCH", "PATCH", "POST", "PROPFIND", "PROPPATCH",
            "PUT", "REBIND", "REPORT", "SEARCH", "UNBIND", "UNCHECKOUT", "UNLINK", "UNLOCK", "UPDATE",
            "UPDATEREDIRECTREF", "VERSION-CONTROL");

    private CorsPreflight() {
    }

    /** True when {@code request} is a preflight as a browser sends it; {@code credentials} finds configured tokens. */
    static boolean matches(AuthRequest request, CredentialExtractor credentials) {
        return request.method().equals("OPTIONS")
                && single(request, "Origin").filter(origin -> !origin.isBlank()).isPresent()
                && single(request, "Access-Control-Request-Method").filter(METHODS::contains).isPresent()
                && hasNoBody(request)
                && hasNoCredential(request, credentials);
    }

    private static Optional<String> single(AuthRequest request, String header) {
        List<String> values = request.headers(header);
        return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
    }

    /** No body announced, and none buffered (on HTTP/2 a body needs no {@code Content-Length}). */
    private static boolean hasNoBody(AuthRequest request) {
        return request.headers("Transfer-Encoding").isEmpty()
                && request.headers("Content-Length").stream().allMatch(length -> length.trim().equals("0"))
                && request.body().map(body -> body.length == 0).orElse(true);
    }

    /** Browsers send no credential on a preflight: a request that carries one wants it checked. */
    private static boolean hasNoCredential(AuthRequest request, CredentialExtractor credentials) {
        return request.headers("Authorization").isEmpty() && request.headers("Cookie").isEmpty()
                && request.headers("DPoP").isEmpty() && credentials.extract(request) instanceof Credential.None;
    }
}
