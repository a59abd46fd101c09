use std::time::Duration;

use eventstore::EventStore;
use projector::ProjectionWatch;
use sqlx::PgPool;
use workflow::approvals::ApprovalSettings;

#[derive(Debug, Clone)]
pub struct ApiConfig {
    /// How long a command waits for the read model to show its change before answering.
    pub read_your_writes_timeout: Duration,
    /// `/readyz` reports not ready while the read model is further behind than this.
    pub ready_max_lag: u64,
    /// A programme's follow-up report falls due this many days after its last day.
    pub report_due_days: u32,
}

impl Default for ApiConfig {
    fn default() -> Self {
        Self {
            read_your_writes_timeout: Duration::from_secs(2),
            ready_max_lag: 1000,
            report_due_days: 15,
        }
    }
}

/// What every handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: EventStore,
    pub pool: PgPool,
    pub nats: async_nats::Client,
    pub watch: ProjectionWatch,
    /// People's keys for their personal data (see `docs/logistics.md`).
    pub vault: vault::Vault,
    pub config: ApiConfig,
    /// For sending approval links again.
    pub approvals: ApprovalSettings,
    /// The time commands are made at: the system's, or a test's own.
    pub clock: clock::Clock,
    /// Runs every command, with the read-your-writes wait of `config`.
    pub commands: app::Commands,
}
