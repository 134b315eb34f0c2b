package dev.gatecheck.testing;

import dev.gatecheck.auth.Identity;
import java.security.Principal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What an application saw of one request, in the one text form every adapter's report application answers:
 * {@code name: value} lines that {@link Http.Reply#report()} reads back. The keys:
 * <ul>
 *   <li>{@code principal}: the name of the API's principal; {@code identity}: the subject of Gatecheck's
 *       {@link Identity} reached through the adapter's accessor; {@code auth-type}; each {@code null} when absent</li>
 *   <li>{@code role:<role>} for each of {@link #ROLES}: what the API's {@code isUserInRole} answers</li>
 *   <li>{@code header:<name>} for each of {@link #HEADERS} (lower case): every value the API gives for that name,
 *       joined by {@code |}, empty when none; {@code names}: every header name the API lists, lower case, sorted,
 *       comma separated</li>
 *   <li>{@code body-bytes}, {@code body-sha256}: the body as the application read it</li>
 *   <li>whatever else the adapter's API tells of the caller ({@link Api#more()}), e.g. {@code remote-user}</li>
 * </ul>
 */
public final class Seen {
    /** The roles every report asks about; {@code **} is any authenticated caller. */
    public static final List<String> ROLES = List.of("user", "admin", "**");
    /** The headers every report looks up by name, in these spellings. */
    public static final List<String> HEADERS = List.of("Authorization", "X-User-ID", "X-User-Org", "X-User-Roles",
            "X_User_ID", "X_User_Roles", "X-Trace", "X-Pomerium-Claim-Email");

    private Seen() {
    }

    /** The application's API for the request, as a report application reads it. */
    public interface Api {
        /** The API's principal, null when none. */
        Principal principal();

        /** Gatecheck's identity, through the adapter's documented accessor. */
        Optional<Identity> identity();

        /** The API's authentication scheme, null when none. */
        String authType();

        boolean isUserInRole(String role);

        /** Every value of header {@code name} as the API gives them (none: empty). */
        List<String> headers(String name);

        /** Every header name the API lists. */
        Collection<String> headerNames();

        /** Further keys only this API has (name accessors such as {@code remote-user}). */
        default Map<String, String> more() {
            return Map.of();
        }
    }

    /** The report of what {@code api} shows, and of {@code body} as the application read it. */
    public static String report(Api api, byte[] body) {
        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("principal", api.principal() == null ? "null" : api.principal().getName());
        seen.put("identity", api.identity().map(Identity::subject).orElse("null"));
        seen.put("auth-type", String.valueOf(api.authType()));
        seen.putAll(api.more());
        ROLES.forEach(role -> seen.put("role:" + role, Boolean.toString(api.isUserInRole(role))));
        HEADERS.forEach(name -> seen.put("header:" + name.toLowerCase(Locale.ROOT), String.join("|", api.headers(name))));
        TreeSet<String> names = new TreeSet<>();
        api.headerNames().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        seen.put("names", String.join(",", names));
        seen.put("body-bytes", Integer.toString(body.length));
        seen.put("body-sha256", Bytes.sha256Hex(body));
        StringBuilder text = new StringBuilder();
        seen.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        return text.toString();
    }
}
