package dev.gatecheck.config;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The header, algorithm, key location and claim rules of the well-known identity-aware proxies. Explicit
 * {@code gatecheck.gateway.assertion.*} settings override each default.
 */
enum AssertionPreset {
    NONE(null, null, false, Set.of(), Set.of()),
    /** https://cloud.google.com/iap/docs/signed-headers-howto */
    GOOGLE_IAP("x-goog-iap-jwt-assertion", "ES256", true,
            Set.of("x-goog-authenticated-user-email", "x-goog-authenticated-user-id"), Set.of()),
    /** https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-authenticate-users.html */
    AWS_ALB("x-amzn-oidc-data", "ES256", false, Set.of("x-amzn-oidc-identity", "x-amzn-oidc-accesstoken"), Set.of()),
    /** https://developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/validating-json/ */
    CLOUDFLARE_ACCESS("cf-access-jwt-assertion", "RS256", true, Set.of("cf-access-authenticated-user-email",
            "cf-access-authenticated-user-id"), Set.of()),
    /** https://www.pomerium.com/docs/capabilities/getting-users-identity */
    /** Its {@code X-Pomerium-Claim-<name>} headers ({@code jwt_claims_headers}) are unsigned. */
    POMERIUM("x-pomerium-jwt-assertion", "ES256", true, Set.of(), Set.of("x-pomerium-claim-"));

    private static final String ALB_SIGNER = "gatecheck.gateway.assertion.signer";

    private final String header;
    private final String algorithm;
    private final boolean audienceRequired;
    private final Set<String> companions;
    private final Set<String> companionPrefixes;

    AssertionPreset(String header, String algorithm, boolean audienceRequired, Set<String> companions,
                    Set<String> companionPrefixes) {
        this.header = header;
        this.algorithm = algorithm;
        this.audienceRequired = audienceRequired;
        this.companions = companions;
        this.companionPrefixes = companionPrefixes;
    }

    static Optional<AssertionPreset> named(String name) {
        for (AssertionPreset p : values()) {
            if (p != NONE && p.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-').equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    String header() {
        return header;
    }

    boolean audienceRequired() {
        return audienceRequired;
    }

    /** Unsigned headers this proxy sends beside its assertion, hidden from the application. */
    Set<String> companions() {
        return companions;
    }

    /** Name prefixes of such headers. */
    Set<String> companionPrefixes() {
        return companionPrefixes;
    }

    /** Fills what the user left unset: algorithm, issuer, key URL, lifetimes. */
    void applyDefaults(JwtSettings jwt) {
        if (this == NONE) {
            return;
        }
        jwt.defaultAlgorithms(algorithm);
        switch (this) {
            case GOOGLE_IAP -> {
                jwt.defaultIssuer("https://cloud.google.com/iap");
                jwt.defaultJwksUri("https://www.gstatic.com/iap/verify/public_key-jwk");
                jwt.defaultMaxLifetime(Duration.ofMinutes(20));
            }
            case CLOUDFLARE_ACCESS -> jwt.defaultJwksUriFromIssuer("/cdn-cgi/access/certs");
            case AWS_ALB -> jwt.audienceOptional();
            default -> {
            }
        }
    }

    /**
     * The regional ALB key URL for an ALB ARN ({@code arn:aws:elasticloadbalancing:REGION:...}); GovCloud keys
     * live in S3.
     *
     * @throws ConfigException naming {@code gatecheck.gateway.assertion.signer} when {@code arn} is no ALB ARN
     */
    static String albKeyUrl(String arn) {
        String region = albRegion(arn);
        if (arn.startsWith("arn:aws-us-gov:")) {
            return "https://s3-" + region + ".amazonaws.com/aws-elb-public-keys-prod-" + region + "/{kid}";
        }
        return "https://public-keys.auth.elb." + region + ".amazonaws.com/{kid}";
    }

    /**
     * The one key URL of the ALBs {@code arns}. ALB publishes its keys per region and a token names no region
     * Gatecheck may trust before its signature is checked, so the ARNs must all be of one region.
     *
     * @throws ConfigException naming {@code gatecheck.gateway.assertion.signer} for ARNs of several regions
     */
    static String albKeyUrl(Collection<String> arns) {
        Set<String> urls = arns.stream().map(AssertionPreset::albKeyUrl).collect(Collectors.toSet());
        if (urls.size() > 1) {
            throw new ConfigException(ALB_SIGNER, "ARNs of several regions ("
                    + arns.stream().map(AssertionPreset::albRegion).distinct().sorted().collect(Collectors.joining(", "))
                    + "): ALB publishes its keys per region, so trust the ALBs of one region, or set"
                    + " gatecheck.gateway.assertion.key-url to the key URL they share");
        }
        return urls.iterator().next();
    }

    private static String albRegion(String arn) {
        String[] parts = arn.split(":");
        if (parts.length < 6 || !parts[2].equals("elasticloadbalancing") || !parts[3].matches("[a-z0-9-]+")) {
            throw new ConfigException(ALB_SIGNER, "'" + arn + "' is not an ALB ARN");
        }
        return parts[3];
    }
}
