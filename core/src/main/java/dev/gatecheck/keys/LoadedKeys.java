package dev.gatecheck.keys;

import java.util.List;

/**
 * The outcome of reading key material: the usable keys and, for the operator's log, one line per key that
 * was dropped and why (key ids and reasons only, never key material).
 *
 * @param keys the usable keys
 * @param dropped why each refused key was refused
 */
record LoadedKeys(KeySet keys, List<String> dropped) {
    public LoadedKeys {
        dropped = List.copyOf(dropped);
    }
}
