use std::time::Duration;

use anyhow::{Context, Result};
use clock::Clock;
use compose::ApiConfig;
use notifications::SenderSettings;
use projector::{ProjectionWatch, ProjectorConfig};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tracing::info;
use workflow::approvals::ApprovalSettings;

use crate::infra::Infrastructure;
use crate::settings::Settings;
use crate::{mail, secrets};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Service {
    /// The HTTP API and the web pages (sign-in, planners' pages, approval links, outbox).
    Api,
    /// Projects events into the PostgreSQL read models.
    Projector,
    /// Opens approval rounds, sends links as stages open, records outcomes.
    Approvals,
    /// Queues the emails events call for, and delivers them.
    Mailer,
    /// Sends reminders on the configured schedules.
    Reminders,
}

impl Service {
    pub const ALL: [Service; 5] = [
        Service::Api,
        Service::Projector,
        Service::Approvals,
        Service::Mailer,
        Service::Reminders,
    ];
}

/// Runs the given services in this process until `shutdown`, then stops them in order:
/// the API stops taking requests and finishes those in flight, the projector commits or
/// rolls back its batch, the followers finish the event they hold, the sender the mail
/// it is sending, and only then are connections closed.
pub async fn run(
    settings: &Settings,
    infra: &Infrastructure,
    services: &[Service],
    shutdown: CancellationToken,
) -> Result<()> {
    // Every setting is checked before anything starts, so that a wrong one stops the
    // start with its name instead of leaving a service half-configured.
    let approvals = ApprovalSettings {
        secret: secrets::link_secret(settings)?,
        link_ttl: Duration::from_secs(settings.approval_link_ttl_hours.max(1) * 3600),
    };
    let mailer = mail::mailer(settings)?;
    let scheduler = crate::reminder_commands::scheduler(settings, infra, &approvals.secret)?;
    let metrics = crate::prometheus::install()?;
    crate::migrate(infra).await?;

    let mut tasks = tokio::task::JoinSet::new();
    if services.contains(&Service::Projector) {
        let config = ProjectorConfig {
            batch_size: settings.projector_batch_size,
            ..ProjectorConfig::default()
        };
        let running = compose::services::projector(
            infra.projection_pool.clone(),
            infra.store.clone(),
            config,
            shutdown.clone(),
        );
        tasks.spawn(async move {
            running.await;
            Ok(())
        });
    }
    if services.contains(&Service::Approvals) {
        let running = compose::services::approvals(
            infra.pool.clone(),
            infra.store.clone(),
            approvals.clone(),
            Clock::system(),
            shutdown.clone(),
        );
        tasks.spawn(async move {
            running.await;
            Ok(())
        });
    }
    if services.contains(&Service::Mailer) {
        if let Some(outbox) = mailer.outbox() {
            info!(folder = %outbox.dir().display(), "no SMTP server configured: mail goes to the outbox, readable at /outbox");
        }
        let sending = SenderSettings {
            public_url: settings.public_url(),
            secret: approvals.secret.clone(),
            backoff: mail::retry_backoff(settings),
            batch: 20,
            parallel: settings.smtp_pool_size as usize,
        };
        let running = compose::services::mail(
            infra.pool.clone(),
            infra.store.clone(),
            mailer.clone(),
            sending,
            shutdown.clone(),
        );
        tasks.spawn(async move {
            running.await;
            Ok(())
        });
    }
    if services.contains(&Service::Reminders) {
        let token = shutdown.clone();
        tasks.spawn(async move {
            reminders::serve(scheduler, Clock::system(), token).await;
            Ok(())
        });
        // Agreements past their last day are recorded as expired beside the reminders.
        // Nobody waits for these to show, so no wait for the read models either.
        let commands = app::Commands::new(
            infra.store.clone(),
            ProjectionWatch::start(infra.pool.clone(), shutdown.clone()),
            std::time::Duration::ZERO,
        );
        let running = compose::expiry::serve(
            commands,
            infra.pool.clone(),
            Clock::system(),
            shutdown.clone(),
        );
        tasks.spawn(async move {
            running.await;
            Ok(())
        });
    }
    if services.contains(&Service::Api) {
        let parts = compose::HttpParts {
            store: infra.store.clone(),
            pool: infra.pool.clone(),
            nats: infra.nats.clone(),
            watch: ProjectionWatch::start(infra.pool.clone(), shutdown.clone()),
            vault: infra.vault(settings)?,
            approvals: approvals.clone(),
            outbox: mailer.outbox().cloned(),
            api: ApiConfig {
                read_your_writes_timeout: settings.read_your_writes_timeout(),
                ready_max_lag: settings.ready_max_lag,
                report_due_days: settings.report_due_days,
            },
            sign_in: compose::SignInSettings {
                link_ttl: Duration::from_secs(settings.sign_in_link_minutes.max(1) * 60),
                session_ttl: Duration::from_secs(settings.session_hours.max(1) * 3600),
                secure_cookies: settings.secure_cookies,
            },
            reminder_rules: compose::ReminderRules {
                timezone: settings.reminder_timezone.clone(),
                schedules: settings.reminder_schedules.clone(),
                rules: settings.reminders.clone(),
            },
            clock: Clock::system(),
            client_address_header: settings
                .client_address_header
                .as_deref()
                .map(axum::http::HeaderName::try_from)
                .transpose()
                .context("setting client_address_header is not a header name")?,
        };
        let listener = TcpListener::bind(settings.http_addr)
            .await
            .with_context(|| format!("listening on {}", settings.http_addr))?;
        info!(address = %listener.local_addr()?, public_url = %settings.public_url(), "HTTP API and pages listening");
        first_steps_if_nobody_holds_a_role(&infra.pool).await;
        let app = compose::http_app(parts);
        let token = shutdown.clone();
        tasks.spawn(async move {
            // The client's address, for the limits per client.
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .with_graceful_shutdown(async move { token.cancelled().await })
            .await
            .context("HTTP server")
        });
    }
    // Metrics are for the operators' scraper, never on the public address.
    if let Some(address) = settings.metrics_addr {
        let listener = TcpListener::bind(address)
            .await
            .with_context(|| format!("listening on {address} (metrics_addr)"))?;
        info!(%address, "metrics listening");
        // `/healthz` here too, for the liveness probes of processes without the API.
        let app = crate::prometheus::router(metrics, infra.store.clone(), infra.pool.clone())
            .route("/healthz", axum::routing::get(|| async { "ok" }));
        let token = shutdown.clone();
        tasks.spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async move { token.cancelled().await })
                .await
                .context("metrics server")
        });
    }
    while let Some(finished) = tasks.join_next().await {
        finished.context("a service panicked")??;
        // One service ending (normally only on shutdown) stops the others too.
        shutdown.cancel();
    }
    Ok(())
}

/// On a fresh installation nobody can sign in, and every page and endpoint answers 401:
/// say at start how the first administrator gets in (README, "A first programme").
async fn first_steps_if_nobody_holds_a_role(pool: &sqlx::PgPool) {
    match projector::user_queries::roles(pool, None).await {
        Ok(roles) if roles.is_empty() => tracing::warn!(
            "nobody holds a role yet, so nobody can sign in (chưa ai có vai trò nên chưa ai \
             đăng nhập được): import the directory with `caunoi import FILE`, then run \
             `caunoi grant-role --email … --name … --organisation <id or key> --role \
             administrator`, which prints a one-time sign-in link (see the README)"
        ),
        Ok(_) => {}
        Err(error) => tracing::debug!(%error, "could not count who holds a role"),
    }
}
