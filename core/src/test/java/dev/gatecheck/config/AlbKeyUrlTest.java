package dev.gatecheck.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.gateway.GatewayPreset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the {@code aws-alb} preset fetches keys: the region of the configured ALB ARNs, one region only. */
class AlbKeyUrlTest {
    private static final String OHIO_A = "arn:aws:elasticloadbalancing:us-east-2:123456789012:loadbalancer/app/a/1";
    private static final String OHIO_B = "arn:aws:elasticloadbalancing:us-east-2:123456789012:loadbalancer/app/b/2";
    private static final String IRELAND = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/c/3";
    private static final String GOV = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:loadbalancer/app/d/4";

    @Test
    void severalAlbsOfOneRegionUseThatRegionsKeyUrl() {
        assertThat(GatewayPreset.albKeyUrl(List.of(OHIO_A, OHIO_B)))
                .isEqualTo("https://public-keys.auth.elb.us-east-2.amazonaws.com/{kid}");
        assertThat(GatewayPreset.albKeyUrl(List.of(GOV)))
                .isEqualTo("https://s3-us-gov-west-1.amazonaws.com/aws-elb-public-keys-prod-us-gov-west-1/{kid}");
    }

    /** Issue 12.7: the key URL was the region of whichever ARN a {@code Set.of} happened to list first. */
    @Test
    void albsOfSeveralRegionsAreRefusedWhateverTheirOrder() {
        for (List<String> arns : List.of(List.of(OHIO_A, IRELAND), List.of(IRELAND, OHIO_A), List.of(OHIO_B, GOV))) {
            assertThatThrownBy(() -> GatewayPreset.albKeyUrl(arns)).as("ARNs %s", arns)
                    .isInstanceOfSatisfying(IllegalArgumentException.class, e ->
                            assertThat(e.getMessage()).contains("several regions").contains("key-url"));
        }
        assertThatThrownBy(() -> GatewayPreset.albKeyUrl(List.of(IRELAND, OHIO_A)))
                .hasMessageContaining("(eu-west-1, us-east-2)");
    }
}
