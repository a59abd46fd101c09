use super::command::{ApprovalCommand, IssuedLink, StagePlan};
use super::committee::DecisionRule;
use super::event::{ApprovalEvent, RoundOutcome};
use super::rules::{Decision, Seat, StageOutcome, weigh};
use super::{ApprovalRound, RoundRecord, RoundStatus, StageStatus};
use crate::CommandContext;
use crate::error::{DomainError, FieldError, LinkProblem, Problem};
use crate::text::clean;
use crate::values::check_text;

const MAX_COMMENT: usize = 2000;

pub(super) fn decide(
    state: &ApprovalRound,
    command: &ApprovalCommand,
    context: &CommandContext,
) -> Result<Vec<ApprovalEvent>, DomainError> {
    match (state, command) {
        (
            ApprovalRound::New,
            ApprovalCommand::Open {
                id,
                programme_id,
                round,
                stages,
                first_stage,
            },
        ) => open(*id, *programme_id, *round, stages, *first_stage),
        (ApprovalRound::Existing(_), ApprovalCommand::Open { .. }) => {
            Err(DomainError::AlreadyExists)
        }
        (ApprovalRound::New, _) => Err(DomainError::NotFound),
        (ApprovalRound::Existing(record), command) => {
            if record.status != RoundStatus::Open {
                return Err(match command {
                    ApprovalCommand::Decide { token_hash, .. } if !knows(record, token_hash) => {
                        DomainError::Link(LinkProblem::Unknown)
                    }
                    ApprovalCommand::Decide { .. } => DomainError::Link(LinkProblem::RoundClosed),
                    _ => DomainError::RoundNotOpen,
                });
            }
            match command {
                ApprovalCommand::Open { .. } => unreachable!("handled above"),
                ApprovalCommand::IssueLinks { stage, links } => issue_links(record, *stage, links),
                ApprovalCommand::Decide {
                    token_hash,
                    decision,
                } => decide_by_link(record, token_hash, decision, context),
                ApprovalCommand::Withdraw { reason } => {
                    let reason = clean(reason);
                    let mut problems = Vec::new();
                    check_text("reason", &reason, MAX_COMMENT, true, &mut problems);
                    reject_if_any(problems)?;
                    Ok(vec![ApprovalEvent::RoundWithdrawn { reason }])
                }
            }
        }
    }
}

fn reject_if_any(problems: Vec<FieldError>) -> Result<(), DomainError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(DomainError::Invalid(problems))
    }
}

fn open(
    id: uuid::Uuid,
    programme_id: uuid::Uuid,
    round: u32,
    stages: &[StagePlan],
    first_stage: usize,
) -> Result<Vec<ApprovalEvent>, DomainError> {
    let mut problems = Vec::new();
    if stages.iter().skip(first_stage).all(|s| s.advisory) {
        problems.push(FieldError::new("stages", Problem::Required));
    }
    for (index, stage) in stages.iter().enumerate() {
        if stage.approvers.is_empty() {
            problems.push(FieldError::new(
                format!("stages[{index}].approvers"),
                Problem::Required,
            ));
        }
        if stage.rule == DecisionRule::Chair && !stage.approvers.iter().any(|a| a.chair) {
            problems.push(FieldError::new(
                format!("stages[{index}].chair"),
                Problem::Required,
            ));
        }
    }
    reject_if_any(problems)?;
    let mut events = vec![ApprovalEvent::RoundOpened {
        round_id: id,
        programme_id,
        round,
        stages: stages.to_vec(),
        first_stage,
    }];
    events.extend(open_from(stages, first_stage));
    Ok(events)
}

/// Opens stages from `first` on, up to and including the next blocking one: advisory
/// stages are asked alongside, and never hold the round up.
fn open_from(stages: &[StagePlan], first: usize) -> Vec<ApprovalEvent> {
    let mut events = Vec::new();
    for (index, stage) in stages.iter().enumerate().skip(first) {
        events.push(ApprovalEvent::StageOpened { stage: index });
        if !stage.advisory {
            break;
        }
    }
    events
}

fn issue_links(
    record: &RoundRecord,
    stage: usize,
    links: &[IssuedLink],
) -> Result<Vec<ApprovalEvent>, DomainError> {
    let Some(target) = record
        .stages
        .get(stage)
        .filter(|s| s.status == StageStatus::Open)
    else {
        return Err(DomainError::Link(LinkProblem::StageClosed));
    };
    let mut problems = Vec::new();
    for (index, link) in links.iter().enumerate() {
        let seat = target
            .seats
            .iter()
            .find(|s| s.approver.member_id == link.member_id);
        match seat {
            None => problems.push(FieldError::new(
                format!("links[{index}].member_id"),
                Problem::Unknown,
            )),
            Some(seat) if seat.decision.is_some() => problems.push(FieldError::new(
                format!("links[{index}].member_id"),
                Problem::Unchanged,
            )),
            Some(_) => {}
        }
    }
    reject_if_any(problems)?;
    Ok(vec![ApprovalEvent::LinksIssued {
        stage,
        links: links.to_vec(),
    }])
}

