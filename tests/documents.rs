//! Real documents through the real binary: Markdown and LaTeX are checked as prose only, at
//! the right line and column of the original file; ignore comments; configuration files and
//! their precedence; folders and .gitignore.

mod common;

use common::{jsonl, one_error_line, ownvoice, places, write};
use serde_json::Value;
use tempfile::TempDir;

fn check_jsonl(args: &[&str]) -> Vec<Value> {
    let output = ownvoice()
        .args(["check", "--format", "jsonl"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    jsonl(&output.stdout)
}

/// The line of every issue in a file.
fn flagged_lines(path: &str) -> Vec<u64> {
    places(&check_jsonl(&[path]))
        .into_iter()
        .map(|(line, ..)| line)
        .collect()
}

/// Where one rule flags a file: the line and the flagged words of each issue.
fn flagged_by(rule: &str, path: &str) -> Vec<(u64, String)> {
    places(&check_jsonl(&[path]))
        .into_iter()
        .filter(|(.., id, _)| id == rule)
        .map(|(line, _, _, text)| (line, text))
        .collect()
}

const MARKDOWN: &str = "---\n\
title: He go to school\n\
---\n\
\n\
# My week in Zürich\n\
\n\
On Monday she speak with the teacher about `he go home` and [the plan](https://example.com/he-go-home).\n\
\n\
```\n\
he go to school and she speak english\n\
```\n\
\n\
The value of $x informations$ is small, and I need some informations.\n";

#[test]
fn markdown_prose_is_checked_and_code_math_urls_and_front_matter_are_not() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "post.md", MARKDOWN);
    let found = places(&check_jsonl(&[&path]));
    assert_eq!(
        found,
        [
            (
                7,
                11,
                "HARPER/PronounVerbAgreement".into(),
                "she speak".into()
            ),
            (
                13,
                57,
                "OWNVOICE/UNCOUNTABLE_PLURAL".into(),
                "informations".into()
            ),
        ]
    );
    // The same text read as plain text flags the code block too: the parsing is what
    // keeps it out.
    let plain = check_jsonl(&["--input-format", "plain", &path]);
    assert!(plain.len() > found.len(), "{plain:?}");
}

#[test]
fn markdown_offsets_stay_right_with_crlf_and_multi_byte_text() {
    let dir = TempDir::new().unwrap();
    let crlf = MARKDOWN.replace('\n', "\r\n");
    let path = write(&dir, "crlf.md", &crlf);
    let issues = check_jsonl(&[&path]);
    let found = places(&issues);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (7, 11));
    assert_eq!((found[1].0, found[1].1), (13, 57));
    for issue in &issues {
        let start = issue["byte_start"].as_u64().unwrap() as usize;
        let end = issue["byte_end"].as_u64().unwrap() as usize;
        assert_eq!(&crlf[start..end], issue["text"].as_str().unwrap());
    }
    // "Zürich" before the mistake: columns count characters, offsets count bytes.
    let text = "# Zürich café\n\nÉmile said she speak well.\n";
    let path = write(&dir, "accents.md", text);
    let issues = check_jsonl(&[&path]);
    assert_eq!(
        places(&issues),
        [(
            3,
            12,
            "OWNVOICE/THIRD_PERSON_S_AFTER_CONJUNCTION".into(),
            "she speak".into()
        )]
    );
    let start = issues[0]["byte_start"].as_u64().unwrap() as usize;
    assert_eq!(start, text.find("she speak").unwrap());
    assert_ne!(start, 15, "bytes, not characters");
}

const LATEX: &str = r"\documentclass{article}
\newcommand{\heGo}{he go to school}
\begin{document}
\section{Results}
% he go to school, she speak english
The value of $x$ is small, as \cite{informations} shows, but she speak too fast.
\begin{equation}
  informations = more bigger
\end{equation}
We need some informations about it.\footnote{It depends of the weather.}
\end{document}
";

#[test]
fn latex_prose_is_checked_and_preamble_comments_math_and_citations_are_not() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "paper.tex", LATEX);
    let found = places(&check_jsonl(&[&path]));
    assert_eq!(
        found,
        [
            (
                6,
                62,
                "OWNVOICE/THIRD_PERSON_S_AFTER_CONJUNCTION".into(),
                "she speak".into()
            ),
            (
                10,
                14,
                "OWNVOICE/UNCOUNTABLE_PLURAL".into(),
                "informations".into()
            ),
            (10, 49, "GRAMMAR/DEPEND_ON".into(), "depends".into()),
        ]
    );
}

