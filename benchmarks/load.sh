#!/usr/bin/env bash
# End-to-end load test of Gatecheck (issue 8): the servlet demo's /api/users on embedded Jetty 12, without a filter
# and behind GatecheckFilter, each server a separate JVM on 127.0.0.1, driven over loopback for a fixed time.
#
#   benchmarks/load.sh                      # defaults: 20 s warm-up + 20 s measured per scenario, 64 in flight
#   WARMUP=5 DURATION=10 benchmarks/load.sh # a short run
#
# Scenarios (SCENARIOS, by default "baseline cached baseline-rotating rotating"; "cold" is also available):
#   baseline           LoadServer nofilter           one token (the header is ignored), no Gatecheck
#   cached             LoadServer gatecheck          one token: every request after the first is a cache hit
#   baseline-rotating  LoadServer nofilter           TOKENS (10,000) distinct tokens in turn, no Gatecheck
#   rotating           LoadServer gatecheck          the same tokens: each verified once (in the warm-up), then
#                                                    hits on a full cache
#   cold               LoadServer gatecheck-nocache  one token, cache off: every request is a full RS256 verify
#   rotation           LoadServer gatecheck-rotation TOKENS tokens, keys from a JWKS endpoint that rotates during
#                                                    the measured window (always the JDK client): a new key
#                                                    published at a quarter, the tokens moved to it one by one
#                                                    until three quarters, then the old key retired; the p99 of
#                                                    the rotation against the steady first quarter
# Every scenario gets a fresh server JVM. After each run the server's /_heap (two System.gc(), then heap used) and
# Gatecheck's count of cached tokens are read. Each Gatecheck throughput is shown as a ratio of the no-filter run
# with the same tokens (rotating tokens cost Jetty something too: its per-connection header cache churns).
#
# Settings (environment): WARMUP, DURATION (seconds), CONCURRENCY (requests in flight, 64), TOKENS (10000),
# CLIENT (auto: wrk when installed, else jdk; or jdk, wrk), WRK_THREADS (2), SCENARIOS, SERVER_JAVA_OPTS
# ("-Xms512m -Xmx512m"), CLIENT_JAVA_OPTS, SERVER_CPUS / CLIENT_CPUS (taskset CPU lists, e.g. 0 and 1; by default,
# with taskset and at least 2 CPUs, the server gets the first half of the CPUs and the client the rest; PIN=off
# pins nothing), KEEP=1 (keep the work directory with the logs), SETTLE (180: see below).
#
# SETTLE=S (JDK client): WARMUP is the least warm-up. After it the client reads the server's /_jit (its JIT compile
# time) every 5 s and keeps warming up until the compilers were quiet (at most 2% busy) for two steps in a row, for
# at most S more seconds; SETTLE=0 turns this off. Pinned to one CPU the JIT shares it with the request threads
# and took 30-145 s of load to compile the hot code; measured before, a server serves a fraction of its steady
# throughput (benchmarks/README.md, "The rotating slow mode was the JIT"). Each run reports the warm-up it took
# ("(not settled)" when S ran out) and the share of the measured window its JIT still spent compiling. With wrk
# the warm-up is WARMUP only.
#
# PAIRS=N (A/B mode, the method for a ratio that holds still): each Gatecheck scenario in SCENARIOS is run N times
# interleaved with its no-filter baseline, as N pairs, the order alternating (AB, BA, AB, ...) so a drift of the
# machine weighs on both sides; each pair gives a ratio, and the summary is the median ratio with its spread (lowest
# and highest). Every run gets a fresh server JVM.
#
#   PAIRS=5 SCENARIOS="cached rotating" WARMUP=10 DURATION=15 benchmarks/load.sh
#
# Everything listens on 127.0.0.1 on a free port; every process is bounded (the servers stop by themselves after
# --max-seconds, the client has a watchdog) and the trap below stops the servers on any exit.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
JAR="$HERE/target/benchmarks.jar"
LUA="$HERE/load.lua"

