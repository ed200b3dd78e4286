//! The HTTP loop: hyper's HTTP/1 server on a single-threaded tokio runtime, which only moves
//! bytes; texts are checked on blocking threads, at most [`Options::checkers`] at once.
//!
//! Limits, so that nothing a client sends can crash or stall the server: request headers must
//! arrive within [`READ_TIMEOUT`] and a body within the same time (408); a body larger than
//! three times the text limit, or a text larger than it, is a 413 (before the body is read
//! when `Content-Length` says so); at most [`MAX_WAITING`] requests wait for a checker; and a
//! request not answered within [`Options::timeout`] after its body arrived gets a 503. A check
//! cannot be interrupted: one that runs past the timeout finishes in the background, still
//! holding its checker, so the pool stays bounded and later requests wait or get a 503.
//!
//! SIGINT and SIGTERM stop the server cleanly: it stops accepting connections, closes idle
//! ones, and lets every request in flight be answered (at most the timeout) before returning.

use std::convert::Infallible;
use std::net::{SocketAddr, TcpListener};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::sync::Semaphore;
use tokio::time::{Instant, timeout, timeout_at};

use super::Options;
use super::request::{self, Refusal};
use super::response;
use super::selection::{self, Known};
use super::variants::Variants;
use crate::service::Service;

/// How long a client may take to send a request's headers, and then its body.
pub const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// How many requests may wait for a free checker; more get a 503 at once.
pub const MAX_WAITING: usize = 256;

type Answer = Response<Full<Bytes>>;

/// What every request handler shares.
struct State {
    variants: Variants,
    known: Known,
    options: Options,
    checkers: Arc<Semaphore>,
    waiting: AtomicUsize,
}

/// A server that has stopped: where it listened and how many requests it answered.
#[derive(Debug, Clone, Copy)]
pub struct Stopped {
    pub address: SocketAddr,
    pub requests: usize,
}

/// Serves on `listener` with the loaded `service` until SIGINT or SIGTERM, then stops
/// cleanly. `ready` is called once signals are handled and requests are being answered. An
/// error (the runtime or the signal handlers could not be set up) is one line.
pub fn run(
    listener: TcpListener,
    service: Arc<Service>,
    options: Options,
    ready: impl FnOnce(SocketAddr),
) -> Result<Stopped, String> {
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("cannot listen on {address}: {e}"))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let state = Arc::new(State {
        known: Known::new(service.rules()),
        variants: Variants::new(service, options.variants),
        checkers: Arc::new(Semaphore::new(options.checkers.max(1))),
        waiting: AtomicUsize::new(0),
        options,
    });
    let served = Arc::new(AtomicUsize::new(0));
    let result = runtime.block_on(serve(listener, state, served.clone(), ready));
    // Checks that outlived their request's timeout are not waited for.
    runtime.shutdown_timeout(Duration::from_secs(1));
    result.map(|()| Stopped {
        address,
        requests: served.load(Ordering::Relaxed),
    })
}

async fn serve(
    listener: TcpListener,
    state: Arc<State>,
    served: Arc<AtomicUsize>,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), String> {
    use tokio::signal::unix::{SignalKind, signal};
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::from_std(listener)
        .map_err(|e| format!("cannot listen on {address}: {e}"))?;
    let handler = |kind| signal(kind).map_err(|e| format!("cannot handle signals: {e}"));
    let (mut interrupt, mut terminate) = (
        handler(SignalKind::interrupt())?,
        handler(SignalKind::terminate())?,
    );
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(READ_TIMEOUT);
    ready(address);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else {
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // wait a moment rather than spin.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                };
                let (state, served) = (state.clone(), served.clone());
                let service = service_fn(move |request| {
                    served.fetch_add(1, Ordering::Relaxed);
                    handle(state.clone(), request)
                });
                let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
                tokio::spawn(async move {
                    // A client that goes away is its own business.
                    let _ = connection.await;
                });
            }
            _ = interrupt.recv() => break,
            _ = terminate.recv() => break,
        }
    }
    drop(listener);
    let longest = state.options.timeout + READ_TIMEOUT;
    let _ = timeout(longest, graceful.shutdown()).await;
    Ok(())
}

async fn handle(state: Arc<State>, request: Request<Incoming>) -> Result<Answer, Infallible> {
    let path = request.uri().path().trim_end_matches('/').to_string();
    let method = request.method().clone();
    let answer = match (method, path.as_str()) {
        (Method::OPTIONS, _) => preflight(&request),
        (Method::GET | Method::POST, "/v2/check") => match check(&state, request).await {
            Ok(answer) => answer,
            Err(refusal) => refused(refusal),
        },
        (Method::GET | Method::POST, "/v2/languages") => json(response::languages()),
        (Method::GET | Method::POST, "/v2/info") => json(response::info()),
        (Method::GET | Method::HEAD, "/v2/healthcheck") => plain(StatusCode::OK, "OK"),
        (_, "/v2/check" | "/v2/languages" | "/v2/info" | "/v2/healthcheck") => {
            plain(StatusCode::METHOD_NOT_ALLOWED, "use GET or POST")
        }
        (_, path) => plain(
            StatusCode::NOT_FOUND,
            &format!(
                "no such endpoint: {path}; ownvoice answers LanguageTool's /v2/check and /v2/languages"
            ),
        ),
    };
    Ok(cors(answer))
}

