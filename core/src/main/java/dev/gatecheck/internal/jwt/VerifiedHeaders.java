package dev.gatecheck.internal.jwt;

import dev.gatecheck.keys.SignatureAlgorithm;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The header segments of the last few tokens whose signature verified, each with what the pre-check made of it. An
 * issuer signs every token with one of a few headers, so the next token compares its header's bytes here (a length,
 * then a vectorised compare) instead of decoding, parsing and checking it again, which costs about 0.2 µs. A lookup
 * must cost far less than that, and hashing the segment for a Caffeine cache alone costs a third of it: so this is a
 * fixed ring of {@value #SLOTS}, where a new header overwrites the oldest, and not a cache. Only headers of verified
 * tokens go in, so hostile tokens cannot push out the ones in use. Lock-free.
 */
final class VerifiedHeaders {
    private static final int SLOTS = 8;

    /** What the pre-check made of a header: its parameters, its algorithm and its {@code kid}. */
    record Header(Map<String, Object> fields, SignatureAlgorithm algorithm, Optional<String> kid) {
    }

    /** A header segment's exact bytes and its header. */
    private record Known(byte[] segment, Header header) {
    }

    private final AtomicReferenceArray<Known> slots = new AtomicReferenceArray<>(SLOTS);
    private final AtomicInteger written = new AtomicInteger();

    /** The header whose segment is exactly {@code token[0, length)}, or null when none verified lately. */
    Header find(byte[] token, int length) {
        for (int i = 0; i < SLOTS; i++) {
            Known known = slots.get(i);
            if (known == null) {
                return null; // slots fill in order and are never cleared (two writers racing: a miss at worst)
            }
            if (known.segment.length == length && Arrays.equals(known.segment, 0, length, token, 0, length)) {
                return known.header;
            }
        }
        return null;
    }

    /** Keeps {@code header}, whose segment is {@code token[0, length)}, in place of the oldest. */
    void remember(byte[] token, int length, Header header) {
        int slot = Math.floorMod(written.getAndIncrement(), SLOTS);
        slots.set(slot, new Known(Arrays.copyOf(token, length), header));
    }
}