WARMUP=${WARMUP:-20}
DURATION=${DURATION:-20}
CONCURRENCY=${CONCURRENCY:-64}
TOKENS=${TOKENS:-10000}
CLIENT=${CLIENT:-auto}
WRK_THREADS=${WRK_THREADS:-2}
SCENARIOS=${SCENARIOS:-baseline cached baseline-rotating rotating}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xms512m -Xmx512m}
CLIENT_JAVA_OPTS=${CLIENT_JAVA_OPTS:--Xmx512m -Djava.util.concurrent.ForkJoinPool.common.parallelism=2}
SERVER_CPUS=${SERVER_CPUS:-}
CLIENT_CPUS=${CLIENT_CPUS:-}
PIN=${PIN:-auto}
PAIRS=${PAIRS:-0}
SETTLE=${SETTLE:-180}
KEEP=${KEEP:-0}

die() { echo "load.sh: $*" >&2; exit 1; }
integer() { [[ $2 =~ ^[0-9]+$ ]] && (($2 >= $3 && $2 <= $4)) || die "$1 must be an integer in $3..$4, not '$2'"; }
integer WARMUP "$WARMUP" 0 3600
integer DURATION "$DURATION" 1 3600
integer CONCURRENCY "$CONCURRENCY" 1 1024
integer TOKENS "$TOKENS" 1 1000000
integer WRK_THREADS "$WRK_THREADS" 1 64
integer PAIRS "$PAIRS" 0 100
integer SETTLE "$SETTLE" 0 3600
for s in $SCENARIOS; do
  case $s in
    baseline | cached | baseline-rotating | rotating | cold | rotation) ;;
    *) die "unknown scenario '$s' (baseline cached baseline-rotating rotating cold rotation)" ;;
  esac
done
case $CLIENT in
  auto) if command -v wrk >/dev/null; then CLIENT=wrk; else CLIENT=jdk; fi ;;
  jdk) ;;
  wrk) command -v wrk >/dev/null || die "CLIENT=wrk but wrk is not installed (apt-get install -y wrk)" ;;
  *) die "CLIENT is auto, jdk or wrk, not '$CLIENT'" ;;
esac
command -v java >/dev/null || die "java is not on the PATH"
case $PIN in
  auto)
    cpus=$(nproc)
    if [[ -z $SERVER_CPUS && -z $CLIENT_CPUS ]] && command -v taskset >/dev/null && ((cpus >= 2)); then
      SERVER_CPUS="0-$((cpus / 2 - 1))" CLIENT_CPUS="$((cpus / 2))-$((cpus - 1))"
    fi
    ;;
  off) SERVER_CPUS="" CLIENT_CPUS="" ;;
  *) die "PIN is auto or off, not '$PIN'" ;;
esac
SERVER_PIN=() CLIENT_PIN=()
if [[ -n $SERVER_CPUS ]]; then SERVER_PIN=(taskset -c "$SERVER_CPUS"); fi
if [[ -n $CLIENT_CPUS ]]; then CLIENT_PIN=(taskset -c "$CLIENT_CPUS"); fi
read -r -a SERVER_OPTS <<<"$SERVER_JAVA_OPTS"
read -r -a CLIENT_OPTS <<<"$CLIENT_JAVA_OPTS"

if [[ ! -f $JAR ]]; then
  echo "building $JAR ..."
  (cd "$ROOT" && mvn -B -q -pl benchmarks -am package -DskipTests) || die "the build failed"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/gatecheck-load.XXXXXX")
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  if [[ $KEEP == 1 ]]; then echo "load.sh: logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Stops pid (a process this script started) and forgets it.
stop() {
  local pid=$1 keep=() p
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${PIDS[@]}"; do [[ $p == "$pid" ]] || keep+=("$p"); done
  PIDS=("${keep[@]+"${keep[@]}"}")
}

# Runs a command in the background (so the traps act at once) and returns its status.
run() {
  "$@" &
  local pid=$!
  PIDS+=("$pid")
  local rc=0
  wait "$pid" || rc=$?
  stop "$pid"
  return "$rc"
}

