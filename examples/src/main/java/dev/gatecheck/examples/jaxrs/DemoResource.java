package dev.gatecheck.examples.jaxrs;

import dev.gatecheck.auth.Identity;
import dev.gatecheck.examples.DemoJson;
import dev.gatecheck.examples.DemoWebhook;
import dev.gatecheck.jaxrs.GatecheckIdentity;
import dev.gatecheck.jaxrs.RequiresScopes;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The demo's resources. Annotations say who may call; methods without one follow the route table, whose
 * default ({@code gatecheck.mode=token}) asks for a valid token. Gatecheck decides before a method runs.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class DemoResource {

    @GET
    @Path("health")
    @PermitAll
    public String health() {
        return "{\"status\":\"ok\"}\n";
    }

    @GET
    @Path("api/users")
    public String users(@Context SecurityContext security, @Context HttpHeaders headers) {
        return seen(security, headers);
    }

    @GET
    @Path("api/users/{id}")
    public String user(@PathParam("id") String id, @Context SecurityContext security, @Context HttpHeaders headers) {
        return seen(security, headers);
    }

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    public String admin(@Context SecurityContext security, @Context HttpHeaders headers) {
        return seen(security, headers);
    }

    @GET
    @Path("api/reports")
    @RequiresScopes("reports:read")
    public String reports(@Context SecurityContext security) {
        Identity caller = GatecheckIdentity.of(security).orElseThrow();
        Map<String, Object> reports = new LinkedHashMap<>();
        reports.put("reports", List.of());
        reports.put("caller", caller.subject());
        return DemoJson.of(reports) + "\n";
    }

    /**
     * {@code POST /webhooks/*}: a webhook receiver (no annotation: the route table decides, so
     * {@code /webhooks/github} is GitHub-signed in the built-in configuration and the rest needs a token). It
     * answers {@code {"received_bytes":..,"sha256":"<hex of the body as read here>","caller":"<principal>"}}.
     */
    @POST
    @Path("webhooks/{name: .+}")
    @Consumes(MediaType.WILDCARD)
    public Response webhook(InputStream body, @Context SecurityContext security) throws IOException {
        Optional<byte[]> read = DemoWebhook.read(body);
        if (read.isEmpty()) {
            return Response.status(413).entity(DemoJson.of(Map.of("error", "payload_too_large")) + "\n").build();
        }
        return Response.ok(DemoJson.of(DemoWebhook.answer(read.get(), security.getUserPrincipal())) + "\n").build();
    }

    /** What the application sees of the caller (DESIGN "The demo contract"). */
    static String seen(SecurityContext security, HttpHeaders headers) {
        Optional<Identity> caller = GatecheckIdentity.of(security);
        Map<String, Object> identityHeaders = new LinkedHashMap<>();
        for (String name : List.of("X-User-ID", "X-User-Org", "X-User-Roles")) {
            identityHeaders.put(name, headers.getHeaderString(name));
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("user", caller.map(Identity::subject).orElse(null));
        view.put("org", caller.flatMap(Identity::org).orElse(null));
        view.put("roles", caller.map(i -> List.copyOf(new TreeSet<>(i.roles()))).orElse(null));
        view.put("scopes", caller.map(i -> List.copyOf(new TreeSet<>(i.scopes()))).orElse(null));
        view.put("headers", identityHeaders);
        view.put("authorization_visible", headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null);
        return DemoJson.of(view) + "\n";
    }

    /** The development issuer's keys (the application property {@value #JWKS_PROPERTY}), public. */
    @Path(".well-known/jwks.json")
    public static final class Jwks {
        static final String JWKS_PROPERTY = "demo.jwks";

        @GET
        @Produces(MediaType.APPLICATION_JSON)
        @PermitAll
        public String jwks(@Context Configuration configuration) {
            return (String) configuration.getProperty(JWKS_PROPERTY);
        }
    }
}
