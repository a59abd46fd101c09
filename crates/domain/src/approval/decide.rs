use super::command::{ApprovalCommand, IssuedLink, StagePlan};
use super::committee::DecisionRule;
use super::event::ApprovalEvent;
use super::evolve::apply;
use super::rules::Decision;
use super::settle::settle;
use super::{ApprovalRound, RoundRecord, RoundStatus, StageStatus};
use crate::error::{DomainError, Entity, FieldError, LinkProblem, Problem};
use crate::text::clean;
use crate::values::check_text;
use crate::{Aggregate, CommandContext};

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
                plan,
                changes,
            },
        ) => open(
            ApprovalEvent::RoundOpened {
                round_id: *id,
                programme_id: *programme_id,
                round: *round,
                stages: stages.clone(),
                first_stage: *first_stage,
                plan: plan.clone(),
                changes: changes.clone(),
            },
            stages,
            *first_stage,
        ),
        (ApprovalRound::Existing(_), ApprovalCommand::Open { .. }) => {
            Err(DomainError::AlreadyExists(Entity::ApprovalRound))
        }
        (ApprovalRound::New, _) => Err(DomainError::NotFound(Entity::ApprovalRound)),
        // Settling a round that has ended is a no-op, so the service may always ask.
        (ApprovalRound::Existing(record), ApprovalCommand::Settle) => Ok(settle(record)),
        (ApprovalRound::Existing(record), command) => {
            if record.status != RoundStatus::Open {
                return Err(match command {
                    ApprovalCommand::Decide { token_hash, .. } if !knows(record, token_hash) => {
                        DomainError::Link(LinkProblem::Unknown)
                    }
                    // The approver whose decision ended the round is told it was recorded.
                    ApprovalCommand::Decide { token_hash, .. }
                        if record
                            .seat_by_token(token_hash)
                            .is_some_and(|(_, _, seat)| seat.decision.is_some()) =>
                    {
                        DomainError::Link(LinkProblem::Used)
                    }
                    ApprovalCommand::Decide { .. } => DomainError::Link(LinkProblem::RoundClosed),
                    _ => DomainError::RoundNotOpen,
                });
            }
            match command {
                ApprovalCommand::Open { .. } | ApprovalCommand::Settle => {
                    unreachable!("handled above")
                }
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

/// The round opens with its first stages asked at once: `opened` followed by what
/// settling the new round gives.
fn open(
    opened: ApprovalEvent,
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
    let ApprovalRound::Existing(record) = ApprovalRound::New.evolve(&opened) else {
        unreachable!("a round-opened event always makes a round")
    };
    let mut events = vec![opened];
    events.extend(settle(&record));
    Ok(events)
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
    // Like every command on a round, it settles the round after its own event, so that a
    // later event always means the round was settled up to it.
    let issued = ApprovalEvent::LinksIssued {
        stage,
        links: links.to_vec(),
    };
    let mut after = record.clone();
    apply(&mut after, &issued);
    let mut events = vec![issued];
    events.extend(settle(&after));
    Ok(events)
}

fn knows(record: &RoundRecord, token_hash: &str) -> bool {
    record.stages.iter().flat_map(|s| &s.seats).any(|seat| {
        seat.link
            .as_ref()
            .is_some_and(|l| l.token_hash == token_hash)
            || seat.replaced_links.iter().any(|h| h == token_hash)
    })
}

/// A decision is weighed against the round as it stands once settled: had the decisions
/// before it already met a stage's rule (its resolution not yet appended), that stage is
/// closed to this one. The decision is the command's first event; what follows from it
/// (and anything still unsettled) comes after.
fn decide_by_link(
    record: &RoundRecord,
    token_hash: &str,
    decision: &Decision,
    context: &CommandContext,
) -> Result<Vec<ApprovalEvent>, DomainError> {
    let mut settled = record.clone();
    for event in settle(record) {
        apply(&mut settled, &event);
    }
    if settled.status != RoundStatus::Open {
        return Err(DomainError::Link(LinkProblem::RoundClosed));
    }
    let Some((index, stage, seat)) = settled.seat_by_token(token_hash) else {
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
    let recorded = ApprovalEvent::DecisionRecorded {
        stage: index,
        member_id: seat.approver.member_id,
        decision: checked(decision)?,
        at: context.now,
        by: seat.approver.person.clone(),
        on_behalf_of: seat.approver.on_behalf_of.clone(),
    };
    let mut after = record.clone();
    apply(&mut after, &recorded);
    let mut events = vec![recorded];
    events.extend(settle(&after));
    Ok(events)
}

/// A request for changes needs a comment and a decline a reason, so the planner knows why;
/// an approval may carry one.
fn checked(decision: &Decision) -> Result<Decision, DomainError> {
    let mut problems = Vec::new();
    let decision = match decision {
        Decision::Approve { comment } => {
            let comment = comment.as_deref().map(clean).filter(|c| !c.is_empty());
            if let Some(comment) = &comment {
                check_text("comment", comment, MAX_COMMENT, false, &mut problems);
            }
            Decision::Approve { comment }
        }
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
