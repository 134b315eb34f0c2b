package dev.gatecheck.jaxrs;

import dev.gatecheck.Decision;
import dev.gatecheck.Gatecheck;
import dev.gatecheck.Rejection;
import dev.gatecheck.route.ResourcePolicy;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Authenticates the requests of one resource method, whose policy was resolved at deployment, at
 * {@code Priorities.AUTHENTICATION}. On {@link Decision.Allow} the resource sees Gatecheck's header view and
 * {@link GatecheckSecurityContext}, and the decision is left under {@link Gatecheck#DECISION_ATTRIBUTE}; on
 * {@link Decision.Deny} the request is aborted with the rejection. A decision an earlier adapter (the servlet
 * filter) left under that name is reused, never taken twice.
 */
final class AuthenticationFilter implements ContainerRequestFilter {
    private final Gatecheck gatecheck;
    private final Optional<ResourcePolicy> policy;

    AuthenticationFilter(Gatecheck gatecheck, Optional<ResourcePolicy> policy) {
        this.gatecheck = gatecheck;
        this.policy = policy;
    }

    @Override
    public void filter(ContainerRequestContext context) throws IOException {
        ContainerAuthRequest request = new ContainerAuthRequest(context);
        Decision decision;
        if (context.getProperty(Gatecheck.DECISION_ATTRIBUTE) instanceof Decision.Allow earlier) {
            decision = gatecheck.reuse(request, earlier, policy);
        } else {
            decision = gatecheck.authenticate(withBodyIfNeeded(request, context), policy);
        }
        if (decision instanceof Decision.Deny deny) {
            context.abortWith(response(deny.rejection()));
            return;
        }
        Decision.Allow allow = (Decision.Allow) decision;
        ContainerAuthRequest.applyHeaderChanges(context, allow.headers());
        context.setSecurityContext(new GatecheckSecurityContext(allow.identity(), context.getSecurityContext()));
        context.setProperty(Gatecheck.DECISION_ATTRIBUTE, allow);
    }

    /**
     * On webhook routes, the body read once (at most the limit + 1 bytes, so core can answer 413) and put back
     * for the resource; elsewhere the body is never touched.
     */
    private ContainerAuthRequest withBodyIfNeeded(ContainerAuthRequest request, ContainerRequestContext context)
            throws IOException {
        OptionalLong limit = gatecheck.bodyLimit(request);
        if (limit.isEmpty()) {
            return request;
        }
        byte[] body = context.getEntityStream().readNBytes((int) Math.min(limit.getAsLong() + 1, Integer.MAX_VALUE - 8));
        context.setEntityStream(new ByteArrayInputStream(body));
        return request.withBody(body);
    }

    /** The rejection as sent: status, JSON body, {@code Content-Type}, {@code WWW-Authenticate} and the rest. */
    static Response response(Rejection rejection) {
        Response.ResponseBuilder response = Response.status(rejection.status())
                .entity(rejection.body().getBytes(StandardCharsets.UTF_8));
        rejection.headers().forEach(response::header);
        return response.build();
    }
}
