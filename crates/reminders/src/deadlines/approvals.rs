use chrono::{DateTime, Utc};
use domain::Lang;
use domain::approval::ApprovalEvent;
use domain::labels::format_time_in_vietnam;
use domain::reminders::{Deadline, Rule, Timing};
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
        let asked = format_time_in_vietnam(since, Lang::Vi);
        deadlines.push(Deadline {
            rule: Rule::ApprovalPending,
            subject: subject.clone(),
            recipient_name: seat.approver_name.clone(),
            recipient_email: seat.approver_email.clone(),
            timing: Timing::Waiting { since },
            title: seat.title.clone(),
            detail: format!("{} đề nghị cho ý kiến từ {asked}.", seat.committee_name),
            link: link_placeholder(seat.round_id, seat.link_id),
            reason: format!(
                "Đồng chí được đề nghị cho ý kiến với tư cách thành viên {} và chưa cho ý kiến.",
                seat.committee_name
            ),
        });
        if seat.advisory {
            continue;
        }
        let escalation = |name: String, email: String, reason: String| Deadline {
            rule: Rule::ApprovalEscalation,
            subject: subject.clone(),
            recipient_name: name,
            recipient_email: email,
            timing: Timing::Waiting { since },
            title: seat.title.clone(),
            detail: format!(
                "Đồng chí {} ({}) chưa cho ý kiến, được đề nghị từ {asked}.",
                seat.approver_name, seat.committee_name
            ),
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
                format!("Đồng chí là người chủ trì {}.", seat.committee_name),
            ));
        }
        if let Some(planner) = seat.planner.filter(|p| is_address(p)) {
            deadlines.push(escalation(
                planner.clone(),
                planner,
                "Đồng chí là người trình kế hoạch này.".into(),
            ));
        }
    }
    Ok(deadlines)
}
