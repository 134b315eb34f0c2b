package dev.gatecheck.internal.webhook;

import dev.gatecheck.auth.AuthRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A webhook delivery as a sender puts it on the wire: header lines in order (a name may repeat) and the raw body.
 * Immutable; every {@code with...} answers a changed copy, so a test tampers with exactly one thing.
 */
record Delivery(List<Map.Entry<String, String>> headers, byte[] body) {

    Delivery {
        headers = List.copyOf(headers);
        body = body.clone();
    }

    static Delivery of(byte[] body) {
        return new Delivery(List.of(), body);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Adds one header line (a second line if {@code name} is already present). */
    Delivery adding(String name, String value) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
        copy.add(Map.entry(name, value));
        return new Delivery(copy, body);
    }

    /** Replaces every line of {@code name} with one line holding {@code value}. */
    Delivery with(String name, String value) {
        return without(name).adding(name, value);
    }

    /** Removes every line of {@code name} (matched case-insensitively). */
    Delivery without(String name) {
        return new Delivery(headers.stream().filter(h -> !h.getKey().equalsIgnoreCase(name)).toList(), body);
    }

    Delivery withBody(byte[] newBody) {
        return new Delivery(headers, newBody);
    }

    /** The single value of {@code name}. */
    String header(String name) {
        List<String> values = headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).toList();
        if (values.size() != 1) {
            throw new IllegalStateException(name + " has " + values.size() + " lines");
        }
        return values.get(0);
    }

    /** A copy of the body with one bit flipped. */
    Delivery withBitFlipped(int byteIndex, int bit) {
        byte[] tampered = body();
        tampered[byteIndex] ^= (byte) (1 << bit);
        return withBody(tampered);
    }

    /** {@code POST path} carrying these headers and this body. */
    AuthRequest to(String path) {
        AuthRequest.Builder b = AuthRequest.builder("POST", path);
        headers.forEach(h -> b.header(h.getKey(), h.getValue()));
        return b.body(body).build();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
