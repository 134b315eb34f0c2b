package dev.gatecheck.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Where the store is, from {@code gatecheck.replay.redis.uri}: one Redis ({@code redis://}, {@code rediss://}), the
 * master a Sentinel names ({@code redis-sentinel://}, {@code rediss-sentinel://}, Lettuce's syntax), or a Cluster
 * ({@code redis-cluster://}, {@code rediss-cluster://}: seed nodes separated by commas). Problems are reported
 * without quoting the URI, which may carry a password.
 */
sealed interface RedisTarget {
    Set<String> SCHEMES = Set.of("redis", "rediss", "redis-sentinel", "rediss-sentinel", "redis-cluster",
            "rediss-cluster");

    /** One Redis, directly or through Sentinel. */
    record Single(RedisURI uri) implements RedisTarget {
        @Override
        public Connector connector(ClientResources resources, ClientOptions options) {
            RedisClient client = RedisClient.create(resources);
            client.setOptions(options);
            return new Connector(() -> client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture()
                    .thenApply(StatefulRedisConnection::async), client::shutdown);
        }
    }

    /**
     * A Cluster, found from its seed nodes; its topology is refreshed when it changes (failover, resharding). Lettuce
     * opens a connection to each node on its first command, so commands wait for it rather than being rejected;
     * one that times out is cancelled before it is sent.
     */
    record Cluster(List<RedisURI> seeds) implements RedisTarget {
        @Override
        public Connector connector(ClientResources resources, ClientOptions options) {
            RedisClusterClient client = RedisClusterClient.create(resources, seeds);
            client.setOptions(ClusterClientOptions.builder(options)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.DEFAULT)
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers()
                            .enablePeriodicRefresh(Duration.ofSeconds(30))
                            .build())
                    .build());
            return new Connector(() -> client.refreshPartitionsAsync().toCompletableFuture()
                    .thenCompose(topology -> client.connectAsync(StringCodec.UTF8))
                    .thenApply(StatefulRedisClusterConnection::async), client::shutdown);
        }
    }

    /** A client for this target on {@code resources}: it connects on demand and shuts down with the store. */
    Connector connector(ClientResources resources, ClientOptions options);

    /**
     * How one client connects, and how it shuts down (its connections with it).
     *
     * @param connect  opens a connection in the background
     * @param shutdown closes the client: quiet period, then timeout
     */
    record Connector(Supplier<CompletableFuture<? extends RedisClusterAsyncCommands<String, String>>> connect,
                     BiConsumer<Duration, Duration> shutdown) {
    }

    /**
     * The target {@code uri} names.
     *
     * @throws IllegalArgumentException saying what is wrong, never quoting {@code uri}
     */
    static RedisTarget parse(String uri) {
        int separator = uri.indexOf("://");
        String scheme = separator < 0 ? "" : uri.substring(0, separator).toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("the scheme must be redis, rediss, redis-sentinel, rediss-sentinel,"
                    + " redis-cluster or rediss-cluster");
        }
        if (scheme.endsWith("-cluster")) {
            return new Cluster(seeds(scheme.startsWith("rediss") ? "rediss" : "redis", uri.substring(separator + 3)));
        }
        if (scheme.endsWith("-sentinel")) {
            RedisURI sentinel = lettuce(uri, "a Sentinel URI (redis-sentinel://host:port[,host:port]/#master)");
            if (sentinel.getSentinelMasterId() == null || sentinel.getSentinels().isEmpty()) {
                throw new IllegalArgumentException("a Sentinel URI names its sentinels and the master"
                        + " (redis-sentinel://host:26379,host:26379#mymaster)");
            }
            return new Single(sentinel);
        }
        return new Single(server(uri));
    }

    /** One server's URI, its host and port checked strictly (Lettuce reads {@code h:x} as host {@code h:x}). */
    private static RedisURI server(String uri) {
        try {
            URI parsed = new URI(uri);
            if (parsed.getHost() == null) {
                throw new IllegalArgumentException("names no host, or a port that is not a number");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URI (a password with reserved characters must be"
                    + " percent-encoded)");
        }
        return lettuce(uri, "a Redis URI (redis://[[user]:password@]host[:port][/database])");
    }

    private static RedisURI lettuce(String uri, String expected) {
        try {
            return RedisURI.create(uri);
        } catch (RuntimeException e) { // its message quotes the URI
            throw new IllegalArgumentException("is not " + expected);
        }
    }

    /** The seeds of {@code [user:password@]host:port[,host:port...][/database][?options]}, each a {@code scheme} URI. */
    private static List<RedisURI> seeds(String scheme, String rest) {
        int at = rest.lastIndexOf('@');
        String userInfo = at < 0 ? "" : rest.substring(0, at + 1);
        String hostsAndMore = rest.substring(at + 1);
        int end = hostsAndMore.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = hostsAndMore.indexOf(c);
            end = i < 0 ? end : Math.min(end, i);
        }
        String hosts = hostsAndMore.substring(0, end);
        String more = hostsAndMore.substring(end);
        List<RedisURI> seeds = new ArrayList<>();
        for (String host : hosts.split(",", -1)) {
            if (host.isBlank()) {
                throw new IllegalArgumentException("a Cluster URI lists its seed nodes separated by commas"
                        + " (redis-cluster://host:7000,host:7001), none of them empty");
            }
            seeds.add(server(scheme + "://" + userInfo + host.trim() + more));
        }
        return List.copyOf(seeds);
    }
}
