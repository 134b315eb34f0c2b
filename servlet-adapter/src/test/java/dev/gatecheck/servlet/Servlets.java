package dev.gatecheck.servlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Servlets the test applications share: registration, and servlets that pass a request on. */
final class Servlets {
    private Servlets() {
    }

    /** Registers {@code servlet} as {@code name}, async supported, at {@code patterns}. */
    static ServletRegistration.Dynamic add(ServletContext context, String name, HttpServlet servlet,
                                           String... patterns) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        registration.setAsyncSupported(true);
        registration.addMapping(patterns);
        return registration;
    }

    /** Forwards every request to {@code path}. */
    static HttpServlet forwardTo(String path) {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
                req.getRequestDispatcher(path).forward(req, resp);
            }
        };
    }

    /** Includes {@code path} in every answer. */
    static HttpServlet including(String path) {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
                req.getRequestDispatcher(path).include(req, resp);
            }
        };
    }

    /** Starts async ({@code startAsync()}) and dispatches to {@code path}. */
    static HttpServlet asyncDispatchTo(String path) {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {
                req.startAsync().dispatch(path);
            }
        };
    }

    /** Answers {@code sendError(500)}, for the container's error page. */
    static HttpServlet failing() {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.sendError(500);
            }
        };
    }
}
