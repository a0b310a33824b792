//! A fake Discord on 127.0.0.1: the REST API routes the bot uses and (in `gateway.rs`) a gateway
//! websocket, on one port. It records every REST request, keeps each session's dispatches for replay on RESUME,
//! and lets a test drop or redirect the connection, close it with a code, or fail a request.

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};

pub const BOT_ID: u64 = 1100000000000000001;
pub const APP_ID: u64 = 1100000000000000001;
/// How long any wait may take before the test fails (machines are noisy).
pub const WAIT: Duration = Duration::from_secs(60);

/// One REST request the bot made.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub body: Value,
    pub at: Instant,
}

/// How the fake ends the current gateway connection.
#[derive(Debug, Clone, Copy)]
pub enum Cut {
    /// op 7 RECONNECT.
    Reconnect,
    /// Drop the TCP connection without a close frame.
    Drop,
    /// A close frame with this code.
    Close(u16),
}

pub(super) enum Out {
    Text(String),
    Close(u16),
    Drop,
}

#[derive(Default)]
pub struct Inner {
    pub requests: Vec<Recorded>,
    pub identifies: u32,
    /// The `shard` field of each IDENTIFY.
    pub identify_shards: Vec<Value>,
    pub resumes: u32,
    /// When each gateway connection was asked for (upgrade requests, refused ones included).
    pub gateway_attempts: Vec<Instant>,
    pub(super) conn: Option<(u64, mpsc::UnboundedSender<Out>)>,
    pub(super) conn_ids: u64,
    pub(super) session: String,
    pub(super) seq: u64,
    /// (seq, payload) of this session's dispatches, for replay.
    pub(super) events: Vec<(u64, String)>,
    /// (method, path fragment, status): the next matching request fails with that status.
    fail_next: Vec<(String, String, u16)>,
    pub(super) close_on_identify: Option<u16>,
    /// Gateway upgrades are answered 503 (Discord's gateway unreachable, its API up).
    pub(super) refuse_gateway: bool,
    /// New gateway connections get no HELLO and no answer (a handshake that hangs).
    pub(super) silent_gateway: bool,
    /// Command registrations are recorded but not answered (registration in progress).
    hold_commands: bool,
    message_ids: u64,
    /// Set when the bot process exits while a test waits on the fake.
    pub bot_exit: Option<String>,
}

pub struct Fake {
    pub port: u16,
    shared: Arc<Shared>,
}

pub(super) struct Shared {
    inner: Mutex<Inner>,
    changed: watch::Sender<u64>,
    pub(super) port: u16,
}

impl Shared {
    pub(super) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
    pub(super) fn bump(&self) {
        self.changed.send_modify(|v| *v += 1);
    }
}

impl Fake {
    pub async fn start() -> Arc<Fake> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Shared {
            inner: Mutex::new(Inner::default()),
            changed: watch::channel(0).0,
            port,
        });
        let app = Router::new()
            .route("/ws", get(super::gateway::ws_upgrade))
            .fallback(rest)
            .with_state(Arc::clone(&shared));
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Arc::new(Fake { port, shared })
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// How many times the bot registered its slash commands (a `PUT` of the command list).
    pub fn command_registrations(&self) -> usize {
        self.inner()
            .requests
            .iter()
            .filter(|r| r.method == "PUT")
            .count()
    }

    pub fn inner(&self) -> MutexGuard<'_, Inner> {
        self.shared.lock()
    }

    /// Waits until `f` finds something (re-checked on every change), or panics after [`WAIT`].
    pub async fn wait_for<T>(&self, what: &str, mut f: impl FnMut(&Inner) -> Option<T>) -> T {
        let mut rx = self.shared.changed.subscribe();
        let found = tokio::time::timeout(WAIT, async {
            loop {
                rx.borrow_and_update();
                if let Some(t) = self.check(what, &mut f) {
                    return t;
                }
                if rx.changed().await.is_err() {
                    std::future::pending::<()>().await;
                }
            }
        })
        .await;
        match found {
            Ok(t) => t,
            Err(_) => {
                let reqs: Vec<String> = self
                    .inner()
                    .requests
                    .iter()
                    .map(|r| format!("{} {}", r.method, r.path))
                    .collect();
                panic!("timed out waiting for {what}; requests so far: {reqs:?}")
            }
        }
    }

    fn check<T>(&self, what: &str, f: &mut impl FnMut(&Inner) -> Option<T>) -> Option<T> {
        let inner = self.shared.lock();
        if let Some(exit) = &inner.bot_exit {
            panic!("the bot exited while waiting for {what}: {exit}");
        }
        f(&inner)
    }

    /// Records that the bot process has exited (fails any wait in progress).
    pub fn bot_exited(&self, why: String) {
        self.shared.lock().bot_exit = Some(why);
        self.shared.bump();
    }

    /// The first request matching `f`, waiting for it.
    pub async fn wait_request(&self, what: &str, f: impl Fn(&Recorded) -> bool) -> Recorded {
        self.wait_for(what, |i| i.requests.iter().find(|r| f(r)).cloned())
            .await
    }

    /// Waits for the command registration (the bot is ready then) and returns its body.
    pub async fn wait_ready(&self) -> Recorded {
        self.wait_request("the slash commands to be registered", |r| {
            r.method == "PUT" && r.path.ends_with("/commands")
        })
        .await
    }

    /// Sends a dispatch; it is also kept for replay. Without a connection it is only kept.
    pub fn dispatch(&self, t: &str, d: Value) -> Instant {
        let mut inner = self.shared.lock();
        send_dispatch(&mut inner, t, d)
    }

    /// Ends the current connection as `cut` says, then queues `events` for replay on RESUME.
    pub fn cut(&self, cut: Cut, events: Vec<(&str, Value)>) {
        let mut inner = self.shared.lock();
        if let Some((_, tx)) = inner.conn.take() {
            let _ = tx.send(match cut {
                Cut::Reconnect => Out::Text(json!({"op": 7, "d": null}).to_string()),
                Cut::Drop => Out::Drop,
                Cut::Close(code) => Out::Close(code),
            });
        }
        for (t, d) in events {
            send_dispatch(&mut inner, t, d);
        }
    }

    /// The next request whose method is `method` and whose path contains `path` gets `status`.
    pub fn fail_next(&self, method: &str, path: &str, status: u16) {
        let mut inner = self.shared.lock();
        inner.fail_next.push((method.into(), path.into(), status));
    }

    /// Gateway connections are refused (HTTP 503) while `on`.
    pub fn refuse_gateway(&self, on: bool) {
        self.shared.lock().refuse_gateway = on;
    }

    /// New gateway connections hang (no HELLO, no answer) while `on`.
    pub fn silent_gateway(&self, on: bool) {
        self.shared.lock().silent_gateway = on;
    }

    /// Command registrations are recorded but never answered.
    pub fn hold_commands(&self) {
        self.shared.lock().hold_commands = true;
    }

    /// Answers every IDENTIFY by closing the connection with `code` (4004: bad token).
    pub fn close_on_identify(&self, code: u16) {
        self.shared.lock().close_on_identify = Some(code);
    }
}

