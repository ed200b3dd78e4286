//! `ownvoice lsp` driven over stdio by a real client (`common/lsp_client.rs`), with real
//! sentences and the real engines: diagnostics with exact positions, hover, code actions
//! that carry no edit, a paragraph changed and checked again, settings changed while
//! running, malformed and unknown messages, and the lifecycle's exit statuses. Every message
//! the server sends is checked for a text edit; any would fail the test.

#[path = "common/lsp_client.rs"]
mod client;
mod common;

use std::time::Duration;

use client::{Server, range_of, utf16};
use common::{jsonl, ownvoice};
use serde_json::{Value, json};

/// Accents and an emoji before the flagged words, on the same line: bytes, chars and
/// UTF-16 units all count differently there. The code span is not prose.
const POST: &str = "# My week\n\nMy brother need a new bike. `he need` is code.\n\n\
    Café owners was happy 😀 and she go home.\n";

/// The flagged words and their UTF-16 ranges, as `ownvoice check` reports them.
fn check_ranges(text: &str, format: &str) -> Vec<(String, Value)> {
    let output = ownvoice()
        .args(["check", "--format", "jsonl", "--input-format", format, "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    jsonl(&output.stdout)
        .iter()
        .map(|issue| {
            let start = issue["byte_start"].as_u64().unwrap() as usize;
            let end = issue["byte_end"].as_u64().unwrap() as usize;
            (
                issue["rule"].as_str().unwrap().to_string(),
                json!({"start": utf16(text, start), "end": utf16(text, end)}),
            )
        })
        .collect()
}

#[test]
fn diagnostics_have_the_spans_check_reports_in_utf16_and_in_utf8() {
    let mut server = Server::start(None, false);
    let capabilities = server.initialize(json!({}), Value::Null);
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert!(
        capabilities.get("diagnosticProvider").is_none(),
        "push only"
    );
    let uri = server.uri("week.md");
    server.open(&uri, "markdown", POST);
    let diagnostics = server.diagnostics(&uri, 1);
    let found: Vec<(String, Value)> = diagnostics
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["range"].clone()))
        .collect();
    assert_eq!(found, check_ranges(POST, "markdown"));
    let ranges: Vec<&Value> = found.iter().map(|(_, range)| range).collect();
    let after_emoji = POST.find("Café").unwrap();
    assert_eq!(
        ranges,
        [
            &range_of(POST, "brother need", 0),
            &range_of(POST, "she go", after_emoji)
        ]
    );
    // "she go" starts at UTF-16 column 29 (the emoji counts two), char column 28.
    assert_eq!(ranges[1]["start"], json!({"line": 4, "character": 29}));
    let first = &diagnostics[0];
    assert_eq!(first["source"], "ownvoice");
    assert_eq!(first["severity"], 3);
    let message = first["message"].as_str().unwrap();
    assert!(
        message.starts_with("Subject and verb agreement: In the present tense"),
        "{message}"
    );
    assert!(
        !message.contains("needs"),
        "no replacement unless reveal: {message}"
    );
    assert_eq!(server.finish(), Some(0));

    // A client that counts in bytes gets byte columns.
    let mut server = Server::start(None, false);
    let capabilities = server.initialize(
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        Value::Null,
    );
    assert_eq!(capabilities["positionEncoding"], "utf-8");
    server.open(&uri, "markdown", POST);
    let diagnostics = server.diagnostics(&uri, 1);
    let line = &POST[after_emoji..];
    let column = line.find("she go").unwrap();
    assert_eq!(
        diagnostics[1]["range"],
        json!({"start": {"line": 4, "character": column},
               "end": {"line": 4, "character": column + "she go".len()}})
    );
    assert_eq!(server.finish(), Some(0));
}

