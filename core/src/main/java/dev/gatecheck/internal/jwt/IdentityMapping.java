package dev.gatecheck.internal.jwt;

import dev.gatecheck.auth.AuthMethod;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.config.IssuerConfig;
import dev.gatecheck.internal.ClaimPath;
import dev.gatecheck.internal.OrderedSet;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns verified claims into an {@link Identity}. Claims of an unexpected type give an identity without
 * that information (no roles, no org), never an error.
 */
final class IdentityMapping {
    private final IssuerConfig config;
    private final AuthMethod method;

    IdentityMapping(IssuerConfig config, AuthMethod method) {
        this.config = config;
        this.method = method;
    }

    /** The identity of verified {@code claims}, signed with the key named {@code kid}. */
    Identity identity(Map<String, Object> claims, Optional<String> kid) {
        return builder(claims, kid).claims(claims).build();
    }

    /**
     * The same identity holding no parsed copy of its claims: {@code readAgain} gives them when first asked for (a
     * cached token's identity, whose claims most requests never read).
     */
    Identity identity(Map<String, Object> claims, Optional<String> kid, Supplier<Map<String, Object>> readAgain) {
        return builder(claims, kid).claims(new ClaimsOnDemand(claims, readAgain)).build();
    }

    private Identity.Builder builder(Map<String, Object> claims, Optional<String> kid) {
        Long exp = ClaimRules.numericDate(claims, "exp");
        OrderedSet.Builder scopes = new OrderedSet.Builder();
        addStrings(claims.get(config.scopeClaim()), false, scopes);
        addStrings(claims.get("scp"), false, scopes);
        Object iss = claims.get("iss");
        return Identity.builder(method)
                .subject(subject(claims))
                .issuer(iss instanceof String s ? (s.equals(config.issuer()) ? config.issuer() : s) : null) // one copy
                .org(ClaimPath.read(claims, config.orgClaim()) instanceof String org ? org : null)
                .roles(roles(claims))
                .scopes(scopes.build())
                .expiresAt(exp == null ? null : Instant.ofEpochSecond(exp))
                .keyId(kid.orElse(null));
    }

    /** The roles at every configured path, merged in order. */
    private Set<String> roles(Map<String, Object> claims) {
        OrderedSet.Builder roles = new OrderedSet.Builder();
        for (String path : config.rolesClaims()) {
            addStrings(ClaimPath.read(claims, path), true, roles);
        }
        return roles.build();
    }

    private static String subject(Map<String, Object> claims) {
        if (claims.get("sub") instanceof String sub) {
            return sub;
        }
        return claims.get("client_id") instanceof String clientId ? clientId : "";
    }

    /**
     * An array's strings, or a string (its ends trimmed) split at runs of whitespace, and of commas too when
     * {@code commasSeparate}; anything else gives nothing. Whitespace is the regular expression {@code \\s}.
     */
    static Set<String> strings(Object value, boolean commasSeparate) {
        OrderedSet.Builder out = new OrderedSet.Builder();
        addStrings(value, commasSeparate, out);
        return out.build();
    }

    private static void addStrings(Object value, boolean commasSeparate, OrderedSet.Builder out) {
        if (value instanceof String s) {
            String text = s.trim();
            int start = 0;
            for (int i = 0; i <= text.length(); i++) {
                if (i == text.length() || isSeparator(text.charAt(i), commasSeparate)) {
                    if (i > start) {
                        out.add(text.substring(start, i));
                    }
                    start = i + 1;
                }
            }
        } else if (value instanceof Collection<?> list) {
            for (Object item : list) {
                if (item instanceof String s && !s.isEmpty()) {
                    out.add(s);
                }
            }
        }
    }

    private static boolean isSeparator(char c, boolean commasSeparate) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || (commasSeparate && c == ',');
    }
}
