package dev.gatecheck.jaxrs;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.route.ResourcePolicy;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Gives every resource method its own {@link AuthenticationFilter}, with the policy its annotations declare
 * resolved once, here, at deployment. A method the runtime cannot name (a programmatic resource) follows the
 * route table.
 */
final class ResourcePolicies implements DynamicFeature {
    private final Gatecheck gatecheck;
    private final Optional<Application> application;
    /** The classes of the application's singletons, once asked for (deployment runs on one thread). */
    private Set<Class<?>> singletonClasses;

    /** {@code application}: where to find the implementations of abstract resource types, if the runtime gave it. */
    ResourcePolicies(Gatecheck gatecheck, Optional<Application> application) {
        this.gatecheck = gatecheck;
        this.application = application;
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Class<?> type = resource.getResourceClass();
        Method method = resource.getResourceMethod();
        Optional<ResourcePolicy> policy = type == null || method == null ? Optional.empty() : policy(type, method);
        context.register(new AuthenticationFilter(gatecheck, policy), Priorities.AUTHENTICATION);
    }

    /**
     * RESTEasy names the type that carries {@code @Path} as the resource class, even an interface or an abstract
     * class, and its method; Jersey names the implementation. So an abstract type's policy is its implementation's,
     * found among the application's classes and singletons: both runtimes give one answer.
     */
    private Optional<ResourcePolicy> policy(Class<?> type, Method method) {
        if (!isAbstract(type)) {
            return AnnotationPolicy.of(type, method);
        }
        String name = type.getSimpleName() + "." + method.getName();
        List<Class<?>> implementations = implementationsOf(type);
        if (implementations.isEmpty()) {
            throw new IllegalStateException(name + ": the runtime names the abstract type " + type.getName()
                    + " as the resource, and its implementation, whose annotations apply too, is not among the"
                    + " Application's classes or singletons: register it there");
        }
        Optional<ResourcePolicy> policy = AnnotationPolicy.of(implementations.get(0), method);
        for (Class<?> other : implementations.subList(1, implementations.size())) {
            if (!sameRule(policy, AnnotationPolicy.of(other, method))) {
                throw new IllegalStateException(name + ": its implementations " + implementations.get(0).getSimpleName()
                        + " and " + other.getSimpleName() + " declare different access");
            }
        }
        return policy;
    }

    /** The application's concrete classes of {@code type}: among its classes, else its singletons' classes. */
    private List<Class<?>> implementationsOf(Class<?> type) {
        List<Class<?>> found = concrete(type, application.map(Application::getClasses).orElse(Set.of()));
        if (found.isEmpty() && application.isPresent()) {
            if (singletonClasses == null) {
                // Asked only now and once: an application's getSingletons() may build new objects on every call.
                singletonClasses = new LinkedHashSet<>();
                application.get().getSingletons().forEach(singleton -> singletonClasses.add(singleton.getClass()));
            }
            found = concrete(type, singletonClasses);
        }
        return found;
    }

    private static List<Class<?>> concrete(Class<?> type, Set<Class<?>> classes) {
        return classes.stream().filter(c -> type.isAssignableFrom(c) && !isAbstract(c)).toList();
    }

    private static boolean isAbstract(Class<?> type) {
        return type.isInterface() || Modifier.isAbstract(type.getModifiers());
    }

    private static boolean sameRule(Optional<ResourcePolicy> a, Optional<ResourcePolicy> b) {
        return a.map(p -> List.of(p.access(), p.requirements())).equals(b.map(p -> List.of(p.access(), p.requirements())));
    }
}
