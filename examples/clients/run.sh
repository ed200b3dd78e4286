#!/bin/sh
# Tries LanguageTool clients that nobody here wrote against `ownvoice serve`, as a user would:
# language_tool_python (installed with pip into a temporary virtual environment),
# annotatedtext-remark (installed with npm into a temporary folder: the library editor
# plugins use to send Markdown as annotated text) and, with LTRS=1, the `ltrs` command-line
# client of the languagetool-rust crate (installed with cargo into a temporary folder;
# building it takes minutes). Nothing is installed anywhere
# else, and everything is removed at the end.
#
#     cargo build --release && sh examples/clients/run.sh
#
# Exit status: 0 when every client read ownvoice's matches, 1 otherwise.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
ownvoice="$here/../../target/release/ownvoice"
work=$(mktemp -d)
server=
finish() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap finish EXIT

OWNVOICE_NO_JOURNAL=1 "$ownvoice" serve --port 0 2>"$work/serve.err" &
server=$!
tries=0
until grep -q ready "$work/serve.err"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 600 ] || ! kill -0 "$server" 2>/dev/null; then
        cat "$work/serve.err" >&2
        exit 1
    fi
    sleep 0.2
done
url=$(grep ready "$work/serve.err" | grep -o 'http://[0-9.:]*')
echo "== ownvoice serve at $url"

echo "== language_tool_python"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet language_tool_python
"$work/venv/bin/python" "$here/ask_with_language_tool_python.py" "$url"

if [ "${NODE:-1}" = 1 ] && command -v npm >/dev/null; then
    echo "== annotatedtext-remark (Markdown as LanguageTool's annotated text, as editor plugins send it)"
    (cd "$work" && npm init -y >/dev/null && npm install --silent annotatedtext-remark)
    OWNVOICE_NO_JOURNAL=1 "$ownvoice" check --format jsonl "$here/../post.md" >"$work/post.jsonl" || true
    NODE_PATH="$work/node_modules" node "$here/ask_with_annotatedtext.js" "$url" "$here/../post.md" \
        "$work/post.jsonl"
fi

if [ "${LTRS:-0}" = 1 ]; then
    echo "== ltrs (languagetool-rust)"
    cargo install --quiet --root "$work/ltrs" languagetool-rust --features full
    "$work/ltrs/bin/ltrs" --color=never --hostname "$url" check --language en-US \
        --text "Café owners in Zürich 😀😀 said she go home. My brother need a new bike." \
        | tee "$work/ltrs.out"
    grep -q "HARPER/PronounVerbAgreement" "$work/ltrs.out"
    grep -q "OWNVOICE/SINGULAR_SUBJECT_BASE_VERB" "$work/ltrs.out"
fi
echo "== every client read ownvoice's matches"
