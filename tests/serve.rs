//! `ownvoice serve` as LanguageTool clients meet it: the real binary on a free loopback port,
//! asked over real sockets. Loading the engines takes a few seconds, so one server answers
//! every check here, one part of the API after another (`serve_lifecycle.rs` has the tests
//! that need a server of their own).

mod common;

use std::io::Write;

use common::http::{Reply, Server, flagged, form};
use common::{jsonl, ownvoice};
use serde_json::Value;

/// Accents and emoji before the mistakes: a byte or char offset would put each underline in
/// the wrong place for a Java or JavaScript client.
const TEXT: &str = "Café owners in Zürich 😀😀 said she go home.\n\nMy brother need a new bike.";

fn matches(reply: &Reply) -> Vec<Value> {
    reply.json()["matches"].as_array().unwrap().clone()
}

/// (rule, flagged words) of every match.
fn found(text: &str, reply: &Reply) -> Vec<(String, String)> {
    matches(reply)
        .iter()
        .map(|m| {
            (
                m["rule"]["id"].as_str().unwrap().to_string(),
                flagged(text, m),
            )
        })
        .collect()
}

#[test]
fn the_server_answers_languagetool_clients() {
    let server = Server::start(&["--max-text-bytes", "5000"]);
    response_shape(&server);
    same_spans_as_check(&server);
    annotated_data(&server);
    query_strings(&server);
    rule_options(&server);
    bad_requests(&server);
    vanishing_clients(&server);
    lesson_per_finding(&server);
    // After all that, it still answers.
    assert_eq!(
        found(TEXT, &server.post("/v2/check", &[("text", TEXT)])).len(),
        2
    );
}

fn response_shape(server: &Server) {
    let reply = server.post("/v2/check", &[("text", TEXT), ("language", "en-US")]);
    assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
    let answer = reply.json();
    let software = &answer["software"];
    assert_eq!(software["name"], "ownvoice");
    assert_eq!(software["apiVersion"], 1);
    assert_eq!(software["premium"], false);
    assert!(software["version"].is_string() && software["buildDate"].is_string());
    assert!(software["status"].is_string());
    assert_eq!(answer["warnings"]["incompleteResults"], false);
    assert_eq!(answer["language"]["code"], "en-US");
    assert_eq!(answer["language"]["detectedLanguage"]["code"], "en-US");
    assert_eq!(
        found(TEXT, &reply),
        [
            (
                "OWNVOICE/THIRD_PERSON_S_AFTER_CONJUNCTION".into(),
                "she go".into()
            ),
            (
                "OWNVOICE/SINGULAR_SUBJECT_BASE_VERB".into(),
                "brother need".into()
            )
        ]
    );
    let first = &matches(&reply)[0];
    // "she go" is after 2 emoji: 4 UTF-16 units, 2 chars, 8 bytes.
    let chars = TEXT[..TEXT.find("she go home").unwrap()].chars().count();
    assert_eq!(first["offset"].as_u64().unwrap() as usize, chars + 2);
    assert_eq!(first["length"], 6);
    assert_eq!(first["shortMessage"], "Subject and verb agreement");
    let message = first["message"].as_str().unwrap();
    assert!(message.starts_with("Subject and verb agreement: In the present tense"));
    assert!(
        message.ends_with('.') && message.matches(". ").count() == 0,
        "{message}"
    );
    assert_eq!(first["rule"]["description"], "Subject and verb agreement");
    assert_eq!(first["rule"]["issueType"], "grammar");
    assert_eq!(first["rule"]["category"]["id"], "OWNVOICE");
    assert!(first["rule"]["category"]["name"].is_string());
    assert_eq!(first["type"]["typeName"], "Other");
    assert_eq!(
        first["sentence"],
        "Café owners in Zürich 😀😀 said she go home."
    );
    let context = &first["context"];
    let units: Vec<u16> = context["text"].as_str().unwrap().encode_utf16().collect();
    let at = context["offset"].as_u64().unwrap() as usize;
    let length = context["length"].as_u64().unwrap() as usize;
    assert_eq!(
        String::from_utf16(&units[at..at + length]).unwrap(),
        "she go"
    );
    assert_eq!(first["ignoreForIncompleteSentence"], false);
    assert!(first["contextForSureMatch"].is_number());
    // Never a rewrite without --reveal.
    for found in matches(&reply) {
        assert_eq!(found["replacements"], Value::Array(vec![]), "{found}");
    }
}

