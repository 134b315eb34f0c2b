package dev.gatecheck.examples.spring;

import dev.gatecheck.auth.Identity;
import jakarta.servlet.http.HttpServletRequest;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot API protected by Gatecheck's starter, with Spring Security's method security: the configuration is
 * {@code application.yml}; a development issuer made at startup signs the tokens it prints.
 */
@SpringBootApplication
@EnableMethodSecurity
public class SpringBootDemo {

    public static void main(String[] args) {
        application(System.out).run(args);
    }

    /** The demo trusting a new development issuer; when ready it prints its tokens and curl lines on {@code out}. */
    static SpringApplication application(PrintStream out) {
        DevIssuer issuer = new DevIssuer();
        SpringApplication application = new SpringApplication(SpringBootDemo.class);
        application.setDefaultProperties(Map.of("gatecheck.jwt.jwks", issuer.jwks()));
        application.addListeners((ApplicationReadyEvent ready) -> banner(out, issuer,
                "http://127.0.0.1:" + ready.getApplicationContext().getEnvironment().getProperty("local.server.port")));
        return application;
    }

    @RestController
    static class Api {
        @GetMapping("/api/me")
        Map<String, Object> me(@AuthenticationPrincipal Identity caller, HttpServletRequest request) {
            return Map.of("subject", caller.subject(), "roles", caller.roles(), "scopes", caller.scopes(),
                    "x-user-id", String.valueOf(request.getHeader("X-User-ID")));
        }

        @GetMapping("/api/reports")
        @PreAuthorize("hasAuthority('SCOPE_reports:read')")
        Map<String, Object> reports() {
            return Map.of("reports", List.of("2026-q1", "2026-q2"));
        }

        @GetMapping("/admin/stats")
        @PreAuthorize("hasRole('admin')")
        Map<String, Object> stats() {
            return Map.of("users", 2);
        }

        @GetMapping("/health")
        Map<String, Object> health() {
            return Map.of("status", "ok");
        }
    }

    private static void banner(PrintStream out, DevIssuer issuer, String base) {
        String alice = issuer.token("alice", List.of("user"), "reports:read");
        String ada = issuer.token("ada", List.of("admin", "user"), "");
        out.println();
        out.println("Gatecheck Spring Boot demo on " + base + "  (stop it with Ctrl-C)");
        out.println("Development issuer " + DevIssuer.ISSUER + ", audience " + DevIssuer.AUDIENCE + ", tokens valid "
                + DevIssuer.LIFETIME.toHours() + "h");
        out.println();
        out.println("Token of alice (roles: user, scope: reports:read):");
        out.println(alice);
        out.println();
        out.println("Token of ada (roles: admin, user):");
        out.println(ada);
        out.println();
        out.println("Try:");
        curl(out, "alice as @AuthenticationPrincipal (200)", "-s", alice, base + "/api/me");
        curl(out, "no token (401)", "-s -i", null, base + "/api/me");
        curl(out, "@PreAuthorize by scope: alice has reports:read (200)", "-s", alice, base + "/api/reports");
        curl(out, "@PreAuthorize by scope: ada has not (403)", "-s -i", ada, base + "/api/reports");
        curl(out, "Gatecheck route admin: alice is not admin (403)", "-s -i", alice, base + "/admin/stats");
        curl(out, "Gatecheck route and @PreAuthorize by role: ada is admin (200)", "-s", ada, base + "/admin/stats");
        curl(out, "public route (200)", "-s", null, base + "/health");
        curl(out, "Actuator health with the gatecheck component (200)", "-s", null, base + "/actuator/health");
        out.println();
        out.flush();
    }

    private static void curl(PrintStream out, String comment, String options, String token, String url) {
        out.println("# " + comment);
        out.println("curl " + options + (token == null ? "" : " -H 'Authorization: Bearer " + token + "'")
                + " " + url);
    }
}
