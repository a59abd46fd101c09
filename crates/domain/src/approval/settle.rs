//! What follows from a round's state: stages whose rule is met are resolved, the next
//! stage opens, and the round ends. Worked out from the state alone, so that settling a
//! round again after an interrupted append completes what was left undone.

use super::event::{ApprovalEvent, RoundOutcome};
use super::evolve::apply;
use super::rules::{Decision, Seat, StageOutcome, weigh};
use super::{RoundRecord, RoundStatus, StageRecord, StageStatus};

/// The events that bring the round up to date, in order; empty when it is.
pub(super) fn settle(record: &RoundRecord) -> Vec<ApprovalEvent> {
    let mut record = record.clone();
    let mut events = Vec::new();
    while record.status == RoundStatus::Open {
        let Some(event) = next_step(&record) else {
            break;
        };
        apply(&mut record, &event);
        events.push(event);
    }
    events
}

fn next_step(record: &RoundRecord) -> Option<ApprovalEvent> {
    if let Some(resolved) = resolve_an_open_stage(record) {
        return Some(resolved);
    }
    let stages = &record.stages;
    let last_blocking = stages.iter().rposition(|s| !s.plan.advisory)?;
    for (index, stage) in stages.iter().enumerate() {
        if stage.plan.advisory {
            continue;
        }
        match stage.status {
            StageStatus::CarriedOver | StageStatus::Approved => continue,
            StageStatus::ChangesRequested => {
                return Some(ApprovalEvent::RoundResolved {
                    outcome: RoundOutcome::ChangesRequested {
                        stage: index,
                        comment: reasons(stage),
                    },
                });
            }
            StageStatus::Declined => {
                return Some(ApprovalEvent::RoundResolved {
                    outcome: RoundOutcome::Declined {
                        stage: index,
                        reason: reasons(stage),
                    },
                });
            }
            // Advisory stages are asked alongside the next deciding stage; those after
            // the last deciding stage are asked alongside it.
            StageStatus::Waiting => {
                let advisory_before = waiting_advisory(stages, 0..index);
                return Some(ApprovalEvent::StageOpened {
                    stage: advisory_before.unwrap_or(index),
                });
            }
            StageStatus::Open if index == last_blocking => {
                return waiting_advisory(stages, index + 1..stages.len())
                    .map(|stage| ApprovalEvent::StageOpened { stage });
            }
            StageStatus::Open | StageStatus::Closed => return None,
        }
    }
    Some(ApprovalEvent::RoundResolved {
        outcome: RoundOutcome::Approved,
    })
}

fn resolve_an_open_stage(record: &RoundRecord) -> Option<ApprovalEvent> {
    record
        .stages
        .iter()
        .enumerate()
        .filter(|(_, stage)| stage.status == StageStatus::Open)
        .find_map(|(index, stage)| {
            let seats: Vec<Seat<'_>> = stage
                .seats
                .iter()
                .map(|s| Seat {
                    chair: s.approver.chair,
                    decision: s.decision.as_ref().map(|d| &d.decision),
                })
                .collect();
            match weigh(stage.plan.rule, &seats) {
                StageOutcome::Undecided => None,
                outcome => Some(ApprovalEvent::StageResolved {
                    stage: index,
                    outcome,
                }),
            }
        })
}

fn waiting_advisory(stages: &[StageRecord], range: std::ops::Range<usize>) -> Option<usize> {
    range
        .into_iter()
        .find(|&i| stages[i].plan.advisory && stages[i].status == StageStatus::Waiting)
}

/// The comments or reasons given for sending the plan back or declining it, for the
/// planner: every one of the kind that decided the stage.
fn reasons(stage: &StageRecord) -> String {
    let declined = stage.status == StageStatus::Declined;
    let mut texts: Vec<&str> = stage
        .seats
        .iter()
        .filter_map(|s| match s.decision.as_ref().map(|d| &d.decision) {
            Some(Decision::RequestChanges { comment }) if !declined => Some(comment.as_str()),
            Some(Decision::Decline { reason }) if declined => Some(reason.as_str()),
            _ => None,
        })
        .collect();
    texts.dedup();
    texts.join("\n")
}
