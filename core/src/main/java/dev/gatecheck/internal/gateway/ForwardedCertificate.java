package dev.gatecheck.internal.gateway;

import dev.gatecheck.internal.TargetUri;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the client certificate a gateway forwards in a header: RFC 9440 {@code Client-Cert} (a structured-field
 * byte sequence, {@code :base64 DER:}) or a percent-encoded PEM (nginx {@code $ssl_client_escaped_cert}, AWS ALB
 * {@code X-Amzn-Mtls-Clientcert}). Anything else is no certificate.
 */
final class ForwardedCertificate {
    private static final Pattern BYTE_SEQUENCE = Pattern.compile(":([A-Za-z0-9+/]+={0,2}):");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----\\s*");
    private static final int MAX_CHARS = 16 * 1024;

    private ForwardedCertificate() {
    }

    /** The certificate in {@code value}, or empty when it holds none in either form. */
    static Optional<X509Certificate> parse(String value) {
        if (value.length() > MAX_CHARS) {
            return Optional.empty();
        }
        Matcher sequence = BYTE_SEQUENCE.matcher(value.trim());
        if (sequence.matches()) {
            return certificate(Base64.getDecoder().decode(sequence.group(1)));
        }
        Optional<String> pem = percentDecoded(value.trim());
        Matcher block = pem.map(PEM::matcher).filter(Matcher::matches).orElse(null);
        return block == null ? Optional.empty() : certificate(Base64.getMimeDecoder().decode(block.group(1)));
    }

    private static Optional<X509Certificate> certificate(byte[] der) {
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)));
        } catch (CertificateException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Percent escapes decoded, and nothing else ({@code +} is base64, not a space). */
    private static Optional<String> percentDecoded(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                int escaped = TargetUri.escapedByte(value, i);
                if (escaped < 0) {
                    return Optional.empty();
                }
                out.write(escaped);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(out.toString(StandardCharsets.US_ASCII));
    }
}
