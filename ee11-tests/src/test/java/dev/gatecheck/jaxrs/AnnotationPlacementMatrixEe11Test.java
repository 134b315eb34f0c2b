package dev.gatecheck.jaxrs;

import dev.gatecheck.servlet.JettyEe11;
import dev.gatecheck.servlet.ServletContainer;

/** {@link AnnotationPlacementMatrixTest} on Jersey 4.0 and RESTEasy 7.0 in Jetty 12.1 (ee11). */
class AnnotationPlacementMatrixEe11Test extends AnnotationPlacementMatrixTest {
    @Override
    ServletContainer container() {
        return JettyEe11.container();
    }
}
