package dev.gatecheck.spring;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.token.TokenSource;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Lets a Spring Security chain take its caller from Gatecheck, which authenticated the request before the chain ran:
 * <pre>{@code http.with(new GatecheckSecurityConfigurer(), Customizer.withDefaults())}</pre>
 * It puts the caller into the security context as a {@link GatecheckAuthentication}, keeps the servlet API view
 * ({@code getUserPrincipal()}, {@code isUserInRole}) Gatecheck's, creates no session, switches off HTTP Basic, form
 * login and logout (Gatecheck authenticates), and switches off CSRF protection, as a bearer token is not sent by a
 * browser on its own (it stays on when Gatecheck reads tokens from a cookie). Refusals by the chain ({@code @PreAuthorize}, {@code authorizeHttpRequests}) answer like
 * Gatecheck: 401 {@code missing_authorization_header} without a caller, 403 {@code forbidden} with one.
 */
public final class GatecheckSecurityConfigurer extends AbstractHttpConfigurer<GatecheckSecurityConfigurer, HttpSecurity> {

    @Override
    public void init(HttpSecurity http) {
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .servletApi(servletApi -> servletApi.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> send(response,
                                Rejection.of(ErrorCode.MISSING_AUTHORIZATION_HEADER, "missing_credential")))
                        .accessDeniedHandler((request, response, e) -> send(response,
                                Rejection.of(ErrorCode.FORBIDDEN, "denied_by_application"))));
        if (!readsCookies(http)) {
            http.csrf(csrf -> csrf.disable());
        }
    }

    /** Whether Gatecheck takes tokens from cookies, which a browser sends by itself: then CSRF protection stays. */
    private static boolean readsCookies(HttpSecurity http) {
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        return context == null || context.getBeanProvider(Gatecheck.class).stream().anyMatch(gatecheck -> gatecheck
                .config().tokenSources().stream().anyMatch(source -> source.kind() == TokenSource.Kind.COOKIE));
    }

    @Override
    public void configure(HttpSecurity http) {
        http.addFilterBefore(new GatecheckAuthenticationFilter(), AnonymousAuthenticationFilter.class);
    }

    private static void send(HttpServletResponse response, Rejection rejection) throws IOException {
        byte[] body = rejection.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(rejection.status());
        rejection.headers().forEach(response::setHeader);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
