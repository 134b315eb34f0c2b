/**
 * Credential extraction under RFC 6750. Not API.
 */
package dev.gatecheck.internal.token;
