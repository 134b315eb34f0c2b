package dev.gatecheck.auth;

import dev.gatecheck.internal.ClaimPath;
import dev.gatecheck.internal.OrderedSet;
import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated caller: an immutable {@link Principal} whose name is the subject.
 * Claims are read-only; {@link #claim(String)} reads a dotted path such as {@code realm_access.roles}.
 */
public final class Identity implements Principal {
    /**
     * The role every authenticated caller has ({@code "**"}, as in Jakarta Servlet and Security): in
     * {@link #hasRole}, and so in {@code isUserInRole("**")}, {@code @RolesAllowed("**")} and a route's
     * {@code roles=**}.
     */
    public static final String ANY_AUTHENTICATED = "**";

    private final String subject;
    private final String issuer;
    private final String org;
    private final Set<String> roles;
    private final Set<String> scopes;
    private final Map<String, Object> claims;
    /** Epoch seconds, or {@link Long#MIN_VALUE} for none: an Instant would cost a cached identity 24 bytes. */
    private final long expiresAt;
    private final AuthMethod method;
    private final String keyId;

    private Identity(Builder b) {
        this.subject = Objects.requireNonNull(b.subject, "subject");
        this.issuer = b.issuer;
        this.org = b.org;
        this.roles = OrderedSet.copyOf(b.roles);
        this.scopes = OrderedSet.copyOf(b.scopes);
        this.claims = b.claims;
        this.expiresAt = b.expiresAt == null ? Long.MIN_VALUE : b.expiresAt.getEpochSecond();
        this.method = Objects.requireNonNull(b.method, "method");
        this.keyId = b.keyId;
    }

    /** Starts an identity established by {@code method}. */
    public static Builder builder(AuthMethod method) {
        return new Builder(method);
    }

    /** The subject ({@code sub}); also {@link #getName()}. */
    public String subject() {
        return subject;
    }

    @Override
    public String getName() {
        return subject;
    }

    /** The issuer ({@code iss}) when the identity came from a token or assertion. */
    public Optional<String> issuer() {
        return Optional.ofNullable(issuer);
    }

    /** The organisation ({@code gatecheck.jwt.org-claim}, {@code X-User-Org}). */
    public Optional<String> org() {
        return Optional.ofNullable(org);
    }

    /** The roles, possibly empty, in the order the credential listed them. */
    public Set<String> roles() {
        return roles;
    }

    /** The scopes, possibly empty, in the order the credential listed them. */
    public Set<String> scopes() {
        return scopes;
    }

    /**
     * True when {@link #roles()} contains {@code role}, or {@code role} is {@link #ANY_AUTHENTICATED}. Every
     * adapter's {@code isUserInRole} and every role requirement answer with this method.
     */
    public boolean hasRole(String role) {
        return ANY_AUTHENTICATED.equals(role) || roles.contains(role);
    }

    /** True when {@link #scopes()} contains {@code scope}. */
    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** Every claim, read-only (nested objects are read-only maps and lists). */
    public Map<String, Object> claims() {
        return claims;
    }

    /** The claim at a dotted path ({@code a.b.c}), if every step exists. */
    public Optional<Object> claim(String dottedPath) {
        return Optional.ofNullable(ClaimPath.read(claims, dottedPath));
    }

    /** When the credential expires ({@code exp}), if it does. */
    public Optional<Instant> expiresAt() {
        return expiresAt == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochSecond(expiresAt));
    }

    /** How this identity was established. */
    public AuthMethod method() {
        return method;
    }

    /**
     * The {@code kid} of the key that verified the credential's signature, when its header named one (for audit
     * logs; a token's {@code kid} is only believed once the signature verified).
     */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Identity other
                && subject.equals(other.subject)
                && Objects.equals(issuer, other.issuer)
                && method == other.method
                && claims.equals(other.claims);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, issuer, method);
    }

    @Override
    public String toString() {
        return "Identity[" + method + " subject=" + subject + " issuer=" + issuer + " roles=" + roles + "]";
    }

    /** Builds an {@link Identity}; claims must already be read-only. */
    public static final class Builder {
        private final AuthMethod method;
        private String subject = "";
        private String issuer;
        private String org;
        private Set<String> roles = Set.of();
        private Set<String> scopes = Set.of();
        private Map<String, Object> claims = Map.of();
        private Instant expiresAt;
        private String keyId;

        private Builder(AuthMethod method) {
            this.method = method;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder org(String org) {
            this.org = org;
            return this;
        }

        public Builder roles(Set<String> roles) {
            this.roles = roles;
            return this;
        }

        public Builder scopes(Set<String> scopes) {
            this.scopes = scopes;
            return this;
        }

        /** Claims as parsed by Gatecheck (already immutable); a copy is not taken. */
        public Builder claims(Map<String, Object> claims) {
            this.claims = Objects.requireNonNull(claims, "claims");
            return this;
        }

        /** When the credential expires, to the second (a JWT {@code exp} is whole seconds). */
        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /** The {@code kid} of the key that verified the credential. */
        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Identity build() {
            return new Identity(this);
        }
    }
}
