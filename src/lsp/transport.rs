//! The wire: JSON-RPC messages framed by `Content-Length` headers on standard input and
//! output, read and written by two threads of their own so that the message loop never
//! waits on a pipe.
//!
//! lsp-server's own stdio transport ends the connection on the first payload that is not a
//! message; a server must instead answer it (JSON-RPC's parse error or invalid request, with
//! a null id) and go on. So the framing is ours, and the messages are lsp-server's types.
//! Nothing here looks inside a message beyond telling requests, notifications and responses
//! apart. Invariant: every body handed on or written is one whole JSON text; a header block
//! that cannot be read is skipped to its blank line, never guessed at.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::thread::{self, JoinHandle};

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message};
use serde_json::{Value, json};

/// The largest message read: a document larger than this is skipped whole, unread, so that
/// the stream stays in step. Far above `maxFileBytes`, which decides what is checked.
const MAX_MESSAGE: usize = 256 << 20;

/// What the reader hands the message loop.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A body that is not a message: the answer to send back (a parse error or an invalid
    /// request, with the request's id when it had a usable one, else null).
    Malformed(String),
    /// The client closed its end of the stream (or reading it failed, said here).
    Closed(Option<String>),
}

/// Reads framed messages from `input` until it ends, handing each to `deliver`; stops early
/// when `deliver` returns false (nobody listens any more).
pub fn spawn_reader(
    input: impl Read + Send + 'static,
    deliver: impl Fn(Incoming) -> bool + Send + 'static,
) -> JoinHandle<()> {
    thread::Builder::new()
        .name("ownvoice-lsp-reader".into())
        .spawn(move || {
            let mut input = BufReader::with_capacity(64 << 10, input);
            loop {
                let incoming = match read_body(&mut input) {
                    Ok(Some(Body::Text(body))) => parse(&body),
                    Ok(Some(Body::Unreadable(why))) => {
                        Incoming::Malformed(error_reply(Value::Null, ErrorCode::ParseError, &why))
                    }
                    Ok(None) => Incoming::Closed(None),
                    Err(error) => Incoming::Closed(Some(error.to_string())),
                };
                let closed = matches!(incoming, Incoming::Closed(_));
                if !deliver(incoming) || closed {
                    return;
                }
            }
        })
        .expect("a thread can be started")
}

/// Writes each body it receives as one framed message and flushes it; ends when every
/// sender is gone, or when the output fails (the client has gone).
pub fn spawn_writer(output: impl Write + Send + 'static) -> (Sender<String>, JoinHandle<()>) {
    let (sender, receiver): (Sender<String>, Receiver<String>) = crossbeam_channel::unbounded();
    let handle = thread::Builder::new()
        .name("ownvoice-lsp-writer".into())
        .spawn(move || {
            let mut output = io::BufWriter::new(output);
            for body in receiver {
                let written = write!(output, "Content-Length: {}\r\n\r\n", body.len())
                    .and_then(|()| output.write_all(body.as_bytes()))
                    .and_then(|()| output.flush());
                if written.is_err() {
                    return;
                }
            }
        })
        .expect("a thread can be started");
    (sender, handle)
}

/// A message as the JSON text sent on the wire.
pub fn encode(message: &Message) -> String {
    let mut value = serde_json::to_value(message).unwrap_or(Value::Null);
    if let Value::Object(fields) = &mut value {
        fields.insert("jsonrpc".into(), "2.0".into());
    }
    value.to_string()
}

/// An error answer to a request whose id may be unknown (`null`).
pub fn error_reply(id: Value, code: ErrorCode, message: &str) -> String {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": message },
    })
    .to_string()
}

enum Body {
    Text(String),
    /// The header block or body could not be used; the reason, for the parse error.
    Unreadable(String),
}

