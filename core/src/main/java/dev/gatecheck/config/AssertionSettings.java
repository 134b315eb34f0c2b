package dev.gatecheck.config;

import dev.gatecheck.gateway.GatewayPreset;
import dev.gatecheck.keys.KeySpec;
import dev.gatecheck.keys.SignatureAlgorithm;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code assertion} marker's settings ({@code gatecheck.gateway.assertion.*}), given through
 * {@link GatewaySettings}: a preset, the header, how the JWT is verified, and the AWS ALB extras. A preset fills what
 * was not given.
 */
final class AssertionSettings {
    private static final String PREFIX = "gatecheck.gateway.assertion.";

    final Setting<GatewayPreset> preset = Setting.required(PREFIX + "preset");
    final Setting<String> header = Setting.required(PREFIX + "header");
    final JwtSettings jwt = new JwtSettings(PREFIX, PREFIX + "audience");
    final Setting<Set<String>> signers = Setting.required(PREFIX + "signer");
    final Setting<String> client = Setting.required(PREFIX + "client");
    final Setting<String> keyUrl = Setting.required(PREFIX + "key-url");
    final Setting<GatewayConfig.SiblingHeaders> siblingHeaders = new Setting<>(PREFIX + "headers",
            GatewayConfig.SiblingHeaders.IGNORE);
    boolean configured;

    void signers(String... arns) {
        signers.set(arns, v -> Collections.unmodifiableSet(new LinkedHashSet<>(
                ConfigValues.nonBlankList(signers.key(), v))));
        configured = true;
    }

    GatewayConfig.Assertion build() {
        GatewayPreset p = preset.get();
        String name = header.get() != null ? header.get() : p == null ? null : p.header();
        if (name == null) {
            throw new ConfigException(header.key(), "the assertion marker needs a header or a preset");
        }
        if (p != null) {
            applyDefaults(p);
        }
        Map<String, Set<String>> requiredHeaders = new LinkedHashMap<>();
        if (p == GatewayPreset.AWS_ALB) {
            alb(requiredHeaders);
        } else if (keyUrl.given()) {
            throw new ConfigException(keyUrl.key(), "only the aws-alb preset reads keys by URL template");
        }
        IssuerConfig issuer = jwt.build();
        if (p != null && p.audienceRequired() && issuer.audiences().isEmpty()) {
            throw new ConfigException(jwt.audiencesKey(), "the " + p.key() + " preset needs the audience value from"
                    + " the gateway's console");
        }
        return new GatewayConfig.Assertion(name, issuer, p == GatewayPreset.AWS_ALB, requiredHeaders,
                p == null ? Set.of() : p.companions(), p == null ? Set.of() : p.companionPrefixes(),
                siblingHeaders.get());
    }

    private void applyDefaults(GatewayPreset p) {
        jwt.defaultAlgorithms(p.algorithm());
        p.issuer().ifPresent(jwt::defaultIssuer);
        p.maxLifetime().ifPresent(jwt::defaultMaxLifetime);
        p.jwksUri(jwt.issuerValue()).ifPresent(jwt::defaultJwksUri);
        if (!p.audienceRequired()) {
            jwt.audienceOptional();
        }
    }

    /** AWS ALB: the allowed signer ARNs (and client) are checked in the header; keys come per kid by region. */
    private void alb(Map<String, Set<String>> requiredHeaders) {
        if (signers.get() == null) {
            throw new ConfigException(signers.key(), "aws-alb needs the ALB ARN(s) allowed as signer");
        }
        requiredHeaders.put("signer", signers.get());
        if (client.given()) {
            requiredHeaders.put("client", Set.of(client.get()));
        }
        for (String arn : signers.get()) {
            try {
                GatewayPreset.albKeyUrl(List.of(arn));
            } catch (IllegalArgumentException notAnAlbArn) {
                throw new ConfigException(signers.key(), notAnAlbArn.getMessage());
            }
        }
        String template = keyUrl.get();
        if (template == null) {
            try {
                template = GatewayPreset.albKeyUrl(List.copyOf(signers.get()));
            } catch (IllegalArgumentException severalRegions) {
                throw new ConfigException(signers.key(), severalRegions.getMessage());
            }
        }
        if (!jwt.hasKeySource()) {
            try {
                jwt.keyUrl(new KeySpec.PemByKid(template, SignatureAlgorithm.ES256));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(keyUrl.key(), e.getMessage());
            }
        }
    }
}
