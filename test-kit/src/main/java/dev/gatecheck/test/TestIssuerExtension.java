package dev.gatecheck.test;

import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives each test class a {@link TestIssuer} and closes it afterwards.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestIssuerExtension ISSUER = TestIssuerExtension.of(() -> TestIssuer.builder().ec().served().build());
 *
 * @BeforeAll
 * static void start() {
 *     gatecheck = Gatecheck.create(ISSUER.issuer().config().build());
 * }
 * }</pre>
 *
 * With {@code @ExtendWith(TestIssuerExtension.class)} instead, a default issuer ({@link TestIssuer#create()}) is
 * a parameter of test, {@code @BeforeAll} and {@code @BeforeEach} methods. Registered on a static field the issuer
 * lives for the class; on an instance field, for each test.
 */
public final class TestIssuerExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback, ParameterResolver {
    private final Supplier<TestIssuer> factory;
    private TestIssuer issuer;
    private String createdFor;

    /** The default issuer: RS256, JWKS inline. */
    public TestIssuerExtension() {
        this(TestIssuer::create);
    }

    private TestIssuerExtension(Supplier<TestIssuer> factory) {
        this.factory = factory;
    }

    /** An extension whose issuer {@code factory} builds, once per class (static field) or test (instance field). */
    public static TestIssuerExtension of(Supplier<TestIssuer> factory) {
        return new TestIssuerExtension(Objects.requireNonNull(factory, "factory"));
    }

    /** The issuer of the running test class (or test). */
    public TestIssuer issuer() {
        if (issuer == null) {
            throw new IllegalStateException("no TestIssuer yet: the extension creates it before @BeforeAll"
                    + " (static field) or @BeforeEach (instance field) methods");
        }
        return issuer;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop(context);
    }

    private void start(ExtensionContext context) {
        if (issuer == null) {
            issuer = factory.get();
            createdFor = context.getUniqueId();
        }
    }

    private void stop(ExtensionContext context) {
        if (issuer != null && context.getUniqueId().equals(createdFor)) {
            issuer.close();
            issuer = null;
            createdFor = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestIssuer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        start(context);
        return issuer();
    }
}
