use super::event::{ApprovalEvent, RoundOutcome};
use super::rules::StageOutcome;
use super::{
    ApprovalRound, LinkRecord, RecordedDecision, RoundRecord, RoundStatus, SeatRecord, StageRecord,
    StageStatus,
};

/// Folds one event into the round. Events are facts: one that does not fit the state
/// (which `decide` never produces) leaves the state as it is.
pub(super) fn evolve(state: ApprovalRound, event: &ApprovalEvent) -> ApprovalRound {
    match (state, event) {
        (
            ApprovalRound::New,
            ApprovalEvent::RoundOpened {
                round_id,
                programme_id,
                round,
                stages,
                first_stage,
                plan,
                changes,
            },
        ) => ApprovalRound::Existing(RoundRecord {
            id: *round_id,
            programme_id: *programme_id,
            round: *round,
            status: RoundStatus::Open,
            stages: stages
                .iter()
                .enumerate()
                .map(|(index, plan)| StageRecord {
                    plan: plan.clone(),
                    status: if index < *first_stage {
                        StageStatus::CarriedOver
                    } else {
                        StageStatus::Waiting
                    },
                    seats: plan
                        .approvers
                        .iter()
                        .map(|approver| SeatRecord {
                            approver: approver.clone(),
                            link: None,
                            replaced_links: Vec::new(),
                            decision: None,
                        })
                        .collect(),
                })
                .collect(),
            plan: (**plan).clone(),
            changes: changes.as_deref().cloned(),
        }),
        (ApprovalRound::Existing(mut record), event) => {
            apply(&mut record, event);
            ApprovalRound::Existing(record)
        }
        (state, _) => state,
    }
}

pub(super) fn apply(record: &mut RoundRecord, event: &ApprovalEvent) {
    match event {
        ApprovalEvent::RoundOpened { .. } => {}
        ApprovalEvent::StageOpened { stage } => {
            if let Some(stage) = record.stages.get_mut(*stage) {
                stage.status = StageStatus::Open;
            }
        }
        ApprovalEvent::LinksIssued { stage, links } => {
            let Some(stage) = record.stages.get_mut(*stage) else {
                return;
            };
            for link in links {
                if let Some(seat) = stage
                    .seats
                    .iter_mut()
                    .find(|s| s.approver.member_id == link.member_id)
                {
                    if let Some(old) = seat.link.take() {
                        seat.replaced_links.push(old.token_hash);
                    }
                    seat.link = Some(LinkRecord {
                        link_id: link.link_id,
                        token_hash: link.token_hash.clone(),
                        issued_at: link.issued_at,
                        expires_at: link.expires_at,
                    });
                }
            }
        }
        ApprovalEvent::DecisionRecorded {
            stage,
            member_id,
            decision,
            at,
            ..
        } => {
            let seat = record.stages.get_mut(*stage).and_then(|s| {
                s.seats
                    .iter_mut()
                    .find(|s| s.approver.member_id == *member_id)
            });
            if let Some(seat) = seat {
                seat.decision = Some(RecordedDecision {
                    decision: decision.clone(),
                    at: *at,
                });
            }
        }
        ApprovalEvent::StageResolved { stage, outcome } => {
            if let Some(stage) = record.stages.get_mut(*stage) {
                stage.status = match outcome {
                    StageOutcome::Approved => StageStatus::Approved,
                    StageOutcome::ChangesRequested => StageStatus::ChangesRequested,
                    StageOutcome::Declined => StageStatus::Declined,
                    StageOutcome::Undecided => stage.status,
                };
            }
        }
        ApprovalEvent::RoundResolved { outcome } => {
            record.status = match outcome {
                RoundOutcome::Approved => RoundStatus::Approved,
                RoundOutcome::ChangesRequested { .. } => RoundStatus::ChangesRequested,
                RoundOutcome::Declined { .. } => RoundStatus::Declined,
            };
            close_open_stages(record);
        }
        ApprovalEvent::RoundWithdrawn { .. } => {
            record.status = RoundStatus::Withdrawn;
            close_open_stages(record);
        }
    }
}

/// Stages still open or waiting when a round ends will never be asked.
fn close_open_stages(record: &mut RoundRecord) {
    for stage in &mut record.stages {
        if matches!(stage.status, StageStatus::Open | StageStatus::Waiting) {
            stage.status = StageStatus::Closed;
        }
    }
}
