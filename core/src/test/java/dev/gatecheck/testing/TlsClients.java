package dev.gatecheck.testing;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS clients of a test server whose identity is a {@link SelfSignedCertificates#keyStore}: trusting its
 * certificate, with or without a client certificate of their own (mutual TLS).
 */
public final class TlsClients {
    private TlsClients() {
    }

    /** A keystore trusting the certificates of {@code identities} (each under {@link SelfSignedCertificates#ALIAS}). */
    public static KeyStore trusting(KeyStore... identities) throws GeneralSecurityException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < identities.length; i++) {
                trust.setCertificateEntry("trusted-" + i, identities[i].getCertificate(SelfSignedCertificates.ALIAS));
            }
            return trust;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client trusting {@code server}, presenting {@code identity} when the server asks for a certificate. */
    public static HttpClient client(KeyStore server, Optional<KeyStore> identity) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusting(server));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        SSLContext context = SSLContext.getInstance("TLS");
        if (identity.isPresent()) {
            keys.init(identity.get(), SelfSignedCertificates.PASSWORD.toCharArray());
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        } else {
            context.init(null, trust.getTrustManagers(), null);
        }
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
