//! The optional health and metrics listener (`[metrics] listen` or `MILA_BOT_METRICS`), served
//! with axum: `GET /healthz` (200 when the gateway is connected and the knowledge loaded, else
//! 503 with the reason) and `GET /metrics` (OpenMetrics text for Prometheus).

use super::metrics::{Metrics, CONTENT_TYPE};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;

/// Binds `addr` (an error here is a configuration problem) and serves until the process ends.
pub async fn serve(addr: SocketAddr, metrics: Arc<Metrics>) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        anyhow::anyhow!(
            "config: cannot listen on {addr} for health and metrics ([metrics] listen): {e}"
        )
    })?;
    let local = listener.local_addr().unwrap_or(addr);
    tracing::info!(address = %local, "serving /healthz and /metrics");
    let app = Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_text))
        .with_state(metrics);
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::warn!(error = %e, "the health and metrics listener stopped");
        }
    });
    Ok(())
}

async fn healthz(State(m): State<Arc<Metrics>>) -> impl IntoResponse {
    match m.health() {
        Ok(body) => (StatusCode::OK, body),
        Err(reason) => (StatusCode::SERVICE_UNAVAILABLE, reason),
    }
}

async fn metrics_text(State(m): State<Arc<Metrics>>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, CONTENT_TYPE)], m.encode())
}
