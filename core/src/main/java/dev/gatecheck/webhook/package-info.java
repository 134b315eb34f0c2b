/**
 * The replay store SPI: what has been seen once (webhook deliveries, DPoP proofs) and must not pass again.
 */
package dev.gatecheck.webhook;