#[test]
fn hover_teaches_and_code_actions_carry_commands_that_write_only_settings() {
    let mut server = Server::start(None, false);
    let capabilities = server.initialize(
        json!({
            "textDocument": {
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "codeAction": {"codeActionLiteralSupport": {
                    "codeActionKind": {"valueSet": ["quickfix"]}}},
            },
            "window": {"showDocument": {"support": true}},
        }),
        Value::Null,
    );
    assert_eq!(
        capabilities["executeCommandProvider"]["commands"],
        json!([
            "ownvoice.explain",
            "ownvoice.addWord",
            "ownvoice.disableRule"
        ])
    );
    let workspace = server.work().join(".ownvoice.toml");
    std::fs::write(
        &workspace,
        "# Our essay's settings\ndialect = \"gb\" # British\n",
    )
    .unwrap();
    let text = "My brother need a new bike.\n\nI recieve letters.\n";
    let uri = server.uri("bike.txt");
    let before = std::fs::read_to_string(server.work().join(".ownvoice.toml")).unwrap();
    server.open(&uri, "plaintext", text);
    let diagnostics = server.diagnostics(&uri, 1);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"HARPER/SpellCheck"), "{codes:?}");

    let need = text.find("need").unwrap();
    let hover = server.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": utf16(text, need + 2)}),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(
        shown.starts_with("**Subject and verb agreement** · grammar"),
        "{shown}"
    );
    // The pair least like the writer's sentence, as in a report.
    let (incorrect, _) = ownvoice::catalogue::catalogue()
        .entry("subject-verb-agreement")
        .unwrap()
        .pair_for("My brother need a new bike.");
    assert!(shown.contains(&format!("✗ {incorrect}")), "{shown}");
    assert!(!incorrect.contains("brother"), "{incorrect}");
    assert!(
        shown.contains("`ownvoice explain subject-verb-agreement`"),
        "{shown}"
    );
    assert_eq!(hover["range"], range_of(text, "brother need", 0));
    let nothing = server.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
    );
    assert_eq!(nothing, Value::Null);

    let spelling = diagnostics
        .iter()
        .find(|d| d["code"] == "HARPER/SpellCheck")
        .unwrap()
        .clone();
    let actions = server.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": spelling["range"],
               "context": {"diagnostics": [spelling]}}),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Explain: Possible spelling mistake",
            "Add “recieve” to my dictionary",
            "Turn off HARPER/SpellCheck for this workspace",
            "Turn off HARPER/SpellCheck for me",
        ]
    );
    let explain = actions[0]["command"].clone();
    server.call("workspace/executeCommand", explain);
    let shown = server.wait("the lesson shown", |m| m["method"] == "window/showDocument");
    let page = shown["params"]["uri"]
        .as_str()
        .unwrap()
        .strip_prefix("file://")
        .unwrap()
        .to_string();
    let lesson = std::fs::read_to_string(page).unwrap();
    assert!(
        lesson.starts_with("# Possible spelling mistake\n"),
        "{lesson}"
    );
    assert!(lesson.contains("✗ I recieved a letter"), "{lesson}");

    // The word goes into the personal dictionary; the documents are checked again without it.
    server.call("workspace/executeCommand", actions[1]["command"].clone());
    server.message_with("“recieve” is now in your dictionary");
    let dictionary = server.dir.path().join("config/dictionary.txt");
    assert_eq!(std::fs::read_to_string(&dictionary).unwrap(), "recieve\n");
    let again = server.diagnostics_where(&uri, 1, |d| {
        d.iter().all(|d| d["code"] != "HARPER/SpellCheck")
    });
    assert!(!again.is_empty());

    // Turning a rule off for the workspace writes .ownvoice.toml, comments kept.
    let grammar = again
        .iter()
        .find(|d| d["code"] != "HARPER/SpellCheck")
        .unwrap()
        .clone();
    let rule = grammar["code"].as_str().unwrap().to_string();
    let actions = server.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": grammar["range"],
               "context": {"diagnostics": [grammar]}}),
    );
    let off = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == format!("Turn off {rule} for this workspace"))
        .unwrap();
    server.call("workspace/executeCommand", off["command"].clone());
    server.message_with(&format!("{rule} is now off"));
    let after = std::fs::read_to_string(&workspace).unwrap();
    assert_eq!(after, format!("{before}disable = [\"{rule}\"]\n"));
    server.diagnostics_where(&uri, 1, |d| d.iter().all(|d| d["code"] != rule.as_str()));
    // The document itself was never written.
    assert!(!server.work().join("bike.txt").exists());
    assert_eq!(server.finish(), Some(0));
}

#[test]
fn a_changed_paragraph_is_the_only_one_checked_again() {
    let cache = tempfile::tempdir().unwrap();
    let mut server = Server::start(Some(cache.path()), false);
    server.initialize(json!({}), json!({"pauseMs": 50}));
    let text = "The weather was lovely on Sunday.\n\n\
                We walked to the river with our friends.\n\n\
                Then we went home and cooked dinner together.\n";
    let uri = server.uri("walk.txt");
    server.open(&uri, "plaintext", text);
    assert_eq!(server.diagnostics(&uri, 1), Vec::<Value>::new());
    let log = server.wait("the first check's log", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .unwrap()
                .contains("(version 1)")
    });
    assert!(
        log["params"]["message"]
            .as_str()
            .unwrap()
            .contains("3 of 3 paragraphs by the engines"),
        "{log}"
    );
    // "We walked" becomes "She walk": one paragraph changed, by a ranged change.
    let we = text.find("We walked").unwrap();
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{
                "range": {"start": utf16(text, we), "end": utf16(text, we + "We walked".len())},
                "text": "She walk",
            }],
        }),
    );
    let changed = text.replacen("We walked", "She walk", 1);
    let diagnostics = server.diagnostics(&uri, 2);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["range"], range_of(&changed, "She walk", 0));
    let found: Vec<(String, Value)> = diagnostics
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["range"].clone()))
        .collect();
    assert_eq!(found, check_ranges(&changed, "plain"));
    let log = server.wait("the second check's log", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .unwrap()
                .contains("(version 2)")
    });
    assert!(
        log["params"]["message"]
            .as_str()
            .unwrap()
            .contains("1 of 3 paragraphs by the engines"),
        "{log}"
    );
    assert_eq!(server.finish(), Some(0));
}

