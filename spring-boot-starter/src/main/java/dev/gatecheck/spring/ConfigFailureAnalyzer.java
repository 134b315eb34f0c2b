package dev.gatecheck.spring;

import dev.gatecheck.config.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says in Spring Boot's "APPLICATION FAILED TO START" report which Gatecheck key is wrong and why, instead of a stack
 * of bean creation errors. The message is core's: it names the key and never holds a secret.
 */
final class ConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
        return new FailureAnalysis("Gatecheck's configuration is invalid: " + cause.getMessage(),
                "Correct " + cause.key() + " (see the configuration reference in Gatecheck's README). Gatecheck"
                        + " refuses to start rather than leave the application unprotected.", cause);
    }
}
