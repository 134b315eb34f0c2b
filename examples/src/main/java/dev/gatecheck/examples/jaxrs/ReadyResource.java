package dev.gatecheck.examples.jaxrs;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.events.Health;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * README "Operating Gatecheck": a JAX-RS readiness probe, {@link Gatecheck#health()} as JSON, 200 while UP or
 * DEGRADED, 503 when a key source is DOWN; public whatever the route table says.
 */
@Path("/ready")
@PermitAll
public final class ReadyResource {
    private final Gatecheck gatecheck;

    public ReadyResource(Gatecheck gatecheck) {
        this.gatecheck = gatecheck;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response ready() {
        Health health = gatecheck.health();
        return Response.status(health.ready() ? 200 : 503).entity(health.json() + "\n")
                .header("Cache-Control", "no-store").build();
    }
}
