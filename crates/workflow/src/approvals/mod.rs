//! The approval process: a submitted programme gets an approval round on its
//! organisation's route, every stage that opens gets personal links, and the round's
//! outcome is recorded on the programme. Withdrawing or cancelling closes the round.

mod issue_links;
mod route;

use std::time::Duration;

use clock::Clock;
use domain::DomainError;
use domain::approval::{ApprovalCommand, ApprovalEvent, ApprovalRound, RoundOutcome, round_id};
use domain::programme::{Programme, ProgrammeCommand, ProgrammeEvent, Status, Verdict};
use eventstore::{CommandMeta, EventStore, ExecuteError, StoredEvent};
use tracing::info;
use uuid::Uuid;

use crate::links::LinkSecret;
use crate::subscription::{Handler, HandlerError};

pub use issue_links::{Recipients, issue_links};

/// The name every command of this process is recorded under.
pub const ACTOR: &str = "caunoi-approvals";

/// Settings of the approval process.
#[derive(Debug, Clone)]
pub struct ApprovalSettings {
    pub secret: LinkSecret,
    /// How long a link works after it is sent.
    pub link_ttl: Duration,
}

pub struct ApprovalProcess {
    store: EventStore,
    settings: ApprovalSettings,
    clock: Clock,
}

impl Handler for ApprovalProcess {
    async fn handle(&self, event: &StoredEvent) -> Result<(), HandlerError> {
        self.act(event, Followed::NotKnown).await
    }

    async fn handle_followed(&self, event: &StoredEvent) -> Result<(), HandlerError> {
        self.act(event, Followed::Yes).await
    }
}

/// Whether the round is known to have events after the one in hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Followed {
    /// A later event of the round was already taken from the stream.
    Yes,
    /// The store is asked.
    NotKnown,
}

impl ApprovalProcess {
    async fn act(&self, event: &StoredEvent, followed: Followed) -> Result<(), HandlerError> {
        let envelope = &event.envelope;
        let id = envelope.aggregate_id;
        let meta = CommandMeta {
            now: self.clock.now(),
            actor: ACTOR.into(),
            correlation_id: envelope.correlation_id.clone(),
            causation_id: Some(envelope.event_id.to_string()),
        };
        if let Some(event) = envelope.event_of::<Programme>() {
            return self.on_programme_event(id, &event?, &meta).await;
        }
        match envelope.event_of::<ApprovalRound>().transpose()? {
            Some(ApprovalEvent::RoundOpened { .. }) => {
                self.settle_if_last(id, envelope.aggregate_version, followed, &meta)
                    .await?;
                self.start_review(id, &meta).await
            }
            Some(ApprovalEvent::StageOpened { stage }) => ignore_refusal(
                issue_links(
                    &self.store,
                    &self.settings,
                    id,
                    stage,
                    Recipients::WithoutLink,
                    meta.now,
                    &meta,
                )
                .await,
            ),
            Some(ApprovalEvent::DecisionRecorded { .. }) => {
                self.settle_if_last(id, envelope.aggregate_version, followed, &meta)
                    .await
            }
            Some(ApprovalEvent::RoundResolved { outcome }) => {
                self.record_review(id, outcome, &meta).await
            }
            _ => Ok(()),
        }
    }

    /// A submission opens a round; taking the programme back while it is submitted or
    /// under review closes the round.
    async fn on_programme_event(
        &self,
        id: Uuid,
        event: &ProgrammeEvent,
        meta: &CommandMeta,
    ) -> Result<(), HandlerError> {
        let status_before = match event {
            ProgrammeEvent::Submitted(submitted) => {
                return self.open_round(id, submitted.round, meta).await;
            }
            ProgrammeEvent::Withdrawn(e) => e.status_before,
            ProgrammeEvent::Cancelled(e) => e.status_before,
            ProgrammeEvent::Postponed(e) => e.status_before,
            ProgrammeEvent::Revised(e) => e.status_before,
            _ => return Ok(()),
        };
        if matches!(status_before, Status::Submitted | Status::UnderReview) {
            self.withdraw_latest_round(id, meta).await
        } else {
            Ok(())
        }
    }

    /// `clock` gives the time the process acts at: when stages open and links are sent.
    pub fn new(store: EventStore, settings: ApprovalSettings, clock: Clock) -> Self {
        Self {
            store,
            settings,
            clock,
        }
    }

    /// Appends what follows from a round's state, in case the command that led there was
    /// interrupted between its events. Every command on a round settles it after its own
    /// event, so when the round has events after this one there is nothing to do, and
    /// the store need not be asked when the subscription has already seen a later one.
    async fn settle_if_last(
        &self,
        round_id: Uuid,
        version: u64,
        followed: Followed,
        meta: &CommandMeta,
    ) -> Result<(), HandlerError> {
        if followed == Followed::Yes
            || self.store.last_version::<ApprovalRound>(round_id).await? > version
        {
            return Ok(());
        }
        ignore_refusal(
            self.store
                .execute::<ApprovalRound>(round_id, None, &ApprovalCommand::Settle, meta)
                .await
                .map(|_| ()),
        )
    }

