package dev.gatecheck.testing;

import dev.gatecheck.Gatecheck;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One adapter on one container or runtime, as {@link AdapterScenarios} drives it: each adapter's test module
 * implements this once per container it supports, and a container's test class is then one constructor call.
 */
public interface AdapterUnderTest {
    /**
     * Starts, on 127.0.0.1 and a free port, a report application guarded by {@code gatecheck} through this adapter,
     * the way a user installs it. Every path below the application's root answers {@code GET}, {@code HEAD},
     * {@code POST} and {@code OPTIONS} with 200, {@code text/plain}, and {@link Seen#report} of what the application
     * saw (having read the whole body); nothing of the application decides about access.
     */
    Deployment deploy(Gatecheck gatecheck) throws Exception;

    /** A running report application. */
    interface Deployment extends AutoCloseable {
        /**
         * The application's root, e.g. {@code http://127.0.0.1:<port>/app}: route paths are below it, so
         * {@code root() + "/admin/users"} is the path the route {@code /admin/*} covers.
         */
        URI root();

        /** How many requests the application ran for so far. */
        int applicationRuns();

        /** Stops the application and its server. */
        @Override
        void close();

        /** The deployment at {@code root} whose application counts its runs in {@code runs}, stopped by {@code stop}. */
        static Deployment of(URI root, AtomicInteger runs, AutoCloseable stop) {
            return new Deployment() {
                @Override
                public URI root() {
                    return root;
                }

                @Override
                public int applicationRuns() {
                    return runs.get();
                }

                @Override
                public void close() {
                    try {
                        stop.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("the server at " + root + " did not stop", e);
                    }
                }
            };
        }
    }
}
