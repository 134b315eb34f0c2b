/**
 * Which rule applies to a request: routes and their table (longest match, exact beats prefix, methods), the
 * authentication modes, requirements, and the policies resources declare (JAX-RS annotations, resolved here once).
 */
package dev.gatecheck.route;