fn knows(record: &RoundRecord, token_hash: &str) -> bool {
    record.stages.iter().flat_map(|s| &s.seats).any(|seat| {
        seat.link
            .as_ref()
            .is_some_and(|l| l.token_hash == token_hash)
            || seat.replaced_links.iter().any(|h| h == token_hash)
    })
}

fn decide_by_link(
    record: &RoundRecord,
    token_hash: &str,
    decision: &Decision,
    context: &CommandContext,
) -> Result<Vec<ApprovalEvent>, DomainError> {
    let found = record.stages.iter().enumerate().find_map(|(index, stage)| {
        stage
            .seats
            .iter()
            .find(|seat| {
                seat.link
                    .as_ref()
                    .is_some_and(|l| l.token_hash == token_hash)
            })
            .map(|seat| (index, stage, seat))
    });
    let Some((index, stage, seat)) = found else {
        return Err(DomainError::Link(if knows(record, token_hash) {
            LinkProblem::Replaced
        } else {
            LinkProblem::Unknown
        }));
    };
    if seat.decision.is_some() {
        return Err(DomainError::Link(LinkProblem::Used));
    }
    if stage.status != StageStatus::Open {
        return Err(DomainError::Link(LinkProblem::StageClosed));
    }
    let link = seat.link.as_ref().expect("found by its link");
    if context.now > link.expires_at {
        return Err(DomainError::Link(LinkProblem::Expired));
    }
    let decision = checked(decision)?;

    let mut events = vec![ApprovalEvent::DecisionRecorded {
        stage: index,
        member_id: seat.approver.member_id,
        decision: decision.clone(),
        at: context.now,
        by: seat.approver.person.clone(),
        on_behalf_of: seat.approver.on_behalf_of.clone(),
    }];
    let seats: Vec<Seat<'_>> = stage
        .seats
        .iter()
        .map(|s| Seat {
            chair: s.approver.chair,
            decision: if s.approver.member_id == seat.approver.member_id {
                Some(&decision)
            } else {
                s.decision.as_ref().map(|d| &d.decision)
            },
        })
        .collect();
    let outcome = weigh(stage.plan.rule, &seats);
    if outcome == StageOutcome::Undecided {
        return Ok(events);
    }
    events.push(ApprovalEvent::StageResolved {
        stage: index,
        outcome,
    });
    if stage.plan.advisory {
        return Ok(events);
    }
    events.extend(match outcome {
        StageOutcome::Approved => after_approval(record, index),
        StageOutcome::ChangesRequested => vec![ApprovalEvent::RoundResolved {
            outcome: RoundOutcome::ChangesRequested {
                stage: index,
                comment: reasons(&seats, &decision),
            },
        }],
        StageOutcome::Declined => vec![ApprovalEvent::RoundResolved {
            outcome: RoundOutcome::Declined {
                stage: index,
                reason: reasons(&seats, &decision),
            },
        }],
        StageOutcome::Undecided => unreachable!("returned above"),
    });
    Ok(events)
}

/// The next blocking stage opens (with any advisory ones before it); after the last, the
/// round is approved.
fn after_approval(record: &RoundRecord, approved: usize) -> Vec<ApprovalEvent> {
    let plans: Vec<StagePlan> = record.stages.iter().map(|s| s.plan.clone()).collect();
    let next_blocking = plans
        .iter()
        .enumerate()
        .skip(approved + 1)
        .find(|(_, s)| !s.advisory)
        .map(|(index, _)| index);
    match next_blocking {
        // Advisory stages asked earlier are not asked again.
        Some(_) => open_from(&plans, approved + 1)
            .into_iter()
            .filter(|e| {
                !matches!(e, ApprovalEvent::StageOpened { stage }
                    if record.stages[*stage].status != StageStatus::Waiting)
            })
            .collect(),
        None => vec![ApprovalEvent::RoundResolved {
            outcome: RoundOutcome::Approved,
        }],
    }
}

/// The comments or reasons given for sending back or declining, for the planner.
fn reasons(seats: &[Seat<'_>], latest: &Decision) -> String {
    let mut texts: Vec<&str> = seats
        .iter()
        .filter_map(|s| match s.decision {
            Some(Decision::RequestChanges { comment })
                if matches!(latest, Decision::RequestChanges { .. }) =>
            {
                Some(comment.as_str())
            }
            Some(Decision::Decline { reason }) if matches!(latest, Decision::Decline { .. }) => {
                Some(reason.as_str())
            }
            _ => None,
        })
        .collect();
    texts.dedup();
    texts.join("\n")
}

/// A request for changes needs a comment and a decline a reason, so the planner knows why.
fn checked(decision: &Decision) -> Result<Decision, DomainError> {
    let mut problems = Vec::new();
    let decision = match decision {
        Decision::Approve => Decision::Approve,
        Decision::RequestChanges { comment } => {
            let comment = clean(comment);
            check_text("comment", &comment, MAX_COMMENT, true, &mut problems);
            Decision::RequestChanges { comment }
        }
        Decision::Decline { reason } => {
            let reason = clean(reason);
            check_text("reason", &reason, MAX_COMMENT, true, &mut problems);
            Decision::Decline { reason }
        }
    };
    reject_if_any(problems)?;
    Ok(decision)
}
