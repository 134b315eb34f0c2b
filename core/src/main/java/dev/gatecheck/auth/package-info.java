/**
 * The values an adapter and an application see: the request as the engine reads it ({@link
 * dev.gatecheck.auth.AuthRequest}), the decision ({@link dev.gatecheck.auth.Decision}), the caller ({@link
 * dev.gatecheck.auth.Identity}) and why a request was refused ({@link dev.gatecheck.auth.Rejection}). They depend on
 * nothing but {@code internal}, so every other package may use them.
 */
package dev.gatecheck.auth;
