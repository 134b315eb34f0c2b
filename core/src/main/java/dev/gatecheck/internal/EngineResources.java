package dev.gatecheck.internal;

import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one engine starts and closes with it: one HTTP client, a few daemon threads for asynchronous work (fetches,
 * Caffeine's reloads) and one scheduler (deadlines, file checks, retries), each made on first use, so an engine
 * whose keys are all static starts no thread at all. {@link #close()} stops them and closes whatever was handed to
 * {@link #own}, last first. Internal.
 */
public final class EngineResources implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineResources.class);
    private static final AtomicInteger ENGINES = new AtomicInteger();
    /** Java 21's {@code HttpClient.shutdownNow()}; on Java 17 the client's selector thread ends once it is collected. */
    private static final Method SHUTDOWN_NOW = shutdownNow();

    private final String name = "gatecheck-" + ENGINES.incrementAndGet();
    private final AtomicInteger threads = new AtomicInteger();
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private ExecutorService workers;
    private ScheduledExecutorService scheduler;
    private HttpClient client;
    private boolean closed;

    /** The threads' name prefix ({@code gatecheck-<n>}), for logs and tests. */
    public String name() {
        return name;
    }

    /** Runs asynchronous work: at most 4 threads, kept 30 s when idle. */
    public synchronized Executor executor() {
        checkOpen();
        if (workers == null) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    daemons("worker"));
            pool.allowCoreThreadTimeOut(true);
            workers = pool;
        }
        return workers;
    }

    /** Runs delayed and periodic work on one thread. */
    public synchronized ScheduledExecutorService scheduler() {
        checkOpen();
        if (scheduler == null) {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemons("scheduler"));
            timer.setRemoveOnCancelPolicy(true);
            scheduler = timer;
        }
        return scheduler;
    }

    /** The engine's one HTTP client: no redirects, its work on {@link #executor()}. */
    public synchronized HttpClient httpClient() {
        checkOpen();
        if (client == null) {
            // The client's selector thread inherits the creating thread's context class loader: not the
            // application's (a servlet container would report it as a leak of the web application).
            Thread current = Thread.currentThread();
            ClassLoader previous = current.getContextClassLoader();
            current.setContextClassLoader(null);
            try {
                client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).executor(executor()).build();
            } finally {
                current.setContextClassLoader(previous);
            }
        }
        return client;
    }

    /** Closes {@code resource} with the engine (before the threads stop). */
    public synchronized <T extends AutoCloseable> T own(T resource) {
        checkOpen();
        owned.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!owned.isEmpty()) {
            AutoCloseable resource = owned.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.getClass().getSimpleName());
            }
        }
        if (client != null && SHUTDOWN_NOW != null) {
            try {
                SHUTDOWN_NOW.invoke(client);
            } catch (ReflectiveOperationException e) {
                LOG.debug("HttpClient.shutdownNow failed: {}", e.getClass().getSimpleName());
            }
        }
        client = null;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Gatecheck engine is closed");
        }
    }

    private ThreadFactory daemons(String role) {
        return task -> {
            Thread thread = new Thread(task, name + "-" + role + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(null);
            return thread;
        };
    }

    private static Method shutdownNow() {
        try {
            return HttpClient.class.getMethod("shutdownNow");
        } catch (NoSuchMethodException java17) {
            return null;
        }
    }
}
