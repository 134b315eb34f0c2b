package dev.gatecheck.jaxrs;

import dev.gatecheck.auth.Identity;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Set;

/**
 * The resources and applications the scenario suite deploys. Each resource method answers, as plain text,
 * what it sees of the caller: {@link #seen} through {@code SecurityContext}, {@link GatecheckIdentity} and
 * {@code HttpHeaders}; {@code /plain/headers} through {@code @HeaderParam}.
 */
public final class TestResources {
    private TestResources() {
    }

    static String seen(SecurityContext security, HttpHeaders headers) {
        return "principal=" + (security.getUserPrincipal() == null ? "none" : security.getUserPrincipal().getName())
                + "\nidentity=" + GatecheckIdentity.of(security).map(Identity::subject).orElse("none")
                + "\nscheme=" + security.getAuthenticationScheme()
                + "\nadmin=" + security.isUserInRole("admin")
                + "\nsecure=" + security.isSecure()
                + "\nX-User-ID=" + values(headers, "X-User-ID")
                + "\nX-User-Roles=" + values(headers, "X-User-Roles")
                + "\nAuthorization=" + values(headers, "Authorization")
                + "\n";
    }

    private static List<String> values(HttpHeaders headers, String name) {
        List<String> values = headers.getRequestHeader(name);
        return values == null ? List.of() : values;
    }

    /** No annotations: the route table decides ({@code gatecheck.mode=token}). */
    @Path("plain")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Plain {
        @GET
        public String get(@Context SecurityContext security, @Context HttpHeaders headers) {
            return seen(security, headers);
        }

        @GET
        @Path("headers")
        public String headers(@HeaderParam("X-User-ID") String user, @HeaderParam("X-User-Org") String org,
                              @HeaderParam("Authorization") String authorization) {
            return "X-User-ID=" + user + "\nX-User-Org=" + org + "\nAuthorization=" + authorization + "\n";
        }

        @GET
        @Path("in-role")
        public String inRole(@QueryParam("role") String role, @Context SecurityContext security) {
            return role + "=" + security.isUserInRole(role) + "\n";
        }
    }

    /** No annotations; the route table makes {@code /open} public. */
    @Path("open")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Open {
        @GET
        public String get(@Context SecurityContext security, @Context HttpHeaders headers) {
            return seen(security, headers);
        }
    }

    /** No annotations on the class; the route table denies {@code /closed/*}. */
    @Path("closed")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Closed {
        @GET
        @Path("plain")
        public String plain() {
            return "closed plain\n";
        }

        @GET
        @Path("annotated")
        @PermitAll
        public String annotated() {
            return "closed annotated\n";
        }
    }

    /** No annotations; the route table lets only admins into {@code /admin/*}. */
    @Path("admin")
    @Produces(MediaType.TEXT_PLAIN)
    public static class AdminArea {
        @GET
        public String get(@Context SecurityContext security, @Context HttpHeaders headers) {
            return seen(security, headers);
        }

        @GET
        @Path("reports")
        public String reports() {
            return "admin area reports\n";
        }
    }

    /** Method annotations. */
    @Path("annotated")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Annotated {
        @GET
        @Path("permit")
        @PermitAll
        public String permit(@Context SecurityContext security, @Context HttpHeaders headers) {
            return seen(security, headers);
        }

        @GET
        @Path("deny")
        @DenyAll
        public String deny() {
            return "never\n";
        }

        @GET
        @Path("admin")
        @RolesAllowed("admin")
        public String admin(@Context SecurityContext security, @Context HttpHeaders headers) {
            return seen(security, headers);
        }

        @GET
        @Path("any")
        @RolesAllowed("**")
        public String any(@Context SecurityContext security, @Context HttpHeaders headers) {
            return seen(security, headers);
        }

        @GET
        @Path("reports")
        @RequiresScopes({"reports:read", "reports:list"})
        public String reports() {
            return "reports\n";
        }

        @GET
        @Path("admin-reports")
        @RolesAllowed("admin")
        @RequiresScopes("reports:read")
        public String adminReports() {
            return "admin reports\n";
        }
    }

    /** Class annotations, some methods overriding them. */
    @Path("staff")
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed("staff")
    public static class Staff {
        @GET
        public String list() {
            return "staff list\n";
        }

        @GET
        @Path("notice")
        @PermitAll
        public String notice() {
            return "staff notice\n";
        }

        @GET
        @Path("boss")
        @RolesAllowed("boss")
        public String boss() {
            return "boss\n";
        }

        @GET
        @Path("reports")
        @RequiresScopes("reports:read")
        public String reports() {
            return "staff reports\n";
        }

        @GET
        @Path("closed")
        @DenyAll
        public String closed() {
            return "never\n";
        }
    }

    /** A public class whose one method requires a scope: the method's annotation wins. */
    @Path("public-class")
    @Produces(MediaType.TEXT_PLAIN)
    @PermitAll
    public static class PublicClass {
        @GET
        public String get() {
            return "public\n";
        }

        @GET
        @Path("scoped")
        @RequiresScopes("reports:read")
        public String scoped() {
            return "scoped\n";
        }
    }

    /** {@code OPTIONS} methods of their own, with access annotations: a CORS preflight meets them too. */
    @Path("preflight")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Preflight {
        @OPTIONS
        @Path("deny")
        @DenyAll
        public String deny() {
            return "never\n";
        }

        @OPTIONS
        @Path("admin")
        @RolesAllowed("admin")
        public String admin(@Context SecurityContext security, @Context HttpHeaders headers) {
            return seen(security, headers);
        }

        @OPTIONS
        @Path("open")
        @PermitAll
        public String open(@Context SecurityContext security, @Context HttpHeaders headers) {
            return seen(security, headers);
        }
    }

    private static final Set<Class<?>> RESOURCES = Set.of(Plain.class, Open.class, Closed.class, AdminArea.class,
            Annotated.class, Staff.class, PublicClass.class, Preflight.class);

    /** Every resource, with {@link Fixture#GATECHECK}. */
    public static class App extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return RESOURCES;
        }

        @Override
        public Set<Object> getSingletons() {
            return Set.of(new GatecheckFeature(Fixture.GATECHECK));
        }
    }

    /** Every resource, with {@link Fixture#SHOWING_AUTHORIZATION}. */
    public static class ShowingAuthorizationApp extends App {
        @Override
        public Set<Object> getSingletons() {
            return Set.of(new GatecheckFeature(Fixture.SHOWING_AUTHORIZATION));
        }
    }
}
