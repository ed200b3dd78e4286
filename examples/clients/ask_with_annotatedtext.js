// Sends a Markdown document to `ownvoice serve` as LanguageTool's annotated text, built by
// annotatedtext-remark (a library we did not write, which editor plugins use), and checks
// what a JavaScript client sees: each match's offset and length index the Markdown source
// directly (JavaScript strings count UTF-16 units), nothing is flagged inside code, and no
// replacement is sent. Given the report of `ownvoice check --format jsonl` on the same
// document, the matches in it must be exactly those check reports (so headings, list items
// and ignore comments are read as check reads them).
//
//     NODE_PATH=.../node_modules node ask_with_annotatedtext.js URL post.md [CHECK.jsonl]
//
// Exit status 0 when all of that holds, 1 otherwise. `run.sh` installs the library.
"use strict";
const fs = require("fs");
const builder = require("annotatedtext-remark");

async function main() {
  const [url, path, report] = process.argv.slice(2);
  const original = fs.readFileSync(path, "utf8");
  const markdown =
    original +
    "\n## what we did last summer in the mountains with friends\n\n" +
    "Café 😀 owners said she go home, and `she go home` is code.\n";
  const data = JSON.stringify(builder.build(markdown, builder.defaults));
  const answer = await fetch(url + "/v2/check", {
    method: "POST",
    body: new URLSearchParams({ data, language: "en" }),
  });
  const json = await answer.json();
  let good = answer.headers.get("content-type") === "application/json";
  const codeAt = markdown.indexOf("`she go home`");
  for (const match of json.matches) {
    const words = markdown.substr(match.offset, match.length);
    console.log(`${match.rule.id} ${JSON.stringify(words)}: ${match.shortMessage}`);
    const inCode = match.offset >= codeAt && match.offset < codeAt + 13;
    good = good && words.trim().length > 0 && !inCode && match.replacements.length === 0;
    good = good && match.rule.id !== "OWNVOICE/PARAGRAPH_END_WITHOUT_STOP";
  }
  const flaggedGo = json.matches.some((m) => markdown.substr(m.offset, m.length).includes("go"));
  good = good && flaggedGo;
  if (report) {
    // check's byte offsets, in UTF-16 units as JavaScript counts them.
    const bytes = Buffer.from(original);
    const units = (byte) => bytes.subarray(0, byte).toString("utf8").length;
    const expected = fs
      .readFileSync(report, "utf8")
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line))
      .map((issue) => `${issue.rule}@${units(issue.byte_start)}`);
    const served = json.matches
      .filter((m) => m.offset < original.length)
      .map((m) => `${m.rule.id}@${m.offset}`);
    const same = JSON.stringify(served) === JSON.stringify(expected);
    console.log(same ? "the same matches as ownvoice check" : `check reports ${expected}`);
    good = good && same;
  }
  console.log(good ? "annotatedtext-remark and ownvoice agree" : "unexpected answer");
  process.exit(good ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
