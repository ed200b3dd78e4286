//! The real `ownvoice serve` on a free loopback port, and a plain HTTP/1.1 client over a TCP
//! socket: requests are written byte for byte, so tests can also send what no library would
//! (a malformed request, a body that stops half-way, a client that goes away).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::process::{Child, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use serde_json::Value;

/// How long a test waits for the server to be ready, or for one answer, before failing.
const PATIENCE: Duration = Duration::from_secs(180);

/// A running `ownvoice serve`, killed when dropped.
pub struct Server {
    child: Child,
    /// The server's own process: the child, or the child's child under a wrapper.
    pid: Pid,
    /// `127.0.0.1:PORT`.
    pub address: String,
    /// Every line the server wrote to standard error so far.
    pub stderr: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts `ownvoice serve --port 0 ARGS...` isolated from the user's setup, and waits
    /// until it says it is ready.
    pub fn start(args: &[&str]) -> Server {
        Server::start_under(&[], args)
    }

    /// [`Server::start`], with the server run by `wrapper` (a program and its arguments,
    /// such as a tracer, that starts the command after them as its only child).
    pub fn start_under(wrapper: &[&str], args: &[&str]) -> Server {
        let mut child = super::under(wrapper)
            .args(["serve", "--port", "0"])
            .args(args)
            .env("OWNVOICE_NO_JOURNAL", "1")
            .env("OWNVOICE_CONFIG_DIR", "/nonexistent/ownvoice-config")
            .env("OWNVOICE_CACHE_DIR", super::CACHE)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("ownvoice serve starts");
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let (ready, address) = mpsc::channel();
        let reader = BufReader::new(child.stderr.take().unwrap());
        let lines = stderr.clone();
        std::thread::spawn(move || {
            for line in reader.lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://").filter(|_| line.contains("ready")) {
                    let rest = &line[at + "http://".len()..];
                    let _ = ready.send(rest[..rest.find('/').unwrap()].to_string());
                }
                lines.lock().unwrap().push(line);
            }
        });
        let address = address
            .recv_timeout(PATIENCE)
            .unwrap_or_else(|_| panic!("the server never said it was ready: {:?}", stderr.lock()));
        let pid = if wrapper.is_empty() {
            child.id()
        } else {
            // The wrapper's only child, which is running by now: it said it was ready.
            let children =
                std::fs::read_to_string(format!("/proc/{0}/task/{0}/children", child.id()))
                    .unwrap();
            children.split_whitespace().next().unwrap().parse().unwrap()
        };
        Server {
            child,
            pid: Pid::from_raw(pid as i32),
            address,
            stderr,
        }
    }

    /// Sends raw bytes and reads the whole answer (the request should say
    /// `Connection: close`).
    pub fn raw(&self, request: &[u8]) -> Reply {
        let mut stream = self.connect();
        stream.write_all(request).unwrap();
        Reply::read(&mut stream)
    }

    /// A connection to the server, with a read timeout so no test hangs.
    pub fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(&self.address).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream
    }

    /// `POST path` with a form body made of `fields`.
    pub fn post(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body = form(fields);
        self.raw(
            format!(
                "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                self.address,
                body.len()
            )
            .as_bytes(),
        )
    }

    /// `GET path_and_query`.
    pub fn get(&self, target: &str) -> Reply {
        self.raw(
            format!(
                "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                self.address
            )
            .as_bytes(),
        )
    }

    /// Sends `signal` and waits for the server to exit; its status and standard error.
    pub fn stop(mut self, signal: Signal) -> (ExitStatus, Vec<String>) {
        kill(self.pid, signal).unwrap();
        let status = self.child.wait().unwrap();
        // The reader thread ends at the end of the pipe; give it a moment to store the rest.
        std::thread::sleep(Duration::from_millis(200));
        let lines = self.stderr.lock().unwrap().clone();
        (status, lines)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // A wrapper killed would leave the server running: kill the server first, and only
        // while the child still runs (after `stop`, the id may belong to another process).
        if let Ok(None) = self.child.try_wait() {
            let _ = kill(self.pid, Signal::SIGKILL);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A form body (`application/x-www-form-urlencoded`): every byte but letters, digits and
/// `-._~` percent-encoded.
pub fn form(fields: &[(&str, &str)]) -> String {
    let encode = |text: &str| {
        text.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    fields
        .iter()
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    /// Header names in lowercase.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    /// Reads an answer to the end of the connection.
    pub fn read(stream: &mut TcpStream) -> Reply {
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        let _ = stream.shutdown(Shutdown::Both);
        let text = String::from_utf8(bytes).unwrap();
        let (head, body) = text
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("no complete answer: {text:?}"));
        let mut lines = head.lines();
        let status = lines.next().unwrap().split(' ').nth(1).unwrap();
        Reply {
            status: status.parse().unwrap(),
            headers: lines
                .filter_map(|line| line.split_once(':'))
                .map(|(name, value)| (name.trim().to_lowercase(), value.trim().to_string()))
                .collect(),
            body: body.to_string(),
        }
    }

    /// The value of a header (name in lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(given, _)| given == name)
            .map(|(_, value)| value.as_str())
    }

    /// The body as JSON, after checking that it is JSON by its content type.
    pub fn json(&self) -> Value {
        assert_eq!(self.status, 200, "{}", self.body);
        assert_eq!(self.header("content-type"), Some("application/json"));
        serde_json::from_str(&self.body).unwrap()
    }
}

/// The words a match points at: its offset and length are UTF-16 code units into `text`.
pub fn flagged(text: &str, found: &Value) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    let offset = found["offset"].as_u64().unwrap() as usize;
    let length = found["length"].as_u64().unwrap() as usize;
    String::from_utf16(&units[offset..offset + length]).unwrap()
}
