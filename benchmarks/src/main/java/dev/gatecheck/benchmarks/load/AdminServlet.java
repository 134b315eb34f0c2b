package dev.gatecheck.benchmarks.load;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * The load server's admin endpoints (they exist only in {@link LoadServer}, which listens on 127.0.0.1 only, and they
 * also refuse any peer that is not a loopback address):
 * <ul>
 *   <li>{@code GET /_heap} runs {@code System.gc()} twice and answers the heap then in use, so the load script can
 *       show the verified-token cache stays bounded after the 10,000-token run. {@code cached_tokens} is Gatecheck's
 *       own count of cached verified tokens, -1 without Gatecheck.</li>
 *   <li>{@code GET /_jit} answers how long the JIT compilers have compiled so far and the JVM's uptime, both in
 *       milliseconds, so the client can wait for the JIT to settle before it measures: on one CPU the compilers
 *       share it with the request threads and can take a minute to catch up (see benchmarks/README.md).</li>
 * </ul>
 */
final class AdminServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient LongSupplier cachedTokens;

    AdminServlet(LongSupplier cachedTokens) {
        this.cachedTokens = cachedTokens;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
            response.sendError(403);
            return;
        }
        String body = LoadServer.JIT_PATH.equals(request.getServletPath()) ? jit() : heap();
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static String jit() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        long compiled = compiler != null && compiler.isCompilationTimeMonitoringSupported()
                ? compiler.getTotalCompilationTime() : -1;
        return "{\"compile_ms\":" + compiled + ",\"uptime_ms\":" + ManagementFactory.getRuntimeMXBean().getUptime()
                + "}\n";
    }

    private String heap() {
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
        return "{\"heap_used_bytes\":" + used + ",\"heap_used_mx_bytes\":" + mxUsed
                + ",\"heap_committed_bytes\":" + runtime.totalMemory() + ",\"heap_max_bytes\":" + runtime.maxMemory()
                + ",\"cached_tokens\":" + cachedTokens.getAsLong() + "}\n";
    }
}
