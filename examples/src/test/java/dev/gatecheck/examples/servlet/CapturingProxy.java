package dev.gatecheck.examples.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * A transparent TCP relay between nginx and the application that keeps a copy of every request head (request line
 * and header fields, byte for byte) it passes on: what nginx really sent, for the test to replay and tamper with.
 * It changes nothing, so the application sees nginx's request exactly.
 */
final class CapturingProxy implements AutoCloseable {
    private static final int MAX_HEAD = 64 * 1024;

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final BlockingDeque<byte[]> heads = new LinkedBlockingDeque<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "capturing-proxy");
        thread.setDaemon(true);
        return thread;
    });

    private CapturingProxy(ServerSocket server, InetSocketAddress upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    /** A relay on a free loopback port in front of {@code upstream} ({@code http://host:port}). */
    static CapturingProxy in(URI upstream) throws IOException {
        CapturingProxy proxy = new CapturingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                new InetSocketAddress(upstream.getHost(), upstream.getPort()));
        proxy.threads.execute(proxy::accept);
        return proxy;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress().getHostAddress(), server.getLocalPort());
    }

    /** Forgets what was captured so far. */
    void clear() {
        heads.clear();
    }

    /** Whether nothing was relayed since the last {@link #clear}. */
    boolean nothingRelayed() {
        return heads.isEmpty();
    }

    /** The head of the next request relayed since the last {@link #clear}, waiting a little for it. */
    byte[] next() throws InterruptedException {
        byte[] head = heads.pollFirst(5, TimeUnit.SECONDS);
        if (head == null) {
            throw new AssertionError("nginx relayed no request to the application");
        }
        return head;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> relay(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket app = new Socket(upstream.getAddress(), upstream.getPort())) {
            InputStream fromClient = client.getInputStream();
            byte[] head = readHead(fromClient);
            heads.addLast(head);
            OutputStream toApp = app.getOutputStream();
            toApp.write(head);
            toApp.flush();
            threads.execute(() -> pump(fromClient, toApp, app));
            app.getInputStream().transferTo(client.getOutputStream());
        } catch (IOException e) {
            // a connection that ends early is nginx's and the application's business; the test sees the status
        }
    }

    private static void pump(InputStream from, OutputStream to, Socket app) {
        try {
            from.transferTo(to);
            app.shutdownOutput();
        } catch (IOException closed) {
            // the other direction finished and closed both sockets
        }
    }

    /** The bytes up to and including the empty line ending the header section. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0 || head.size() >= MAX_HEAD) {
                throw new IOException("no complete request head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
