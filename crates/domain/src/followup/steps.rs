//! What a report's progress asks of its programme. A submitted report means the programme
//! was held and followed up; an accepted one closes it. The steps are worked out from the
//! two states alone, so running them again after an interruption finishes what was left.

use super::{ReportRecord, ReportStatus};
use crate::DomainError;
use crate::programme::{ProgrammeCommand, ProgrammeRecord, Status};

/// The programme commands, in order, that bring the programme in line with its report;
/// empty when it already is. A programme that was approved or in preparation is first
/// marked held: its report exists only once it has ended, so its start has come.
pub fn programme_steps(
    programme: &ProgrammeRecord,
    report: &ReportRecord,
) -> Result<Vec<ProgrammeCommand>, DomainError> {
    let report_id = report.id;
    let wanted = match report.status {
        ReportStatus::Draft => return Ok(vec![]),
        ReportStatus::Submitted | ReportStatus::Returned => Status::FollowedUp,
        ReportStatus::Accepted => Status::Closed,
    };
    let mut steps = Vec::new();
    let mut status = programme.status;
    loop {
        if status == wanted || status == Status::Closed {
            return Ok(steps);
        }
        let (step, next) = match status {
            Status::Approved | Status::InPreparation => (ProgrammeCommand::MarkHeld, Status::Held),
            Status::Held => (
                ProgrammeCommand::RecordFollowUp { report_id },
                Status::FollowedUp,
            ),
            Status::FollowedUp => (ProgrammeCommand::Close { report_id }, Status::Closed),
            other => {
                return Err(DomainError::NotAllowed {
                    command: "record_follow_up",
                    status: other,
                });
            }
        };
        steps.push(step);
        status = next;
    }
}
