package dev.gatecheck.servlet;

import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.HeaderChanges;
import dev.gatecheck.auth.Identity;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.PushBuilder;
import java.security.Principal;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The request as the application sees it after an {@link Decision.Allow}: the {@link Identity} as principal,
 * its roles for {@link #isUserInRole}, and the header view Gatecheck computed (client copies of identity
 * headers and, when configured, {@code Authorization} hidden; derived identity headers shown). Every header
 * accessor reads the same view, trailers and push builders hide the same names, and the request an
 * {@link AsyncContext} hands out is this one.
 */
final class AuthenticatedRequest extends HttpServletRequestWrapper {
    private final Optional<Identity> identity;
    private final HeaderChanges changes;
    private AuthenticatedAsyncContext async;

    AuthenticatedRequest(HttpServletRequest request, Decision.Allow allow) {
        super(request);
        this.identity = allow.identity();
        this.changes = allow.headers();
    }

    @Override
    public Principal getUserPrincipal() {
        return identity.orElse(null);
    }

    @Override
    public String getRemoteUser() {
        return identity.map(Identity::subject).orElse(null);
    }

    @Override
    public boolean isUserInRole(String role) {
        return identity.map(i -> i.hasRole(role)).orElse(false);
    }

    @Override
    public String getAuthType() {
        return identity.map(i -> i.method().authType()).orElse(null);
    }

    @Override
    public String getHeader(String name) {
        Optional<String> set = changes.valueOf(name);
        if (set.isPresent()) {
            return set.get();
        }
        return changes.hides(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        Optional<String> set = changes.valueOf(name);
        if (set.isPresent()) {
            return Collections.enumeration(List.of(set.get()));
        }
        return changes.hides(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        Map<String, String> names = new LinkedHashMap<>();
        Enumeration<String> received = super.getHeaderNames();
        while (received != null && received.hasMoreElements()) {
            String name = received.nextElement();
            if (!changes.hides(name)) {
                names.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            }
        }
        changes.added().keySet().forEach(name -> names.put(name.toLowerCase(Locale.ROOT), name));
        return Collections.enumeration(List.copyOf(names.values()));
    }

    /** As the Servlet API says, read from this view: -1 when absent, {@link NumberFormatException} otherwise. */
    @Override
    public int getIntHeader(String name) {
        Optional<String> set = changes.valueOf(name);
        if (set.isPresent()) {
            return Integer.parseInt(set.get());
        }
        return changes.hides(name) ? -1 : super.getIntHeader(name);
    }

    /** As the Servlet API says, read from this view: -1 when absent, {@link IllegalArgumentException} otherwise. */
    @Override
    public long getDateHeader(String name) {
        Optional<String> set = changes.valueOf(name);
        if (set.isPresent()) {
            try {
                return ZonedDateTime.parse(set.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("header " + name + " is not an HTTP date", e);
            }
        }
        return changes.hides(name) ? -1 : super.getDateHeader(name);
    }

    /** Trailers as the headers: a client's trailer named like a hidden header is not shown. */
    @Override
    public Map<String, String> getTrailerFields() {
        Map<String, String> shown = new LinkedHashMap<>(super.getTrailerFields());
        shown.keySet().removeIf(changes::hides);
        return shown;
    }

    /**
     * The container's push builder starts with the client's headers: those this view hides are removed. (Derived
     * identity headers are not added: the pushed request passes the filter on its own.)
     */
    @Override
    public PushBuilder newPushBuilder() {
        PushBuilder push = super.newPushBuilder();
        if (push != null) {
            Set.copyOf(push.getHeaderNames()).stream().filter(changes::hides).forEach(push::removeHeader);
        }
        return push;
    }

    @Override
    public AsyncContext startAsync() {
        return asyncView(super.startAsync());
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        return asyncView(super.startAsync(request, response));
    }

    @Override
    public AsyncContext getAsyncContext() {
        return asyncView(super.getAsyncContext());
    }

    /** The view of the container's {@code async}, one for each, so that the same context compares the same. */
    synchronized AsyncContext asyncView(AsyncContext container) {
        if (async == null || !async.wraps(container)) {
            async = new AuthenticatedAsyncContext(container, this);
        }
        return async;
    }
}
