package dev.gatecheck.internal;

import java.util.function.BiFunction;

/**
 * One value derived from an immutable object and kept beside it, such as the identity headers of a cached token's
 * identity, so that a cache hit does not derive them again. Racy but idempotent, like {@code String.hash}: a lost
 * write only means computing the same value again. The value is kept per {@code owner}, the one thing that derives
 * it (an engine's identity-header rules), so two owners never see each other's value. Internal.
 */
public final class Memo {
    private volatile Held held;

    private record Held(Object owner, Object value) {
    }

    /**
     * The value {@code owner} derived before, or {@code derive.apply(owner, from)}, kept for next time. The
     * function takes both, so callers pass a method reference that captures nothing and a hit allocates nothing.
     */
    @SuppressWarnings("unchecked")
    public <O, A, T> T get(O owner, A from, BiFunction<? super O, ? super A, ? extends T> derive) {
        Held current = held;
        if (current == null || current.owner() != owner) {
            current = new Held(owner, derive.apply(owner, from));
            held = current;
        }
        return (T) current.value();
    }
}
