use super::command::ProgrammeCommand;
use super::event::{
    Cancelled, Closed, Drafted, FollowedUp, NoData, Postponed, ProgrammeEvent, ReviewStarted,
    Reviewed, Revised, SubmissionRefused, Submitted, Withdrawn,
};
use super::plan::PlanChanges;
use super::{Programme, ProgrammeRecord, Status};
use crate::CommandContext;
use crate::error::{DomainError, Entity, FieldError, Problem};
use crate::text::clean;
use crate::values::check_text;

const MAX_REASON: usize = 1000;

pub(super) fn decide(
    state: &Programme,
    command: &ProgrammeCommand,
    context: &CommandContext,
) -> Result<Vec<ProgrammeEvent>, DomainError> {
    let record = match (state, command) {
        (Programme::New, ProgrammeCommand::Draft { id, plan }) => {
            let plan = plan.normalised();
            reject_if_any(plan.problems())?;
            return Ok(vec![ProgrammeEvent::Drafted(Drafted {
                programme_id: *id,
                plan,
                drafted_by: Some(context.actor.clone()),
            })]);
        }
        (Programme::Existing(_), ProgrammeCommand::Draft { .. }) => {
            return Err(DomainError::AlreadyExists(Entity::Programme));
        }
        (
            state,
            ProgrammeCommand::RecordFromHistory {
                id,
                plan,
                attendance,
                outcomes,
                source,
            },
        ) => {
            return super::history::record(state, *id, plan, attendance, outcomes, source, context);
        }
        (Programme::New, _) => return Err(DomainError::NotFound(Entity::Programme)),
        (Programme::Existing(record), _) => record,
    };
    let not_allowed = || DomainError::NotAllowed {
        command: command.name(),
        status: record.status,
    };
    match command {
        ProgrammeCommand::Draft { .. } | ProgrammeCommand::RecordFromHistory { .. } => {
            unreachable!("handled above")
        }
        ProgrammeCommand::Revise { patch, reason } => {
            let status = record.status;
            if !(status.is_with_planner() || status.is_committed()) {
                return Err(not_allowed());
            }
            let revised = patch.applied_to(&record.plan).normalised();
            let mut problems = revised.problems();
            let reason = reason.as_deref().map(clean).filter(|r| !r.is_empty());
            // Once committees have been asked, a change must say why, and the plan goes
            // back to the planner to be submitted again.
            let status_after = if status.is_committed() {
                if reason.is_none() {
                    problems.push(FieldError::new("reason", Problem::Required));
                }
                Status::Draft
            } else {
                status
            };
            if let Some(reason) = &reason {
                check_text("reason", reason, MAX_REASON, true, &mut problems);
            }
            reject_if_any(problems)?;
            let changes = PlanChanges::between(&record.plan, &revised);
            if changes.is_empty() {
                // Saving an unchanged form is not an event: nothing happened.
                return Ok(vec![]);
            }
            Ok(vec![ProgrammeEvent::Revised(Revised {
                changes,
                reason,
                status_before: status,
                status_after,
            })])
        }
        ProgrammeCommand::Submit => {
            if !record.status.is_with_planner() {
                return Err(not_allowed());
            }
            reject_if_any(record.plan.missing_for_submission())?;
            Ok(vec![ProgrammeEvent::Submitted(Submitted {
                round: record.submissions + 1,
                submitted_by: Some(context.actor.clone()),
            })])
        }
        ProgrammeCommand::Postpone { schedule, reason } => postpone(record, schedule, reason)
            .map_err(|e| match e {
                Refusal::NotAllowed => not_allowed(),
                Refusal::Invalid(errors) => DomainError::Invalid(errors),
            }),
        ProgrammeCommand::StartReview { round_id } => {
            if record.status != Status::Submitted {
                return Err(not_allowed());
            }
            Ok(vec![ProgrammeEvent::ReviewStarted(ReviewStarted {
                round_id: *round_id,
            })])
        }
        ProgrammeCommand::RecordReview { round_id, verdict } => {
            if record.status != Status::UnderReview {
                return Err(not_allowed());
            }
            Ok(vec![ProgrammeEvent::Reviewed(Reviewed {
                round_id: *round_id,
                verdict: verdict.clone(),
            })])
        }
        ProgrammeCommand::Withdraw { reason } => {
            let status = record.status;
            if !matches!(status, Status::Submitted | Status::UnderReview) {
                return Err(not_allowed());
            }
            let reason = required_reason(reason)?;
            Ok(vec![ProgrammeEvent::Withdrawn(Withdrawn {
                reason,
                status_before: status,
            })])
        }
        ProgrammeCommand::RefuseSubmission { round, reason } => {
            if record.status != Status::Submitted || record.submissions != *round {
                return Err(not_allowed());
            }
            Ok(vec![ProgrammeEvent::SubmissionRefused(SubmissionRefused {
                round: *round,
                reason: required_reason(reason)?,
            })])
        }
        ProgrammeCommand::BeginPreparation => match record.status {
            Status::Approved => Ok(vec![ProgrammeEvent::PreparationStarted(NoData {})]),
            Status::InPreparation => Ok(vec![]),
            _ => Err(not_allowed()),
        },
        ProgrammeCommand::MarkHeld => {
            if !matches!(record.status, Status::Approved | Status::InPreparation) {
                return Err(not_allowed());
            }
            // A programme is held once its first day has come where it takes place.
            let today = record.plan.schedule.today(context.now);
            if today < record.plan.schedule.start {
                return Err(DomainError::Invalid(vec![FieldError::new(
                    "schedule.start",
                    Problem::NotYet,
                )]));
            }
            Ok(vec![ProgrammeEvent::Held(NoData {})])
        }
        ProgrammeCommand::RecordFollowUp { report_id } => {
            if record.status != Status::Held {
                return Err(not_allowed());
            }
            Ok(vec![ProgrammeEvent::FollowedUp(FollowedUp {
                report_id: *report_id,
            })])
        }
        ProgrammeCommand::Close { report_id } => {
            if record.status != Status::FollowedUp {
                return Err(not_allowed());
            }
            Ok(vec![ProgrammeEvent::Closed(Closed {
                report_id: *report_id,
            })])
        }
        ProgrammeCommand::Cancel { reason } => {
            let status = record.status;
            if status.is_final() || matches!(status, Status::Held | Status::FollowedUp) {
                return Err(not_allowed());
            }
            Ok(vec![ProgrammeEvent::Cancelled(Cancelled {
                reason: required_reason(reason)?,
                status_before: status,
            })])
        }
    }
}

