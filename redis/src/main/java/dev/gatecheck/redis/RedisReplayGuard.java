package dev.gatecheck.redis;

import dev.gatecheck.webhook.ReplayGuard;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * First sightings in Redis: {@code SET <prefix><namespace><sha-256 of the key> <random mark> NX PX <window>}, atomic
 * on the server, so of two instances asking at once only one hears {@code OK}. A {@code SET} whose answer comes too
 * late is taken back (deleted if it still holds its mark), so the retry of a request refused with 503 is not a
 * replay. One connection per engine, opened in the
 * background and shared by every request; Lettuce reconnects it after a restart or failover. A request waits at most
 * the timeout for the connection and the answer together, else the store is {@link ReplayGuard.Unavailable}. While
 * disconnected, commands fail at once (a Cluster's wait for their node) and one that times out is cancelled unsent:
 * a {@code SET} sent later would record a delivery the sender was told to retry. Redis keeps real time, so the
 * timeout and the reconnect pace use the monotonic clock.
 */
final class RedisReplayGuard implements ReplayGuard.Shared {
    /** After a failed first connection, requests answer at once for this long before another attempt starts. */
    private static final long RECONNECT_PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration QUIET_PERIOD = Duration.ofMillis(100);
    private static final Pattern ERROR_CODE = Pattern.compile("^([A-Z]+)\\b");
    /** Deletes KEYS[1] if it still holds ARGV[1], the mark of a SET whose answer came too late. */
    private static final String FORGET_IF_MINE = "if redis.call('get', KEYS[1]) == ARGV[1] then"
            + " return redis.call('del', KEYS[1]) end return 0";

    private final ClientResources resources;
    private final RedisTarget.Connector connector;
    private final String keyPrefix;
    private final Duration timeout;
    private final String where;
    private CompletableFuture<? extends RedisClusterAsyncCommands<String, String>> connection; // guarded by this
    private long attemptStarted; // guarded by this

    private RedisReplayGuard(RedisTarget target, ReplayGuard.StoreSpec spec) {
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        this.connector = target.connector(resources, ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(spec.timeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).keepAlive(true).build())
                .build());
        this.keyPrefix = spec.keyPrefix();
        this.timeout = spec.timeout();
        this.where = "Redis at " + spec.redactedUri();
        connect();
    }

    /**
     * Opens the store {@code spec} names and connects, waiting at most the connect timeout for the first connection
     * so that the first requests find it; a Redis that is down or silent is no reason to fail.
     */
    static RedisReplayGuard open(ReplayGuard.StoreSpec spec) {
        RedisReplayGuard guard = new RedisReplayGuard(RedisTarget.parse(spec.uri()), spec);
        try {
            guard.connection().get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException notYet) {
            // requests meet Unavailable until it connects
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return guard;
    }

    @Override
    public boolean firstSeen(String namespace, String key, Duration window) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RedisClusterAsyncCommands<String, String> commands = await(connection(), deadline);
        String stored = keyPrefix + namespace + sha256(key);
        String mark = mark();
        SetArgs once = SetArgs.Builder.nx().px(Math.max(1, window.toMillis()));
        try {
            return "OK".equals(await(commands.set(stored, mark, once).toCompletableFuture(), deadline));
        } catch (ReplayGuard.Unavailable outage) {
            // A SET sent but not answered in time may still run: the request is refused (503), so the sender's
            // retry must not meet it. Sent after the SET on the same connection, this runs after it; no one waits.
            commands.eval(FORGET_IF_MINE, ScriptOutputType.INTEGER, new String[] {stored}, mark);
            throw outage;
        }
    }

    /** What this request stores: random, so that only its own entry is taken back. */
    private static String mark() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }

    @Override
    public void close() {
        connector.shutdown().accept(Duration.ZERO, SHUTDOWN_TIMEOUT);
        try {
            // A short quiet period lets a reconnect already under way finish instead of failing noisily.
            resources.shutdown(QUIET_PERIOD.toMillis(), SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(SHUTDOWN_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the threads end on their own; closing goes on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The connection, or a new attempt when the last one failed (at most one attempt at a time, paced). */
    private synchronized CompletableFuture<? extends RedisClusterAsyncCommands<String, String>> connection() {
        if (connection.isCompletedExceptionally() && System.nanoTime() - attemptStarted >= RECONNECT_PACE_NANOS) {
            connect();
        }
        return connection;
    }

    private synchronized void connect() {
        attemptStarted = System.nanoTime();
        connection = connector.connect().get();
    }

    private <T> T await(CompletableFuture<T> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ReplayGuard.Unavailable(where + " did not answer within " + timeout.toMillis() + "ms", null);
        } catch (ExecutionException | CompletionException e) {
            throw new ReplayGuard.Unavailable(where + " cannot answer (" + reason(e.getCause()) + ")", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayGuard.Unavailable(where + ": interrupted while waiting", null);
        }
    }

    /** Why Redis failed, in words that hold no key or secret: the exception's kind and Redis's error code. */
    static String reason(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof RedisConnectionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RedisCommandExecutionException && t.getMessage() != null) {
            Matcher code = ERROR_CODE.matcher(t.getMessage());
            return "Redis error " + (code.find() ? code.group(1) : "(unnamed)");
        }
        if (t instanceof RedisCommandTimeoutException) {
            return "command timed out";
        }
        if (t instanceof RedisException && String.valueOf(t.getMessage()).contains("not connected")) {
            return "not connected, reconnecting";
        }
        return t.getClass().getSimpleName();
    }

    /** The key as stored: its SHA-256 in hex, so Redis never holds a delivery id or a signature. */
    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
