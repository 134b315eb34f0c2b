package dev.gatecheck;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.IssuerConfig;
import dev.gatecheck.internal.Base64Url;
import dev.gatecheck.internal.gateway.GatewayTrust;
import dev.gatecheck.internal.jwt.Confirmation;
import dev.gatecheck.internal.jwt.DpopVerifier;
import dev.gatecheck.internal.token.Credential;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Whether a verified token is presented by the party it is bound to ({@code cnf}), checked on every request: the
 * verified-token cache keeps a token's verification, never this. RFC 9449: a token with {@code cnf.jkt} comes with
 * the {@code DPoP} scheme and a proof of that key, as its issuer's {@code gatecheck.jwt.dpop} allows; RFC 8705: a
 * token with {@code cnf.x5t#S256} comes over TLS with that client certificate (or one its gateway forwarded).
 */
final class TokenBinding {
    private final DpopVerifier dpop;
    private final Optional<GatewayTrust> gateway;

    TokenBinding(DpopVerifier dpop, Optional<GatewayTrust> gateway) {
        this.dpop = dpop;
        this.gateway = gateway;
    }

    /**
     * Why a token verified from {@code credential}, bound as {@code confirmation} says (read from its {@code cnf}
     * when it verified), is not presented as its binding requires; or empty.
     */
    Optional<Rejection> check(AuthRequest request, Credential.Bearer credential, Confirmation confirmation) {
        if (!confirmation.understood()) {
            // A binding Gatecheck cannot check (another method, a malformed value) is never ignored.
            return invalidToken("confirmation_unsupported");
        }
        Optional<Rejection> dpopFailure = dpop(request, credential, confirmation.issuer(),
                confirmation.jkt().orElse(null));
        if (dpopFailure.isPresent()) {
            return dpopFailure;
        }
        Optional<String> x5t = confirmation.x5t();
        return x5t.isEmpty() || certificate(request).map(TokenBinding::thumbprint).filter(x5t.get()::equals).isPresent()
                ? Optional.empty() : invalidToken("certificate_binding_mismatch");
    }

    private Optional<Rejection> dpop(AuthRequest request, Credential.Bearer credential, IssuerConfig issuer,
                                     String jkt) {
        if (issuer.dpop() == IssuerConfig.Dpop.DISABLED && (credential.dpop() || jkt != null)) {
            return invalidToken(jkt != null ? "dpop_bound_token_not_accepted" : "dpop_not_accepted");
        }
        if (!credential.dpop()) {
            // Never downgraded: a bound token sent as a bearer token is refused.
            return jkt != null ? invalidToken("dpop_bound_token_as_bearer")
                    : issuer.dpop() == IssuerConfig.Dpop.REQUIRED ? invalidToken("dpop_bound_token_required")
                    : Optional.empty();
        }
        return jkt == null ? invalidToken("token_not_dpop_bound")
                : dpop.verify(request, credential.token(), jkt, issuer.clockSkew());
    }

    /** The client certificate: the one the gateway forwards, where it forwards them, else the container's. */
    private Optional<X509Certificate> certificate(AuthRequest request) {
        if (gateway.isPresent() && gateway.get().forwardsCertificates()) {
            return gateway.get().forwardedCertificate(request);
        }
        List<X509Certificate> chain = request.clientCertificates();
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
    }

    /** RFC 8705 §3.1: the base64url SHA-256 of the certificate's DER encoding. */
    private static String thumbprint(X509Certificate certificate) {
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            return "";
        }
    }

    private static Optional<Rejection> invalidToken(String reason) {
        return Optional.of(Rejection.of(ErrorCode.INVALID_TOKEN, reason));
    }
}
