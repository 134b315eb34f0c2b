package dev.gatecheck.spring;

import dev.gatecheck.Gatecheck;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.springframework.beans.factory.FactoryBean;

/**
 * {@link GatecheckHealthIndicator} for Spring Boot 3, whose {@code HealthIndicator} lives in another package
 * ({@code org.springframework.boot.actuate.health}). This artifact is compiled against Spring Boot 4, so that
 * interface is implemented by a proxy and its {@code Health} built by name: the same component, status and details.
 */
final class Boot3HealthIndicator implements FactoryBean<Object> {
    static final String PACKAGE = "org.springframework.boot.actuate.health.";

    private final Gatecheck gatecheck;
    private final ClassLoader classLoader = Boot3HealthIndicator.class.getClassLoader();

    Boot3HealthIndicator(Gatecheck gatecheck) {
        this.gatecheck = gatecheck;
    }

    @Override
    public Class<?> getObjectType() {
        return type("HealthIndicator");
    }

    @Override
    public Object getObject() throws ReflectiveOperationException {
        HealthMethods methods = HealthMethods.of(type("Health"));
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "health" -> methods.health(HealthDetails.of(gatecheck.health()));
            case "toString" -> "GatecheckHealthIndicator";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> InvocationHandler.invokeDefault(proxy, method, args); // getHealth(boolean)
        };
        return Proxy.newProxyInstance(classLoader, new Class<?>[] {getObjectType()}, handler);
    }

    /** Boot 3's {@code Health.up()}, {@code Health.down()} and its builder's methods, looked up once, not per probe. */
    private record HealthMethods(Method up, Method down, Method withDetails, Method build) {
        static HealthMethods of(Class<?> health) throws ReflectiveOperationException {
            Method up = health.getMethod("up");
            Class<?> builder = up.getReturnType();
            return new HealthMethods(up, health.getMethod("down"), builder.getMethod("withDetails", Map.class),
                    builder.getMethod("build"));
        }

        /** {@code Health.up()} or {@code Health.down()}, {@code .withDetails(details).build()}. */
        Object health(HealthDetails details) throws ReflectiveOperationException {
            Object builder = (details.up() ? up : down).invoke(null);
            return build.invoke(withDetails.invoke(builder, details.details()));
        }
    }

    private Class<?> type(String simpleName) {
        try {
            return Class.forName(PACKAGE + simpleName, false, classLoader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Spring Boot 3 Actuator is not on the class path", e);
        }
    }
}
