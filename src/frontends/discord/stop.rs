//! SIGINT/SIGTERM: the first asks the bot to stop (whatever it is doing: connecting, retrying,
//! resuming, registering commands), the second ends the process at once.

use tokio::sync::watch;

/// Resolves once a stop has been asked for. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Stop(watch::Receiver<bool>);

impl Stop {
    /// Installs the signal handlers now (before anything slow starts) and returns the receiver.
    pub fn listen() -> Stop {
        let (tx, rx) = watch::channel(false);
        match Signals::install() {
            Ok(mut signals) => {
                tokio::spawn(async move {
                    let name = signals.next().await;
                    tracing::info!(signal = name, "shutting down");
                    let _ = tx.send(true);
                    let name = signals.next().await;
                    tracing::warn!(signal = name, "second signal: exiting now");
                    std::process::exit(0);
                });
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGINT/SIGTERM");
                // Keep the sender alive so `wait` never resolves spuriously.
                std::mem::forget(tx);
            }
        }
        Stop(rx)
    }

    /// Waits until a stop is asked for.
    pub async fn wait(&mut self) {
        if self.0.wait_for(|&stop| stop).await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

#[cfg(unix)]
struct Signals {
    int: tokio::signal::unix::Signal,
    term: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Signals {
    fn install() -> std::io::Result<Signals> {
        use tokio::signal::unix::{signal, SignalKind};
        Ok(Signals {
            int: signal(SignalKind::interrupt())?,
            term: signal(SignalKind::terminate())?,
        })
    }

    async fn next(&mut self) -> &'static str {
        tokio::select! {
            _ = self.int.recv() => "SIGINT",
            _ = self.term.recv() => "SIGTERM",
        }
    }
}

#[cfg(not(unix))]
struct Signals;

#[cfg(not(unix))]
impl Signals {
    fn install() -> std::io::Result<Signals> {
        Ok(Signals)
    }

    async fn next(&mut self) -> &'static str {
        let _ = tokio::signal::ctrl_c().await;
        "Ctrl-C"
    }
}
