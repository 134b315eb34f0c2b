package dev.gatecheck.jaxrs;

import dev.gatecheck.Gatecheck;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Answers RFC 9728's {@code GET /.well-known/oauth-protected-resource} below the application's base path with the
 * document core builds ({@link Gatecheck#resourceMetadata}), before any resource is matched: no resource serves
 * that path. Registered only when {@code gatecheck.resource-metadata.enabled=true}.
 */
@PreMatching
final class ResourceMetadataFilter implements ContainerRequestFilter {
    private final Gatecheck gatecheck;

    ResourceMetadataFilter(Gatecheck gatecheck) {
        this.gatecheck = gatecheck;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        Optional<Gatecheck.Document> document = gatecheck.resourceMetadata(new ContainerAuthRequest(context));
        if (document.isPresent()) {
            Response.ResponseBuilder response = Response.status(document.get().status())
                    .entity(document.get().body().getBytes(StandardCharsets.UTF_8));
            document.get().headers().forEach(response::header);
            context.abortWith(response.build());
        }
    }
}
