package dev.gatecheck.examples.jaxrs;

import dev.gatecheck.auth.Identity;
import dev.gatecheck.jaxrs.GatecheckIdentity;
import dev.gatecheck.jaxrs.RequiresScopes;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** README "JAX-RS": a resource reading the caller, kept here so the snippet compiles with every build. */
@Path("/")
@Produces(MediaType.TEXT_PLAIN)
public class OrdersResource {
    @GET @Path("health") @PermitAll
    public String health() {
        return "ok";
    }

    @GET @Path("api/orders")                 // no annotation: the route table decides (gatecheck.mode=token)
    public String orders(@Context Identity caller) {
        return "orders of " + caller.subject();
    }

    @GET @Path("admin") @RolesAllowed("admin")
    public String admin(@Context Identity caller) {
        return "hello, " + caller.subject();
    }

    @GET @Path("api/reports") @RequiresScopes("reports:read")
    public String reports(@Context SecurityContext security) {
        Identity caller = GatecheckIdentity.of(security).orElseThrow();   // the portable way
        return "reports of " + caller.org().orElse("no org");
    }
}