# start_server MODE NAME [N]: starts LoadServer (minting N rotating tokens, default 1), waits for its READY line,
# sets URL, HEAP_URL, CACHED, ROTATING, SERVER.
start_server() {
  local mode=$1 dir="$WORK/$2" count=${3:-1} line=""
  mkdir -p "$dir"
  "${SERVER_PIN[@]}" java "${SERVER_OPTS[@]}" -cp "$JAR" dev.gatecheck.benchmarks.load.LoadServer "$mode" 0 \
    --dir "$dir" --tokens "$count" --max-seconds $((2 * (WARMUP + DURATION) + 600)) >"$dir/server.log" 2>&1 &
  SERVER=$!
  PIDS+=("$SERVER")
  for _ in $(seq 1 1800); do
    line=$(grep -m1 '^READY ' "$dir/server.log" || true)
    [[ -n $line ]] && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$dir/server.log" >&2; die "LoadServer $mode did not start"; }
    sleep 0.1
  done
  [[ -n $line ]] || { cat "$dir/server.log" >&2; die "LoadServer $mode not ready after 180 s"; }
  URL=$(sed -E 's/.* url=([^ ]+).*/\1/' <<<"$line")
  HEAP_URL=$(sed -E 's/.* heap=([^ ]+).*/\1/' <<<"$line")
  CACHED=$(sed -E 's/.* cached=([^ ]+).*/\1/' <<<"$line")
  ROTATING=$(sed -E 's/.* rotating=([^ ]+).*/\1/' <<<"$line")
  NEXT=$(sed -nE 's/.* next=([^ ]+).*/\1/p' <<<"$line")
  grep -v '^READY ' "$dir/server.log" | sed "s/^/  [$mode] /" || true
}

# to_ms VALUE: a wrk duration (850.00us, 1.20ms, 2.00s, 1.00m) in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; else if (u != "ms") n = -1
    printf "%.3f", n }'
}

