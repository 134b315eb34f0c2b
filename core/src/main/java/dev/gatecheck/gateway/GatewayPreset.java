package dev.gatecheck.gateway;

import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the well-known identity-aware proxies send ({@code gatecheck.gateway.assertion.preset}): the header carrying
 * their signed JWT, its algorithm, where their keys are, and the unsigned headers they send beside it, which the
 * application must never see. Explicit {@code gatecheck.gateway.assertion.*} settings win over each default.
 */
public enum GatewayPreset {
    /** https://cloud.google.com/iap/docs/signed-headers-howto */
    GOOGLE_IAP("x-goog-iap-jwt-assertion", "ES256", true,
            Set.of("x-goog-authenticated-user-email", "x-goog-authenticated-user-id"), Set.of()),
    /** https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-authenticate-users.html */
    AWS_ALB("x-amzn-oidc-data", "ES256", false, Set.of("x-amzn-oidc-identity", "x-amzn-oidc-accesstoken"), Set.of()),
    /** https://developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/validating-json/ */
    CLOUDFLARE_ACCESS("cf-access-jwt-assertion", "RS256", true, Set.of("cf-access-authenticated-user-email",
            "cf-access-authenticated-user-id"), Set.of()),
    /**
     * https://www.pomerium.com/docs/capabilities/getting-users-identity; its {@code X-Pomerium-Claim-<name>} headers
     * ({@code jwt_claims_headers}) are unsigned.
     */
    POMERIUM("x-pomerium-jwt-assertion", "ES256", true, Set.of(), Set.of("x-pomerium-claim-"));

    private final String header;
    private final String algorithm;
    private final boolean audienceRequired;
    private final Set<String> companions;
    private final Set<String> companionPrefixes;

    GatewayPreset(String header, String algorithm, boolean audienceRequired, Set<String> companions,
                  Set<String> companionPrefixes) {
        this.header = header;
        this.algorithm = algorithm;
        this.audienceRequired = audienceRequired;
        this.companions = companions;
        this.companionPrefixes = companionPrefixes;
    }

    /** The preset of a configuration value ({@code google-iap}, {@code aws-alb}, ...). */
    public static Optional<GatewayPreset> fromKey(String key) {
        for (GatewayPreset preset : values()) {
            if (preset.key().equals(key)) {
                return Optional.of(preset);
            }
        }
        return Optional.empty();
    }

    /** The configuration spelling, e.g. {@code google-iap}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The header carrying the proxy's JWT (lower case). */
    public String header() {
        return header;
    }

    /** The algorithm the proxy signs with. */
    public String algorithm() {
        return algorithm;
    }

    /** True when the proxy's tokens carry an audience that must be configured (its console shows the value). */
    public boolean audienceRequired() {
        return audienceRequired;
    }

    /** Unsigned headers this proxy sends beside its assertion, hidden from the application. */
    public Set<String> companions() {
        return companions;
    }

    /** Name prefixes of such headers. */
    public Set<String> companionPrefixes() {
        return companionPrefixes;
    }

    /** The proxy's fixed issuer, when it has one. */
    public Optional<String> issuer() {
        return this == GOOGLE_IAP ? Optional.of("https://cloud.google.com/iap") : Optional.empty();
    }

    /** The JWKS URL for tokens of {@code issuer} (Cloudflare's per team domain), when the proxy publishes one. */
    public Optional<String> jwksUri(Optional<String> issuer) {
        return switch (this) {
            case GOOGLE_IAP -> Optional.of("https://www.gstatic.com/iap/verify/public_key-jwk");
            case CLOUDFLARE_ACCESS -> issuer.map(i -> (i.endsWith("/") ? i.substring(0, i.length() - 1) : i)
                    + "/cdn-cgi/access/certs");
            default -> Optional.empty();
        };
    }

    /** The longest lifetime of the proxy's tokens, when shorter than the default. */
    public Optional<Duration> maxLifetime() {
        return this == GOOGLE_IAP ? Optional.of(Duration.ofMinutes(20)) : Optional.empty();
    }

    /**
     * The one key URL template ({@code {kid}}) of the ALBs {@code arns}. ALB publishes its keys per region
     * ({@code arn:aws:elasticloadbalancing:REGION:...}; GovCloud keys live in S3) and a token names no region
     * Gatecheck may trust before its signature is checked, so the ARNs must all be of one region.
     *
     * @throws IllegalArgumentException when an ARN is no ALB ARN, or the ARNs are of several regions
     */
    public static String albKeyUrl(Collection<String> arns) {
        Set<String> urls = arns.stream().map(GatewayPreset::albKeyUrl).collect(Collectors.toSet());
        if (urls.size() > 1) {
            throw new IllegalArgumentException("ARNs of several regions ("
                    + arns.stream().map(GatewayPreset::albRegion).distinct().sorted().collect(Collectors.joining(", "))
                    + "): ALB publishes its keys per region, so trust the ALBs of one region, or set"
                    + " gatecheck.gateway.assertion.key-url to the key URL they share");
        }
        return urls.iterator().next();
    }

    private static String albKeyUrl(String arn) {
        String region = albRegion(arn);
        if (arn.startsWith("arn:aws-us-gov:")) {
            return "https://s3-" + region + ".amazonaws.com/aws-elb-public-keys-prod-" + region + "/{kid}";
        }
        return "https://public-keys.auth.elb." + region + ".amazonaws.com/{kid}";
    }

    private static String albRegion(String arn) {
        String[] parts = arn.split(":");
        if (parts.length < 6 || !parts[2].equals("elasticloadbalancing") || !parts[3].matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("'" + arn + "' is not an ALB ARN");
        }
        return parts[3];
    }
}
