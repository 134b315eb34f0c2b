package dev.gatecheck.internal.httpsig;

import dev.gatecheck.auth.AuthRequest;
import java.util.List;
import java.util.Locale;

/**
 * Builds the RFC 9421 signature base of a request for the components Gatecheck's profile supports: {@code @method},
 * {@code @path}, {@code @query}, {@code @authority} and header fields (lower-case names). Any other derived
 * component is refused rather than guessed.
 */
public final class SignatureBase {
    private SignatureBase() {
    }

    /** A component that cannot be produced: unsupported, or a header the request lacks. */
    public static final class MissingComponent extends Exception {
        MissingComponent(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The signature base: one {@code "name": value} line per component, then the {@code @signature-params} line. */
    public static String of(AuthRequest request, List<String> components, String signatureParams) throws MissingComponent {
        StringBuilder base = new StringBuilder();
        for (String component : components) {
            base.append('"').append(component).append("\": ").append(value(request, component)).append('\n');
        }
        return base.append("\"@signature-params\": ").append(signatureParams).toString();
    }

    private static String value(AuthRequest request, String component) throws MissingComponent {
        switch (component) {
            case "@method":
                return request.method();
            case "@path":
                return request.path().isEmpty() ? "/" : request.path();
            case "@query":
                return "?" + request.rawQuery().orElse("");
            case "@authority": {
                List<String> host = request.headers("Host");
                if (host.size() != 1) {
                    throw new MissingComponent("authority_unavailable");
                }
                return host.get(0).trim().toLowerCase(Locale.ROOT);
            }
            default:
                break;
        }
        if (component.startsWith("@") || !component.equals(component.toLowerCase(Locale.ROOT))) {
            throw new MissingComponent("unsupported_component");
        }
        List<String> values = request.headers(component);
        if (values.isEmpty()) {
            throw new MissingComponent("covered_header_missing");
        }
        // RFC 9421 §2.1: values trimmed, several lines joined with ", "; obs-fold and CR/LF cannot be signed.
        StringBuilder joined = new StringBuilder();
        for (String v : values) {
            if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                throw new MissingComponent("unsupported_header_value");
            }
            joined.append(joined.length() == 0 ? "" : ", ").append(v.trim());
        }
        return joined.toString();
    }
}
