/**
 * Gateway trust: the markers (hmac, assertion, shared secret, trusted proxy, client certificate) and the
 * rules for identity headers. Not API.
 */
package dev.gatecheck.internal.gateway;
