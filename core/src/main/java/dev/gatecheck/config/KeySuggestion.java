package dev.gatecheck.config;

import java.util.Collection;
import java.util.Optional;

/**
 * The known key closest to a mistyped one ({@code gatecheck.jwt.audience} → {@code gatecheck.jwt.audiences}), by
 * edit distance: offered only when it is close (at most {@value #MAX_DISTANCE} edits) and no other is as close.
 */
final class KeySuggestion {
    private static final int MAX_DISTANCE = 3;

    private KeySuggestion() {
    }

    /** {@code "; did you mean <key>?"}, or empty. */
    static String didYouMean(String unknown, Collection<String> known) {
        return closest(unknown, known).map(k -> "; did you mean " + k + "?").orElse("");
    }

    static Optional<String> closest(String unknown, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean tie = false;
        for (String candidate : known) {
            int distance = distance(unknown, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
                tie = false;
            } else if (distance == bestDistance && !candidate.equals(best)) {
                tie = true;
            }
        }
        return bestDistance <= MAX_DISTANCE && bestDistance > 0 && !tie ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance, a transposition of two neighbours counting as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
