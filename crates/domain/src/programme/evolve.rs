use super::event::{ProgrammeEvent, Verdict};
use super::history::{self, History};
use super::{Programme, ProgrammeRecord, Status};

/// Folds one event into the state. Events are facts, so this never fails: an event that
/// makes no sense for the state (which `decide` never produces) leaves the state as it is.
pub(super) fn evolve(state: Programme, event: &ProgrammeEvent) -> Programme {
    match (state, event) {
        (Programme::New, ProgrammeEvent::Drafted(e)) => Programme::Existing(ProgrammeRecord {
            id: e.programme_id,
            status: Status::Draft,
            plan: e.plan.clone(),
            submissions: 0,
            postponements: 0,
            cancellation_reason: None,
            planner: e.drafted_by.clone(),
            submitted_by: None,
            review_round_id: None,
            follow_up_report_id: None,
            history: None,
        }),
        (Programme::New, ProgrammeEvent::RecordedFromHistory(e)) => {
            Programme::Existing(ProgrammeRecord {
                id: e.programme_id,
                status: history::STATUS,
                plan: e.plan.clone(),
                submissions: 0,
                postponements: 0,
                cancellation_reason: None,
                planner: None,
                submitted_by: None,
                review_round_id: None,
                follow_up_report_id: None,
                history: Some(History {
                    attendance: e.attendance.clone(),
                    outcomes: e.outcomes.clone(),
                    source: e.source.clone(),
                    imported_by: e.imported_by.clone(),
                }),
            })
        }
        (Programme::Existing(mut record), event) => {
            match event {
                ProgrammeEvent::Drafted(_) | ProgrammeEvent::RecordedFromHistory(_) => {}
                ProgrammeEvent::Revised(e) => {
                    e.changes.apply_to(&mut record.plan);
                    record.status = e.status_after;
                }
                ProgrammeEvent::Submitted(e) => {
                    record.status = Status::Submitted;
                    record.submissions = e.round;
                    record.submitted_by = e.submitted_by.clone();
                }
                ProgrammeEvent::Postponed(e) => {
                    record.plan.schedule = e.to.clone();
                    record.status = Status::Postponed;
                    record.postponements += 1;
                }
                ProgrammeEvent::ReviewStarted(e) => {
                    record.status = Status::UnderReview;
                    record.review_round_id = Some(e.round_id);
                }
                ProgrammeEvent::Reviewed(e) => {
                    record.status = match e.verdict {
                        Verdict::Approved => Status::Approved,
                        Verdict::ChangesRequested { .. } => Status::ChangesRequested,
                        Verdict::Declined { .. } => Status::Rejected,
                    }
                }
                ProgrammeEvent::Cancelled(e) => {
                    record.status = Status::Cancelled;
                    record.cancellation_reason = Some(e.reason.clone());
                }
                ProgrammeEvent::Withdrawn(_) | ProgrammeEvent::SubmissionRefused(_) => {
                    record.status = Status::Draft;
                }
                ProgrammeEvent::PreparationStarted(_) => record.status = Status::InPreparation,
                ProgrammeEvent::Held(_) => record.status = Status::Held,
                ProgrammeEvent::FollowedUp(e) => {
                    record.status = Status::FollowedUp;
                    record.follow_up_report_id = Some(e.report_id);
                }
                ProgrammeEvent::Closed(_) => record.status = Status::Closed,
            }
            Programme::Existing(record)
        }
        (state, _) => state,
    }
}
