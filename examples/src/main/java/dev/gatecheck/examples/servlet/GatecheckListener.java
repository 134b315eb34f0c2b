package dev.gatecheck.examples.servlet;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.servlet.GatecheckFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * README "Servlet filter": registering {@link GatecheckFilter} in code, in a web application's listener. Kept
 * here so the snippet compiles with every build. (The demo, {@link ServletDemo}, registers it on embedded
 * Jetty the same way.)
 */
@WebListener
public final class GatecheckListener implements ServletContextListener {
    private Gatecheck gatecheck;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        gatecheck = Gatecheck.create(GatecheckConfig.builder()
                .jwt(jwt -> jwt
                        .issuer("https://login.example.com/")
                        .audiences("orders-api")
                        .jwksUri("https://login.example.com/.well-known/jwks.json"))
                .route(new Route("health", List.of("/health"), Set.of(), AuthMode.PUBLIC, Requirements.NONE))
                .route(new Route("admin", List.of("/admin/*"), Set.of(), AuthMode.TOKEN, Requirements.roles("admin")))
                .build());

        FilterRegistration.Dynamic filter =
                event.getServletContext().addFilter("gatecheck", new GatecheckFilter(gatecheck));
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR), false, "/*");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        gatecheck.close();
    }
}
