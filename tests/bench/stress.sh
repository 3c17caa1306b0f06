#!/bin/sh
# Benchmark (not a test): tests/stress.sh for BENCH_SECONDS (default 30)
# with 20 processes, and at the same time a C loop (tests/stress_helper
# calls) doing the same calls_record() transaction in one process on the
# same file; prints p50/p99 save latency and saves per second of both and
# their ratio.  Its checks still run and are printed.
: "${PAICHA:?run through make bench}"
: "${PAICHA_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
STRESS_SECONDS=${BENCH_SECONDS:-30} STRESS_BENCH=1 STRESS_BASELINE=1 \
    exec sh "$PAICHA_SRCDIR/tests/stress.sh"
