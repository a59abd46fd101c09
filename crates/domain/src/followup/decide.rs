use chrono::Days;

use super::command::ReportCommand;
use super::event::ReportEvent;
use super::{FollowUpReport, ReportStatus};
use crate::CommandContext;
use crate::error::{DomainError, Entity, EntityState, FieldError, Problem};
use crate::programme::Status;
use crate::text::{clean, clean_optional};
use crate::values::{VIETNAM, check_text};

pub(super) fn decide(
    state: &FollowUpReport,
    command: &ReportCommand,
    context: &CommandContext,
) -> Result<Vec<ReportEvent>, DomainError> {
    let record = match (state, command) {
        (
            FollowUpReport::New,
            ReportCommand::Draft {
                id,
                programme,
                due_after_days,
                content,
            },
        ) => {
            if !matches!(
                programme.status,
                Status::Approved | Status::InPreparation | Status::Held
            ) {
                return Err(DomainError::NotAllowed {
                    command: command.name(),
                    status: programme.status,
                });
            }
            let schedule = &programme.schedule;
            // A programme has ended once its last day has come where it took place: a
            // one-day seminar is reported on the same evening.
            if schedule.today(context.now) < schedule.end {
                return Err(DomainError::Invalid(vec![FieldError::new(
                    "programme.schedule.end",
                    Problem::NotEnded { end: schedule.end },
                )]));
            }
            let content = content.normalised();
            reject_if_any(content.problems(programme.budget.as_deref()))?;
            let due_on = schedule
                .end
                .checked_add_days(Days::new((*due_after_days).into()))
                .unwrap_or(schedule.end);
            return Ok(vec![ReportEvent::Drafted {
                report_id: *id,
                programme: programme.clone(),
                due_on,
                content,
                drafted_by: Some(context.actor.clone()),
            }]);
        }
        (FollowUpReport::Existing(_), ReportCommand::Draft { .. }) => {
            return Err(DomainError::AlreadyExists(Entity::FollowUpReport));
        }
        (FollowUpReport::New, _) => return Err(DomainError::NotFound(Entity::FollowUpReport)),
        (FollowUpReport::Existing(record), _) => record,
    };
    let status = record.status;
    let not_allowed = || DomainError::NotAllowedIn {
        command: command.name(),
        state: EntityState::Report(status),
    };
    let with_coordinator = matches!(status, ReportStatus::Draft | ReportStatus::Returned);
    let event = match command {
        ReportCommand::Draft { .. } => unreachable!("handled above"),
        ReportCommand::Revise { content } => {
            if !with_coordinator {
                return Err(not_allowed());
            }
            let content = content.normalised();
            reject_if_any(content.problems(record.programme.budget.as_deref()))?;
            if content == record.content {
                return Ok(vec![]);
            }
            ReportEvent::Revised { content }
        }
        ReportCommand::Submit => match status {
            // Submitting again is harmless: a retried request finds it done.
            ReportStatus::Submitted => return Ok(vec![]),
            ReportStatus::Accepted => return Err(not_allowed()),
            ReportStatus::Draft | ReportStatus::Returned => {
                reject_if_any(record.content.missing_for_submission())?;
                ReportEvent::Submitted {
                    submission: record.submissions + 1,
                    submitted_at: context.now,
                    submitted_by: context.actor.clone(),
                }
            }
        },
        ReportCommand::Return { comment } => {
            if status != ReportStatus::Submitted {
                return Err(not_allowed());
            }
            let comment = clean(comment);
            let mut problems = Vec::new();
            check_text("comment", &comment, 2000, true, &mut problems);
            reject_if_any(problems)?;
            ReportEvent::Returned {
                comment,
                returned_by: context.actor.clone(),
            }
        }
        ReportCommand::Accept => match status {
            ReportStatus::Accepted => return Ok(vec![]),
            ReportStatus::Submitted => ReportEvent::Accepted {
                accepted_at: context.now,
                accepted_by: context.actor.clone(),
            },
            ReportStatus::Draft | ReportStatus::Returned => return Err(not_allowed()),
        },
        ReportCommand::UpdateActionItem {
            item_id,
            status: item_status,
            note,
        } => {
            let Some(item) = record
                .content
                .action_items
                .iter()
                .find(|i| i.id == *item_id)
            else {
                return Err(DomainError::Invalid(vec![FieldError::new(
                    "item_id",
                    Problem::Unknown,
                )]));
            };
            let note = clean_optional(note.as_deref());
            let mut problems = Vec::new();
            if let Some(note) = &note {
                check_text("note", note, 2000, false, &mut problems);
            }
            reject_if_any(problems)?;
            if item.status == *item_status && (note.is_none() || note == item.note) {
                return Ok(vec![]);
            }
            ReportEvent::ActionItemUpdated {
                item_id: *item_id,
                status: *item_status,
                note,
                on: context.now.with_timezone(&VIETNAM).date_naive(),
            }
        }
    };
    Ok(vec![event])
}

fn reject_if_any(problems: Vec<FieldError>) -> Result<(), DomainError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(DomainError::Invalid(problems))
    }
}
