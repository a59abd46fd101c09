use chrono::{DateTime, Utc};
use domain::approval::{ApprovalCommand, ApprovalRound, IssuedLink, StageStatus};
use eventstore::{CommandMeta, EventStore, ExecuteError};
use uuid::Uuid;

use super::ApprovalSettings;
use crate::links::token_hash;

/// Which seats of a stage get a new link. Seats that decided never do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipients {
    /// Those that have none yet: a stage that just opened.
    WithoutLink,
    /// One member, e.g. asking for a new link from an expired one.
    Member(Uuid),
    /// Every undecided seat, e.g. a planner sending the stage's links again.
    Undecided,
}

/// Sends links to seats of an open stage; a new link replaces the seat's previous one.
/// Does nothing when there is no one to send to, so handling a stage again is harmless.
pub async fn issue_links(
    store: &EventStore,
    settings: &ApprovalSettings,
    round_id: Uuid,
    stage: usize,
    recipients: Recipients,
    now: DateTime<Utc>,
    meta: &CommandMeta,
) -> Result<(), ExecuteError> {
    let round = store.load::<ApprovalRound>(round_id).await?;
    let Some(target) = round
        .state
        .record()
        .and_then(|r| r.stages.get(stage))
        .filter(|s| s.status == StageStatus::Open)
    else {
        return Ok(());
    };
    let ttl = chrono::Duration::from_std(settings.link_ttl).unwrap_or(chrono::Duration::days(7));
    let links: Vec<IssuedLink> = target
        .seats
        .iter()
        .filter(|seat| seat.decision.is_none())
        .filter(|seat| match recipients {
            Recipients::WithoutLink => seat.link.is_none(),
            Recipients::Member(member) => seat.approver.member_id == member,
            Recipients::Undecided => true,
        })
        .map(|seat| {
            let link_id = Uuid::new_v4();
            IssuedLink {
                link_id,
                member_id: seat.approver.member_id,
                token_hash: token_hash(&settings.secret.token(link_id)),
                issued_at: now,
                expires_at: now + ttl,
            }
        })
        .collect();
    if links.is_empty() {
        return Ok(());
    }
    store
        .execute::<ApprovalRound>(
            round_id,
            Some(round.version),
            &ApprovalCommand::IssueLinks { stage, links },
            meta,
        )
        .await
        .map(|_| ())
}
