package dev.gatecheck.servlet;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.config.ConfigException;
import dev.gatecheck.config.GatecheckConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Authenticates every request with Gatecheck before the application sees it. On
 * {@link Decision.Allow} the chain continues with a request whose {@code getUserPrincipal()} is the
 * {@link dev.gatecheck.auth.Identity} and whose headers are the view Gatecheck computed; on {@link Decision.Deny}
 * the rejection is sent and nothing of the application runs. The filter only translates: every rule lives in
 * {@link Gatecheck}.
 *
 * <p>Configure it in code with {@link #GatecheckFilter(Gatecheck)}, or declaratively with the no-arg
 * constructor (e.g. in {@code web.xml}): then {@link #init} reads the DESIGN keys from the filter's
 * init-params, from the properties file named by the {@code GATECHECK_CONFIG} environment variable or the
 * {@code gatecheck.config} init-param (a path, {@code file:} or {@code classpath:}), and from
 * {@code GATECHECK_*} environment variables, later sources winning. An invalid configuration fails
 * {@link #init} with a {@link ServletException}, so the application does not start unprotected.
 *
 * <p>Only {@link DispatcherType#REQUEST} dispatches are authenticated. Map the filter for {@code REQUEST},
 * {@code ASYNC} and {@code ERROR} (and register it async-supported): async and error dispatches then see the
 * identity and header view of their original request without being authenticated again. A forward or include
 * keeps the request the application passes on, identity included.
 *
 * <p>The body is never read, except where {@link Gatecheck.Exchange#bodyLimit} asks for it (webhook routes, and
 * gateway routes whose {@code hmac} signature covers {@code content-digest}): there the filter reads at most that
 * limit + 1 bytes before anything parses them, Gatecheck verifies the signature over them, and the
 * application reads the same bytes ({@code getInputStream()}, {@code getReader()}, form parameters).
 *
 * <p>With {@code gatecheck.resource-metadata.enabled=true} the filter answers
 * {@code GET /.well-known/oauth-protected-resource} (RFC 9728) itself, with the document
 * {@link Gatecheck#resourceMetadata} builds: map the filter for those paths too ({@code /*} covers them).
 */
public final class GatecheckFilter implements Filter {
    private static final String AUTHENTICATED = GatecheckFilter.class.getName() + ".authenticated";

    private final Map<String, String> environment;
    private final boolean declarative;
    private volatile Gatecheck gatecheck;

    /** A filter using {@code gatecheck}, built and owned by the caller, who closes it when the application stops. */
    public GatecheckFilter(Gatecheck gatecheck) {
        this.gatecheck = Objects.requireNonNull(gatecheck, "gatecheck");
        this.environment = Map.of();
        this.declarative = false;
    }

    /** A filter configured by its init-params, a properties file and the environment when {@link #init} runs. */
    public GatecheckFilter() {
        this(System.getenv());
    }

    /** A declarative filter reading {@code environment} instead of the process environment. */
    GatecheckFilter(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.declarative = true;
    }

    /**
     * Builds the engine of a declarative filter.
     *
     * @throws ServletException when the configuration is invalid, naming the key at fault
     */
    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        if (!declarative) {
            if (filterConfig.getInitParameterNames().hasMoreElements()) {
                throw new ServletException("Gatecheck filter " + filterConfig.getFilterName() + " is configured in"
                        + " code; remove its init-params, they would be ignored");
            }
            return;
        }
        try {
            gatecheck = Gatecheck.create(GatecheckConfig.fromLayers(initParams(filterConfig), environment,
                    filterConfig.getServletContext().getClassLoader()));
        } catch (ConfigException e) {
            throw new ServletException("Gatecheck configuration is invalid, refusing to start: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> initParams(FilterConfig filterConfig) {
        Map<String, String> params = new HashMap<>();
        for (String name : Collections.list(filterConfig.getInitParameterNames())) {
            params.put(name, filterConfig.getInitParameter(name));
        }
        return params;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
            throw new ServletException("Gatecheck filters HTTP requests only");
        }
        Gatecheck engine = gatecheck;
        if (engine == null) {
            throw new ServletException("Gatecheck filter is not initialised");
        }
        if (http.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(redispatched(http, engine), response);
            return;
        }
        ServletAuthRequest authRequest = new ServletAuthRequest(http);
        Optional<Gatecheck.Document> metadata = engine.resourceMetadata(authRequest);
        if (metadata.isPresent()) {
            DenyWriter.write(metadata.get(), httpResponse);
            return;
        }
        Gatecheck.Exchange exchange = engine.exchange(authRequest);
        OptionalLong bodyLimit = exchange.bodyLimit();
        byte[] body = bodyLimit.isPresent() ? BufferedBody.read(http, bodyLimit.getAsLong()) : null;
        Decision decision = body == null ? exchange.decide() : exchange.decide(body);
        if (decision instanceof Decision.Deny deny) {
            DenyWriter.write(deny.rejection(), httpResponse);
            return;
        }
        Authenticated authenticated = new Authenticated((Decision.Allow) decision, body);
        http.setAttribute(AUTHENTICATED, authenticated);
        // Where JAX-RS runs behind this filter, its adapter reuses this decision instead of authenticating again.
        http.setAttribute(Gatecheck.DECISION_ATTRIBUTE, decision);
        chain.doFilter(authenticated.wrap(http), response);
    }

    /**
     * An async or error dispatch (or a forward or include, when mapped): the view of the original request, not
     * authenticated again; the unauthenticated view if Gatecheck never saw that request.
     */
    private static HttpServletRequest redispatched(HttpServletRequest request, Gatecheck engine) {
        Authenticated original = request.getAttribute(AUTHENTICATED) instanceof Authenticated a ? a
                : new Authenticated(engine.unauthenticated(), null);
        return original.wrap(request);
    }

    /** What the filter decided for a request, and the body it buffered for that (on webhook routes). */
    private record Authenticated(Decision.Allow allow, byte[] body) {
        HttpServletRequest wrap(HttpServletRequest request) {
            return new AuthenticatedRequest(body == null ? request : new BufferedBody(request, body), allow);
        }
    }

    /** Closes the engine a declarative filter built; an engine given to the constructor is left to its owner. */
    @Override
    public void destroy() {
        Gatecheck engine = gatecheck;
        if (declarative && engine != null) {
            gatecheck = null;
            engine.close();
        }
    }
}
