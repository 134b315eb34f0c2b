package dev.gatecheck.keys;

import dev.gatecheck.events.Health;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys from a PEM or JWKS file, read at startup and reloaded when the file changes. A daemon thread checks the
 * file's modification time and size every few seconds, off the request path; a broken new file keeps the
 * previous keys and logs a warning (health: {@code DEGRADED} until the file reads again). Requests only read an
 * immutable {@link KeySet}.
 */
final class FileKeySource implements KeySource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileKeySource.class);

    private final Path path;
    private final Function<String, LoadedKeys> parser;
    private final ScheduledFuture<?> checks;
    private final SourceState state;
    private volatile KeySet keys;
    private volatile FileTime modified;
    private volatile long size;
    private volatile boolean unreadableLogged;
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    private FileKeySource(Path path, Function<String, LoadedKeys> parser, ScheduledExecutorService scheduler,
                          Duration checkInterval, SourceState state) {
        this.path = path;
        this.parser = parser;
        this.state = state;
        LoadedKeys loaded = read().orElseThrow(() -> new IllegalArgumentException("cannot read " + path));
        if (loaded.keys().isEmpty()) {
            throw new IllegalArgumentException(path + " holds no usable key (" + String.join("; ", loaded.dropped())
                    + ")");
        }
        logDropped(loaded);
        this.keys = loaded.keys();
        state.loaded(keys.kids(), keys.keys().size());
        long millis = checkInterval.toMillis();
        this.checks = scheduler.scheduleWithFixedDelay(this::reloadIfChanged, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Watches {@code path} (PEM or JWKS, told apart by a leading brace), checking for changes every
     * {@code checkInterval} on {@code scheduler}.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds no usable key
     */
    static FileKeySource watch(Path path, Set<SignatureAlgorithm> allowed, ScheduledExecutorService scheduler,
                               Duration checkInterval, SourceState state) {
        Objects.requireNonNull(path, "path");
        return new FileKeySource(path, text -> VerificationKeys.fromText(text, allowed), scheduler, checkInterval,
                state);
    }

    /**
     * Reads {@code path} once, as {@link #watch} does, without watching it.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds no usable key (the reason names the
     *                                  key problems, never key material)
     */
    static void read(Path path, Set<SignatureAlgorithm> allowed) {
        LoadedKeys loaded;
        try {
            loaded = VerificationKeys.fromText(Files.readString(path, StandardCharsets.UTF_8), allowed);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
        }
        if (loaded.keys().isEmpty()) {
            throw new IllegalArgumentException(path + " holds no usable key (" + String.join("; ", loaded.dropped())
                    + ")");
        }
    }

    @Override
    public KeyLookup find(Optional<String> kid, SignatureAlgorithm algorithm) {
        return keys.find(kid, algorithm);
    }

    @Override
    public long version() {
        return version.get();
    }

    /** {@code UP}, or {@code DEGRADED} while the file cannot be read again since it changed. */
    @Override
    public Optional<Health.Source> health() {
        return Optional.of(state.health(state.failingSinceLoad() ? Health.State.DEGRADED : Health.State.UP,
                keys.keys().size()));
    }

    /** Re-reads the file when its modification time or size changed; keeps the old keys if the new file is broken. */
    void reloadIfChanged() {
        boolean unchanged;
        try {
            unchanged = Files.getLastModifiedTime(path).equals(modified) && Files.size(path) == size;
        } catch (IOException e) {
            if (!unreadableLogged) { // once per outage, not every few seconds
                unreadableLogged = true;
                LOG.warn("key file {} cannot be checked ({}); keeping the current keys", path,
                        e.getClass().getSimpleName());
                state.failed(SourceState.causeOf(e), keys.keys().size());
            }
            return;
        }
        if (unreadableLogged && unchanged) {
            state.loaded(keys.kids(), keys.keys().size()); // back as it was: the keys served are the file's again
        }
        unreadableLogged = false;
        if (unchanged) {
            return;
        }
        Optional<LoadedKeys> loaded = read();
        if (loaded.isEmpty() || loaded.get().keys().isEmpty()) {
            LOG.warn("key file {} changed but holds no usable key{}; keeping the current keys", path,
                    loaded.map(l -> " (" + String.join("; ", l.dropped()) + ")").orElse(""));
            state.failed("no usable key", keys.keys().size());
            return;
        }
        logDropped(loaded.get());
        keys = loaded.get().keys();
        state.loaded(keys.kids(), keys.keys().size());
        version.incrementAndGet();
        LOG.info("key file {} reloaded: {} key(s)", path, keys.keys().size());
    }

    private Optional<LoadedKeys> read() {
        try {
            FileTime time = Files.getLastModifiedTime(path);
            long length = Files.size(path);
            String text = Files.readString(path, StandardCharsets.UTF_8);
            modified = time;
            size = length;
            return Optional.of(parser.apply(text));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("key file {} cannot be read: {}", path,
                    e instanceof IllegalArgumentException ? e.getMessage() : e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private void logDropped(LoadedKeys loaded) {
        loaded.dropped().forEach(reason -> LOG.warn("key file {}: key dropped: {}", path, reason));
    }

    /** Stops watching the file. */
    @Override
    public void close() {
        checks.cancel(false);
    }
}
