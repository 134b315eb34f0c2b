package dev.gatecheck.route;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves the {@link Declaration}s of a resource method the JSR-250 way, the same on every runtime. Method level
 * beats class level. The method level is the resource method and every method it overrides or implements
 * (superclasses and interfaces); the class level is the resource class, its superclasses and its interfaces.
 * Places of one level that disagree contradict each other: an {@link IllegalStateException} names both.
 */
final class DeclarationResolver {
    private DeclarationResolver() {
    }

    /** A declaration and where it was found, e.g. {@code AdminApi.get}. */
    private record Placed(Declaration declaration, String place) {
    }

    /** What one level declares: at most one access rule, one scope rule and one step-up, each agreed by all. */
    private record Level(Optional<Placed> access, Optional<Placed> scopes, Optional<Placed> stepUp) {
    }

    static Optional<ResourcePolicy> resolve(Class<?> resourceClass, Method reported,
                                            Function<AnnotatedElement, List<Declaration>> reader) {
        Method method = implementation(resourceClass, reported);
        String name = resourceClass.getSimpleName() + "." + method.getName();
        List<Class<?>> types = hierarchy(resourceClass);
        Level onMethod = level(name, overridden(resourceClass, types, method), reader);
        Level onClass = level(name, types, reader);
        Optional<Placed> access = onMethod.access().or(onClass::access);
        Optional<Placed> scopes = onMethod.scopes().or(onClass::scopes);
        Optional<Placed> stepUp = onMethod.stepUp().or(onClass::stepUp);
        // @PermitAll / @DenyAll with scopes or a step-up: at one level a contradiction, at different ones the
        // method's wins.
        if (conflicts(access, scopes)) {
            boolean accessWins = winsOver(name, onMethod.access(), onMethod.scopes(), access, scopes);
            access = accessWins ? access : Optional.empty();
            scopes = accessWins ? Optional.empty() : scopes;
        }
        if (conflicts(access, stepUp)) {
            boolean accessWins = winsOver(name, onMethod.access(), onMethod.stepUp(), access, stepUp);
            access = accessWins ? access : Optional.empty();
            stepUp = accessWins ? Optional.empty() : stepUp;
        }
        return policy(name, access.map(Placed::declaration), scopes.map(Placed::declaration),
                stepUp.map(Placed::declaration));
    }

    private static boolean conflicts(Optional<Placed> access, Optional<Placed> requirement) {
        return access.isPresent() && requirement.isPresent()
                && !(access.get().declaration() instanceof Declaration.RolesAllowed);
    }

    /** True when the access rule is the method level's and the requirement the class level's. */
    private static boolean winsOver(String name, Optional<Placed> accessOnMethod, Optional<Placed> requirementOnMethod,
                                    Optional<Placed> access, Optional<Placed> requirement) {
        if (accessOnMethod.isPresent() == requirementOnMethod.isPresent()) {
            throw contradiction(name, access.get(), requirement.get());
        }
        return accessOnMethod.isPresent();
    }

    private static Optional<ResourcePolicy> policy(String name, Optional<Declaration> access,
                                                   Optional<Declaration> scopes, Optional<Declaration> stepUp) {
        if (access.isEmpty() && scopes.isEmpty() && stepUp.isEmpty()) {
            return Optional.empty();
        }
        if (access.isPresent() && access.get() instanceof Declaration.DenyAll) {
            return Optional.of(ResourcePolicy.denyAll(name));
        }
        if (access.isPresent() && access.get() instanceof Declaration.PermitAll) {
            return Optional.of(ResourcePolicy.permitAll(name));
        }
        Set<String> roles = access.map(r -> ((Declaration.RolesAllowed) r).roles()).orElse(Set.of());
        Set<String> scopeSet = scopes.map(s -> ((Declaration.RequiresScopes) s).scopes()).orElse(Set.of());
        Requirements requirements = new Requirements(roles, scopeSet, Map.of());
        if (stepUp.isPresent()) {
            Declaration.RequiresAcr acr = (Declaration.RequiresAcr) stepUp.get();
            requirements = requirements.withStepUp(new Requirements.StepUp(acr.values(), acr.maxAge()));
        }
        return Optional.of(ResourcePolicy.authenticated(name, requirements));
    }

    private static Level level(String name, List<? extends AnnotatedElement> places,
                               Function<AnnotatedElement, List<Declaration>> reader) {
        Optional<Placed> access = Optional.empty();
        Optional<Placed> scopes = Optional.empty();
        Optional<Placed> stepUp = Optional.empty();
        for (AnnotatedElement element : places) {
            for (Declaration declaration : reader.apply(element)) {
                Placed placed = new Placed(checked(name, declaration), place(element));
                if (declaration instanceof Declaration.RequiresScopes) {
                    scopes = Optional.of(agreed(name, scopes, placed));
                } else if (declaration instanceof Declaration.RequiresAcr) {
                    stepUp = Optional.of(agreed(name, stepUp, placed));
                } else {
                    access = Optional.of(agreed(name, access, placed));
                }
            }
        }
        return new Level(access, scopes, stepUp);
    }

    private static Placed agreed(String name, Optional<Placed> earlier, Placed placed) {
        if (earlier.isPresent() && !earlier.get().declaration().equals(placed.declaration())) {
            throw contradiction(name, earlier.get(), placed);
        }
        return earlier.orElse(placed);
    }

