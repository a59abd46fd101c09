use std::time::Duration;

use eventstore::EventStore;
use mailer::Outbox;
use notifications::MailQueue;
use projector::ProjectionWatch;
use sqlx::PgPool;
use workflow::approvals::ApprovalSettings;

/// What every handler of the JSON API and the pages can reach: one state for both,
/// built by the composition root (`compose::http_app`). Cheap to clone.
#[derive(Clone)]
pub struct HttpState {
    pub store: EventStore,
    /// The read models, sessions and sign-in links.
    pub pool: PgPool,
    /// For `/readyz`, which reports whether NATS answers.
    pub nats: async_nats::Client,
    /// Follows the read models' position, for read-your-writes and readiness.
    pub watch: ProjectionWatch,
    /// People's keys for their personal data (see `docs/logistics.md`).
    pub vault: vault::Vault,
    pub config: ApiConfig,
    /// For approval links: checking them, and sending them again.
    pub approvals: ApprovalSettings,
    /// The local outbox, when mail goes there instead of to an SMTP server.
    pub outbox: Option<Outbox>,
    /// Where sign-in mails are queued for the mailer.
    pub mail: MailQueue,
    pub sign_in: SignInSettings,
    /// The reminder schedules and rules in force, shown to administrators.
    pub reminder_rules: ReminderRules,
    /// The time commands are made at and "today" is read from: the system's, or a
    /// test's own. Sessions and sign-in links expire by the system's clock, which
    /// PostgreSQL compares them with.
    pub clock: clock::Clock,
    /// Runs every command, with the configured read-your-writes wait.
    pub commands: app::Commands,
}

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

/// The reminder settings the scheduler runs with (they are settings, not events).
#[derive(Debug, Clone)]
pub struct ReminderRules {
    pub timezone: String,
    /// Cron expressions, seconds first.
    pub schedules: Vec<String>,
    pub rules: domain::reminders::Settings,
}

impl Default for ReminderRules {
    fn default() -> Self {
        Self {
            timezone: "Asia/Ho_Chi_Minh".into(),
            schedules: vec!["0 0 8 * * Mon-Fri".into()],
            rules: domain::reminders::Settings::default(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct SignInSettings {
    /// How long an emailed sign-in link works.
    pub link_ttl: Duration,
    /// How long a session lasts.
    pub session_ttl: Duration,
    /// Mark cookies `Secure` always (behind TLS); they are also marked when the request
    /// says `X-Forwarded-Proto: https`.
    pub secure_cookies: bool,
}

impl Default for SignInSettings {
    fn default() -> Self {
        Self {
            link_ttl: Duration::from_secs(15 * 60),
            session_ttl: Duration::from_secs(12 * 3600),
            secure_cookies: false,
        }
    }
}
