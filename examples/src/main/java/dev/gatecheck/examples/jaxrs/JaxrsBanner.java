package dev.gatecheck.examples.jaxrs;

import dev.gatecheck.examples.DemoWebhook;
import dev.gatecheck.examples.DevelopmentIssuer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * What the demo prints when it is ready: where it listens, ready tokens and {@code curl} lines. Each curl line
 * follows a comment naming the status it answers with, and works when pasted into a shell as it is.
 */
final class JaxrsBanner {
    private JaxrsBanner() {
    }

    static void withDevelopmentIssuer(PrintStream out, URI base, DevelopmentIssuer issuer, String webhookSecret) {
        String alice = issuer.token("alice", "acme", List.of("user"), "users:read");
        String ada = issuer.token("ada", "acme", List.of("admin", "user"), "users:read reports:read");
        long hours = DevelopmentIssuer.TOKEN_LIFETIME.toHours();
        out.println();
        out.println("Gatecheck JAX-RS demo (Jersey) on " + base + "  (stop it with Ctrl-C)");
        out.println("Development issuer " + issuer.issuer() + ", audience " + DevelopmentIssuer.AUDIENCE
                + ", keys at " + issuer.jwksUri());
        out.println();
        out.println("Token of alice (roles: user; scope: users:read), valid " + hours + "h:");
        out.println(alice);
        out.println();
        out.println("Token of ada (roles: admin, user; scopes: users:read reports:read), valid " + hours + "h:");
        out.println(ada);
        out.println();
        out.println("Try:");
        curl(out, "no annotation, a token is required: alice's token (200)", "-s", bearer(alice),
                base + "/api/users/42");
        curl(out, "no token (401)", "-s -i", "", base + "/api/users");
        curl(out, "@RolesAllowed(\"admin\"): alice is not admin (403)", "-s -i", bearer(alice), base + "/admin");
        curl(out, "@RolesAllowed(\"admin\"): ada (200)", "-s", bearer(ada), base + "/admin");
        curl(out, "@RequiresScopes(\"reports:read\"): alice lacks the scope (403 insufficient_scope)", "-s -i",
                bearer(alice), base + "/api/reports");
        curl(out, "@RequiresScopes(\"reports:read\"): ada (200)", "-s", bearer(ada), base + "/api/reports");
        curl(out, "a spoofed X-User-ID never reaches the resource (200, X-User-ID is alice)", "-s",
                "-H 'X-User-ID: admin' " + bearer(alice), base + "/api/users");
        curl(out, "@PermitAll (200)", "-s", "", base + "/health");
        curl(out, "readiness, the key sources' health (200, 503 when a key source is DOWN)", "-s", "",
                base + "/ready");
        curl(out, "Gatecheck's meters as Prometheus text (200)", "-s", "", base + "/metrics");
        curl(out, "webhook receiver on a token route, the body as the resource read it (200)",
                "-s -X POST --data-binary 'hello'", bearer(alice), base + "/webhooks/inbox");
        curl(out, "an unsigned delivery to the GitHub-signed route (401, invalid_signature: missing_header)",
                "-s -i -X POST --data-binary 'hello'", "", base + DemoWebhook.PATH);
        out.println();
        DemoWebhook.print(out, base, webhookSecret);
        out.println();
        out.flush();
    }

    static void withConfigurationFile(PrintStream out, URI base, Path file) {
        out.println();
        out.println("Gatecheck JAX-RS demo (Jersey) on " + base + "  (stop it with Ctrl-C)");
        out.println("Configuration: " + file + " (GATECHECK_CONFIG) and GATECHECK_* variables");
        out.println("Resources: /health (@PermitAll), /api/users, /api/users/{id} (route table), /admin"
                + " (@RolesAllowed(\"admin\")), /api/reports (@RequiresScopes(\"reports:read\")), POST /webhooks/*"
                + " (route table; any configured webhook route answers received_bytes, sha256 and caller)");
        out.println();
        curl(out, "try (the configuration decides how callers authenticate)", "-s -i", "", base + "/api/users");
        out.println();
        out.flush();
    }

    private static String bearer(String token) {
        return "-H 'Authorization: Bearer " + token + "'";
    }

    private static void curl(PrintStream out, String comment, String options, String headers, String url) {
        out.println("# " + comment);
        out.println("curl " + options + (headers.isEmpty() ? "" : " " + headers) + " " + url);
    }
}
