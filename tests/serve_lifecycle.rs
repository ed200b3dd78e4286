//! `ownvoice serve` over its life: started with --reveal, under load (1,000 requests, 50
//! at a time), stopped with SIGTERM while it is checking, and refused a port in use. The
//! real binary on a free loopback port, asked over real sockets.

mod common;

use std::io::Write;
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::http::{Reply, Server, flagged, form};
use common::ownvoice;
use nix::sys::signal::Signal;
use serde_json::Value;

fn matches(reply: &Reply) -> Vec<Value> {
    reply.json()["matches"].as_array().unwrap().clone()
}

#[test]
fn replacements_only_with_reveal() {
    let server = Server::start(&["--reveal"]);
    let reply = server.post(
        "/v2/check",
        &[("text", "He need a new bike."), ("language", "en")],
    );
    let found = &matches(&reply)[0];
    let values: Vec<&str> = found["replacements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["value"].as_str().unwrap())
        .collect();
    assert!(values.contains(&"needs"), "{values:?}");
    // A replacement that leaves the sentence wrong is not shown: "most student" and "most
    // of the student" both fail the engines' own check, as they do with `check --reveal`.
    let reply = server.post(
        "/v2/check",
        &[
            ("text", "Most of student like the new teacher."),
            ("language", "en"),
        ],
    );
    let found = &matches(&reply)[0];
    assert_eq!(found["rule"]["id"], "GRAMMAR/ALL_MOST_SOME_OF_NOUN");
    assert_eq!(found["replacements"], Value::Array(vec![]), "{found}");
}

/// 1,000 requests, 50 at a time: every one answered, each with the same matches.
#[test]
fn many_clients_at_once_are_all_answered() {
    let server = Server::start(&[]);
    let texts = [
        "She speak English with her friends every day.",
        "My brother need a new bike, and he have no money.",
        "We discussed about the informations yesterday.",
        "The weather was lovely and we walked to the river.",
    ];
    let expected: Vec<usize> = texts
        .iter()
        .map(|text| matches(&server.post("/v2/check", &[("text", text)])).len())
        .collect();
    let next = AtomicUsize::new(0);
    let answered = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..50 {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= 1_000 {
                        break;
                    }
                    let text = texts[i % texts.len()];
                    let reply = server.post("/v2/check", &[("text", text)]);
                    assert_eq!(matches(&reply).len(), expected[i % texts.len()], "{text}");
                    answered.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    assert_eq!(answered.load(Ordering::Relaxed), 1_000);
    assert!(expected.iter().sum::<usize>() >= 4, "{expected:?}");
}

/// SIGTERM while a request is being checked: it is answered, then the server stops with
/// status 0, and says so.
#[test]
fn sigterm_answers_what_is_in_flight_then_stops() {
    let server = Server::start(&[]);
    let text = "My brother need a new bike. ".repeat(1_000);
    let body = form(&[("text", &text)]);
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    stream
        .write_all(
            format!(
                "POST /v2/check HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        )
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let address = server.address.clone();
    let (status, stderr) = server.stop(Signal::SIGTERM);
    let reply = Reply::read(&mut stream);
    let flags: Vec<String> = matches(&reply).iter().map(|m| flagged(&text, m)).collect();
    assert_eq!(
        flags,
        vec!["brother need"; 1_000],
        "every sentence's mistake"
    );
    assert_eq!(status.code(), Some(0), "{stderr:?}");
    assert!(
        stderr.last().is_some_and(|line| line.contains("stopped")),
        "{stderr:?}"
    );
    assert!(TcpStream::connect(address).is_err(), "no longer listening");
}

#[test]
fn a_port_in_use_is_one_line() {
    let server = Server::start(&[]);
    let port = server.address.rsplit(':').next().unwrap();
    let output = ownvoice().args(["serve", "--port", port]).output().unwrap();
    common::one_error_line(&output, &["cannot listen", port]);
}
