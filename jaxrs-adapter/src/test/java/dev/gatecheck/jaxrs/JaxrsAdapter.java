package dev.gatecheck.jaxrs;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.servlet.ServletContainer;
import dev.gatecheck.testing.AdapterUnderTest;
import dev.gatecheck.testing.Seen;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The JAX-RS adapter on one runtime, for the shared scenario table: {@link GatecheckFeature} registered by the
 * application, and one resource for every path that reports what it sees through {@code SecurityContext},
 * {@link GatecheckIdentity} and {@code HttpHeaders}. The runtime serves the application at {@code /app/rs/*} in a
 * servlet container, so route paths are below {@code /app/rs}.
 */
final class JaxrsAdapter implements AdapterUnderTest {
    /**
     * The engine and run counter of the application being deployed: the runtimes instantiate applications by class
     * name, while {@link #deploy} starts the server, so this hands them over.
     */
    private static final AtomicReference<ReportApplication.Setup> DEPLOYING = new AtomicReference<>();

    private final JaxrsRuntime runtime;
    private final ServletContainer container;

    JaxrsAdapter(JaxrsRuntime runtime, ServletContainer container) {
        this.runtime = runtime;
        this.container = container;
    }

    @Override
    public String toString() {
        return "JAX-RS feature on " + runtime + " in " + container;
    }

    @Override
    public Deployment deploy(Gatecheck gatecheck) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        synchronized (DEPLOYING) {
            DEPLOYING.set(new ReportApplication.Setup(gatecheck, runs));
            try {
                ServletContainer.Deployment running = container.deploy(
                        (classes, context) -> runtime.serve(context, ReportApplication.class, "/rs"));
                return Deployment.of(running.uri("/rs"), runs, running);
            } finally {
                DEPLOYING.set(null);
            }
        }
    }

    /** The feature and the report resource. */
    public static class ReportApplication extends Application {
        record Setup(Gatecheck gatecheck, AtomicInteger runs) {
        }

        private final Setup setup = Objects.requireNonNull(DEPLOYING.get(), "instantiated outside JaxrsAdapter.deploy");

        @Override
        public Set<Object> getSingletons() {
            return Set.of(new GatecheckFeature(setup.gatecheck()), new ReportResource(setup.runs()));
        }
    }

    /** Every path, {@code GET}, {@code HEAD}, {@code POST} and {@code OPTIONS}: the report. */
    @Path("{path: .*}")
    @Produces(MediaType.TEXT_PLAIN)
    public static class ReportResource {
        private final AtomicInteger runs;

        ReportResource(AtomicInteger runs) {
            this.runs = runs;
        }

        @GET
        public String get(@Context SecurityContext security, @Context HttpHeaders headers) {
            return report(security, headers, new byte[0]);
        }

        @POST
        public String post(@Context SecurityContext security, @Context HttpHeaders headers, InputStream body)
                throws IOException {
            return report(security, headers, body.readAllBytes());
        }

        @OPTIONS
        public String options(@Context SecurityContext security, @Context HttpHeaders headers, InputStream body)
                throws IOException {
            return report(security, headers, body.readAllBytes());
        }

        private String report(SecurityContext security, HttpHeaders headers, byte[] body) {
            runs.incrementAndGet();
            return Seen.report(new JaxrsApi(security, headers), body);
        }
    }

    /** The JAX-RS API's view of the caller. */
    private record JaxrsApi(SecurityContext security, HttpHeaders headers) implements Seen.Api {
        @Override
        public Principal principal() {
            return security.getUserPrincipal();
        }

        @Override
        public Optional<Identity> identity() {
            return GatecheckIdentity.of(security);
        }

        @Override
        public String authType() {
            return security.getAuthenticationScheme();
        }

        @Override
        public boolean isUserInRole(String role) {
            return security.isUserInRole(role);
        }

        @Override
        public List<String> headers(String name) {
            List<String> values = headers.getRequestHeader(name);
            return values == null ? List.of() : values;
        }

        @Override
        public Collection<String> headerNames() {
            return headers.getRequestHeaders().keySet();
        }
    }
}
