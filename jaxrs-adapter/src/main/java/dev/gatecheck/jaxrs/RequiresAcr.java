package dev.gatecheck.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Step-up authentication (RFC 9470): the caller's token must carry an {@code acr} claim equal to one of
 * {@link #values()} (when any are given) and an {@code auth_time} at most {@link #maxAge()} seconds ago (when
 * given). Otherwise the request is answered 401 {@code insufficient_user_authentication}, the challenge naming
 * {@code acr_values} and {@code max_age}, so the client can send the user back to the authorization server. On a
 * method it beats the class's; it combines with {@code @RolesAllowed} and {@link RequiresScopes}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresAcr {
    /** The accepted authentication context classes ({@code acr}), any one of them; none: any. */
    String[] values() default {};

    /** The longest time since the user authenticated ({@code auth_time}), in seconds; -1: no limit. */
    long maxAge() default -1;
}
