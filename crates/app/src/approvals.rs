//! Sending an open stage's approval links again, to its undecided seats or to one of
//! them: the JSON API's `POST /api/approvals/{round}/stages/{stage}/resend` and the
//! programme page's button.

use domain::LinkProblem;
use domain::approval::{ApprovalRound, RoundStatus, StageStatus};
use eventstore::{CommandMeta, ExecuteError};
use uuid::Uuid;
use workflow::approvals::{ApprovalSettings, Recipients, issue_links};

use crate::Commands;

/// Why no links were sent again.
#[derive(Debug, thiserror::Error)]
pub enum ResendError {
    #[error("no such approval round")]
    UnknownRound,
    #[error("the round has no such stage")]
    UnknownStage,
    /// The stage, or the whole round, is no longer open: `StageClosed` or `RoundClosed`.
    #[error("the stage is not open")]
    Closed(LinkProblem),
    #[error("no seat of the stage is this member's")]
    UnknownMember,
    #[error(transparent)]
    Command(#[from] ExecuteError),
}

impl Commands {
    /// Sends new links to the undecided seats of stage `stage` of round `round_id` (or to
    /// `member`'s seat only); each new link replaces the seat's previous one. `settings`
    /// are the approval links' secret and lifetime, which the HTTP state holds. Answers
    /// the programme the round is about.
    pub async fn resend_approval_links(
        &self,
        settings: &ApprovalSettings,
        meta: &CommandMeta,
        round_id: Uuid,
        stage: usize,
        member: Option<Uuid>,
    ) -> Result<Uuid, ResendError> {
        let loaded = self
            .store
            .load::<ApprovalRound>(round_id)
            .await
            .map_err(ExecuteError::from)?;
        let Some(record) = loaded.state.record() else {
            return Err(ResendError::UnknownRound);
        };
        let Some(target) = record.stages.get(stage) else {
            return Err(ResendError::UnknownStage);
        };
        if record.status != RoundStatus::Open {
            return Err(ResendError::Closed(LinkProblem::RoundClosed));
        }
        if target.status != StageStatus::Open {
            return Err(ResendError::Closed(LinkProblem::StageClosed));
        }
        if let Some(member) = member
            && !target.seats.iter().any(|s| s.approver.member_id == member)
        {
            return Err(ResendError::UnknownMember);
        }
        let recipients = match member {
            Some(member) => Recipients::Member(member),
            None => Recipients::Undecided,
        };
        issue_links(
            &self.store,
            settings,
            round_id,
            stage,
            recipients,
            meta.now,
            meta,
        )
        .await?;
        Ok(record.programme_id)
    }
}