#[test]
fn a_lowercase_start_is_flagged_in_a_paragraph_and_not_in_a_list_item_or_heading() {
    let dir = TempDir::new().unwrap();
    let text = "# notes on travel\n\nnowadays people travel more than before.\n\n\
                - my notes on since and for, which I mix up;\n- borrow and lend.\n";
    let markdown = write(&dir, "notes.md", text);
    let rule = "OWNVOICE/LOWERCASE_SENTENCE_START";
    assert_eq!(flagged_by(rule, &markdown), [(3, "nowadays".to_string())]);
    // The same lines read as plain text are one paragraph each, items included.
    let plain = write(&dir, "notes.txt", text.replace("- ", ""));
    let lines: Vec<u64> = flagged_by(rule, &plain)
        .into_iter()
        .map(|(line, _)| line)
        .collect();
    assert_eq!(lines, [3, 5]);
}

#[test]
fn a_paragraph_without_a_final_stop_is_flagged_and_a_heading_or_list_item_is_not() {
    let dir = TempDir::new().unwrap();
    let line = "we have walked along this beach for many years";
    let text = format!("# {line}\n\n- {line}\n- {line}\n\n{line}\n\n{line}.\n");
    let markdown = write(&dir, "walks.md", &text);
    assert_eq!(
        flagged_by("OWNVOICE/PARAGRAPH_END_WITHOUT_STOP", &markdown),
        [(6, "years".to_string())]
    );
}

#[test]
fn ignore_comments_silence_what_they_cover_and_nothing_else() {
    let dir = TempDir::new().unwrap();
    let markdown = write(
        &dir,
        "ignore.md",
        "<!-- ownvoice-disable -->\nShe speak fast.\n<!-- ownvoice-enable -->\n\n\
         <!-- ownvoice-disable-next-line OWNVOICE/UNCOUNTABLE_PLURAL -->\n\
         I have informations and she speak.\n\n\
         <!-- ownvoice-disable-next-line GRAMMAR -->\n\
         I have informations.\n",
    );
    let found: Vec<String> = places(&check_jsonl(&[&markdown]))
        .into_iter()
        .map(|(line, _, rule, text)| format!("{line}:{rule}:{text}"))
        .collect();
    // Line 6: the issue shown for "informations" is silenced, and no other engine's issue
    // on the same word takes its place.
    assert_eq!(
        found,
        [
            "6:OWNVOICE/THIRD_PERSON_S_AFTER_CONJUNCTION:she speak",
            "9:OWNVOICE/UNCOUNTABLE_PLURAL:informations"
        ]
    );

    let latex = write(
        &dir,
        "ignore.tex",
        "She speak fast.\n% ownvoice: off\nHe speak slowly.\n% ownvoice: on\nIt depend of you.\n",
    );
    // Line 5 has two mistakes that teach different points: "It depend" and "depend of".
    assert_eq!(flagged_lines(&latex), [1, 5, 5]);

    let plain = write(
        &dir,
        "ignore.txt",
        "She speak fast. ownvoice:ignore\nHe speak slowly.\n",
    );
    assert_eq!(flagged_lines(&plain), [2]);
}