    async fn open_round(
        &self,
        programme_id: Uuid,
        round: u32,
        meta: &CommandMeta,
    ) -> Result<(), HandlerError> {
        let programme = self.store.load::<Programme>(programme_id).await?;
        let Some(record) = programme.state.record() else {
            return Ok(());
        };
        // Handled again after a restart, or overtaken by a withdrawal: nothing to open.
        if record.status != Status::Submitted || record.submissions != round {
            return Ok(());
        }
        let command = match route::round_for(&self.store, record, round, meta.now).await? {
            Ok(open) => open,
            Err(reason) => {
                info!(%programme_id, %reason, "submission refused: no round can open");
                let refuse = ProgrammeCommand::RefuseSubmission { round, reason };
                return ignore_refusal(
                    self.store
                        .execute::<Programme>(programme_id, None, &refuse, meta)
                        .await
                        .map(|_| ()),
                );
            }
        };
        match self
            .store
            .execute::<ApprovalRound>(round_id(programme_id, round), None, &command, meta)
            .await
        {
            Ok(_) | Err(ExecuteError::Rejected(DomainError::AlreadyExists(_))) => Ok(()),
            Err(ExecuteError::Rejected(refusal)) => {
                let refuse = ProgrammeCommand::RefuseSubmission {
                    round,
                    reason: route::describe_refusal(&refusal),
                };
                ignore_refusal(
                    self.store
                        .execute::<Programme>(programme_id, None, &refuse, meta)
                        .await
                        .map(|_| ()),
                )
            }
            Err(other) => Err(infrastructure(other)),
        }
    }

    /// The round opened: the programme is now under review. If the programme was taken
    /// back meanwhile, the round closes instead.
    async fn start_review(&self, round_id: Uuid, meta: &CommandMeta) -> Result<(), HandlerError> {
        let round = self.store.load::<ApprovalRound>(round_id).await?;
        let Some(record) = round.state.record() else {
            return Ok(());
        };
        let programme = self.store.load::<Programme>(record.programme_id).await?;
        let current = programme
            .state
            .record()
            .is_some_and(|p| p.submissions == record.round && p.status == Status::Submitted);
        if current {
            return ignore_refusal(
                self.store
                    .execute::<Programme>(
                        record.programme_id,
                        None,
                        &ProgrammeCommand::StartReview { round_id },
                        meta,
                    )
                    .await
                    .map(|_| ()),
            );
        }
        let under_review_now = programme
            .state
            .record()
            .is_some_and(|p| p.review_round_id == Some(round_id));
        if under_review_now {
            return Ok(());
        }
        self.withdraw(
            round_id,
            "Kế hoạch đã được rút lại trước khi xem xét.",
            meta,
        )
        .await
    }

    async fn withdraw_latest_round(
        &self,
        programme_id: Uuid,
        meta: &CommandMeta,
    ) -> Result<(), HandlerError> {
        let programme = self.store.load::<Programme>(programme_id).await?;
        let Some(record) = programme.state.record() else {
            return Ok(());
        };
        let reason = match record.status {
            Status::Cancelled => "Chương trình đã bị hủy.",
            Status::Postponed => "Chương trình đã được hoãn sang thời gian khác.",
            _ => "Kế hoạch đã được rút lại để chỉnh sửa.",
        };
        self.withdraw(round_id(programme_id, record.submissions), reason, meta)
            .await
    }

    async fn withdraw(
        &self,
        round_id: Uuid,
        reason: &str,
        meta: &CommandMeta,
    ) -> Result<(), HandlerError> {
        let command = ApprovalCommand::Withdraw {
            reason: reason.into(),
        };
        ignore_refusal(
            self.store
                .execute::<ApprovalRound>(round_id, None, &command, meta)
                .await
                .map(|_| ()),
        )
    }

    async fn record_review(
        &self,
        round_id: Uuid,
        outcome: RoundOutcome,
        meta: &CommandMeta,
    ) -> Result<(), HandlerError> {
        let round = self.store.load::<ApprovalRound>(round_id).await?;
        let Some(record) = round.state.record() else {
            return Ok(());
        };
        let verdict = match outcome {
            RoundOutcome::Approved => Verdict::Approved,
            RoundOutcome::ChangesRequested { comment, .. } => Verdict::ChangesRequested { comment },
            RoundOutcome::Declined { reason, .. } => Verdict::Declined { reason },
        };
        let command = ProgrammeCommand::RecordReview { round_id, verdict };
        ignore_refusal(
            self.store
                .execute::<Programme>(record.programme_id, None, &command, meta)
                .await
                .map(|_| ()),
        )
    }
}

/// A business refusal means the step is already done or no longer applies (a programme
/// that moved on, a round that ended): the process goes on. Infrastructure failures are
/// retried.
fn ignore_refusal(result: Result<(), ExecuteError>) -> Result<(), HandlerError> {
    match result {
        Ok(()) => Ok(()),
        Err(ExecuteError::Rejected(refusal)) => {
            info!(code = refusal.code(), "step no longer applies");
            Ok(())
        }
        Err(other) => Err(infrastructure(other)),
    }
}

fn infrastructure(error: ExecuteError) -> HandlerError {
    match error {
        ExecuteError::Store(store) => HandlerError::Store(store),
        other => HandlerError::Other(other.to_string()),
    }
}