/// The next body, `None` at the end of the stream.
fn read_body(input: &mut impl BufRead) -> io::Result<Option<Body>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = Vec::new();
    let mut any = false;
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if any {
                break;
            }
            // Blank lines between messages are tolerated.
            continue;
        }
        any = true;
        if let Some((name, value)) = text.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("Content-Length is not a number: {:?}", value.trim())),
            );
        }
    }
    let length = match length {
        Some(Ok(length)) => length,
        Some(Err(why)) => return Ok(Some(Body::Unreadable(why))),
        None => {
            return Ok(Some(Body::Unreadable(
                "a message without a Content-Length header".into(),
            )));
        }
    };
    if length > MAX_MESSAGE {
        // Read past it, to stay in step with the stream.
        let skipped = io::copy(&mut input.take(length as u64), &mut io::sink())?;
        if skipped < length as u64 {
            return Ok(None);
        }
        return Ok(Some(Body::Unreadable(format!(
            "a message of {length} bytes, over the limit of {MAX_MESSAGE}"
        ))));
    }
    let mut body = vec![0; length];
    if let Err(error) = input.read_exact(&mut body) {
        return match error.kind() {
            io::ErrorKind::UnexpectedEof => Ok(None),
            _ => Err(error),
        };
    }
    Ok(Some(match String::from_utf8(body) {
        Ok(text) => Body::Text(text),
        Err(_) => Body::Unreadable("the message is not UTF-8".into()),
    }))
}

/// A body as a message, or the answer that says why it is not one.
fn parse(body: &str) -> Incoming {
    let value: Value = match serde_json::from_str(body) {
        Ok(value) => value,
        Err(error) => {
            let why = format!("the message is not JSON: {error}");
            return Incoming::Malformed(error_reply(Value::Null, ErrorCode::ParseError, &why));
        }
    };
    // The id to answer with: the request's own when it is one JSON-RPC allows.
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    if !value.is_object() {
        let why = "a message must be a JSON object (batches are not used by LSP)";
        return Incoming::Malformed(error_reply(id, ErrorCode::InvalidRequest, why));
    }
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(_) => Incoming::Malformed(error_reply(
            id,
            ErrorCode::InvalidRequest,
            "not a JSON-RPC request, notification or response",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies(stream: &str) -> Vec<Result<String, String>> {
        let mut input = io::Cursor::new(stream.as_bytes().to_vec());
        let mut found = Vec::new();
        while let Some(body) = read_body(&mut input).unwrap() {
            found.push(match body {
                Body::Text(text) => Ok(text),
                Body::Unreadable(why) => Err(why),
            });
        }
        found
    }

    #[test]
    fn frames_are_read_by_their_length_and_bad_headers_skipped() {
        let stream = "Content-Length: 2\r\n\r\n{}\
                      Content-Type: x\r\ncontent-length: 4\r\n\r\nnull\
                      garbage line\r\n\r\n\
                      Content-Length: ten\r\n\r\n\
                      Content-Length: 3\r\n\r\n[1]";
        assert_eq!(
            bodies(stream),
            [
                Ok("{}".to_string()),
                Ok("null".to_string()),
                Err("a message without a Content-Length header".to_string()),
                Err("Content-Length is not a number: \"ten\"".to_string()),
                Ok("[1]".to_string()),
            ]
        );
        // A body cut short is the end of the stream, not a message.
        assert_eq!(bodies("Content-Length: 10\r\n\r\n{}"), []);
    }

    #[test]
    fn non_messages_are_answered_with_the_right_error() {
        let reply = |body: &str| match parse(body) {
            Incoming::Malformed(reply) => serde_json::from_str::<Value>(&reply).unwrap(),
            other => panic!("{other:?}"),
        };
        let broken = reply("{\"jsonrpc\": \"2.0\", \"id\": 1,");
        assert_eq!(broken["error"]["code"], -32700);
        assert_eq!(broken["id"], Value::Null);
        let batch = reply("[]");
        assert_eq!(batch["error"]["code"], -32600);
        let no_method = reply("{\"jsonrpc\": \"2.0\", \"id\": 7}");
        assert_eq!(no_method["error"]["code"], -32600);
        assert_eq!(no_method["id"], 7);
        assert!(matches!(
            parse("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"shutdown\"}"),
            Incoming::Message(Message::Request(_))
        ));
    }
}
