/**
 * Gatecheck for Spring Boot: auto-configuration of the engine and its servlet filter from {@code gatecheck.*}
 * properties, a Spring Security bridge ({@link dev.gatecheck.spring.GatecheckAuthentication},
 * {@link dev.gatecheck.spring.GatecheckSecurityConfigurer}), an Actuator health component and Micrometer meters.
 */
package dev.gatecheck.spring;
