use super::content::ActionStatus;
use super::event::ReportEvent;
use super::{FollowUpReport, ReportRecord, ReportStatus};

/// Folds one event into the state; never fails (see the programme's `evolve`).
pub(super) fn evolve(state: FollowUpReport, event: &ReportEvent) -> FollowUpReport {
    match (state, event) {
        (
            FollowUpReport::New,
            ReportEvent::Drafted {
                report_id,
                programme,
                due_on,
                content,
                drafted_by,
            },
        ) => FollowUpReport::Existing(ReportRecord {
            id: *report_id,
            programme: programme.clone(),
            status: ReportStatus::Draft,
            due_on: *due_on,
            content: content.clone(),
            submissions: 0,
            submitted_at: None,
            returned_comment: None,
            accepted_at: None,
            accepted_by: None,
            drafted_by: drafted_by.clone(),
        }),
        (FollowUpReport::Existing(mut record), event) => {
            apply(&mut record, event);
            FollowUpReport::Existing(record)
        }
        (state, _) => state,
    }
}

fn apply(record: &mut ReportRecord, event: &ReportEvent) {
    match event {
        ReportEvent::Drafted { .. } => {}
        ReportEvent::Revised { content } => record.content = content.clone(),
        ReportEvent::Submitted {
            submission,
            submitted_at,
            ..
        } => {
            record.status = ReportStatus::Submitted;
            record.submissions = *submission;
            record.submitted_at = Some(*submitted_at);
        }
        ReportEvent::Returned { comment, .. } => {
            record.status = ReportStatus::Returned;
            record.returned_comment = Some(comment.clone());
        }
        ReportEvent::Accepted {
            accepted_at,
            accepted_by,
        } => {
            record.status = ReportStatus::Accepted;
            record.accepted_at = Some(*accepted_at);
            record.accepted_by = Some(accepted_by.clone());
        }
        ReportEvent::ActionItemUpdated {
            item_id,
            status,
            note,
            on,
        } => {
            if let Some(item) = record
                .content
                .action_items
                .iter_mut()
                .find(|i| i.id == *item_id)
            {
                item.status = *status;
                if note.is_some() {
                    item.note = note.clone();
                }
                item.done_on = (*status == ActionStatus::Done).then_some(*on);
            }
        }
    }
}
