#!/usr/bin/env bash
# Runs fuzz targets one after another, one process each (the machines are shared), each until
# it has used SECONDS of CPU time (default 1200, the 20 minutes the hardening issue asks for):
# CPU, not wall time, so a busy machine does not shorten the run. Each corpus is seeded from
# the project's own examples and a few lines of its own. Prints, per target, the executions,
# the CPU minutes, libFuzzer's coverage (cov: edges, ft: features) and the crashes, and keeps
# each run's log in fuzz/corpus/TARGET.log and the table in fuzz/corpus/summary.txt.
# Needs the nightly toolchain and cargo-fuzz:
#   cargo install cargo-fuzz
#   fuzz/run.sh 1200            # or: fuzz/run.sh 60 markdown latex
# SANITIZER=address builds with AddressSanitizer (cargo-fuzz's default). The default here is
# none: ownvoice forbids unsafe code, the targets hunt panics and broken invariants, and
# AddressSanitizer halves the executions a CPU minute buys.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-1200}"
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(markdown latex plain config cache_file check_paragraph)
fi
sanitizer="${SANITIZER:-none}"
ticks_per_second="$(getconf CLK_TCK)"
triple="$(rustc +nightly -vV | sed -n 's/^host: //p')"

seed() {
  local target="$1" dir="corpus/$1"
  mkdir -p "$dir"
  case "$target" in
    markdown) cp ../examples/*.md ../README.md "$dir/" && cp README.md "$dir/fuzz-README.md" ;;
    latex) cp ../examples/*.tex "$dir/" ;;
    plain | check_paragraph) cp ../examples/sample.txt "$dir/"
      printf 'He need more time.\nownvoice:ignore He need\n\nIt are good.\n' >"$dir/ignore.txt" ;;
    config) printf 'enable = ["STYLE"]\ndisable = ["GRAMMAR/HE_NEED"]\ndialect = "gb"\nstart-hint = 2\nwords = ["ownvoice"]\n' >"$dir/config.toml" ;;
    cache_file) printf '\0\0\0\0' >"$dir/empty" ;;
  esac
}

# The CPU time, in whole seconds, that process $1 and its threads have used so far (utime and
# stime, fields 14 and 15 of /proc/PID/stat, counted after the command name's parenthesis).
cpu_seconds() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  read -r -a fields <<<"$stat"
  echo $(((fields[11] + fields[12]) / ticks_per_second))
}

summary="corpus/summary.txt"
mkdir -p corpus
printf '%-16s %12s %8s %8s %8s %8s\n' target executions cpu_min cov ft crashes >"$summary.new"

for target in "${targets[@]}"; do
  seed "$target"
  nice -n 10 cargo +nightly fuzz build --sanitizer "$sanitizer" "$target"
  binary="target/$triple/release/$target"
  mkdir -p "artifacts/$target"
  log="corpus/$target.log"
  echo "== $target: ${seconds}s of CPU"
  # libFuzzer's own limit is wall time: set far out, as a guard only. A SIGINT when the CPU
  # time is reached makes libFuzzer print its final statistics and exit.
  nice -n 10 "$binary" "corpus/$target" -artifact_prefix="artifacts/$target/" \
    -max_len=4096 -timeout=60 -print_final_stats=1 -max_total_time=$((seconds * 20)) \
    >"$log" 2>&1 &
  pid=$!
  used=0
  while kill -0 "$pid" 2>/dev/null; do
    used="$(cpu_seconds "$pid")" || break
    if ((used >= seconds)); then
      kill -INT "$pid"
      break
    fi
    sleep 5
  done
  status=0
  wait "$pid" || status=$?
  grep -E 'panicked|ERROR|SUMMARY|DEATH|Test unit written' "$log" || true
  executions="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  last="$(grep -E '^#[0-9]+' "$log" | tail -1)"
  cov="$(sed -En 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")"
  ft="$(sed -En 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")"
  # Every crash, timeout or out-of-memory input that libFuzzer saved in this run.
  crashes="$(grep -c 'Test unit written to' "$log" || true)"
  # 72 is libFuzzer's exit status when interrupted: the normal end here.
  if ((status != 0 && status != 72)); then
    echo "$target stopped with status $status: see fuzz/$log"
  fi
  printf '%-16s %12s %8s %8s %8s %8s\n' "$target" "${executions:-?}" \
    "$(awk -v s="$used" 'BEGIN { printf "%.1f", s / 60 }')" "${cov:-?}" "${ft:-?}" "$crashes" \
    | tee -a "$summary.new"
done
mv "$summary.new" "$summary"
echo
cat "$summary"
