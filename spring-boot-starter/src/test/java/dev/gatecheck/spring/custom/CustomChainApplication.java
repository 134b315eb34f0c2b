package dev.gatecheck.spring.custom;

import dev.gatecheck.auth.Identity;
import dev.gatecheck.spring.GatecheckSecurityConfigurer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** An application with its own security chain, combined with Gatecheck as the README shows. */
@SpringBootApplication
public class CustomChainApplication {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http.with(new GatecheckSecurityConfigurer(), Customizer.withDefaults())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/reports/**").hasAuthority("SCOPE_reports:read")
                        .anyRequest().authenticated())
                .build();
    }

    @RestController
    static class Reports {
        @GetMapping("/reports/today")
        String today(@AuthenticationPrincipal Identity caller) {
            return "today for " + caller.subject() + "\n";
        }
    }
}
