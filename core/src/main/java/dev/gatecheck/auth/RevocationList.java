package dev.gatecheck.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials revoked before they expire, consulted after every bearer token verifies (a JWT or an introspected
 * token) and on every request, cache hits included: a revoked credential is a 401 {@code invalid_token}, reason
 * {@code revoked}. Called on the request path, so an implementation answers from memory. {@code Gatecheck.revoke}
 * records a {@link Revocation} here and drops what the engine cached for it. The engine keeps an
 * {@linkplain #inMemory in-memory list} unless the application gives its own (one shared by several instances),
 * which it builds and closes.
 */
public interface RevocationList {

    /** True when the credential that proved {@code identity} is revoked. */
    boolean isRevoked(Identity identity);

    /** Records {@code revocation}; from then on {@link #isRevoked} answers true for what it covers. */
    void revoke(Revocation revocation);

    /**
     * A list in this instance's memory: each revocation is kept for {@code retention} (make it at least the longest
     * token lifetime, {@code gatecheck.jwt.max-lifetime}), at most {@code maxEntries} of them (the oldest go first).
     * Time comes from {@code clock}.
     */
    static RevocationList inMemory(Clock clock, Duration retention, int maxEntries) {
        return new InMemoryRevocationList(clock, retention, maxEntries);
    }

    /** What is revoked: one token, one session, or every credential of one subject issued until then. */
    sealed interface Revocation {

        /** True when {@code identity} was proved by a credential this revocation names (time aside). */
        boolean covers(Identity identity);

        /** The token whose {@code jti} is {@code jti}, of {@code issuer}. */
        static Revocation token(String issuer, String jti) {
            return new Token(issuer, jti);
        }

        /** Every token of the session {@code sid} (the {@code sid} claim) at {@code issuer}: a logout. */
        static Revocation session(String issuer, String sid) {
            return new Session(issuer, sid);
        }

        /**
         * Every credential of {@code subject} (the {@code sub} claim, of any issuer) issued ({@code iat}) up to the
         * moment it is recorded; a credential without {@code iat} counts as issued before. A later login works.
         */
        static Revocation subject(String subject) {
            return new Subject(subject);
        }

        /** See {@link Revocation#token}. */
        record Token(String issuer, String jti) implements Revocation {
            public Token {
                Objects.requireNonNull(issuer, "issuer");
                Objects.requireNonNull(jti, "jti");
            }

            @Override
            public boolean covers(Identity identity) {
                return identity.issuer().filter(issuer::equals).isPresent() && jti.equals(claim(identity, "jti"));
            }
        }

        /** See {@link Revocation#session}. */
        record Session(String issuer, String sid) implements Revocation {
            public Session {
                Objects.requireNonNull(issuer, "issuer");
                Objects.requireNonNull(sid, "sid");
            }

            @Override
            public boolean covers(Identity identity) {
                return identity.issuer().filter(issuer::equals).isPresent() && sid.equals(claim(identity, "sid"));
            }
        }

        /** See {@link Revocation#subject}. */
        record Subject(String subject) implements Revocation {
            public Subject {
                Objects.requireNonNull(subject, "subject");
            }

            @Override
            public boolean covers(Identity identity) {
                return subject.equals(identity.subject());
            }
        }

        private static Object claim(Identity identity, String name) {
            Optional<Object> value = identity.claim(name);
            return value.orElse(null);
        }
    }
}