/// The spans are exactly those `ownvoice check` reports for the same text.
fn same_spans_as_check(server: &Server) {
    let text = std::fs::read_to_string("examples/sample.txt").unwrap();
    let reply = server.post("/v2/check", &[("text", &text), ("language", "en")]);
    let output = ownvoice()
        .args(["check", "--format", "jsonl", "-"])
        .write_stdin(text.clone())
        .output()
        .unwrap();
    let utf16 = |byte: u64| text[..byte as usize].encode_utf16().count() as u64;
    let expected: Vec<(String, u64, u64)> = jsonl(&output.stdout)
        .iter()
        .map(|issue| {
            let start = utf16(issue["byte_start"].as_u64().unwrap());
            let end = utf16(issue["byte_end"].as_u64().unwrap());
            (
                issue["rule"].as_str().unwrap().to_string(),
                start,
                end - start,
            )
        })
        .collect();
    let served: Vec<(String, u64, u64)> = matches(&reply)
        .iter()
        .map(|m| {
            (
                m["rule"]["id"].as_str().unwrap().to_string(),
                m["offset"].as_u64().unwrap(),
                m["length"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(expected.len() >= 5, "{expected:?}");
    assert_eq!(served, expected);
}

/// LanguageTool's `data`: markup is skipped, `interpretAs` stands in for it, and offsets
/// count in the whole annotated document.
fn annotated_data(server: &Server) {
    let data = r###"{"annotation":[
        {"markup":"## ","interpretAs":""},
        {"text":"what we did last summer in the mountains with friends"},
        {"markup":"\n\n","interpretAs":"\n\n"},
        {"markup":"<p class=\"x\">"},{"text":"Caf\u00e9 😀 "},{"markup":"<b>"},
        {"text":"he need"},{"markup":"</b>"},{"text":" help."},
        {"markup":"</p><p>","interpretAs":"\n\n"},
        {"markup":"<code>he need</code>","interpretAs":"London"},{"text":" is nice."},
        {"markup":"<br>","interpretAs":"\n"},{"text":"She go home."}
    ]}"###;
    let document = "## what we did last summer in the mountains with friends\n\n<p class=\"x\">Café \
                    😀 <b>he need</b> help.</p><p><code>he need</code> is nice.<br>She go home.";
    let reply = server.post("/v2/check", &[("data", data), ("language", "en-GB")]);
    let found = found(document, &reply);
    assert_eq!(
        found,
        [
            ("GRAMMAR/HE_NEED".into(), "need".into()),
            ("OWNVOICE/THIRD_PERSON_S".into(), "She go".into()),
        ],
        "nothing inside the <code> markup, and a heading needs no full stop"
    );
}

fn query_strings(server: &Server) {
    let query = form(&[("text", "She go home."), ("language", "en-US")]);
    let reply = server.get(&format!("/v2/check?{query}"));
    assert_eq!(found("She go home.", &reply).len(), 1);
    // The query string and the form body together.
    let body = form(&[("text", "He need a new bike.")]);
    let reply = server.raw(
        format!(
            "POST /v2/check?language=en-GB HTTP/1.1\r\nHost: x\r\nContent-Type: \
             application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    );
    assert_eq!(reply.json()["language"]["code"], "en-GB");
    assert_eq!(found("He need a new bike.", &reply)[0].1, "need");
    let languages: Value = serde_json::from_str(&server.get("/v2/languages").body).unwrap();
    let codes: Vec<&str> = languages
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["longCode"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"en-US") && codes.contains(&"en-GB"),
        "{codes:?}"
    );
    assert_eq!(server.get("/v2/healthcheck").status, 200);
}

/// Rule options of one request change only that request's matches.
fn rule_options(server: &Server) {
    let check = |extra: &[(&str, &str)]| {
        let mut fields = vec![("text", TEXT), ("language", "en")];
        fields.extend_from_slice(extra);
        found(TEXT, &server.post("/v2/check", &fields))
    };
    let rules = |found: Vec<(String, String)>| -> Vec<String> {
        found.into_iter().map(|(rule, _)| rule).collect()
    };
    assert_eq!(
        rules(check(&[])),
        [
            "OWNVOICE/THIRD_PERSON_S_AFTER_CONJUNCTION",
            "OWNVOICE/SINGULAR_SUBJECT_BASE_VERB"
        ]
    );
    // A rule left out hides no other: Harper's finding on the same words comes back.
    let without = rules(check(&[(
        "disabledRules",
        "OWNVOICE/THIRD_PERSON_S_AFTER_CONJUNCTION,NO_SUCH_RULE",
    )]));
    assert_eq!(
        without,
        [
            "HARPER/PronounVerbAgreement",
            "OWNVOICE/SINGULAR_SUBJECT_BASE_VERB"
        ]
    );
    assert!(
        !rules(check(&[("disabledCategories", "OWNVOICE")]))
            .iter()
            .any(|rule| rule.starts_with("OWNVOICE")),
    );
    let he_need = "He need a new bike.";
    let only = server.post(
        "/v2/check",
        &[
            ("text", he_need),
            ("enabledRules", "HE_NEED"),
            ("enabledOnly", "true"),
        ],
    );
    assert_eq!(
        found(he_need, &only),
        [("GRAMMAR/HE_NEED".into(), "need".into())],
        "a LanguageTool rule id names its group"
    );
    // A variety: British spelling is flagged for American English only.
    let colour = "The colour of the sky.";
    let spelled = |language: &str| {
        found(
            colour,
            &server.post("/v2/check", &[("text", colour), ("language", language)]),
        )
    };
    assert_eq!(spelled("en-GB"), []);
    assert_eq!(spelled("en"), []);
    assert_eq!(
        spelled("en-US"),
        [("HARPER/SpellCheck".into(), "colour".into())]
    );
}

fn bad_requests(server: &Server) {
    let refused = |reply: Reply, status: u16, words: &str| {
        assert_eq!(reply.status, status, "{}", reply.body);
        assert!(
            reply.body.contains(words),
            "{words:?} not in {}",
            reply.body
        );
        assert_eq!(reply.body.trim_end().lines().count(), 1, "{}", reply.body);
        assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
    };
    refused(
        server.post("/v2/check", &[("language", "en-US")]),
        400,
        "'text'",
    );
    refused(
        server.post("/v2/check", &[("text", "Hallo"), ("language", "de-DE")]),
        400,
        "'de-DE'",
    );
    refused(
        server.post(
            "/v2/check",
            &[("data", "{\"annotation\": [{"), ("language", "en")],
        ),
        400,
        "'data'",
    );
    refused(
        server.post("/v2/check", &[("text", "x"), ("level", "expert")]),
        400,
        "'level'",
    );
    let not_utf8 = b"POST /v2/check HTTP/1.1\r\nHost: x\r\nContent-Length: 14\r\nConnection: \
                     close\r\n\r\ntext=%FF%FEabc";
    refused(server.raw(not_utf8), 400, "UTF-8");
    let long = "She go home. ".repeat(400);
    refused(server.post("/v2/check", &[("text", &long)]), 413, "5000");
    let huge = "POST /v2/check HTTP/1.1\r\nHost: x\r\nContent-Length: 900000000\r\nConnection: \
                close\r\n\r\ntext=a";
    refused(server.raw(huge.as_bytes()), 413, "900000000");
    refused(server.get("/v3/nothing"), 404, "/v2/check");
    let delete = b"DELETE /v2/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    assert_eq!(server.raw(delete).status, 405);
    assert_eq!(server.raw(b"NONSENSE\r\n\r\n").status, 400);
    let preflight = server.raw(
        b"OPTIONS /v2/check HTTP/1.1\r\nHost: x\r\nOrigin: moz-extension://abc\r\n\
          Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type\r\n\
          Connection: close\r\n\r\n",
    );
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
    assert!(
        preflight
            .header("access-control-allow-methods")
            .is_some_and(|methods| methods.contains("POST"))
    );
}

/// Clients that stop half-way or go away hold no checker and stop no one else.
fn vanishing_clients(server: &Server) {
    // A body that never comes, kept open while others are answered.
    let mut stalled = server.connect();
    stalled
        .write_all(b"POST /v2/check HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\ntext=She")
        .unwrap();
    // A client that goes away in the middle of its body, of its headers, and before reading
    // its answer.
    for partial in [
        &b"POST /v2/check HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\ntext=He+need"[..],
        b"POST /v2/check HTTP/1.1\r\nHost: x\r\nContent-Le",
    ] {
        let mut gone = server.connect();
        gone.write_all(partial).unwrap();
        drop(gone);
    }
    let body = form(&[("text", &"She go home. ".repeat(200))]);
    let mut impatient = server.connect();
    impatient
        .write_all(
            format!(
                "POST /v2/check HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        )
        .unwrap();
    drop(impatient);
    for _ in 0..3 {
        assert_eq!(
            found(
                "She go home.",
                &server.post("/v2/check", &[("text", "She go home.")])
            )
            .len(),
            1
        );
    }
    drop(stalled);
}

/// Each match's message names the lesson of its own finding, as a report does: "was" after
/// a plural subject is the was/were lesson, not the present-tense agreement one.
fn lesson_per_finding(server: &Server) {
    let text = "My parents was farmers. Yesterday I have spoke to her.";
    let reply = server.post("/v2/check", &[("text", text), ("language", "en-US")]);
    let titles: Vec<(String, String)> = matches(&reply)
        .iter()
        .map(|m| {
            (
                flagged(text, m),
                m["shortMessage"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        titles,
        [
            ("was".to_string(), "Was or were".to_string()),
            (
                "have spoke".to_string(),
                "Past simple with a finished time".to_string()
            ),
        ]
    );
}
