/**
 * Token verification: the strict pre-check, signature through JCA, claim rules, identity mapping and the
 * verified-token cache. Not API.
 */
package dev.gatecheck.internal.jwt;
