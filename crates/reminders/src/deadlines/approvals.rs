use chrono::{DateTime, Utc};
use domain::approval::ApprovalEvent;
use domain::reminders::{Deadline, Detail, Reason, Rule, Timing};
use notifications::link_placeholder;
use sqlx::PgPool;
use uuid::Uuid;

use super::{is_address, programme_page};

#[derive(sqlx::FromRow)]
struct PendingSeat {
    round_id: Uuid,
    stage: i32,
    member_id: Uuid,
    approver_name: String,
    approver_email: String,
    chair: bool,
    advisory: bool,
    committee_name: String,
    link_id: Uuid,
    programme_id: Uuid,
    title: String,
    asked_at: Option<DateTime<Utc>>,
    planner: Option<String>,
    chair_name: Option<String>,
    chair_email: Option<String>,
}

/// Undecided seats of open stages: the approver is reminded with their own link; after a
/// while the committee's chair and the planner hear of it (not for advisory stages, which
/// hold nothing up).
pub(super) async fn deadlines(
    pool: &PgPool,
    public_url: &str,
) -> Result<Vec<Deadline>, sqlx::Error> {
    let seats: Vec<PendingSeat> = sqlx::query_as(
        "SELECT s.round_id, s.stage, s.member_id, s.approver_name, s.approver_email, s.chair,
                s.advisory, s.committee_name, s.link_id, s.programme_id, p.title,
                (SELECT min(t.occurred_at) FROM caunoi.approval_timeline t
                  WHERE t.round_id = s.round_id AND t.event_type = $1
                    AND (t.data->>'stage')::int = s.stage) AS asked_at,
                coalesce(p.state->>'submitted_by', p.state->>'planner') AS planner,
                c.approver_name AS chair_name, c.approver_email AS chair_email
         FROM caunoi.approval_seats s
         JOIN caunoi.programmes p ON p.id = s.programme_id
         LEFT JOIN caunoi.approval_seats c
           ON c.round_id = s.round_id AND c.stage = s.stage AND c.chair
          AND c.member_id <> s.member_id
         WHERE s.decision IS NULL AND s.stage_status = 'open' AND s.round_status = 'open'
           AND s.link_id IS NOT NULL",
    )
    .bind(ApprovalEvent::STAGE_OPENED)
    .fetch_all(pool)
    .await?;
    let mut deadlines = Vec::new();
    for seat in seats {
        let Some(since) = seat.asked_at else {
            continue;
        };
        let subject = format!("{}:{}:{}", seat.round_id, seat.stage, seat.member_id);
        deadlines.push(Deadline {
            rule: Rule::ApprovalPending,
            subject: subject.clone(),
            recipient_name: seat.approver_name.clone(),
            recipient_email: seat.approver_email.clone(),
            timing: Timing::Waiting { since },
            title: seat.title.clone(),
            detail: Detail::Asked {
                committee: seat.committee_name.clone(),
                since,
            },
            link: link_placeholder(seat.round_id, seat.link_id),
            reason: Reason::Approver {
                committee: seat.committee_name.clone(),
            },
        });
        if seat.advisory {
            continue;
        }
        let escalation = |name: String, email: String, reason: Reason| Deadline {
            rule: Rule::ApprovalEscalation,
            subject: subject.clone(),
            recipient_name: name,
            recipient_email: email,
            timing: Timing::Waiting { since },
            title: seat.title.clone(),
            detail: Detail::NotDecided {
                approver: seat.approver_name.clone(),
                committee: seat.committee_name.clone(),
                since,
            },
            link: programme_page(public_url, seat.programme_id),
            reason,
        };
        if let (false, Some(name), Some(email)) = (
            seat.chair,
            seat.chair_name.clone(),
            seat.chair_email.clone(),
        ) {
            deadlines.push(escalation(
                name,
                email,
                Reason::Chair {
                    committee: seat.committee_name.clone(),
                },
            ));
        }
        if let Some(planner) = seat.planner.filter(|p| is_address(p)) {
            deadlines.push(escalation(planner.clone(), planner, Reason::Submitter));
        }
    }
    Ok(deadlines)
}