#[test]
fn configuration_files_layer_under_the_command_line() {
    let project = TempDir::new().unwrap();
    let nested = project.path().join("chapters");
    std::fs::create_dir(&nested).unwrap();
    let text = "My phone is same as yours. I listen music every day.\n";
    let file = write(&project, "chapters/one.txt", text);
    let user = TempDir::new().unwrap();
    let rules = |extra: &[&str]| -> Vec<String> {
        let output = ownvoice()
            .env("OWNVOICE_CONFIG_DIR", user.path())
            .current_dir(&nested)
            .args(["check", "--format", "jsonl"])
            .args(extra)
            .arg(&file)
            .output()
            .unwrap();
        assert!(matches!(output.status.code(), Some(0 | 1)));
        jsonl(&output.stdout)
            .iter()
            .map(|issue| issue["rule"].as_str().unwrap().to_string())
            .collect()
    };
    // BE_SAME is written but off by default.
    let (same, listen) = ("OWNVOICE/BE_SAME", "OWNVOICE/LISTEN_WITHOUT_TO");
    assert_eq!(rules(&[]), [listen], "no configuration: the defaults");

    // The user turns one rule on and the other off; the project (found from a sub-folder)
    // turns them back; the command line wins over both.
    std::fs::write(
        user.path().join("config.toml"),
        format!("enable = [\"{same}\"]\ndisable = [\"{listen}\"]\n"),
    )
    .unwrap();
    assert_eq!(rules(&[]), [same]);
    std::fs::write(
        project.path().join(".ownvoice.toml"),
        format!("enable = [\"{listen}\"]\ndisable = [\"{same}\"]\n"),
    )
    .unwrap();
    assert_eq!(rules(&[]), [listen]);
    assert_eq!(rules(&["--enable", same]), [same, listen]);

    // `ownvoice config` says where each value came from.
    let shown = ownvoice()
        .env("OWNVOICE_CONFIG_DIR", user.path())
        .current_dir(&nested)
        .arg("config")
        .output()
        .unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    let enable = shown.lines().find(|l| l.starts_with("enable = ")).unwrap();
    assert!(
        enable.contains(listen) && enable.contains(".ownvoice.toml"),
        "{shown}"
    );
    assert!(
        shown.contains("dialect") && shown.contains("# default"),
        "{shown}"
    );
    let cache = concat!(env!("CARGO_TARGET_TMPDIR"), "/ownvoice-cache");
    assert!(
        shown.contains(&format!("# Results are cached in {cache} ")),
        "{shown}"
    );

    // An unknown rule id in a file names the file.
    std::fs::write(
        project.path().join(".ownvoice.toml"),
        "enable = [\"NOPE/X\"]\n",
    )
    .unwrap();
    let output = ownvoice()
        .env("OWNVOICE_CONFIG_DIR", user.path())
        .current_dir(&nested)
        .args(["check", &file])
        .output()
        .unwrap();
    one_error_line(&output, &[".ownvoice.toml: unknown rule id 'NOPE/X'"]);

    // An unknown key is one error line naming the key and the file, and nothing is checked.
    std::fs::write(project.path().join(".ownvoice.toml"), "dialekt = \"gb\"\n").unwrap();
    let output = ownvoice()
        .env("OWNVOICE_CONFIG_DIR", user.path())
        .current_dir(&nested)
        .args(["check", &file])
        .output()
        .unwrap();
    one_error_line(&output, &[".ownvoice.toml", "dialekt"]);
    assert!(output.stdout.is_empty());
    // A file that is not text is refused the same way.
    for (bytes, cause) in [
        (&b"dialect = \"gb\"\xff\n"[..], "UTF-8"),
        (b"\0\0", "binary"),
    ] {
        std::fs::write(project.path().join(".ownvoice.toml"), bytes).unwrap();
        let output = ownvoice()
            .env("OWNVOICE_CONFIG_DIR", user.path())
            .current_dir(&nested)
            .args(["check", &file])
            .output()
            .unwrap();
        one_error_line(&output, &[".ownvoice.toml", cause]);
    }
}

#[test]
fn folders_are_walked_in_order_honouring_gitignore_and_ignore_globs() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    for folder in ["docs/b", "docs/build", "docs/drafts"] {
        std::fs::create_dir_all(root.join(folder)).unwrap();
    }
    let mistake = "She speak English.\n";
    for name in [
        "docs/z.md",
        "docs/a.txt",
        "docs/b/c.tex",
        "docs/build/out.md",
        "docs/drafts/old.md",
        "docs/.hidden.md",
    ] {
        std::fs::write(root.join(name), mistake).unwrap();
    }
    std::fs::write(root.join("docs/image.png"), b"\x89PNG\0").unwrap();
    std::fs::write(root.join("docs/.gitignore"), "build/\n").unwrap();
    std::fs::write(root.join(".ownvoice.toml"), "ignore = [\"drafts/**\"]\n").unwrap();
    let output = ownvoice()
        .current_dir(root)
        .args(["check", "--format", "jsonl", "docs"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let paths: Vec<String> = jsonl(&output.stdout)
        .iter()
        .map(|issue| issue["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["docs/a.txt", "docs/b/c.tex", "docs/z.md"]);
}
