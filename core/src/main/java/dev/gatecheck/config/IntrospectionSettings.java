package dev.gatecheck.config;

import dev.gatecheck.config.IssuerConfig.Introspection;
import dev.gatecheck.config.IssuerConfig.Introspection.ClientAuth;
import dev.gatecheck.internal.HttpFetch;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the RFC 7662 introspection of one issuer ({@code gatecheck.jwt.introspection.*} or
 * {@code gatecheck.issuers.<name>.introspection.*}); checked when {@link GatecheckConfig.Builder#build()} runs, and
 * errors name the key. A private key file is read then, so a broken one is refused at startup.
 */
public final class IntrospectionSettings {
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private final Setting<String> uri;
    private final Setting<String> clientId;
    private final Setting<ClientAuth> authMethod;
    private final Setting<String> clientSecret;
    private final Setting<String> privateKeyLocation;
    private boolean configured;

    IntrospectionSettings(String prefix) {
        String p = prefix + "introspection.";
        this.uri = Setting.required(p + "uri");
        this.clientId = Setting.required(p + "client-id");
        this.authMethod = new Setting<>(p + "auth-method", ClientAuth.CLIENT_SECRET_BASIC);
        this.clientSecret = Setting.required(p + "client-secret");
        this.privateKeyLocation = Setting.required(p + "private-key-location");
    }

    /**
     * The introspection endpoint ({@code .introspection.uri}): {@code https}, or {@code http} to a loopback host.
     * Without it, OIDC discovery's {@code introspection_endpoint} (with {@code discovery=true}).
     */
    public IntrospectionSettings uri(String uri) {
        this.uri.set(uri, v -> ConfigValues.nonBlank(this.uri.key(), v));
        return this;
    }

    /** The client id the resource server authenticates with ({@code .introspection.client-id}). Required. */
    public IntrospectionSettings clientId(String clientId) {
        this.clientId.set(clientId, v -> ConfigValues.nonBlank(this.clientId.key(), v));
        return this;
    }

    /** How the client authenticates ({@code .introspection.auth-method}, {@code client_secret_basic}). */
    public IntrospectionSettings authMethod(ClientAuth method) {
        this.authMethod.set(method);
        return this;
    }

    /** The client secret of {@code client_secret_basic} ({@code .introspection.client-secret}). */
    public IntrospectionSettings clientSecret(String secret) {
        this.clientSecret.set(secret, v -> ConfigValues.nonBlank(clientSecret.key(), v));
        return this;
    }

    /**
     * A PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}: RSA of at least 2048 bits, EC P-256/384/521 or
     * Ed25519) whose key signs the {@code private_key_jwt} assertion ({@code .introspection.private-key-location}).
     */
    public IntrospectionSettings privateKeyLocation(String location) {
        this.privateKeyLocation.set(location, v -> ConfigValues.nonBlank(privateKeyLocation.key(), v));
        return this;
    }

    /** Marks introspection as wanted, so that {@link #build} refuses what is missing. */
    IntrospectionSettings configured() {
        configured = true;
        return this;
    }

    /** The introspection described, checked; empty when none was asked for. {@code discovery}: the issuer's flag. */
    Optional<Introspection> build(boolean discovery) {
        if (!configured) {
            return Optional.empty();
        }
        Optional<URI> endpoint = Optional.ofNullable(uri.get()).map(this::endpoint);
        if (endpoint.isEmpty() && !discovery) {
            throw new ConfigException(uri.key(), "is required unless discovery=true finds the introspection_endpoint");
        }
        if (clientId.get() == null) {
            throw new ConfigException(clientId.key(), "is required: the client the endpoint authenticates");
        }
        boolean basic = authMethod.get() == ClientAuth.CLIENT_SECRET_BASIC;
        Setting<String> needed = basic ? clientSecret : privateKeyLocation;
        Setting<String> other = basic ? privateKeyLocation : clientSecret;
        if (needed.get() == null) {
            throw new ConfigException(needed.key(), "is required with " + authMethod.key() + "="
                    + authMethod.get().key());
        }
        if (other.given()) {
            throw new ConfigException(other.key(), "does not apply to " + authMethod.key() + "="
                    + authMethod.get().key());
        }
        return Optional.of(new Introspection(endpoint, clientId.get(),
                basic ? Optional.of(clientSecret.get()) : Optional.empty(),
                basic ? Optional.empty() : Optional.of(privateKey(privateKeyLocation.get()))));
    }

    private URI endpoint(String value) {
        try {
            URI parsed = URI.create(value.trim());
            HttpFetch.checkAllowed(parsed);
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(uri.key(), e.getMessage());
        }
    }

    private PrivateKey privateKey(String location) {
        String key = privateKeyLocation.key();
        Matcher pem = PKCS8.matcher(ConfigValues.text(key, location));
        if (!pem.find()) {
            throw new ConfigException(key, "holds no PKCS#8 '-----BEGIN PRIVATE KEY-----' block (convert a PKCS#1"
                    + " key with 'openssl pkcs8 -topk8 -nocrypt')");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.group(1));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                PrivateKey parsed = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                if (parsed instanceof RSAPrivateKey rsa && rsa.getModulus().bitLength() < 2048) {
                    throw new ConfigException(key, "is an RSA key of fewer than 2048 bits");
                }
                Introspection.assertionAlgorithm(parsed);
                return parsed;
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next key type
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, e.getMessage());
            }
        }
        throw new ConfigException(key, "is not an RSA, EC or Ed25519 private key");
    }
}
