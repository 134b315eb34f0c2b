package dev.gatecheck.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The caller's token must carry every one of these scopes ({@code scope} / {@code scp} claim); otherwise the
 * request is answered 403 {@code insufficient_scope} with a {@code WWW-Authenticate} challenge naming them,
 * and 401 without an authenticated caller. On a method it beats the class's; it combines with
 * {@code @RolesAllowed} (the caller needs one of the roles and all of the scopes).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScopes {
    /** The required scopes, all of them. */
    String[] value();
}