enum Refusal {
    NotAllowed,
    Invalid(Vec<FieldError>),
}

fn postpone(
    record: &ProgrammeRecord,
    schedule: &crate::values::Schedule,
    reason: &str,
) -> Result<Vec<ProgrammeEvent>, Refusal> {
    let status = record.status;
    // A draft has no dates anyone relies on yet: the planner simply revises them.
    if !(status.is_committed() || matches!(status, Status::ChangesRequested | Status::Postponed)) {
        return Err(Refusal::NotAllowed);
    }
    let mut to = schedule.clone();
    to.timezone = clean(&to.timezone);
    let reason = clean(reason);
    let mut problems = Vec::new();
    to.check("schedule", &mut problems);
    if to.start <= record.plan.schedule.start {
        problems.push(FieldError::new("schedule.start", Problem::NotLater));
    }
    check_text("reason", &reason, MAX_REASON, true, &mut problems);
    if !problems.is_empty() {
        return Err(Refusal::Invalid(problems));
    }
    Ok(vec![ProgrammeEvent::Postponed(Postponed {
        from: record.plan.schedule.clone(),
        to,
        reason,
        status_before: status,
    })])
}

fn required_reason(reason: &str) -> Result<String, DomainError> {
    let reason = clean(reason);
    let mut problems = Vec::new();
    check_text("reason", &reason, MAX_REASON, true, &mut problems);
    reject_if_any(problems)?;
    Ok(reason)
}

fn reject_if_any(problems: Vec<FieldError>) -> Result<(), DomainError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(DomainError::Invalid(problems))
    }
}
