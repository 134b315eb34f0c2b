package dev.gatecheck.jaxrs;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.ws.rs.core.Application;
import java.util.Locale;
import org.glassfish.jersey.internal.Version;
import org.glassfish.jersey.server.ServerProperties;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;

/**
 * The JAX-RS implementations the suites run on, each as the servlet that serves an application under a prefix,
 * added through the Servlet API so that any {@link dev.gatecheck.servlet.ServletContainer} hosts it. The versions
 * are those on the class path: Jersey 3.1 and RESTEasy 6.2 here, Jersey 4.0 and RESTEasy 7.0 in the EE 11 tests.
 */
enum JaxrsRuntime {
    /** Jersey ({@code jersey-container-servlet} + {@code jersey-hk2}). */
    JERSEY {
        @Override
        ServletRegistration.Dynamic serve(ServletContext context, Class<? extends Application> application,
                String prefix) {
            ServletRegistration.Dynamic servlet = add(context, "jersey" + prefix,
                    new org.glassfish.jersey.servlet.ServletContainer(), application, prefix);
            servlet.setInitParameter(ServerProperties.WADL_FEATURE_DISABLE, "true");
            return servlet;
        }

        @Override
        public String toString() {
            return "Jersey " + Version.getVersion();
        }
    },
    /** RESTEasy ({@code resteasy-core}, {@code HttpServlet30Dispatcher}). */
    RESTEASY {
        @Override
        ServletRegistration.Dynamic serve(ServletContext context, Class<? extends Application> application,
                String prefix) {
            ServletRegistration.Dynamic servlet = add(context, "resteasy" + prefix, new HttpServlet30Dispatcher(),
                    application, prefix);
            servlet.setInitParameter("resteasy.servlet.mapping.prefix", prefix);
            return servlet;
        }

        @Override
        public String toString() {
            return "RESTEasy " + HttpServlet30Dispatcher.class.getPackage().getImplementationVersion();
        }
    };

    /**
     * Adds to {@code context} this implementation's servlet serving {@code application} at {@code <prefix>/*},
     * started with the application; the caller may add init parameters.
     */
    abstract ServletRegistration.Dynamic serve(ServletContext context, Class<? extends Application> application,
            String prefix);

    /** A path prefix named after the implementation: {@code /jersey}, {@code /resteasy}. */
    String prefix() {
        return "/" + name().toLowerCase(Locale.ROOT);
    }

    private static ServletRegistration.Dynamic add(ServletContext context, String name, Servlet servlet,
            Class<? extends Application> application, String prefix) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        registration.setInitParameter("jakarta.ws.rs.Application", application.getName());
        registration.setLoadOnStartup(1);
        registration.addMapping(prefix + "/*");
        return registration;
    }
}
