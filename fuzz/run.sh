#!/usr/bin/env bash
# Runs every fuzz target in turn, one job each (the machines are shared), for SECONDS each
# (default 1200, the 20 minutes the hardening issue asks for), after seeding its corpus from
# the project's own examples and test texts. Needs the nightly toolchain and cargo-fuzz:
#   cargo install cargo-fuzz
#   fuzz/run.sh 1200            # or: fuzz/run.sh 60 markdown latex
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-1200}"
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(markdown latex plain config cache_file check_paragraph)
fi

seed() {
  local target="$1" dir="corpus/$1"
  mkdir -p "$dir"
  case "$target" in
    markdown) cp ../examples/*.md ../README.md "$dir/" ;;
    latex) cp ../examples/*.tex "$dir/" ;;
    plain | check_paragraph) cp ../examples/sample.txt "$dir/"
      printf 'He need more time.\nownvoice:ignore He need\n\nIt are good.\n' >"$dir/ignore.txt" ;;
    config) printf 'enable = ["STYLE"]\ndisable = ["GRAMMAR/HE_NEED"]\ndialect = "gb"\nstart-hint = 2\nwords = ["ownvoice"]\n' >"$dir/config.toml" ;;
    cache_file) printf '\0\0\0\0' >"$dir/empty" ;;
  esac
}

for target in "${targets[@]}"; do
  seed "$target"
  echo "== $target: ${seconds}s"
  cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -jobs=1 -workers=1 -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 \
    2>&1 | tee "corpus/$target.log" | grep -E '^(#[0-9]+ +DONE|stat::|==|INFO: seed)|panicked|ERROR|SUMMARY' || true
done
