/**
 * The engine, {@link dev.gatecheck.Gatecheck}: built once from a configuration, it owns what it starts and decides
 * every request through an exchange. The per-mode rules are package-private ({@code Decider}); adapters only
 * translate between their container and this package.
 */
package dev.gatecheck;
