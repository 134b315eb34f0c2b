package dev.gatecheck.internal.webhook;

import dev.gatecheck.webhook.ReplayGuard;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The {@link ReplayGuard.Provider}s on the class path (or module path), found with {@link ServiceLoader} through the
 * thread's context class loader (a web application's) and core's own. Internal: the configuration checks a
 * declared store with it, the engine opens one.
 */
public final class ReplayStores {
    private ReplayStores() {
    }

    /** The provider of {@code store} ({@code redis}), if one is installed. */
    public static Optional<ReplayGuard.Provider> provider(String store) {
        Set<ClassLoader> loaders = new LinkedHashSet<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        loaders.add(ReplayGuard.class.getClassLoader());
        for (ClassLoader loader : loaders) {
            for (ReplayGuard.Provider provider : ServiceLoader.load(ReplayGuard.Provider.class, loader)) {
                if (provider.store().equals(store)) {
                    return Optional.of(provider);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Opens {@code spec} for one engine.
     *
     * @throws IllegalStateException when its provider is gone since the configuration was built
     */
    public static ReplayGuard.Shared open(ReplayGuard.StoreSpec spec) {
        return provider(spec.store()).orElseThrow(() -> new IllegalStateException("no provider of the replay store "
                + spec.store() + " on the class path")).open(spec);
    }
}
