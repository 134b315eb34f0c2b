/**
 * Gatecheck's engine. Only the API packages are exported; {@code dev.gatecheck.internal} and its sub-packages hold
 * the implementation, which may change in any release.
 */
module dev.gatecheck.core {
    requires java.net.http;
    requires com.github.benmanes.caffeine;
    requires org.jose4j;
    requires org.slf4j;

    exports dev.gatecheck;
    exports dev.gatecheck.auth;
    exports dev.gatecheck.config;
    exports dev.gatecheck.events;
    exports dev.gatecheck.gateway;
    exports dev.gatecheck.keys;
    exports dev.gatecheck.route;
    exports dev.gatecheck.token;
    exports dev.gatecheck.webhook;

    uses dev.gatecheck.webhook.ReplayGuard.Provider;
}
