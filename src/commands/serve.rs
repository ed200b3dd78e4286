//! `ownvoice serve`: bind the address, load the engines once, answer LanguageTool's HTTP API
//! until SIGINT or SIGTERM (see [`crate::serve`]). Standard error says where the server
//! listens, when it is ready and when it has stopped; it never shows a writer's text.
//!
//! The address is bound before the engines load, so that a port in use is reported at once;
//! connections made while they load wait in the kernel's queue and are answered when ready.

use std::io::{self, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Instant;

use super::Outcome;
use crate::cli::ServeSettings;
use crate::serve;
use crate::service::Service;

/// Runs the server; returns when it has stopped (or could not start, said on `errors`).
pub fn serve(settings: &ServeSettings, errors: &mut dyn Write) -> io::Result<Outcome> {
    let options = settings.options.clone();
    let listener = match TcpListener::bind(options.address) {
        Ok(listener) => listener,
        Err(error) => {
            writeln!(
                errors,
                "ownvoice: cannot listen on {}: {error}",
                options.address
            )?;
            return Ok(Outcome::Trouble);
        }
    };
    let address = listener.local_addr()?;
    if !address.ip().is_loopback() {
        writeln!(
            errors,
            "ownvoice: warning: listening on {address}, which accepts text from the network, \
             not only from this computer"
        )?;
    }
    writeln!(
        errors,
        "ownvoice: listening on http://{address}, loading the grammar engines"
    )?;
    let started = Instant::now();
    let service = match Service::load(&settings.common, false) {
        Ok(service) => service,
        Err(error) => {
            writeln!(errors, "ownvoice: {error}")?;
            return Ok(Outcome::Trouble);
        }
    };
    for warning in &service.warnings {
        writeln!(errors, "ownvoice: {warning}")?;
    }
    let service = Arc::new(service);
    let mut said = Ok(());
    let stopped = serve::run(listener, service.clone(), options, |address| {
        said = writeln!(
            errors,
            "ownvoice: ready in {:.1} s: LanguageTool API at http://{address}/v2/check \
             (Ctrl-C stops)",
            started.elapsed().as_secs_f64()
        );
    });
    said?;
    let outcome = match stopped {
        Ok(stopped) => {
            writeln!(
                errors,
                "ownvoice: stopped after {} requests",
                stopped.requests
            )?;
            Outcome::Clean
        }
        Err(error) => {
            writeln!(errors, "ownvoice: {error}")?;
            Outcome::Trouble
        }
    };
    // The process ends next: freeing the engines' tables one by one would only delay it.
    std::mem::forget(service);
    Ok(outcome)
}