/// Reads, checks and answers one check request.
async fn check(state: &Arc<State>, request: Request<Incoming>) -> Result<Answer, Refusal> {
    let options = &state.options;
    let (parts, body) = request.into_parts();
    let mut params = match parts.uri.query() {
        Some(query) => request::decode_form(query.as_bytes())?,
        None => Vec::new(),
    };
    if parts.method == Method::POST {
        let max_body = options
            .max_text_bytes
            .saturating_mul(3)
            .saturating_add(4096);
        let declared = parts
            .headers
            .get(header::CONTENT_LENGTH)
            .and_then(|length| length.to_str().ok()?.parse::<u64>().ok());
        if let Some(length) = declared.filter(|&length| length > max_body as u64) {
            return Err(body_too_large(length, max_body));
        }
        let bytes = match timeout(READ_TIMEOUT, Limited::new(body, max_body).collect()).await {
            Err(_) => {
                return Err(Refusal {
                    status: 408,
                    reason: format!(
                        "the request body did not arrive within {} s",
                        READ_TIMEOUT.as_secs()
                    ),
                });
            }
            Ok(Err(error)) if error.is::<LengthLimitError>() => {
                return Err(body_too_large(max_body as u64 + 1, max_body));
            }
            Ok(Err(_)) => return Err(Refusal::bad("the request body was cut off")),
            Ok(Ok(collected)) => collected.to_bytes(),
        };
        params.extend(request::decode_form(&bytes)?);
    }
    let asked = request::check_request(&params, options.max_text_bytes)?;
    let plan = selection::plan(
        &state.variants.base().common().selection,
        &state.known,
        &asked.asked,
    );
    let deadline = Instant::now() + options.timeout;
    let busy = |waited: &str| Refusal {
        status: 503,
        reason: format!("the server is busy: {waited}; try again in a moment"),
    };
    if state.waiting.fetch_add(1, Ordering::SeqCst) >= MAX_WAITING {
        state.waiting.fetch_sub(1, Ordering::SeqCst);
        return Err(busy(&format!("{MAX_WAITING} requests are already waiting")));
    }
    let permit = timeout_at(deadline, state.checkers.clone().acquire_owned()).await;
    state.waiting.fetch_sub(1, Ordering::SeqCst);
    let Ok(Ok(permit)) = permit else {
        return Err(busy(&format!(
            "no checker was free within {} s",
            options.timeout.as_secs()
        )));
    };
    let work = {
        let state = state.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let service = state.variants.get(plan.variant.as_ref())?;
            let document = &asked.document;
            let keep = |rule: &str| plan.keep.keeps(rule);
            let checked = catch_unwind(AssertUnwindSafe(|| {
                let mut checked = service.check_prose(&document.text, &document.prose, &keep);
                // Replacements are shown only when asked for, and then only those that
                // pass the engines' own check.
                if state.options.reveal {
                    service.vet(&document.text, &mut checked.issues);
                }
                checked
            }))
            .map_err(|payload| crate::engine::panic_message(payload.as_ref()))?;
            Ok::<_, String>(response::check(
                &document.text,
                &checked,
                asked.language,
                state.options.reveal,
            ))
        })
    };
    match timeout_at(deadline, work).await {
        Ok(Ok(Ok(body))) => Ok(json(body)),
        Ok(Ok(Err(error))) => Err(Refusal {
            status: 500,
            reason: format!("the text could not be checked: {error}"),
        }),
        Ok(Err(_)) => Err(Refusal {
            status: 500,
            reason: "the text could not be checked: the checker stopped".into(),
        }),
        Err(_) => Err(Refusal {
            status: 503,
            reason: format!(
                "checking this text took longer than {} s; try a shorter text",
                options.timeout.as_secs()
            ),
        }),
    }
}

fn body_too_large(length: u64, max_body: usize) -> Refusal {
    Refusal::too_large(format!(
        "the request body is {} bytes, more than this server's limit of {max_body} bytes",
        if length > max_body as u64 {
            length.to_string()
        } else {
            "more than that".into()
        }
    ))
}

fn json(body: Vec<u8>) -> Answer {
    let mut answer = Response::new(Full::new(Bytes::from(body)));
    answer.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    answer
}

fn plain(status: StatusCode, text: &str) -> Answer {
    let mut answer = Response::new(Full::new(Bytes::from(format!("{text}\n"))));
    *answer.status_mut() = status;
    answer.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    answer
}

fn refused(refusal: Refusal) -> Answer {
    let status = StatusCode::from_u16(refusal.status).unwrap_or(StatusCode::BAD_REQUEST);
    let mut answer = plain(status, &format!("Error: {}", refusal.reason));
    if status == StatusCode::SERVICE_UNAVAILABLE {
        answer
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    }
    answer
}

/// The answer to a CORS preflight: any origin may ask, with the headers it names.
fn preflight(request: &Request<Incoming>) -> Answer {
    let mut answer = Response::new(Full::new(Bytes::new()));
    *answer.status_mut() = StatusCode::NO_CONTENT;
    let headers = answer.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, OPTIONS"),
    );
    let asked = request
        .headers()
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .cloned()
        .unwrap_or(HeaderValue::from_static("Content-Type"));
    headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, asked);
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("86400"),
    );
    answer
}

/// Every answer may be read by a page of any origin (the browser add-on's).
fn cors(mut answer: Answer) -> Answer {
    answer.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    answer
}