# drive NAME TOKENFILE on|off [LoadClient options]: loads URL with the chosen client (the JDK's when there are
# options: the rotation), writes $WORK/NAME.result (key=value).
drive() {
  local name=$1 tokens=$2 filter=$3 out="$WORK/$1.result"
  shift 3
  if [[ $CLIENT == jdk || $# -gt 0 ]]; then
    local settle=()
    ((SETTLE == 0)) || settle=(--jit "${URL%/api/users}/_jit" --settle "$SETTLE")
    run "${CLIENT_PIN[@]}" java "${CLIENT_OPTS[@]}" -cp "$JAR" dev.gatecheck.benchmarks.load.LoadClient \
      --url "$URL" --tokens "$tokens" --scenario "$name" --concurrency "$CONCURRENCY" --warmup "$WARMUP" \
      --duration "$DURATION" --expect-filter "$filter" --out "$out" "${settle[@]}" "$@" >"$WORK/$name.client.log" 2>&1 || true
    sed 's/^/  [jdk] /' "$WORK/$name.client.log"
    [[ -f $out ]] || echo "valid=false" >"$out"
    return
  fi
  local log="$WORK/$name.wrk.log" warm="$WORK/$name.wrk-warmup.log"
  run "${CLIENT_PIN[@]}" java "${CLIENT_OPTS[@]}" -cp "$JAR" dev.gatecheck.benchmarks.load.LoadClient check \
    --url "$URL" --tokens "$tokens" --expect-filter "$filter" || { echo "valid=false" >"$out"; return; }
  local wrk_args=(-t "$WRK_THREADS" -c "$CONCURRENCY" --timeout 10s -s "$LUA")
  local warm_non200=0
  if ((WARMUP > 0)); then
    TOKENS_FILE=$tokens run "${CLIENT_PIN[@]}" wrk "${wrk_args[@]}" -d "${WARMUP}s" "$URL" >"$warm" 2>&1 || true
    warm_non200=$(awk '/^NON200 / {print $2}' "$warm")
  fi
  TOKENS_FILE=$tokens run "${CLIENT_PIN[@]}" wrk "${wrk_args[@]}" -d "${DURATION}s" --latency "$URL" >"$log" 2>&1 ||
    true
  sed 's/^/  [wrk] /' "$log"
  local rps requests p50 p99 max non200 socket
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$log")
  requests=$(awk '/ requests in / {print $1}' "$log")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$log")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$log")")
  max=$(to_ms "$(awk '$1 == "Latency" && NF >= 5 {print $4; exit}' "$log")")
  non200=$(awk '/^NON200 / {print $2}' "$log")
  socket=$(awk '/Socket errors:/ { n = 0; for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i; print n }' "$log")
  local errors=$((${non200:-1} + ${socket:-0} + ${warm_non200:-1}))
  {
    echo "scenario=$name"
    echo "client=wrk"
    echo "rps=${rps:-0}"
    echo "requests=${requests:-0}"
    echo "p50_ms=$p50"
    echo "p99_ms=$p99"
    echo "max_ms=$max"
    echo "errors=$errors"
    if [[ -n $rps && $errors == 0 ]]; then echo "valid=true"; else echo "valid=false"; fi
  } >"$out"
}

# heap NAME: the server's heap after GC and cached tokens, appended to $WORK/NAME.result.
heap() {
  local json=""
  if run java -cp "$JAR" dev.gatecheck.benchmarks.load.LoadClient heap "$HEAP_URL" >"$WORK/$1.heap.json"; then
    json=$(cat "$WORK/$1.heap.json")
  fi
  echo "  [heap] $json"
  echo "heap_bytes=$(sed -nE 's/.*"heap_used_bytes":([0-9]+).*/\1/p' <<<"$json")" >>"$WORK/$1.result"
  echo "cached_tokens=$(sed -nE 's/.*"cached_tokens":(-?[0-9]+).*/\1/p' <<<"$json")" >>"$WORK/$1.result"
}

describe() {
  case $1 in
    baseline) echo "no filter, 1 token (baseline)" ;;
    cached) echo "Gatecheck, 1 cached token" ;;
    baseline-rotating) echo "no filter, $TOKENS rotating tokens (baseline)" ;;
    rotating) echo "Gatecheck, $TOKENS rotating tokens" ;;
    cold) echo "Gatecheck, cache off (RS256 verify per request)" ;;
    rotation) echo "Gatecheck, $TOKENS rotating tokens, JWKS key rotation" ;;
  esac
}

# run_scenario SCENARIO NAME: one run of SCENARIO on a fresh server, its results in $WORK/NAME.result.
run_scenario() {
  local s=$1 name=$2
  echo
  local suffix=""
  [[ $name == "$s" ]] || suffix=" ($name)"
  echo "== $(describe "$s")$suffix"
  case $s in
    baseline) start_server nofilter "$name"; drive "$name" "$CACHED" off ;;
    cached) start_server gatecheck "$name"; drive "$name" "$CACHED" on ;;
    baseline-rotating) start_server nofilter "$name" "$TOKENS"; drive "$name" "$ROTATING" off ;;
    rotating) start_server gatecheck "$name" "$TOKENS"; drive "$name" "$ROTATING" on ;;
    cold) start_server gatecheck-nocache "$name"; drive "$name" "$CACHED" on ;;
    rotation)
      start_server gatecheck-rotation "$name" "$TOKENS"
      drive "$name" "$ROTATING" on --next-tokens "$NEXT" --rotate "${URL%/api/users}/_rotate"
      ;;
  esac
  heap "$name"
  stop "$SERVER"
}

# baseline_for SCENARIO: the no-filter scenario a Gatecheck scenario is compared with (the same tokens).
baseline_for() {
  case $1 in
    rotating | baseline-rotating) echo baseline-rotating ;;
    *) echo baseline ;;
  esac
}

