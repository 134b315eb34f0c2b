package dev.gatecheck.jaxrs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/** {@code GET orders}: {@code hello <principal>}, for the suites of sender-constrained tokens. */
@Path("orders")
public class HelloResource {
    @GET
    public String list(@Context SecurityContext security) {
        return "hello " + security.getUserPrincipal().getName();
    }
}
