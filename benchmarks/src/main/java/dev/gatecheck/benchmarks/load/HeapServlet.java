package dev.gatecheck.benchmarks.load;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * {@code GET /_heap}, the load server's admin endpoint (it exists only in {@link LoadServer}, which listens on
 * 127.0.0.1 only, and it also refuses any peer that is not a loopback address): runs {@code System.gc()} twice and
 * answers the heap then in use, so the load script can show the verified-token cache stays bounded after the
 * 10,000-token run. {@code cached_tokens} is Gatecheck's own count of cached verified tokens, -1 without Gatecheck.
 */
final class HeapServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient LongSupplier cachedTokens;

    HeapServlet(LongSupplier cachedTokens) {
        this.cachedTokens = cachedTokens;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
            response.sendError(403);
            return;
        }
        for (int i = 0; i < 2; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        long mxUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        String body = "{\"heap_used_bytes\":" + used + ",\"heap_used_mx_bytes\":" + mxUsed
                + ",\"heap_committed_bytes\":" + runtime.totalMemory() + ",\"heap_max_bytes\":" + runtime.maxMemory()
                + ",\"cached_tokens\":" + cachedTokens.getAsLong() + "}\n";
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
