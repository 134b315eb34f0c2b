/**
 * What a gateway needs from Gatecheck: the signer of the {@code hmac} marker profile and the presets of the
 * identity-aware proxies. The markers themselves are in {@code dev.gatecheck.internal.gateway}.
 */
package dev.gatecheck.gateway;
