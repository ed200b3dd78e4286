#!/usr/bin/env bash
# Brings the training text of the statistical signal into a folder, exactly as the model in
# data/signal.bin was built from it: each line of sources.tsv names a public repository, a
# commit and a file. The text is never committed; only the model derived from it is.
#
#   examples/signal/get-corpus.sh DIR            clones what it needs from GitHub
#   MIRROR=/path examples/signal/get-corpus.sh DIR   reads bare copies in MIRROR/owner+name/repo
#
# Then: RAYON_NUM_THREADS=2 nice cargo run --release --example signal -- DIR
set -euo pipefail
out=${1:?usage: get-corpus.sh DIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out/gutenberg" "$out/wikipedia"
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
grep -v '^#' "$here/sources.tsv" | while IFS=$'\t' read -r repo commit path licence; do
  local_copy="${MIRROR:-/nonexistent}/${repo/\//+}/repo"
  if [ ! -d "$local_copy" ]; then
    local_copy="$cache/${repo/\//+}"
    if [ ! -d "$local_copy" ]; then
      git clone --quiet --bare --filter=blob:none "https://github.com/$repo" "$local_copy"
    fi
  fi
  case "$repo" in
    gutenbergbooks/*) target="$out/gutenberg/${repo#gutenbergbooks/}.txt" ;;
    *) target="$out/wikipedia/$(basename "$path")" ;;
  esac
  git -C "$local_copy" show "$commit:$path" > "$target"
done
echo "$(ls "$out"/gutenberg | wc -l) books, $(ls "$out"/wikipedia | wc -l) Wikipedia files in $out"
