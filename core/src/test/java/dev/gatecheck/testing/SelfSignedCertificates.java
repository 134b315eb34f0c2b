package dev.gatecheck.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real self-signed X.509 certificates for client-certificate tests. The JDK has no public API to issue one, so the
 * JDK's own {@code keytool -genkeypair} writes it into a temporary PKCS12 keystore, which is then loaded. The
 * keystore itself serves the TLS tests (a server's certificate, a client's for mutual TLS).
 */
public final class SelfSignedCertificates {
    /** The password of every keystore {@link #keyStore} returns (and of its key). */
    public static final String PASSWORD = "changeit";
    /** The alias of the key and certificate in a keystore {@link #keyStore} returns. */
    public static final String ALIAS = "cert";

    private SelfSignedCertificates() {
    }

    /**
     * A certificate for {@code subjectDn} with the subject alternative names {@code sans} (keytool syntax, e.g.
     * {@code dns:gateway.internal}, {@code uri:spiffe://cluster.local/ns/edge/sa/gateway}); none when empty.
     */
    public static X509Certificate create(String subjectDn, String... sans) {
        try {
            return (X509Certificate) keyStore(subjectDn, sans).getCertificate(ALIAS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A PKCS12 keystore holding a new key pair and its self-signed certificate as {@link #create} makes it, under
     * {@link #ALIAS} with {@link #PASSWORD} (a TLS server's or client's identity).
     */
    public static KeyStore keyStore(String subjectDn, String... sans) {
        try {
            Path dir = Files.createTempDirectory("gatecheck-cert");
            Path store = dir.resolve("cert.p12");
            String password = PASSWORD;
            List<String> command = new ArrayList<>(List.of(keytool(), "-genkeypair", "-alias", ALIAS,
                    "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                    "-dname", subjectDn, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", password, "-keypass", password));
            if (sans.length > 0) {
                command.add("-ext");
                command.add("SAN=" + String.join(",", sans));
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + new String(output, StandardCharsets.UTF_8));
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, password.toCharArray());
            }
            Files.delete(store);
            Files.delete(dir);
            return keyStore;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String keytool() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path unix = bin.resolve("keytool");
        return Files.isExecutable(unix) ? unix.toString() : bin.resolve("keytool.exe").toString();
    }
}
