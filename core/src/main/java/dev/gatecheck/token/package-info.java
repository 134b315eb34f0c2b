/**
 * Where a bearer token may come from ({@link dev.gatecheck.token.TokenSource}).
 */
package dev.gatecheck.token;
