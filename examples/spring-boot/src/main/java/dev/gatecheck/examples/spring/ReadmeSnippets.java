package dev.gatecheck.examples.spring;

import dev.gatecheck.spring.GatecheckSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The README's Spring Boot snippets, compiled here so they stay true. Not a configuration class: the demo keeps the
 * starter's default chain.
 */
final class ReadmeSnippets {
    private ReadmeSnippets() {
    }

    // README, Spring Boot: a security chain of your own, combined with Gatecheck.
    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http.with(new GatecheckSecurityConfigurer(), Customizer.withDefaults())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/reports/**").hasAuthority("SCOPE_reports:read")
                        .anyRequest().authenticated())
                .build();
    }
}
