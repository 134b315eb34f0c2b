package dev.gatecheck.config;

import java.util.Objects;

/**
 * One identity header and what it carries ({@code X-User-ID:sub}): a dotted claim path, or {@code roles},
 * {@code scopes}, {@code org}, {@code sub} for the identity's own fields.
 *
 * @param header the header name as the application reads it
 * @param field the claim path or identity field
 */
public record HeaderMapping(String header, String field) {
    public HeaderMapping {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(field, "field");
        if (!header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+") || field.isBlank()) {
            throw new IllegalArgumentException("'" + header + ":" + field + "' is not header:claim");
        }
    }

}
