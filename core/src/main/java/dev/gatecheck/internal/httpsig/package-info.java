/**
 * HTTP message signatures as Gatecheck profiles them: RFC 9421 signature bases, RFC 8941 structured fields,
 * RFC 9530 content digests. Not API.
 */
package dev.gatecheck.internal.httpsig;
