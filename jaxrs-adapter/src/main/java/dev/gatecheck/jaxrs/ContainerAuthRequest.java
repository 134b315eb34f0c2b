package dev.gatecheck.jaxrs;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.HeaderChanges;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ContainerRequestContext} as Gatecheck reads it. The path is the request URI's raw path and the
 * context path is the application's base path, so routes match below the base URI: route table entries
 * ({@code gatecheck.routes.*.paths}) name JAX-RS resources as {@code /users/*}, the path written in
 * {@code @Path}, whatever the servlet mapping or {@code @ApplicationPath}. JAX-RS exposes no peer address, so
 * none is given.
 */
final class ContainerAuthRequest implements AuthRequest {
    /** The Servlet API's request attribute for the verified TLS client certificate chain. */
    private static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final ContainerRequestContext request;

    ContainerAuthRequest(ContainerRequestContext request) {
        this.request = request;
    }


    /** The request URI's raw path, as the client sent it. */
    @Override
    public String path() {
        return request.getUriInfo().getRequestUri().getRawPath();
    }

    /** The application's base path, decoded, without the trailing {@code /}: route paths are below it. */
    @Override
    public String contextPath() {
        String base = request.getUriInfo().getBaseUri().getPath();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public Optional<String> rawQuery() {
        return Optional.ofNullable(request.getUriInfo().getRequestUri().getRawQuery());
    }

    @Override
    public List<String> headers(String name) {
        MultivaluedMap<String, String> headers = request.getHeaders();
        List<String> values = headers.get(name);
        if (values == null) {
            // Both runtimes match names case-insensitively; a runtime that does not still gets the rule.
            values = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }
        return List.copyOf(values);
    }

    @Override
    public List<String> headerNames() {
        return List.copyOf(request.getHeaders().keySet());
    }

    @Override
    public Optional<String> peerAddress() {
        return Optional.empty();
    }

    /**
     * The scheme and authority of the request URI as the runtime built it (from the container's view of the
     * connection and {@code Host}), for a DPoP proof's {@code htu}; behind a proxy, set
     * {@code gatecheck.public-base-url} instead.
     */
    @Override
    public Optional<String> origin() {
        URI uri = request.getUriInfo().getRequestUri();
        return uri.getScheme() == null || uri.getRawAuthority() == null ? Optional.empty()
                : Optional.of(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    /**
     * The TLS client certificate chain, leaf first: the servlet container's
     * {@code jakarta.servlet.request.X509Certificate} attribute, which Jersey and RESTEasy on a servlet container
     * show as a request property; empty elsewhere.
     */
    @Override
    public List<X509Certificate> clientCertificates() {
        return request.getProperty(CLIENT_CERTIFICATES) instanceof X509Certificate[] chain ? List.of(chain)
                : List.of();
    }

    /** Applies Gatecheck's header changes to what the resources see: hidden names removed, derived ones set. */
    static void applyHeaderChanges(ContainerRequestContext request, HeaderChanges changes) {
        MultivaluedMap<String, String> headers = request.getHeaders();
        for (String name : List.copyOf(headers.keySet())) {
            if (changes.hides(name)) {
                headers.remove(name);
            }
        }
        for (Map.Entry<String, String> added : changes.added().entrySet()) {
            headers.putSingle(added.getKey(), added.getValue());
        }
    }
}
