package dev.gatecheck.internal;

/**
 * Registered JOSE and JWT member names, shared by every parse: a cached token keeps its claims, and without this
 * each would hold its own copy of {@code "iss"}, {@code "exp"} and the rest. The parser finds a registered name from
 * its bytes, so such a member costs no {@code String} of its own. Internal.
 */
final class JsonNames {
    /** Open addressing over a power-of-two table, by {@link String#hashCode}; at most a quarter full. */
    private static final String[] TABLE = table("alg", "kid", "typ", "cty", "crit", "jwk", "jku", "x5c", "x5u", "x5t",
            "x5t#S256", "b64", "zip", "enc", "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "scope", "scp", "roles",
            "groups", "org", "azp", "sid", "acr", "amr", "auth_time", "client_id", "cnf", "jkt", "htm", "htu", "ath",
            "nonce", "email", "email_verified", "name", "preferred_username", "given_name", "family_name",
            "realm_access", "resource_access", "allowed-origins", "session_state", "tid", "oid", "ver", "uti", "active",
            "token_type", "username", "identity", "hd", "custom");
    private static final int MASK = TABLE.length - 1;

    private JsonNames() {
    }

    private static String[] table(String... names) {
        String[] table = new String[Integer.highestOneBit(names.length) * 4];
        for (String name : names) {
            int slot = spread(name.hashCode()) & (table.length - 1);
            while (table[slot] != null) {
                slot = (slot + 1) & (table.length - 1);
            }
            table[slot] = name;
        }
        return table;
    }

    /** The shared instance of {@code name} when it is registered, else {@code name}. */
    static String shared(String name) {
        for (int slot = spread(name.hashCode()) & MASK; TABLE[slot] != null; slot = (slot + 1) & MASK) {
            if (TABLE[slot].equals(name)) {
                return TABLE[slot];
            }
        }
        return name;
    }

    /** The shared name whose ASCII bytes are {@code in[from, to)}, or null when it is not registered. */
    static String shared(byte[] in, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + in[i]; // String.hashCode of ASCII text
        }
        for (int slot = spread(hash) & MASK; TABLE[slot] != null; slot = (slot + 1) & MASK) {
            String name = TABLE[slot];
            if (name.hashCode() == hash && name.length() == to - from && sameAscii(name, in, from)) {
                return name;
            }
        }
        return null;
    }

    private static boolean sameAscii(String name, byte[] in, int from) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) != in[from + i]) {
                return false;
            }
        }
        return true;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
