package dev.gatecheck;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.IssuerConfig;
import dev.gatecheck.internal.Json;
import dev.gatecheck.internal.RequestPath;
import dev.gatecheck.route.Route;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * RFC 9728 protected-resource metadata ({@code gatecheck.resource-metadata.enabled=true}): the document, built once
 * from the configuration, the well-known paths it is answered at, and the URL every 401 challenge names
 * ({@code resource_metadata}).
 */
final class ResourceMetadata {
    static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

    private final String url;
    private final Set<String> paths;
    private final Gatecheck.Document document;

    private ResourceMetadata(GatecheckConfig config, String resource, List<String> dpopAlgorithms) {
        URI uri = URI.create(resource);
        // RFC 9728 §3.1: the well-known segment goes between the authority and the resource's path.
        String path = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : uri.getRawPath();
        this.url = uri.getScheme() + "://" + uri.getRawAuthority() + WELL_KNOWN + path;
        this.paths = Set.copyOf(List.of(WELL_KNOWN, WELL_KNOWN + path));
        this.document = new Gatecheck.Document(200, json(config, resource, dpopAlgorithms), Map.of(
                "Content-Type", "application/json", "Cache-Control", "public, max-age=3600"));
    }

    /** The metadata of {@code config}, when it publishes some; {@code dpopAlgorithms}: the proofs' algorithms. */
    static Optional<ResourceMetadata> of(GatecheckConfig config, List<String> dpopAlgorithms) {
        return config.resourceMetadata().map(resource -> new ResourceMetadata(config, resource, dpopAlgorithms));
    }

    /** The metadata URL, for {@code resource_metadata} in challenges. */
    String url() {
        return url;
    }

    /**
     * The document, when {@code request} asks for it: {@code GET} or {@code HEAD} of the well-known path, or its
     * path-inserted form for a resource with a path, below the application's context path.
     */
    Optional<Gatecheck.Document> answer(AuthRequest request) {
        boolean read = request.method().equals("GET") || request.method().equals("HEAD");
        return read && RequestPath.within(request.path(), request.contextPath(), request.dispatchedPath())
                .filter(paths::contains).isPresent() ? Optional.of(document) : Optional.empty();
    }

    private static String json(GatecheckConfig config, String resource, List<String> dpopAlgorithms) {
        List<IssuerConfig> issuers = config.issuers();
        Set<String> scopes = config.routes().routes().stream().map(Route::requirements)
                .flatMap(r -> r.scopes().stream()).collect(Collectors.toCollection(TreeSet::new));
        boolean dpop = issuers.stream().anyMatch(i -> i.dpop() != IssuerConfig.Dpop.DISABLED);
        List<String> members = new ArrayList<>();
        members.add(member("resource", Json.quote(resource)));
        members.add(member("authorization_servers", array(issuers.stream().map(IssuerConfig::issuer).toList())));
        if (!scopes.isEmpty()) {
            members.add(member("scopes_supported", array(scopes)));
        }
        members.add(member("bearer_methods_supported", array(List.of("header"))));
        if (dpop) {
            members.add(member("dpop_signing_alg_values_supported", array(dpopAlgorithms)));
        }
        members.add(member("dpop_bound_access_tokens_required", Boolean.toString(!issuers.isEmpty()
                && issuers.stream().allMatch(i -> i.dpop() == IssuerConfig.Dpop.REQUIRED))));
        return "{" + String.join(",", members) + "}";
    }

    private static String member(String name, String value) {
        return Json.quote(name) + ":" + value;
    }

    private static String array(Collection<String> values) {
        return values.stream().map(Json::quote).collect(Collectors.joining(",", "[", "]"));
    }
}
