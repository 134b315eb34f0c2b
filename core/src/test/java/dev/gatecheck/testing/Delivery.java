package dev.gatecheck.testing;

import dev.gatecheck.auth.AuthRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A webhook delivery as a sender puts it on the wire: header lines in order (a name may repeat) and the raw body.
 * Immutable; every {@code with...} answers a changed copy, so a test tampers with exactly one thing.
 */
public record Delivery(List<Map.Entry<String, String>> headers, byte[] body) {

    public Delivery {
        headers = List.copyOf(headers);
        body = body.clone();
    }

    public static Delivery of(byte[] body) {
        return new Delivery(List.of(), body);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Adds one header line (a second line if {@code name} is already present). */
    public Delivery adding(String name, String value) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
        copy.add(Map.entry(name, value));
        return new Delivery(copy, body);
    }

    /** Replaces every line of {@code name} with one line holding {@code value}. */
    public Delivery with(String name, String value) {
        return without(name).adding(name, value);
    }

    /** Removes every line of {@code name} (matched case-insensitively). */
    public Delivery without(String name) {
        return new Delivery(headers.stream().filter(h -> !h.getKey().equalsIgnoreCase(name)).toList(), body);
    }

    public Delivery withBody(byte[] newBody) {
        return new Delivery(headers, newBody);
    }

    /** The single value of {@code name}. */
    public String header(String name) {
        List<String> values = headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).toList();
        if (values.size() != 1) {
            throw new IllegalStateException(name + " has " + values.size() + " lines");
        }
        return values.get(0);
    }

    /** A copy of the body with one bit flipped. */
    public Delivery withBitFlipped(int byteIndex, int bit) {
        byte[] tampered = body();
        tampered[byteIndex] ^= (byte) (1 << bit);
        return withBody(tampered);
    }

    /** {@code POST path} carrying these headers and this body, for the engine directly. */
    public AuthRequest to(String path) {
        AuthRequest.Builder b = AuthRequest.builder("POST", path);
        headers.forEach(h -> b.header(h.getKey(), h.getValue()));
        return b.body(body).build();
    }

    /** The header lines as name, value pairs, for an HTTP client. */
    public String[] headerPairs() {
        return headers.stream().flatMap(h -> java.util.stream.Stream.of(h.getKey(), h.getValue()))
                .toArray(String[]::new);
    }
}
