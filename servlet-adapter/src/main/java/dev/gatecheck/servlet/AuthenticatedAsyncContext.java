package dev.gatecheck.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/**
 * The container's {@link AsyncContext} as the application sees it behind the filter: wherever the container
 * would hand out its own request (the no-argument {@code startAsync()} starts async on it, and so does
 * {@code startAsync(request, response)} given that request), the {@link AuthenticatedRequest} view stands in,
 * also in the events listeners receive. The container's request shows the client's identity headers and
 * {@code Authorization}, and no principal.
 */
final class AuthenticatedAsyncContext implements AsyncContext {
    private final AsyncContext async;
    private final AuthenticatedRequest view;

    AuthenticatedAsyncContext(AsyncContext async, AuthenticatedRequest view) {
        this.async = async;
        this.view = view;
    }

    /** True when this is the view of {@code container}. */
    boolean wraps(AsyncContext container) {
        return async == container;
    }

    @Override
    public ServletRequest getRequest() {
        return shown(async.getRequest());
    }

    /** {@code request}, or the view when {@code request} is one the view wraps (the container's own). */
    private ServletRequest shown(ServletRequest request) {
        return request != null && view.isWrapperFor(request) ? view : request;
    }

    @Override
    public ServletResponse getResponse() {
        return async.getResponse();
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
        return async.hasOriginalRequestAndResponse();
    }

    @Override
    public void dispatch() {
        async.dispatch();
    }

    @Override
    public void dispatch(String path) {
        async.dispatch(path);
    }

    @Override
    public void dispatch(ServletContext context, String path) {
        async.dispatch(context, path);
    }

    @Override
    public void complete() {
        async.complete();
    }

    @Override
    public void start(Runnable run) {
        async.start(run);
    }

    @Override
    public void addListener(AsyncListener listener) {
        async.addListener(new ViewListener(listener));
    }

    @Override
    public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
        async.addListener(new ViewListener(listener), request, response);
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
        return async.createListener(type);
    }

    @Override
    public void setTimeout(long timeout) {
        async.setTimeout(timeout);
    }

    @Override
    public long getTimeout() {
        return async.getTimeout();
    }

    /** Passes the container's events on as events of this context, the view standing in for its request. */
    private final class ViewListener implements AsyncListener {
        private final AsyncListener listener;

        ViewListener(AsyncListener listener) {
            this.listener = listener;
        }

        private AsyncEvent shown(AsyncEvent event) {
            AsyncContext context = event.getAsyncContext() == async ? AuthenticatedAsyncContext.this
                    : view.asyncView(event.getAsyncContext());
            return new AsyncEvent(context, AuthenticatedAsyncContext.this.shown(event.getSuppliedRequest()),
                    event.getSuppliedResponse(), event.getThrowable());
        }

        @Override
        public void onComplete(AsyncEvent event) throws IOException {
            listener.onComplete(shown(event));
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            listener.onTimeout(shown(event));
        }

        @Override
        public void onError(AsyncEvent event) throws IOException {
            listener.onError(shown(event));
        }

        @Override
        public void onStartAsync(AsyncEvent event) throws IOException {
            listener.onStartAsync(shown(event));
        }
    }
}
