use anyhow::{Context, Result};
use api::{ApiConfig, AppState};
use projector::{ProjectionWatch, Projector, ProjectorConfig};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tracing::info;

use crate::infra::Infrastructure;
use crate::settings::Settings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Service {
    /// The HTTP API.
    Api,
    /// Projects events into the PostgreSQL read models.
    Projector,
}

/// Runs the given services in this process until `shutdown`, then stops them in order:
/// the API stops taking requests and finishes those in flight, the projector commits or
/// rolls back its batch, and only then are connections closed.
pub async fn run(
    settings: &Settings,
    infra: &Infrastructure,
    services: &[Service],
    shutdown: CancellationToken,
) -> Result<()> {
    projector::migrate(&infra.pool)
        .await
        .context("applying migrations")?;
    let mut tasks = tokio::task::JoinSet::new();
    if services.contains(&Service::Projector) {
        let projector = Projector::new(
            infra.projection_pool.clone(),
            infra.store.clone(),
            ProjectorConfig {
                batch_size: settings.projector_batch_size,
                ..ProjectorConfig::default()
            },
        );
        let token = shutdown.clone();
        tasks.spawn(async move {
            projector.run(token).await;
            Ok(())
        });
    }
    if services.contains(&Service::Api) {
        let state = AppState {
            store: infra.store.clone(),
            pool: infra.pool.clone(),
            nats: infra.nats.clone(),
            watch: ProjectionWatch::start(infra.pool.clone(), shutdown.clone()),
            config: ApiConfig {
                read_your_writes_timeout: settings.read_your_writes_timeout(),
                ready_max_lag: settings.ready_max_lag,
            },
        };
        let listener = TcpListener::bind(settings.http_addr)
            .await
            .with_context(|| format!("listening on {}", settings.http_addr))?;
        info!(address = %listener.local_addr()?, "HTTP API listening");
        let token = shutdown.clone();
        tasks.spawn(async move {
            api::serve(listener, state, async move { token.cancelled().await })
                .await
                .context("HTTP server")
        });
    }
    while let Some(finished) = tasks.join_next().await {
        finished.context("a service panicked")??;
        // One service ending (normally only on shutdown) stops the others too.
        shutdown.cancel();
    }
    Ok(())
}