#[test]
fn settings_change_while_running_and_a_wrong_one_is_named() {
    let mut server = Server::start(None, false);
    server.initialize(
        json!({}),
        json!({"ownvoice": {"severity": "warning", "loudness": 11, "dialect": "martian"}}),
    );
    server.message_with("setting 'loudness' is not one ownvoice knows");
    server.message_with("setting 'dialect' must be one of us, gb, au, ca");
    let text = "My brother need a new bike. I recieve letters.\n";
    let uri = server.uri("letters.md");
    server.open(&uri, "markdown", text);
    let diagnostics = server.diagnostics(&uri, 1);
    assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
    assert!(diagnostics.iter().all(|d| d["severity"] == 2));

    // Turn the spell checker off, and learn with the ladder: the diagnostics are shown again
    // at once in their new words, then once more when the engines have reloaded.
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"ownvoice": {"disable": ["HARPER/SpellCheck"], "hints": "ladder"}}}),
    );
    let diagnostics = server.diagnostics_where(&uri, 1, |d| d.len() == 1);
    let ladder: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["message"] == "Something here is not quite right.")
        .collect();
    assert_eq!(ladder.len(), 1, "{diagnostics:?}");
    assert!(ladder[0].get("code").is_none(), "the rule is a later hint");
    assert_eq!(
        ladder[0]["severity"], 2,
        "the initialization options still stand"
    );
    let position = utf16(text, text.find("need").unwrap());
    let hover = |server: &mut Server| {
        let hover = server.call(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position}),
        );
        hover["contents"]["value"].as_str().unwrap().to_string()
    };
    let second = hover(&mut server);
    assert!(
        second.contains("Hint 2 of 5 (what kind):** Subject and verb agreement"),
        "{second}"
    );
    assert!(!second.contains("Hint 3"), "{second}");
    let third = hover(&mut server);
    assert!(third.contains("Hint 3 of 5 (ask yourself):"), "{third}");
    assert!(!third.contains("Hint 4"), "{third}");
    let fourth = hover(&mut server);
    assert!(fourth.contains("Hint 4 of 5 (why):"), "{fourth}");
    assert!(fourth.contains("suggestion stays hidden"), "{fourth}");
    assert!(!fourth.contains("needs"), "{fourth}");
    let again = hover(&mut server);
    assert_eq!(
        again, fourth,
        "without reveal the ladder stops at the lesson"
    );

    // An unknown rule id in the settings is named; the rest still applies.
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"ownvoice": {"disable": ["GRAMMAR/NO_SUCH_RULE"], "reveal": true}}}),
    );
    server.message_with("unknown rule id 'GRAMMAR/NO_SUCH_RULE'");
    let diagnostics = server.diagnostics_where(&uri, 1, |d| d.len() == 2);
    assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
    let spelling = diagnostics
        .iter()
        .find(|d| d["code"] == "HARPER/SpellCheck")
        .unwrap();
    let message = spelling["message"].as_str().unwrap();
    assert!(
        message.contains("(a suggestion to consider: “receive”"),
        "{message}"
    );
    assert_eq!(server.finish(), Some(0));
}

#[test]
fn malformed_unknown_and_early_messages_are_answered_and_the_server_goes_on() {
    let mut server = Server::start(None, false);
    let early = server.request("textDocument/hover", json!({}));
    assert_eq!(server.response(early)["error"]["code"], -32002);
    server.send_raw(b"Content-Length: 16\r\n\r\n{\"jsonrpc\": \"2.0");
    let parse = server.wait("the parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(parse["id"], Value::Null);
    server.send(&json!({"jsonrpc": "2.0", "id": 99}));
    let invalid = server.wait("the invalid request", |m| m["error"]["code"] == -32600);
    assert_eq!(invalid["id"], 99);
    server.initialize(json!({}), Value::Null);
    let unknown = server.request("textDocument/frobnicate", json!({}));
    let answer = server.response(unknown);
    assert_eq!(answer["error"]["code"], -32601);
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("textDocument/frobnicate")
    );
    // Parameters that do not read are the request's error, not the server's end.
    let bad = server.request("textDocument/hover", json!({"textDocument": 3}));
    assert_eq!(server.response(bad)["error"]["code"], -32602);
    // Notifications it does not know, or cannot read, get no answer at all.
    server.notify("$/setTrace", json!({"value": "off"}));
    server.notify("textDocument/didOpen", json!({"textDocument": "nope"}));
    let again = server.request("initialize", json!({"capabilities": {}}));
    assert_eq!(server.response(again)["error"]["code"], -32600);
    assert_eq!(server.finish(), Some(0));
}

