package dev.gatecheck.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Calls every method of the request an application receives (the {@link HttpServletRequestWrapper} surface:
 * {@link HttpServletRequest}, {@link ServletRequest} and the wrapper's own methods) and of an {@link AsyncContext},
 * and writes down what each shows, as {@code call: value} lines with the value flattened to one line: headers
 * under every probed name, trailers, parts, attributes, the mapping, async. A test then looks for what the
 * client sent in the values. Methods that are not called are {@link #UNWALKED}, each with the reason it cannot
 * show a header; {@link #unaccountedFor} names any other method, such as one a new Servlet API adds.
 */
final class RequestWalk {
    /** Header names the walk asks for: each identity header and Authorization, in several spellings. */
    static final List<String> PROBED_HEADERS = List.of("X-User-ID", "x-user-id", "X_User_ID", "x_user_id",
            "X-User-Org", "x_user_org", "X-User-Roles", "x_user_roles", "Authorization", "authorization",
            "Content-Type", "X-Trace");

    /** Request methods not called, and why none can show a client's identity header or Authorization. */
    static final Map<String, String> UNWALKED = Map.of(
            "getRequest()", "the wrapper's unwrapping: as with any servlet filter, it returns the container's request"
                    + " under the filter's view, for code that means to bypass every filter (README, Servlet filter)",
            "setRequest(ServletRequest)", "replaces the wrapped request with one the application supplies",
            "upgrade(Class)", "switches the connection to another protocol; the handler gets a WebConnection, which"
                    + " has streams and no headers",
            "startAsync()", "walked in the async cases: the walk of the AsyncContext it returns",
            "startAsync(ServletRequest,ServletResponse)", "walked in the async cases: the walk of the AsyncContext"
                    + " it returns",
            "authenticate(HttpServletResponse)", "container-managed login (login-config): answers a boolean and"
                    + " may commit a challenge to the response, which would end the walk",
            "setCharacterEncoding(Charset)", "Servlet 6.1's overload of setCharacterEncoding(String), which is walked:"
                    + " it sets how the body decodes and hands out nothing");

    /**
     * Methods above that Servlet 6.1 (Jakarta EE 11) added: the adapter is compiled against Servlet 6.0, where they
     * are absent, and the EE 11 tests run the same walk on Servlet 6.1.
     */
    private static final Set<String> SINCE_SERVLET_6_1 = Set.of("setCharacterEncoding(Charset)");

    /** AsyncContext methods not called, and why. */
    static final Map<String, String> ASYNC_UNWALKED = Map.of(
            "dispatch()", "ends the async cycle with a dispatch; the dispatched request is walked in its own case",
            "dispatch(String)", "as dispatch(): walked in the async-dispatch case",
            "dispatch(ServletContext,String)", "as dispatch(): walked in the async-dispatch case",
            "complete()", "ends the async cycle; hands out nothing",
            "start(Runnable)", "runs the application's Runnable; hands out nothing");

    private final Map<String, String> seen = new LinkedHashMap<>();
    private final String prefix;

    private RequestWalk(String prefix) {
        this.prefix = prefix;
    }

    /** What every method of {@code request} shows, the body read first so that the trailers have arrived. */
    static Map<String, String> of(HttpServletRequest request) {
        RequestWalk walk = new RequestWalk("");
        walk.request(request);
        return walk.seen;
    }

    /** What every method of {@code async} shows, the request it hands out walked in full. */
    static Map<String, String> of(AsyncContext async) {
        RequestWalk walk = new RequestWalk("");
        walk.async(async);
        return walk.seen;
    }

    /**
     * The public methods of {@code type} (its API, {@link Object}'s left out) that the walk neither calls nor
     * lists as not called, for {@link HttpServletRequestWrapper} and {@link AsyncContext}.
     */
    static Set<String> unaccountedFor(Class<?> type) {
        Set<String> walked = type == AsyncContext.class ? ASYNC_WALKED : REQUEST_WALKED;
        Map<String, String> unwalked = type == AsyncContext.class ? ASYNC_UNWALKED : UNWALKED;
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getDeclaringClass() != Object.class && !Modifier.isStatic(m.getModifiers()))
                .map(RequestWalk::signature)
                .filter(s -> !walked.contains(s) && !unwalked.containsKey(s))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Methods the walk calls that {@code type} does not have (a walk of a method that was removed). */
    static Set<String> walkedButAbsent(Class<?> type) {
        Set<String> present = Arrays.stream(type.getMethods()).map(RequestWalk::signature).collect(Collectors.toSet());
        Set<String> absent = new TreeSet<>(type == AsyncContext.class ? ASYNC_WALKED : REQUEST_WALKED);
        absent.addAll(type == AsyncContext.class ? ASYNC_UNWALKED.keySet() : UNWALKED.keySet());
        absent.removeAll(present);
        absent.removeAll(SINCE_SERVLET_6_1);
        return absent;
    }

    static String signature(Method method) {
        return method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(",", "(", ")"));
    }

    private static final Set<String> REQUEST_WALKED = Set.of(
            "getParts()", "getPart(String)", "isTrailerFieldsReady()", "getTrailerFields()",
            "getHeader(String)", "getHeaders(String)", "getHeaderNames()", "getIntHeader(String)",
            "getDateHeader(String)", "getAuthType()", "getRemoteUser()", "getUserPrincipal()", "isUserInRole(String)",
            "getCookies()", "getHttpServletMapping()", "getMethod()", "getPathInfo()", "getPathTranslated()",
            "newPushBuilder()", "getContextPath()", "getQueryString()", "getRequestedSessionId()", "getRequestURI()",
            "getRequestURL()", "getServletPath()", "getSession(boolean)", "getSession()", "changeSessionId()",
            "isRequestedSessionIdValid()", "isRequestedSessionIdFromCookie()", "isRequestedSessionIdFromURL()",
            "login(String,String)", "logout()",
            "getAttribute(String)", "getAttributeNames()", "setAttribute(String,Object)", "removeAttribute(String)",
            "getCharacterEncoding()", "setCharacterEncoding(String)", "getContentLength()", "getContentLengthLong()",
            "getContentType()", "getInputStream()", "getReader()", "getParameter(String)", "getParameterNames()",
            "getParameterValues(String)", "getParameterMap()", "getProtocol()", "getScheme()", "getServerName()",
            "getServerPort()", "getRemoteAddr()", "getRemoteHost()", "getLocale()", "getLocales()", "isSecure()",
            "getRequestDispatcher(String)", "getRemotePort()", "getLocalName()", "getLocalAddr()", "getLocalPort()",
            "getServletContext()", "isAsyncStarted()", "isAsyncSupported()", "getAsyncContext()",
            "getDispatcherType()", "getRequestId()", "getProtocolRequestId()", "getServletConnection()",
            "isWrapperFor(ServletRequest)", "isWrapperFor(Class)");

    private static final Set<String> ASYNC_WALKED = Set.of("getRequest()", "getResponse()",
            "hasOriginalRequestAndResponse()", "addListener(AsyncListener)",
            "addListener(AsyncListener,ServletRequest,ServletResponse)", "createListener(Class)", "setTimeout(long)",
            "getTimeout()");

    private void request(HttpServletRequest r) {
        body(r);
        headers(r);
        caller(r);
        target(r);
        session(r);
        attributes(r);
        parameters(r);
        connection(r);
        container(r);
    }

    /** The body first, so that the trailers have arrived: parts, streams, trailers. */
    private void body(HttpServletRequest r) {
        run("setCharacterEncoding(UTF-8)", () -> r.setCharacterEncoding("UTF-8"));
        call("getParts()", r::getParts);
        call("getPart(file)", () -> r.getPart("file"));
        call("getPart(note)", () -> r.getPart("note"));
        // Trailers arrive at the end of the body, which the multipart parser may not read to the end.
        call("getInputStream()", r::getInputStream);
        call("getReader()", r::getReader);
        call("isTrailerFieldsReady()", r::isTrailerFieldsReady);
        call("getTrailerFields()", r::getTrailerFields);
        call("getCharacterEncoding()", r::getCharacterEncoding);
        call("getContentLength()", r::getContentLength);
        call("getContentLengthLong()", r::getContentLengthLong);
        call("getContentType()", r::getContentType);
    }

    private void headers(HttpServletRequest r) {
        for (String name : probedHeaders(r)) {
            call("getHeader(" + name + ")", () -> r.getHeader(name));
            call("getHeaders(" + name + ")", () -> r.getHeaders(name));
            call("getIntHeader(" + name + ")", () -> r.getIntHeader(name));
            call("getDateHeader(" + name + ")", () -> r.getDateHeader(name));
        }
        call("getHeaderNames()", r::getHeaderNames);
        call("getCookies()", r::getCookies);
        call("getLocale()", r::getLocale);
        call("getLocales()", r::getLocales);
        call("newPushBuilder()", r::newPushBuilder);
    }

    /** Who is calling, and the container's own login. */
    private void caller(HttpServletRequest r) {
        call("getAuthType()", r::getAuthType);
        call("getRemoteUser()", r::getRemoteUser);
        call("getUserPrincipal()", r::getUserPrincipal);
        for (String role : List.of("user", "admin", "**", "spoof-role")) {
            call("isUserInRole(" + role + ")", () -> r.isUserInRole(role));
        }
        run("login(walker,password)", () -> r.login("walker", "password"));
        run("logout()", r::logout);
    }

    /** The request line and what the container dispatched it as. */
    private void target(HttpServletRequest r) {
        call("getMethod()", r::getMethod);
        call("getHttpServletMapping()", r::getHttpServletMapping);
        call("getContextPath()", r::getContextPath);
        call("getServletPath()", r::getServletPath);
        call("getPathInfo()", r::getPathInfo);
        call("getPathTranslated()", r::getPathTranslated);
        call("getQueryString()", r::getQueryString);
        call("getRequestURI()", r::getRequestURI);
        call("getRequestURL()", r::getRequestURL);
        call("getDispatcherType()", r::getDispatcherType);
        call("getRequestDispatcher(/walk)", () -> r.getRequestDispatcher("/walk"));
        call("getServletContext()", r::getServletContext);
    }

    private void session(HttpServletRequest r) {
        call("getRequestedSessionId()", r::getRequestedSessionId);
        call("getSession(false)", () -> r.getSession(false));
        call("getSession()", r::getSession);
        call("changeSessionId()", () -> r.changeSessionId() == null ? "null" : "a new id");
        call("getSession(true)", () -> r.getSession(true));
        call("isRequestedSessionIdValid()", r::isRequestedSessionIdValid);
        call("isRequestedSessionIdFromCookie()", r::isRequestedSessionIdFromCookie);
        call("isRequestedSessionIdFromURL()", r::isRequestedSessionIdFromURL);
    }

    /** Every parameter, and one named like each probed header. */
    private void parameters(HttpServletRequest r) {
        call("getParameterNames()", r::getParameterNames);
        call("getParameterMap()", r::getParameterMap);
        for (String name : Stream.concat(Collections.list(r.getParameterNames()).stream(), PROBED_HEADERS.stream())
                .toList()) {
            call("getParameter(" + name + ")", () -> r.getParameter(name));
            call("getParameterValues(" + name + ")", () -> r.getParameterValues(name));
        }
    }

    private void connection(HttpServletRequest r) {
        call("getProtocol()", r::getProtocol);
        call("getScheme()", r::getScheme);
        call("isSecure()", r::isSecure);
        call("getServerName()", r::getServerName);
        call("getServerPort()", r::getServerPort);
        call("getRemoteAddr()", r::getRemoteAddr);
        call("getRemoteHost()", r::getRemoteHost);
        call("getRemotePort()", r::getRemotePort);
        call("getLocalName()", r::getLocalName);
        call("getLocalAddr()", r::getLocalAddr);
        call("getLocalPort()", r::getLocalPort);
        call("getRequestId()", r::getRequestId);
        call("getProtocolRequestId()", r::getProtocolRequestId);
        call("getServletConnection()", r::getServletConnection);
    }

    /** Async state, and the wrapper the application got. */
    private void container(HttpServletRequest r) {
        call("isAsyncStarted()", r::isAsyncStarted);
        call("isAsyncSupported()", r::isAsyncSupported);
        call("getAsyncContext()", r::getAsyncContext);
        if (r instanceof HttpServletRequestWrapper wrapper) {
            call("isWrapperFor(HttpServletRequest)", () -> wrapper.isWrapperFor(HttpServletRequest.class));
            call("isWrapperFor(request)", () -> wrapper.isWrapperFor(wrapper.getRequest()));
        } else {
            seen.put(prefix + "wrapper", "the application did not get the filter's view: " + r.getClass().getName());
        }
    }

    /** Every attribute the request has, and those of every dispatch type, whether set or not. */
    private void attributes(HttpServletRequest r) {
        run("setAttribute(walk.test)", () -> r.setAttribute("walk.test", "v"));
        run("removeAttribute(walk.test)", () -> r.removeAttribute("walk.test"));
        call("getAttributeNames()", r::getAttributeNames);
        Set<String> names = new TreeSet<>(Collections.list(r.getAttributeNames()));
        names.addAll(List.of(RequestDispatcher.FORWARD_REQUEST_URI, RequestDispatcher.FORWARD_MAPPING,
                RequestDispatcher.INCLUDE_REQUEST_URI, RequestDispatcher.INCLUDE_MAPPING,
                RequestDispatcher.ERROR_REQUEST_URI, RequestDispatcher.ERROR_MESSAGE, RequestDispatcher.ERROR_EXCEPTION,
                AsyncContext.ASYNC_REQUEST_URI, AsyncContext.ASYNC_MAPPING));
        for (String name : names) {
            call("getAttribute(" + name + ")", () -> r.getAttribute(name));
        }
    }

    private void async(AsyncContext async) {
        call("async.hasOriginalRequestAndResponse()", async::hasOriginalRequestAndResponse);
        call("async.getResponse()", async::getResponse);
        run("async.setTimeout(60000)", () -> async.setTimeout(60_000));
        call("async.getTimeout()", async::getTimeout);
        call("async.createListener(Listener)", () -> async.createListener(NoListener.class));
        call("async.getRequest()", async::getRequest);
        if (async.getRequest() instanceof HttpServletRequest request) {
            RequestWalk nested = new RequestWalk(prefix + "async.getRequest().");
            nested.request(request);
            seen.putAll(nested.seen);
        }
    }

    /** The headers under every probed name and every name the request lists. */
    private static Set<String> probedHeaders(HttpServletRequest r) {
        Set<String> names = new TreeSet<>(PROBED_HEADERS);
        names.addAll(Collections.list(r.getHeaderNames()));
        return names;
    }

    /** A call that answers nothing: what shows is that it returned, or what it threw. */
    private void run(String what, Action action) {
        call(what, () -> {
            action.run();
            return "done";
        });
    }

    private interface Action {
        void run() throws Exception;
    }

    private void call(String what, Callable<Object> call) {
        String value;
        try {
            value = WalkRendering.render(call.call());
        } catch (Exception | LinkageError e) {
            value = "threw " + e;
        }
        seen.put(prefix + what, value.replace('\r', ' ').replace('\n', ' '));
    }

    /** A listener that does nothing, for {@code createListener}; override what to do. */
    public static class NoListener implements AsyncListener {
        @Override
        public void onComplete(jakarta.servlet.AsyncEvent event) throws java.io.IOException {
        }

        @Override
        public void onTimeout(jakarta.servlet.AsyncEvent event) {
        }

        @Override
        public void onError(jakarta.servlet.AsyncEvent event) {
        }

        @Override
        public void onStartAsync(jakarta.servlet.AsyncEvent event) {
        }
    }
}
