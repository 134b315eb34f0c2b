/**
 * Gatecheck's test kit, for an application's tests: {@link dev.gatecheck.test.TestIssuer} (an in-memory identity
 * provider: fresh keys, a JWKS inline or served on loopback, a configuration that trusts it),
 * {@link dev.gatecheck.test.TokenBuilder} (tokens built fluently), {@link dev.gatecheck.test.Hostile} (tokens with
 * one thing wrong and how Gatecheck answers them), {@link dev.gatecheck.test.Bearer} (the header for any HTTP
 * client) and {@link dev.gatecheck.test.TestIssuerExtension} (JUnit 5).
 */
package dev.gatecheck.test;
