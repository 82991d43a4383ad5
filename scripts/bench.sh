#!/usr/bin/env bash
# Builds the benchmarks in Release and runs them: the loopback load scenarios and the BenchmarkDotNet
# micro-benchmarks. Arguments go to the bench, e.g.:
#   scripts/bench.sh resolution --duration 20 --concurrency 64
#   scripts/bench.sh webhooks --duration 10   (PostgreSQL too when CONVERSA_TEST_POSTGRES names a server)
# Scenarios: resolution, tenants10k, knowledge, booking, chat, webhooks, replies (the end-to-end part of webhooks), micro, all.
# Default: all, 10 s per variant, concurrency 32. See docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== machine: $(nproc) CPUs, $(free -h | awk '/^Mem:/ {print $2}') RAM, dotnet $(dotnet --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build bench/Conversa.Benchmarks -c Release
dotnet run -c Release --no-build --project bench/Conversa.Benchmarks -- "${@:-all}"
