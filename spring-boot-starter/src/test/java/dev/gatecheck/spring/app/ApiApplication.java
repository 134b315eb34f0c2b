package dev.gatecheck.spring.app;

import dev.gatecheck.auth.Identity;
import jakarta.servlet.http.HttpServletRequest;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A Spring Boot API as a user writes it: Gatecheck's starter, Spring Security and method security. */
@SpringBootApplication
@EnableMethodSecurity
public class ApiApplication {

    @RestController
    static class Api {
        /** The caller as each API sees it, in {@code name: value} lines. */
        @GetMapping("/api/me")
        String me(@AuthenticationPrincipal Identity identity, HttpServletRequest request) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            return "principal: " + identity.subject()
                    + "\nuser-principal-type: " + request.getUserPrincipal().getClass().getSimpleName()
                    + "\nuser-in-admin: " + request.isUserInRole("admin")
                    + "\nuser-in-any: " + request.isUserInRole("**")
                    + "\nx-user-id: " + request.getHeader("X-User-ID")
                    + "\nauthentication: " + authentication.getName()
                    + "\nauthorities: " + new TreeSet<>(authentication.getAuthorities().stream()
                            .map(GrantedAuthority::getAuthority).toList())
                    + "\ndetails-sub: " + ((java.util.Map<?, ?>) authentication.getDetails()).get("sub")
                    + "\ncredentials: " + authentication.getCredentials() + "\n";
        }

        @GetMapping("/api/admin")
        @PreAuthorize("hasRole('admin')")
        String admin() {
            return "admin area\n";
        }

        @GetMapping("/api/reports")
        @PreAuthorize("hasAuthority('SCOPE_reports:read')")
        String reports() {
            return "reports\n";
        }

        /** Answered on an async dispatch, which needs every filter of the chain async-supported. */
        @GetMapping("/api/async")
        Callable<String> async(HttpServletRequest request) {
            String caller = SecurityContextHolder.getContext().getAuthentication().getName();
            return () -> "async for " + caller + " as " + request.getUserPrincipal().getName() + "\n";
        }

        @PostMapping("/api/notes")
        String note() {
            return "noted\n";
        }

        @GetMapping("/admin/panel")
        String panel() {
            return "panel\n";
        }

        @GetMapping("/health")
        String health() {
            return "ok\n";
        }
    }
}
