package dev.gatecheck.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.Part;
import jakarta.servlet.http.PushBuilder;
import java.io.BufferedReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How {@link RequestWalk} writes down a value: as text, walking into what it holds (collections, maps, parts,
 * mappings, push builders, and the headers of a request reached through another object).
 */
final class WalkRendering {
    private WalkRendering() {
    }

    /** {@code value} as text, walking into what it holds. */
    static String render(Object value) throws Exception {
        if (value == null) {
            return "null";
        }
        if (value instanceof Enumeration<?> e) {
            return render(Collections.list(e));
        }
        if (value instanceof Collection<?> c) {
            List<String> items = new ArrayList<>();
            for (Object item : c) {
                items.add(render(item));
            }
            return items.toString();
        }
        if (value instanceof Object[] array) {
            return render(Arrays.asList(array));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, String> entries = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                entries.put(String.valueOf(entry.getKey()), render(entry.getValue()));
            }
            return entries.toString();
        }
        return renderObject(value);
    }

    private static String renderObject(Object value) throws Exception {
        if (value instanceof Part part) {
            return "Part[" + part.getName() + " " + part.getSubmittedFileName() + " " + part.getContentType() + " "
                    + part.getSize() + " headers=" + headers(part.getHeaderNames(), part::getHeaders) + " content="
                    + new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8) + "]";
        }
        if (value instanceof HttpServletMapping m) {
            return "Mapping[" + m.getMappingMatch() + " " + m.getPattern() + " " + m.getMatchValue() + " "
                    + m.getServletName() + "]";
        }
        if (value instanceof PushBuilder push) {
            return "PushBuilder[" + push.getMethod() + " " + push.getPath() + " headers="
                    + headers(push.getHeaderNames(), n -> List.of(push.getHeader(n))) + "]";
        }
        if (value instanceof ServletRequest request) {
            // A request reached through another (an attribute, an async context): what it shows of the headers.
            return request.getClass().getName() + " " + (request instanceof HttpServletRequest http
                    ? headers(RequestWalk.PROBED_HEADERS, n -> Collections.list(http.getHeaders(n))) : "");
        }
        return renderPlain(value);
    }

    private static String renderPlain(Object value) throws Exception {
        if (value instanceof Cookie cookie) {
            return cookie.getName() + "=" + cookie.getValue();
        }
        if (value instanceof Principal principal) {
            return principal.getName() + " " + principal;
        }
        if (value instanceof ServletConnection c) {
            return "Connection[" + c.getProtocol() + " " + c.getConnectionId() + " " + c.getProtocolConnectionId() + "]";
        }
        if (value instanceof HttpSession session) {
            return "Session[" + render(session.getAttributeNames()) + "]";
        }
        if (value instanceof ServletContext context) {
            return "ServletContext[" + context.getContextPath() + "]";
        }
        if (value instanceof InputStream in) {
            return "stream of " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (value instanceof BufferedReader reader) {
            return "reader of " + reader.lines().collect(Collectors.joining(" "));
        }
        if (value instanceof AsyncContext || value instanceof ServletResponse || value instanceof RequestDispatcher) {
            return value.getClass().getSimpleName();
        }
        return String.valueOf(value);
    }

    private static String headers(Collection<String> names, Function<String, Collection<String>> values) {
        Map<String, Collection<String>> all = new LinkedHashMap<>();
        names.forEach(n -> all.put(n, values.apply(n)));
        return all.toString();
    }
}
