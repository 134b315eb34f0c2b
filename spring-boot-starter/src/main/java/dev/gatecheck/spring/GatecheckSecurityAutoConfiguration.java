package dev.gatecheck.spring;

import dev.gatecheck.Gatecheck;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The Spring Security bridge, when Spring Security is present: unless the application defines its own
 * {@link SecurityFilterChain}, one chain that permits every request Gatecheck let through and sees its caller
 * (see {@link GatecheckSecurityConfigurer}), instead of Spring Boot's default chain answering 401 {@code Basic} to
 * everything. Authorization stays with Gatecheck's routes and the application's {@code @PreAuthorize}.
 */
@AutoConfiguration(after = GatecheckAutoConfiguration.class, beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, HttpSecurity.class})
@ConditionalOnBean(Gatecheck.class)
public class GatecheckSecurityAutoConfiguration {

    /** Every request Gatecheck let through goes on, its caller in the security context. */
    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    public SecurityFilterChain gatecheckSecurityFilterChain(HttpSecurity http) throws Exception {
        return http.with(new GatecheckSecurityConfigurer(), Customizer.withDefaults())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    /**
     * Accepts the authentications Gatecheck made, and keeps Spring Boot from creating an in-memory user with a
     * generated password that nothing here would use.
     */
    @Bean
    @ConditionalOnMissingBean(AuthenticationProvider.class)
    public AuthenticationProvider gatecheckAuthenticationProvider() {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                return authentication;
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return GatecheckAuthentication.class.isAssignableFrom(authentication);
            }
        };
    }
}
