//! The fake Discord's gateway websocket: HELLO, IDENTIFY -> READY, RESUME -> replay + RESUMED,
//! heartbeats; and the ways a test ends a connection (see [`super::fake::Cut`]).

use super::fake::{Out, Shared, APP_ID, BOT_ID};
use axum::extract::ws::{CloseFrame, Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::response::{IntoResponse as _, Response};
use serde_json::{json, Value};
use std::sync::Arc;
use tokio::sync::mpsc;

pub(super) async fn ws_upgrade(
    State(shared): State<Arc<Shared>>,
    ws: WebSocketUpgrade,
) -> Response {
    let refuse = {
        let mut inner = shared.lock();
        inner.gateway_attempts.push(std::time::Instant::now());
        inner.refuse_gateway
    };
    shared.bump();
    if refuse {
        return axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    ws.on_upgrade(move |socket| gateway(shared, socket))
}

/// A connection that never says HELLO nor answers: only the client's close ends it.
async fn silent(mut socket: WebSocket) {
    while let Some(Ok(msg)) = socket.recv().await {
        if matches!(msg, WsMessage::Close(_)) {
            break;
        }
    }
}

async fn gateway(shared: Arc<Shared>, mut socket: WebSocket) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    // Dispatches go to this connection only once it has identified or resumed.
    let (id, silent_now) = {
        let mut inner = shared.lock();
        inner.conn_ids += 1;
        (inner.conn_ids, inner.silent_gateway)
    };
    shared.bump();
    if silent_now {
        return silent(socket).await;
    }
    let hello = json!({"op": 10, "d": {"heartbeat_interval": 41250}, "s": null, "t": null});
    let _ = tx.send(Out::Text(hello.to_string()));
    loop {
        tokio::select! {
            out = rx.recv() => match out {
                Some(Out::Text(t)) => {
                    if socket.send(WsMessage::Text(t)).await.is_err() { break; }
                }
                Some(Out::Close(code)) => {
                    let frame = CloseFrame { code, reason: "fake close".into() };
                    let _ = socket.send(WsMessage::Close(Some(frame))).await;
                    break;
                }
                Some(Out::Drop) | None => break,
            },
            msg = socket.recv() => match msg {
                Some(Ok(WsMessage::Text(t))) => on_client_op(&shared, id, &tx, &t),
                Some(Ok(WsMessage::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
        }
    }
    let mut inner = shared.lock();
    if inner.conn.as_ref().is_some_and(|(c, _)| *c == id) {
        inner.conn = None;
    }
}

fn on_client_op(shared: &Shared, id: u64, tx: &mpsc::UnboundedSender<Out>, text: &str) {
    let Ok(v) = serde_json::from_str::<Value>(text) else {
        return;
    };
    let mut inner = shared.lock();
    match v["op"].as_u64() {
        Some(1) => {
            let _ = tx.send(Out::Text(json!({"op": 11}).to_string()));
        }
        Some(2) => {
            inner.identifies += 1;
            inner.identify_shards.push(v["d"]["shard"].clone());
            if let Some(code) = inner.close_on_identify {
                let _ = tx.send(Out::Close(code));
            } else {
                inner.session = format!("session-{}", inner.identifies);
                inner.events.clear();
                inner.seq = 1;
                let ready = ready_payload(&inner.session, shared.port);
                let ready = json!({"op": 0, "t": "READY", "s": 1, "d": ready});
                let _ = tx.send(Out::Text(ready.to_string()));
                inner.conn = Some((id, tx.clone()));
            }
        }
        Some(6) => {
            inner.resumes += 1;
            if v["d"]["session_id"].as_str() != Some(inner.session.as_str()) {
                let _ = tx.send(Out::Text(json!({"op": 9, "d": false}).to_string()));
            } else {
                let after = v["d"]["seq"].as_u64().unwrap_or(0);
                for (_, p) in inner.events.iter().filter(|(s, _)| *s > after) {
                    let _ = tx.send(Out::Text(p.clone()));
                }
                inner.seq += 1;
                let resumed = json!({"op": 0, "t": "RESUMED", "s": inner.seq, "d": {}});
                let _ = tx.send(Out::Text(resumed.to_string()));
            }
            // Events dispatched from now on go to this connection.
            inner.conn = Some((id, tx.clone()));
        }
        _ => {}
    }
    drop(inner);
    shared.bump();
}

fn ready_payload(session: &str, port: u16) -> Value {
    json!({
        "v": 10,
        "user": {"id": BOT_ID.to_string(), "username": "mila-bot", "discriminator": "0", "bot": true, "avatar": null},
        "guilds": [],
        "session_id": session,
        "resume_gateway_url": format!("ws://127.0.0.1:{port}/ws"),
        "application": {"id": APP_ID.to_string(), "flags": 0},
    })
}