echo "Gatecheck end-to-end load test: client $CLIENT, $CONCURRENCY in flight, ${WARMUP} s warm-up + ${DURATION} s" \
  "measured per run${SERVER_CPUS:+, server on CPUs $SERVER_CPUS}${CLIENT_CPUS:+, client on CPUs $CLIENT_CPUS};" \
  "work directory $WORK"
if ((PAIRS > 0)); then
  COMPARED=()
  for s in $SCENARIOS; do [[ $s == baseline* || $s == rotation ]] || COMPARED+=("$s"); done
  ((${#COMPARED[@]} > 0)) || die "PAIRS needs at least one Gatecheck scenario in SCENARIOS (cached, rotating, cold)"
  for s in "${COMPARED[@]}"; do
    b=$(baseline_for "$s")
    for i in $(seq 1 "$PAIRS"); do
      if ((i % 2)); then order=("$b" "$s"); else order=("$s" "$b"); fi
      for x in "${order[@]}"; do run_scenario "$x" "$s.pair$i.$x"; done
    done
  done
  if [[ " $SCENARIOS " == *" rotation "* ]]; then run_scenario rotation rotation; fi
else
  for s in $SCENARIOS; do run_scenario "$s" "$s"; done
fi

value() { sed -nE "s/^$2=(.*)/\1/p" "$WORK/$1.result" | tail -1; }
# warmup_of NAME: the warm-up the run took, marked "(not settled)" when the JIT was still busy at its end.
warmup_of() {
  local w
  w=$(value "$1" warmup_s)
  echo "${w:-$WARMUP}$([[ $(value "$1" jit_settled) == false ]] && echo " (not settled)")"
}
# jit_of NAME: the share of the measured window the server's JIT compilers spent compiling, in percent.
jit_of() { awk -v j="$(value "$1" jit_share)" 'BEGIN { if (j == "") print "n/a"; else printf "%.1f%%", 100 * j }'; }
cpu=$(sed -nE 's/^model name\s*:\s*//p' /proc/cpuinfo 2>/dev/null | head -1)
jdk=$(java -version 2>&1 | head -1)
echo
echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores, $(uname -sr) · JDK: $jdk · Date: $(date -u +%Y-%m-%d)"
echo "Client: $CLIENT, $CONCURRENCY connections/requests in flight, ${WARMUP} s warm-up" \
  "$([[ $CLIENT == jdk && $SETTLE -gt 0 ]] && echo "then until the JIT settles (at most $SETTLE s more)")" \
  "+ ${DURATION} s measured${SERVER_CPUS:+, server on CPUs $SERVER_CPUS}${CLIENT_CPUS:+, client on CPUs $CLIENT_CPUS}"
echo
if [[ " $SCENARIOS " == *" rotation "* ]]; then
  awk -v s="$(value rotation steady_p99_ms)" -v r="$(value rotation rotation_p99_ms)" \
    -v x="$(value rotation rotation_p99_ratio)" -v e="$(value rotation errors)" -v ok="$(value rotation valid)" 'BEGIN {
    printf "Key rotation under load: p99 %s ms steady, %s ms while the key rotated (%sx), %s failed request(s);" \
      " issue 19 target: at most 2x and none — %s\n\n", s, r, x, e, (ok == "true" && x + 0 <= 2 && e == 0 ? "met" : "missed") }'
fi
if ((PAIRS > 0)); then
  invalid=0
  [[ " $SCENARIOS " != *" rotation "* || $(value rotation valid) == true ]] || invalid=1
  for s in "${COMPARED[@]}"; do
    b=$(baseline_for "$s")
    echo "$(describe "$s") against $(describe "$b"), $PAIRS interleaved pairs:"
    echo
    echo "| pair | order | no filter requests/s | Gatecheck requests/s | ratio | no filter p99 ms | Gatecheck p99 ms" \
      "| warm-up s (no filter / Gatecheck) | JIT busy (no filter / Gatecheck) |"
    echo "|---:|---|---:|---:|---:|---:|---:|---|---|"
    ratios=()
    for i in $(seq 1 "$PAIRS"); do
      a="$s.pair$i.$b" g="$s.pair$i.$s"
      [[ $(value "$a" valid) == true && $(value "$g" valid) == true ]] || invalid=1
      ratio=$(awk -v r="$(value "$g" rps)" -v q="$(value "$a" rps)" 'BEGIN { if (q > 0) printf "%.3f", r / q; else print 0 }')
      ratios+=("$ratio")
      printf '| %d | %s | %.0f | %.0f | %s | %s | %s | %s / %s | %s / %s |\n' "$i" \
        "$( ((i % 2)) && echo "no filter first" || echo "Gatecheck first")" \
        "$(value "$a" rps)" "$(value "$g" rps)" "$ratio" "$(value "$a" p99_ms)" "$(value "$g" p99_ms)" \
        "$(warmup_of "$a")" "$(warmup_of "$g")" "$(jit_of "$a")" "$(jit_of "$g")"
    done
    target=0.95
    [[ $s == rotating ]] && target=0.90
    printf '%s\n' "${ratios[@]}" | sort -n | awk -v t="$target" -v name="$(describe "$s")" '
      { r[NR] = $1 }
      END {
        m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
        printf "\nMedian ratio %.3f (lowest %.3f, highest %.3f, %d pairs); issue 19 target for %s: at least %.2f — %s\n\n",
          m, r[1], r[NR], NR, name, t, (m >= t ? "met" : "missed") }'
  done
  if ((invalid)); then
    echo "load.sh: at least one run is INVALID (a non-200 answer, a failed exchange or a failed pre-flight check):" \
      "see the output above; KEEP=1 keeps the logs" >&2
    exit 2
  fi
  exit 0
fi
echo "| scenario | requests/s | × no filter | p50 ms | p99 ms | max ms | errors | heap after GC | cached tokens" \
  "| warm-up s | JIT busy |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"
# baseline_of SCENARIO: the no-filter scenario it is compared with (same tokens), if it ran and is valid.
baseline_of() {
  local b=baseline
  [[ $1 == rotating || $1 == baseline-rotating ]] && b=baseline-rotating
  if [[ " $SCENARIOS " == *" $b "* && $(value "$b" valid) == true ]]; then echo "$b"; fi
}
invalid=0
for s in $SCENARIOS; do
  rps=$(value "$s" rps)
  valid=$(value "$s" valid)
  [[ $valid == true ]] || invalid=1
  b=$(baseline_of "$s")
  ratio=$(awk -v r="${rps:-0}" -v b="$([[ -n $b ]] && value "$b" rps)" \
    'BEGIN { if (b > 0) printf "%.2fx", r / b; else printf "n/a" }')
  heap_mb=$(awk -v h="$(value "$s" heap_bytes)" 'BEGIN { if (h > 0) printf "%.1f MB", h / 1048576; else printf "n/a" }')
  cached=$(value "$s" cached_tokens)
  [[ -z $cached || $cached == -1 ]] && cached="—"
  printf '| %s%s | %.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$(describe "$s")" \
    "$([[ $valid == true ]] || echo " **INVALID**")" "${rps:-0}" "$ratio" "$(value "$s" p50_ms)" \
    "$(value "$s" p99_ms)" "$(value "$s" max_ms)" "$(value "$s" errors)" "$heap_mb" "$cached" "$(warmup_of "$s")" \
    "$(jit_of "$s")"
done
echo
if [[ -n $(baseline_of cached) && " $SCENARIOS " == *" cached "* && $(value cached valid) == true ]]; then
  awk -v r="$(value cached rps)" -v b="$(value baseline rps)" 'BEGIN {
    printf "Target (issue 8): with cached tokens, throughput at least 90%% of the no-filter baseline: %.1f%% — %s\n",
      100 * r / b, (r >= 0.9 * b ? "met" : "missed") }'
fi
if ((invalid)); then
  echo "load.sh: at least one run is INVALID (a non-200 answer, a failed exchange or a failed pre-flight check):" \
    "see the output above; KEEP=1 keeps the logs" >&2
  exit 2
fi
