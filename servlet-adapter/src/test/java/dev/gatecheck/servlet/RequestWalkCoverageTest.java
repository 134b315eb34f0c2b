package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;

/**
 * {@link RequestWalk} accounts for every method of the request an application receives and of
 * {@link AsyncContext}: each is walked, or listed as not walked with its reason. A method a new Servlet API
 * adds fails here until someone decides which.
 */
class RequestWalkCoverageTest {

    @Test
    void walksOrExplainsEveryMethodOfTheRequest() {
        assertThat(RequestWalk.unaccountedFor(HttpServletRequestWrapper.class))
                .as("request methods neither walked nor listed with a reason").isEmpty();
        assertThat(RequestWalk.walkedButAbsent(HttpServletRequestWrapper.class))
                .as("walked or listed, but not a method of the request").isEmpty();
    }

    @Test
    void walksOrExplainsEveryMethodOfTheAsyncContext() {
        assertThat(RequestWalk.unaccountedFor(AsyncContext.class))
                .as("async context methods neither walked nor listed with a reason").isEmpty();
        assertThat(RequestWalk.walkedButAbsent(AsyncContext.class))
                .as("walked or listed, but not a method of the async context").isEmpty();
    }
}