fn send_dispatch(inner: &mut Inner, t: &str, d: Value) -> Instant {
    inner.seq += 1;
    let payload = json!({"op": 0, "t": t, "s": inner.seq, "d": d}).to_string();
    inner.events.push((inner.seq, payload.clone()));
    if let Some((_, tx)) = &inner.conn {
        let _ = tx.send(Out::Text(payload));
    }
    Instant::now()
}

async fn rest(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let bytes = axum::body::to_bytes(req.into_body(), 16 << 20)
        .await
        .unwrap_or_default();
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let response = {
        let mut inner = shared.lock();
        inner.requests.push(Recorded {
            method: method.to_string(),
            path: path.clone(),
            body: body.clone(),
            at: Instant::now(),
        });
        let failing = inner
            .fail_next
            .iter()
            .position(|(m, p, _)| *m == method.as_str() && path.contains(p.as_str()));
        match failing.map(|i| inner.fail_next.remove(i)) {
            Some((_, _, status)) => {
                let status =
                    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                Some((status, Json(json!({"message": "fake failure", "code": 0}))).into_response())
            }
            None if inner.hold_commands && method == Method::PUT && path.ends_with("/commands") => {
                None
            }
            None => Some(route(&mut inner, &method, &path, &body, shared.port)),
        }
    };
    shared.bump();
    match response {
        Some(r) => r,
        None => {
            tokio::time::sleep(WAIT).await;
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

fn route(inner: &mut Inner, method: &Method, path: &str, body: &Value, port: u16) -> Response {
    let parts: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    let gateway_url = format!("ws://127.0.0.1:{port}/ws");
    match (method.as_str(), parts.as_slice()) {
        ("GET", ["gateway"]) => Json(json!({"url": gateway_url})).into_response(),
        ("GET", ["gateway", "bot"]) => Json(json!({
            "url": gateway_url, "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
        }))
        .into_response(),
        ("PUT", ["applications", _, "commands"] | ["applications", _, "guilds", _, "commands"]) => {
            let commands: Vec<Value> = body
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(|(i, mut c)| {
                    c["id"] = json!((1400000000000000001u64 + i as u64).to_string());
                    c["application_id"] = json!(APP_ID.to_string());
                    c["version"] = json!("1");
                    c["type"] = json!(1);
                    c
                })
                .collect();
            Json(Value::Array(commands)).into_response()
        }
        ("POST", ["channels", channel, "messages"]) => {
            inner.message_ids += 1;
            Json(message_object(inner.message_ids, channel, body)).into_response()
        }
        ("POST", ["interactions", _, _, "callback"]) => StatusCode::NO_CONTENT.into_response(),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

fn message_object(n: u64, channel: &str, body: &Value) -> Value {
    json!({
        "id": (1900000000000000000u64 + n).to_string(),
        "channel_id": channel,
        "author": {"id": BOT_ID.to_string(), "username": "mila-bot", "discriminator": "0", "bot": true},
        "content": body["content"].as_str().unwrap_or(""),
        "timestamp": "2025-01-01T12:00:00.000000+00:00",
        "edited_timestamp": null, "tts": false, "mention_everyone": false, "mentions": [],
        "mention_roles": [], "attachments": [], "embeds": [], "pinned": false, "type": 19,
    })
}
