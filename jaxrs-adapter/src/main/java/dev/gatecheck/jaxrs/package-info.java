/**
 * Gatecheck for Jakarta RESTful Web Services (JAX-RS 3.1+, e.g. Jersey and RESTEasy): register
 * {@link dev.gatecheck.jaxrs.GatecheckFeature}, annotate resources with {@code @PermitAll}, {@code @DenyAll},
 * {@code @RolesAllowed} and {@link dev.gatecheck.jaxrs.RequiresScopes}, and read the caller through the
 * {@code SecurityContext} or {@link dev.gatecheck.jaxrs.GatecheckIdentity}.
 */
package dev.gatecheck.jaxrs;
