package dev.gatecheck.jaxrs;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.route.ResourcePolicy;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Authenticates the requests of one resource method, whose policy was resolved at deployment, at
 * {@code Priorities.AUTHENTICATION}. On {@link Decision.Allow} the resource sees Gatecheck's header view and
 * {@link GatecheckSecurityContext}, and the decision is left under {@link Gatecheck#DECISION_ATTRIBUTE}; on
 * {@link Decision.Deny} the request is aborted with the rejection. A decision an earlier adapter (the servlet
 * filter) left under that name is not taken twice: core checks it against this side's route view.
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
        boolean bodyLeftUnread = declaresBody(context);
        if (context.getProperty(Gatecheck.DECISION_ATTRIBUTE) instanceof Decision.Allow earlier) {
            decision = gatecheck.reuse(request, earlier, policy);
        } else {
            Gatecheck.Exchange exchange = gatecheck.exchange(request, policy);
            OptionalLong limit = exchange.bodyLimit();
            if (limit.isPresent()) {
                byte[] body = readBody(context, limit.getAsLong());
                bodyLeftUnread = body.length > limit.getAsLong();
                decision = exchange.decide(body);
            } else {
                decision = exchange.decide();
            }
        }
        if (decision instanceof Decision.Deny deny) {
            Response.ResponseBuilder response = builder(deny.rejection());
            if (bodyLeftUnread) {
                // A body that is never read (an oversized webhook body, any body of a refused request) leaves the
                // connection unable to carry another request.
                // Said here because a runtime that commits the answer itself (Jersey does) leaves the
                // container no chance to say it before closing.
                response.header("Connection", "close");
            }
            context.abortWith(response.build());
            return;
        }
        Decision.Allow allow = (Decision.Allow) decision;
        ContainerAuthRequest.applyHeaderChanges(context, allow.headers());
        context.setSecurityContext(new GatecheckSecurityContext(allow.identity(), context.getSecurityContext()));
        context.setProperty(Gatecheck.DECISION_ATTRIBUTE, allow);
    }

    /**
     * Where {@link Gatecheck.Exchange#bodyLimit} asks for it (webhook routes, gateway routes whose signature covers
     * {@code content-digest}), the body read once, at most {@code limit} + 1 bytes (one more than allowed tells core to
     * answer 413, and the rest is never read), and put back for the resource; elsewhere the body is never
     * touched. Resources read the put-back bytes whatever they ask for: an {@code InputStream}, {@code byte[]} or
     * {@code String} entity, a form entity, or {@code @FormParam}s — Jersey parses forms from the entity stream,
     * and so does RESTEasy whenever the servlet container has no form parameters of its own, which it never has
     * once its input stream was read (checked on Jersey and RESTEasy by {@code JaxrsWebhookScenarios}).
     */
    private static byte[] readBody(ContainerRequestContext context, long limit) throws IOException {
        InputStream entity = context.getEntityStream();
        byte[] body = entity.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        // Exactly the bytes core decided on: an allowed request's body is never over the limit, so nothing is left.
        context.setEntityStream(new ByteArrayInputStream(body));
        return body;
    }

    /** True when the request announces a body (which a refusal leaves unread). */
    private static boolean declaresBody(ContainerRequestContext context) {
        String length = context.getHeaderString("Content-Length");
        return context.getHeaderString("Transfer-Encoding") != null
                || (length != null && !length.trim().equals("0"));
    }

    private static Response.ResponseBuilder builder(Rejection rejection) {
        Response.ResponseBuilder response = Response.status(rejection.status())
                .entity(rejection.body().getBytes(StandardCharsets.UTF_8));
        rejection.headers().forEach(response::header);
        return response;
    }
}
