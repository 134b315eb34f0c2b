package dev.gatecheck.examples.servlet;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.events.AuditLog;
import dev.gatecheck.micrometer.GatecheckMeters;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.servlet.GatecheckFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * README "Operating Gatecheck": a servlet application with Gatecheck's meters, its audit log and a readiness probe.
 * Kept here so the snippet compiles with every build; the servlet demo ({@link ServletDemo}) is wired the same way.
 */
public final class OperatedListener implements ServletContextListener {
    private Gatecheck gatecheck;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT); // or your own
        byte[] salt = System.getenv("AUDIT_SALT").getBytes(StandardCharsets.UTF_8); // a secret, 16 bytes or more
        gatecheck = Gatecheck.create(GatecheckConfig.builder()
                .jwt(jwt -> jwt
                        .issuer("https://login.example.com/")
                        .audiences("orders-api")
                        .discovery(true))
                .route(new Route("ready", List.of("/ready"), Set.of(), AuthMode.PUBLIC, Requirements.NONE))
                .route(new Route("metrics", List.of("/metrics"), Set.of(), AuthMode.PUBLIC, Requirements.NONE))
                .listener(new GatecheckMeters(registry))
                .listener(AuditLog.builder().hashSubjects(salt).build())
                .build());

        ServletContext context = event.getServletContext();
        FilterRegistration.Dynamic filter = context.addFilter("gatecheck", new GatecheckFilter(gatecheck));
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR), false, "/*");
        context.addServlet("ready", new ReadyServlet(gatecheck)).addMapping("/ready");       // 503 when DOWN
        context.addServlet("metrics", new MetricsServlet(registry)).addMapping("/metrics");  // Prometheus text
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        gatecheck.close();
    }
}
