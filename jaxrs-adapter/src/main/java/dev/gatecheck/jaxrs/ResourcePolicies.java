package dev.gatecheck.jaxrs;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.route.ResourcePolicy;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Gives every resource method its own {@link AuthenticationFilter}, with the policy its annotations declare
 * resolved once, here, at deployment. A method the runtime cannot name (a programmatic resource) follows the
 * route table.
 */
final class ResourcePolicies implements DynamicFeature {
    private final Gatecheck gatecheck;

    ResourcePolicies(Gatecheck gatecheck) {
        this.gatecheck = gatecheck;
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Class<?> type = resource.getResourceClass();
        Method method = resource.getResourceMethod();
        Optional<ResourcePolicy> policy = type == null || method == null ? Optional.empty()
                : AnnotationPolicy.of(type, method);
        context.register(new AuthenticationFilter(gatecheck, policy), Priorities.AUTHENTICATION);
    }
}
