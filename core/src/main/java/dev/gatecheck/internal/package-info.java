/**
 * What the packages share and users must not: strict base64url and JSON, CIDR, path normalisation, the HTTP fetch
 * and the resources an engine owns. Not API: it may change in any release, and the module does not export it.
 */
package dev.gatecheck.internal;
