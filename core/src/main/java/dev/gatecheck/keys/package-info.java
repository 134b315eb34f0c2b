/**
 * Where verification keys come from: the {@link dev.gatecheck.keys.KeySource} SPI, the configured forms ({@link
 * dev.gatecheck.keys.KeySpec}), the one factory the engine starts them with, and the strict ingest every key passes.
 */
package dev.gatecheck.keys;