    private static IllegalStateException contradiction(String name, Placed a, Placed b) {
        String both = a.place().equals(b.place())
                ? a.declaration().describe() + " and " + b.declaration().describe() + " on " + a.place()
                : a.declaration().describe() + " on " + a.place() + " and " + b.declaration().describe() + " on "
                + b.place();
        return new IllegalStateException(name + ": " + both + " contradict each other");
    }

    private static Declaration checked(String name, Declaration declaration) {
        if (declaration instanceof Declaration.RolesAllowed roles
                && (roles.roles().isEmpty() || roles.roles().stream().anyMatch(String::isBlank))) {
            throw new IllegalStateException(name + ": @RolesAllowed names no role (use @DenyAll to deny everyone,"
                    + " \"**\" for any authenticated caller)");
        }
        if (declaration instanceof Declaration.RequiresScopes scopes && (scopes.scopes().isEmpty()
                || scopes.scopes().stream().anyMatch(s -> s.isBlank() || s.contains(" ")))) {
            throw new IllegalStateException(name + ": @RequiresScopes needs one or more scopes, without spaces");
        }
        if (declaration instanceof Declaration.RequiresAcr acr) {
            if (acr.values().isEmpty() && acr.maxAge().isEmpty()) {
                throw new IllegalStateException(name + ": @RequiresAcr names no acr value and no maxAge");
            }
            try {
                new Requirements.StepUp(acr.values(), acr.maxAge());
            } catch (Route.InvalidSetting e) {
                throw new IllegalStateException(name + ": @RequiresAcr: " + e.getMessage());
            }
        }
        return declaration;
    }

    private static String place(AnnotatedElement element) {
        return element instanceof Method method ? method.getDeclaringClass().getSimpleName() + "." + method.getName()
                : ((Class<?>) element).getSimpleName();
    }

    /** The resource class, its superclasses, then every interface they implement, each once. */
    private static List<Class<?>> hierarchy(Class<?> resourceClass) {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Class<?> c = resourceClass; c != null && c != Object.class; c = c.getSuperclass()) {
            types.add(c);
        }
        Deque<Class<?>> pending = new ArrayDeque<>(types);
        while (!pending.isEmpty()) {
            for (Class<?> implemented : pending.poll().getInterfaces()) {
                if (types.add(implemented)) {
                    pending.add(implemented);
                }
            }
        }
        return List.copyOf(types);
    }

    /**
     * The method the resource class runs for {@code reported}: a runtime may name the method where the JAX-RS
     * annotations sit (an interface's, a superclass's) rather than the implementation.
     */
    private static Method implementation(Class<?> resourceClass, Method reported) {
        if (!reported.getDeclaringClass().isAssignableFrom(resourceClass)) {
            return reported;
        }
        try {
            Method method = resourceClass.getMethod(reported.getName(), reported.getParameterTypes());
            if (!method.isBridge()) {
                return method;
            }
            // A generic interface method named by its erasure: the implementation is what the bridge calls.
            List<Method> bridged = Arrays.stream(resourceClass.getMethods())
                    .filter(m -> !m.isBridge() && assignable(method, m)).toList();
            return bridged.size() == 1 ? bridged.get(0) : method;
        } catch (NoSuchMethodException e) {
            return reported;
        }
    }

    /** {@code method} and every method of the hierarchy it overrides or implements. */
    private static List<Method> overridden(Class<?> resourceClass, List<Class<?>> types, Method method) {
        List<Method> methods = new ArrayList<>(List.of(method));
        for (Class<?> type : types) {
            for (Method candidate : type.getDeclaredMethods()) {
                if (!candidate.equals(method) && !candidate.isBridge() && overrides(resourceClass, method, candidate)) {
                    methods.add(candidate);
                }
            }
        }
        return methods;
    }

    private static boolean overrides(Class<?> resourceClass, Method method, Method candidate) {
        int modifiers = candidate.getModifiers();
        boolean visible = Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)
                || (!Modifier.isPrivate(modifiers)
                && candidate.getDeclaringClass().getPackageName().equals(method.getDeclaringClass().getPackageName()));
        if (!visible || Modifier.isStatic(modifiers) || !assignable(candidate, method)) {
            return false;
        }
        // Different parameter types only when a generic parameter was bound: the compiler then left a bridge
        // with the overridden method's erasure.
        return Arrays.equals(candidate.getParameterTypes(), method.getParameterTypes())
                || hasBridge(resourceClass, candidate);
    }

    /** Same name and arity, and each parameter of {@code overriding} fits the one of {@code overridden}. */
    private static boolean assignable(Method overridden, Method overriding) {
        Class<?>[] wide = overridden.getParameterTypes();
        Class<?>[] narrow = overriding.getParameterTypes();
        if (!overridden.getName().equals(overriding.getName()) || wide.length != narrow.length) {
            return false;
        }
        for (int i = 0; i < wide.length; i++) {
            if (!wide[i].isAssignableFrom(narrow[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasBridge(Class<?> resourceClass, Method erased) {
        for (Class<?> c = resourceClass; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isBridge() && m.getName().equals(erased.getName())
                        && Arrays.equals(m.getParameterTypes(), erased.getParameterTypes())) {
                    return true;
                }
            }
        }
        return false;
    }
}
