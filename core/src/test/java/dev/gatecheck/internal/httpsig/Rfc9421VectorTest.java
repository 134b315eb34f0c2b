package dev.gatecheck.internal.httpsig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.auth.AuthRequest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 9421 appendix B.2.5: HMAC-SHA256 with the RFC's published shared secret. */
class Rfc9421VectorTest {
    private static final byte[] SECRET = Base64.getDecoder().decode(
            "uzvJfB4u3N0Jy4T7NZ75MDVcr8zSTInedJtkgcu46YW4XByzNJjxBdtjUkdJPBtbmHhIDi6pcl8jsasjlTMtDQ==");
    private static final String SIGNATURE_INPUT =
            "sig-b25=(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"";
    private static final String SIGNATURE = "sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:";

    private final AuthRequest request = AuthRequest.builder("POST", "/foo")
            .query("param=Value&Pet=dog")
            .header("Host", "example.com")
            .header("Date", "Tue, 20 Apr 2021 02:07:55 GMT")
            .header("Content-Type", "application/json")
            .build();

    @Test
    void buildsTheSignatureBaseOfAppendixB25() throws Exception {
        Map<String, StructuredFields.InnerList> input = StructuredFields.innerListDictionary(SIGNATURE_INPUT);
        StructuredFields.InnerList list = input.get("sig-b25");
        String params = SIGNATURE_INPUT.substring("sig-b25=".length());
        assertThat(SignatureBase.of(request, list.items(), params)).isEqualTo(String.join("\n",
                "\"date\": Tue, 20 Apr 2021 02:07:55 GMT",
                "\"@authority\": example.com",
                "\"content-type\": application/json",
                "\"@signature-params\": (\"date\" \"@authority\" \"content-type\");created=1618884473"
                        + ";keyid=\"test-shared-secret\""));
    }

    @Test
    void computesTheSignatureOfAppendixB25() throws Exception {
        StructuredFields.InnerList list = StructuredFields.innerListDictionary(SIGNATURE_INPUT).get("sig-b25");
        String base = SignatureBase.of(request, list.items(), SIGNATURE_INPUT.substring("sig-b25=".length()));
        byte[] expected = StructuredFields.byteSequenceDictionary(SIGNATURE).get("sig-b25");
        assertThat(HmacSigning.mac(SECRET).doFinal(base.getBytes(java.nio.charset.StandardCharsets.UTF_8))).as("HMAC-SHA256 over the RFC's signature base")
                .isEqualTo(expected);
    }

    @Test
    void reserialisesTheSignatureParameters() {
        assertThat(StructuredFields.serialize(List.of("date", "@authority", "content-type"),
                new java.util.LinkedHashMap<>(Map.of("created", 1618884473L)))).isEqualTo(
                "(\"date\" \"@authority\" \"content-type\");created=1618884473");
    }
}
