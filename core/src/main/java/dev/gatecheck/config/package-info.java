/**
 * The configuration: immutable data built by strict builders (each setting once, checked at build time, errors
 * naming the key) or loaded from the documented keys, in layers, by the one loader both adapters use. Building a
 * configuration starts, fetches and owns nothing.
 */
package dev.gatecheck.config;
