use eventstore::EventStore;
use mailer::Outbox;
use workflow::approvals::ApprovalSettings;

/// What the pages need. Cheap to clone.
#[derive(Clone)]
pub struct WebState {
    pub store: EventStore,
    pub approvals: ApprovalSettings,
    /// The local outbox, when mail goes there instead of to an SMTP server.
    pub outbox: Option<Outbox>,
}
