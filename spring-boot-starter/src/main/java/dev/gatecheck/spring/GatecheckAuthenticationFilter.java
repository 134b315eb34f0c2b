package dev.gatecheck.spring;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.Decision;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Inside Spring Security's chain: hands the identity of the request's Gatecheck decision to the
 * {@link SecurityContextHolder} as a {@link GatecheckAuthentication}. It decides nothing; a request without an
 * identity (a public route) stays anonymous. Runs on every dispatch, so an async or error dispatch sees the caller
 * of its original request.
 */
final class GatecheckAuthenticationFilter implements Filter {
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(Gatecheck.DECISION_ATTRIBUTE) instanceof Decision.Allow allow
                && allow.identity().isPresent() && contexts.getContext().getAuthentication() == null) {
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(new GatecheckAuthentication(allow.identity().get()));
            contexts.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