#[test]
fn exit_without_shutdown_is_status_1_and_a_vanished_client_ends_the_server() {
    let mut server = Server::start(None, false);
    server.initialize(json!({}), Value::Null);
    server.notify("exit", Value::Null);
    assert_eq!(server.exit_status(), Some(1));

    let mut server = Server::start(None, false);
    server.initialize(json!({}), Value::Null);
    server.open(&server.uri("a.txt"), "plaintext", "She go home.\n");
    assert_eq!(server.vanish(), Some(1));

    // After shutdown only exit is taken.
    let mut server = Server::start(None, false);
    server.initialize(json!({}), Value::Null);
    server.call("shutdown", Value::Null);
    let late = server.request("textDocument/hover", json!({}));
    assert_eq!(server.response(late)["error"]["code"], -32600);
    server.notify("exit", Value::Null);
    assert_eq!(server.exit_status(), Some(0));
}

#[test]
fn a_document_over_max_file_bytes_gets_a_message_instead_of_a_check() {
    let mut server = Server::start(None, false);
    server.initialize(json!({}), json!({"maxFileBytes": 100}));
    let uri = server.uri("long.txt");
    let text = "She go home. ".repeat(20);
    server.open(&uri, "plaintext", &text);
    server.message_with("long.txt is not checked: it has 260 bytes, over the maxFileBytes");
    assert_eq!(server.diagnostics(&uri, 1), Vec::<Value>::new());
    // Raised, the document is checked.
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"maxFileBytes": 1000}}),
    );
    server.diagnostics_where(&uri, 1, |d| !d.is_empty());
    assert_eq!(server.finish(), Some(0));
}

#[test]
fn a_client_that_pulls_diagnostics_gets_them_when_it_asks() {
    let mut server = Server::start(None, false);
    let capabilities = server.initialize(
        json!({
            "textDocument": {"diagnostic": {"dynamicRegistration": false}},
            "workspace": {"configuration": true},
        }),
        json!({"severity": "hint"}),
    );
    assert_eq!(
        capabilities["diagnosticProvider"]["interFileDependencies"],
        false
    );
    // The client's `ownvoice` section is empty (null): the initialization options stand.
    // Two requests make sure the server has taken the section before the document opens.
    let uri = server.uri("pull.txt");
    for _ in 0..2 {
        let nothing = server.call(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
        );
        assert_eq!(nothing, Value::Null);
    }
    assert!(
        server
            .seen
            .iter()
            .any(|m| m["method"] == "workspace/configuration")
    );
    let text = "My brother need a new bike.\n";
    server.open(&uri, "plaintext", text);
    let report = server.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(report["kind"], "full");
    assert_eq!(
        report["items"][0]["range"],
        range_of(text, "brother need", 0)
    );
    assert_eq!(report["items"][0]["severity"], 4, "{report}");
    let same = server.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}, "previousResultId": report["resultId"]}),
    );
    assert_eq!(same["kind"], "unchanged");
    assert!(
        !server.came_within(Duration::from_millis(300), |m| {
            m["method"] == "textDocument/publishDiagnostics"
        }),
        "a pulling client is not pushed to"
    );
    assert_eq!(server.finish(), Some(0));
}

#[test]
fn a_saved_document_is_counted_in_the_journal_without_its_text() {
    let mut server = Server::start(None, true);
    server.initialize(json!({}), Value::Null);
    let uri = server.uri("diary.txt");
    server.open(&uri, "plaintext", "My brother need a new bike.\n");
    server.diagnostics(&uri, 1);
    server.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let journal = server.dir.path().join("data/journal.jsonl");
    let mut lines = String::new();
    for _ in 0..200 {
        lines = std::fs::read_to_string(&journal).unwrap_or_default();
        if !lines.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    let run: Value = serde_json::from_str(lines.trim()).unwrap();
    assert_eq!(run["command"], "lsp");
    assert_eq!(run["words"], 6);
    assert_eq!(run["points"]["subject-verb-agreement"], 1);
    assert!(!lines.contains("brother"), "{lines}");
    assert_eq!(server.finish(), Some(0));
}
