#!/usr/bin/env python3
"""Turns a JMH JSON result (java -jar benchmarks.jar ... -rf json -rff results.json) into the README tables:
times, ratios to the raw-JCA floor and to Gatecheck cold, and the issue's targets, met or missed.

Usage: python3 benchmarks/ratios.py results.json
"""
import json
import sys

PEERS = ["auth0", "nimbus", "jjwt", "jose4j", "smallrye"]
ORDER = ["jcaFloor", "gatecheckCold", "gatecheckVerifierCold", "gatecheckWarm"] + PEERS
NAMES = {
    "jcaFloor": "raw JCA `Signature.verify` (floor)",
    "gatecheckCold": "Gatecheck cold (`authenticate`, cache off)",
    "gatecheckVerifierCold": "Gatecheck `TokenVerifier` only, cache off",
    "gatecheckWarm": "Gatecheck warm (`authenticate`, cache hit)",
    "auth0": "Auth0 java-jwt",
    "nimbus": "Nimbus `DefaultJWTProcessor`",
    "jjwt": "jjwt",
    "jose4j": "jose4j `JwtConsumer`",
    "smallrye": "SmallRye `DefaultJWTParser`",
}


def main(path):
    with open(path) as f:
        runs = json.load(f)
    verify, other, replay = {}, {}, {}
    for run in runs:
        cls, method = run["benchmark"].rsplit(".", 2)[-2:]
        metric = run["primaryMetric"]
        value = (float(metric["score"]), float(metric["scoreError"]))  # JMH writes "NaN" as a string
        if cls == "VerifyBenchmark":
            key = (run["params"]["alg"], int(run["params"]["tokenSize"]))
            verify.setdefault(key, {})[method] = value
        elif cls == "ReplayStoreBenchmark":  # sampled: percentiles, not a share of a verify
            percentiles = metric["scorePercentiles"]
            replay[run["params"]["store"]] = (float(percentiles["50.0"]), float(percentiles["99.0"]), value[0])
        else:
            other[cls + "." + method] = value

    def fmt(score_error):
        score, error = score_error
        return f"{score:,.3f}" + (f" ± {error:,.3f}" if error == error and error > 0 else "")  # NaN: one iteration

    targets = []
    for (alg, size), results in sorted(verify.items(), key=lambda kv: (kv[0][0] != "RS256", kv[0][1])):
        floor = results.get("jcaFloor", (float("nan"),))[0]
        cold = results.get("gatecheckCold", (float("nan"),))[0]
        print(f"\n### {alg}, {size}-character token (µs/op, lower is better)\n")
        print("| implementation | µs/op | × JCA floor | × Gatecheck cold |")
        print("|---|---:|---:|---:|")
        for method in ORDER:
            if method in results:
                score = results[method][0]
                print(f"| {NAMES[method]} | {fmt(results[method])} | {score / floor:.2f}x | {score / cold:.2f}x |")
        peers = [results[p][0] for p in PEERS if p in results]
        warm = results.get("gatecheckWarm", (float("nan"),))[0]
        if alg == "RS256":
            targets.append((f"RS256 {size}: cold within 1.15x of the floor", cold / floor, cold / floor <= 1.15))
            if peers:
                targets.append((f"RS256 {size}: cold faster than every peer (fastest peer / cold)",
                                min(peers) / cold, cold < min(peers)))
        if peers:
            targets.append((f"{alg} {size}: warm at least 20x faster than the fastest peer",
                            min(peers) / warm, min(peers) / warm >= 20))
        if alg == "ES256":
            targets.append((f"ES256 {size}: warm at least 200x faster than cold", cold / warm, cold / warm >= 200))

    if other:
        reference = verify.get(("RS256", 1024), {}).get("gatecheckCold", (float("nan"),))[0]
        print("\n### Hostile tokens and gateway mode (µs/op)\n")
        print("| benchmark | µs/op | share of Gatecheck cold RS256 1024 |")
        print("|---|---:|---:|")
        for name, value in sorted(other.items()):
            print(f"| {name} | {fmt(value)} | {100 * value[0] / reference:.1f}% |")
            if name.startswith("HostileTokenBenchmark."):
                share = value[0] / reference
                targets.append((f"hostile {name.split('.')[1]}: under 5% of a cold verify", share, share < 0.05))

    if replay:
        print("\n### Replay store: one new webhook delivery through authenticate (µs)\n")
        print("| replay store | p50 | p99 | mean |")
        print("|---|---:|---:|---:|")
        for store, (p50, p99, mean) in sorted(replay.items()):
            print(f"| {store} | {p50:,.1f} | {p99:,.1f} | {mean:,.1f} |")
        if "memory" in replay and "redis" in replay:
            added = [r - m for r, m in zip(replay["redis"], replay["memory"])]
            print(f"| added by Redis (redis − memory) | {added[0]:,.1f} | {added[1]:,.1f} | {added[2]:,.1f} |")
    proof = other.get("DpopBenchmark.proofSignatureFloor")
    if proof:
        for mode in ("Cold", "Warm"):
            dpop, bearer = other.get("DpopBenchmark.dpop" + mode), other.get("DpopBenchmark.bearer" + mode)
            if dpop and bearer:
                extra = (dpop[0] - bearer[0]) / proof[0]
                targets.append((f"DPoP {mode.lower()}: at most one proof verification more than bearer", extra,
                                extra <= 1.0))

    print("\n### Targets\n")
    print("| target | measured | met |")
    print("|---|---:|---|")
    for text, measured, met in targets:
        shown = f"{100 * measured:.1f}%" if text.startswith("hostile") else f"{measured:.2f}x"
        print(f"| {text} | {shown} | {'yes' if met else 'NO'} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
