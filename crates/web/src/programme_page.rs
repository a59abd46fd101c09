//! A programme: its plan, what may be done with it, its approval progress drawn as a
//! timeline of stages and seats, and its history.

use app::access::Action;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::DomainEvent;
use domain::Lang;
use domain::approval::{DecisionRule, StageStatus};
use domain::delegation::Direction;
use domain::followup::{ActionStatus, FollowUpReport, ReportStatus, report_id_for};
use domain::labels::{format_date, format_time_in_vietnam};
use domain::programme::{ProgrammeEvent, Status};
use projector::approval_queries::{self, Seat};
use projector::delegation_queries::{self, DelegationSummary};
use projector::queries::{self, ProgrammeDetail};
use uuid::Uuid;

use crate::auth::{Nav, SignedIn};
use crate::delegation_words::{DelegationWords, delegation_words, direction};
use crate::document_words::{DocumentWords, document_words};
use crate::follow_up_form::may_report;
use crate::follow_up_words::action_status;
use crate::pages;
use crate::plan_view::PlanView;
use crate::render::page;
use crate::report_words::{ReportWords, report_status, report_words};
use crate::state::WebState;
use crate::texts::{Texts, texts};
use crate::words::{Words, words};

struct SeatView {
    name: String,
    on_behalf_of: Option<String>,
    state: String,
    decision: String,
    at: Option<String>,
    comment: Option<String>,
}

struct StageView {
    /// Its index in the round, as the resend form's path names it.
    number: i32,
    /// Open, with a seat still undecided, and the person may manage the programme: the
    /// button that sends the undecided their links again.
    resend: bool,
    committee: String,
    state: String,
    status: &'static str,
    rule: &'static str,
    advisory: bool,
    seats: Vec<SeatView>,
}

struct RoundView {
    id: Uuid,
    number: i32,
    stages: Vec<StageView>,
}

struct Happening {
    what: String,
    when: String,
    who: String,
    note: Option<String>,
}

#[derive(Template)]
#[template(path = "programme.html")]
struct ProgrammePage {
    t: &'static Texts,
    w: &'static Words,
    nav: Nav,
    id: Uuid,
    version: i64,
    status: &'static str,
    status_label: &'static str,
    plan: PlanView,
    can_revise: bool,
    can_submit: bool,
    can_stop: bool,
    can_withdraw: bool,
    error: Option<String>,
    rounds: Vec<RoundView>,
    history: Vec<Happening>,
    delegations: Vec<DelegationSummary>,
    d: &'static DelegationWords,
    doc: &'static DocumentWords,
    report: Option<ReportView>,
    can_report: bool,
    /// The report waits for its review, and the person may accept or return it.
    can_review: bool,
    /// The person may record how the report's action items stand.
    can_update_items: bool,
    /// The programme is approved or being prepared, and the person runs its delegations.
    can_open_delegation: bool,
    directions: Vec<(&'static str, &'static str)>,
    item_statuses: Vec<(&'static str, String)>,
    r: &'static ReportWords,
}

/// The follow-up report's place on the page, once the programme can have one: what it
/// says, for those who review it and those who carry out its action items.
struct ReportView {
    status: &'static str,
    label: &'static str,
    due: Option<String>,
    returned_comment: Option<String>,
    editable: bool,
    version: u64,
    submitted: bool,
    outcomes: String,
    attendance: Option<u32>,
    attendance_note: Option<String>,
    /// Sides, spending and gifts, each a line (`report_money`).
    money: Vec<crate::report_money::MoneyLine>,
    lessons: String,
    items: Vec<ItemView>,
}

struct ItemView {
    id: Uuid,
    title: String,
    owner: String,
    due: String,
    status: &'static str,
    status_label: String,
}

/// The programme if the person may see it; otherwise the page that says why not.
pub async fn visible_programme(
    state: &WebState,
    user: &SignedIn,
    raw_id: &str,
) -> Result<(ProgrammeDetail, bool), Response> {
    let lang = user.lang;
    let not_found = || {
        pages::message(
            StatusCode::NOT_FOUND,
            lang,
            texts(lang).problem_title,
            &domain::DomainError::NotFound(domain::Entity::Programme).message(lang),
        )
    };
    let id = Uuid::parse_str(raw_id).map_err(|_| not_found())?;
    let detail = queries::detail(&state.pool, id)
        .await
        .map_err(|e| pages::unavailable(lang, &e))?
        .ok_or_else(not_found)?;
    let plan = &detail.record.plan;
    let Some(organisation) = user.sees(
        plan.host_organisation_id,
        &plan.host_organisation,
        &plan.co_organisers,
    ) else {
        return Err(pages::forbidden(lang, words(lang).forbidden_programme));
    };
    let may_plan = user.may(
        organisation.id,
        &[
            domain::access::AccessRole::Planner,
            domain::access::AccessRole::Administrator,
        ],
    );
    Ok((detail, may_plan))
}

pub async fn show(
    State(state): State<WebState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Response {
    render(&state, &user, &id, None).await
}

/// The page, with `error` above it when an action was refused.
pub async fn render(
    state: &WebState,
    user: &SignedIn,
    id: &str,
    error: Option<String>,
) -> Response {
    let lang = user.lang;
    let (detail, may_plan) = match visible_programme(state, user, id).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let progress = match approval_queries::progress(&state.pool, detail.id).await {
        Ok(p) => p,
        Err(e) => return pages::unavailable(lang, &e),
    };
    let history = match queries::history(&state.pool, detail.id).await {
        Ok(h) => h,
        Err(e) => return pages::unavailable(lang, &e),
    };
    let delegations = match delegation_queries::for_programme(&state.pool, detail.id).await {
        Ok(d) => d,
        Err(e) => return pages::unavailable(lang, &e),
    };
    let status = detail.record.status;
    let report = match report_view(state, &detail, lang).await {
        Ok(report) => report,
        Err(e) => return pages::unavailable(lang, &e),
    };
    let subject = match state.commands.programme_subject(detail.id).await {
        Ok(subject) => subject,
        Err(e) => return pages::unavailable(lang, &e),
    };
    let may = |action| subject.as_ref().is_some_and(|s| user.actor.may(action, s));
    let can_review = report.as_ref().is_some_and(|r| r.submitted) && may(Action::ReviewFollowUp);
    let can_update_items =
        report.as_ref().is_some_and(|r| !r.items.is_empty()) && may(Action::RunFollowUp);
    let can_open_delegation = matches!(
        detail.record.status,
        Status::Approved | Status::InPreparation
    ) && may(Action::RunDelegation);
    let plan = &detail.record.plan;
    let ended = plan.schedule.today(state.clock.now()) >= plan.schedule.end;
    let can_report = ended
        && may_report(user, plan)
        && report.as_ref().is_none_or(|r| r.editable)
        && matches!(
            status,
            Status::Approved | Status::InPreparation | Status::Held | Status::FollowedUp
        );
    let open = !matches!(
        status,
        Status::Cancelled | Status::Closed | Status::Rejected | Status::Held | Status::FollowedUp
    );
    let rounds = progress
        .rounds
        .iter()
        .map(|round| {
            let mut stages = stages(
                progress.seats.iter().filter(|s| s.round_id == round.id),
                lang,
            );
            if round.status != "open" || !may(Action::ManageProgramme) {
                for stage in &mut stages {
                    stage.resend = false;
                }
            }
            RoundView {
                id: round.id,
                number: round.round,
                stages,
            }
        })
        .collect();
    let history = history
        .iter()
        .map(|e| {
            // Read through the event type, so that older versions are upcast; one this
            // build cannot read still shows as a change.
            let event = u32::try_from(e.schema_version)
                .ok()
                .and_then(|v| ProgrammeEvent::from_stored(&e.event_type, v, e.data.clone()).ok());
            Happening {
                what: match (&event, lang) {
                    (Some(event), _) => event.label(lang),
                    (None, Lang::Vi) => "Thay đổi khác",
                    (None, Lang::En) => "Other change",
                }
                .to_string(),
                when: format_time_in_vietnam(e.occurred_at, lang),
                // People act under their address; the service's own parts under a name of
                // its own ("caunoi-approvals"), which means nothing to a reader.
                who: if e.actor.contains('@') {
                    e.actor.clone()
                } else {
                    words(lang).system_actor.to_owned()
                },
                note: event.as_ref().and_then(|e| e.note()).map(String::from),
            }
        })
        .collect();
    let status_code = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page(
        status_code,
        &ProgrammePage {
            t: texts(lang),
            w: words(lang),
            nav: user.nav(),
            id: detail.id,
            version: detail.version,
            status: status.as_str(),
            status_label: status.label(lang),
            plan: PlanView::of(&detail.record.plan, lang),
            can_revise: may_plan
                && matches!(
                    status,
                    Status::Draft | Status::ChangesRequested | Status::Postponed
                ),
            can_submit: may_plan
                && matches!(
                    status,
                    Status::Draft | Status::ChangesRequested | Status::Postponed
                ),
            can_stop: may_plan && open,
            can_withdraw: may_plan && matches!(status, Status::Submitted | Status::UnderReview),
            error,
            rounds,
            history,
            delegations,
            d: delegation_words(lang),
            doc: document_words(lang),
            report,
            can_report,
            can_review,
            can_update_items,
            can_open_delegation,
            directions: [Direction::Outgoing, Direction::Incoming]
                .into_iter()
                .map(|d| {
                    (
                        match d {
                            Direction::Outgoing => "outgoing",
                            Direction::Incoming => "incoming",
                        },
                        direction(d, lang),
                    )
                })
                .collect(),
            item_statuses: ActionStatus::ALL
                .iter()
                .map(|s| (s.as_str(), action_status(s.as_str(), lang)))
                .collect(),
            r: report_words(lang),
        },
    )
}

async fn report_view(
    state: &WebState,
    detail: &ProgrammeDetail,
    lang: Lang,
) -> Result<Option<ReportView>, eventstore::StoreError> {
    let loaded = state
        .store
        .load::<FollowUpReport>(report_id_for(detail.id))
        .await?;
    let version = loaded.version;
    Ok(loaded.state.record().map(|record| ReportView {
        status: record.status.as_str(),
        label: report_status(record.status, lang),
        due: Some(format_date(record.due_on, lang)),
        returned_comment: record.returned_comment.clone(),
        editable: matches!(record.status, ReportStatus::Draft | ReportStatus::Returned),
        version,
        submitted: record.status == ReportStatus::Submitted,
        outcomes: record.content.outcomes.clone(),
        attendance: record.content.actual_attendance,
        attendance_note: record.content.attendance_note.clone(),
        money: crate::report_money::lines(record, lang),
        lessons: record.content.lessons.clone(),
        items: record
            .content
            .action_items
            .iter()
            .map(|item| ItemView {
                id: item.id,
                title: item.title.clone(),
                owner: item
                    .owner
                    .as_ref()
                    .map_or_else(String::new, |o| o.name.clone()),
                due: item
                    .due_on
                    .map_or_else(String::new, |d| format_date(d, lang)),
                status: item.status.as_str(),
                status_label: action_status(item.status.as_str(), lang),
            })
            .collect(),
    }))
}

fn stages<'a>(seats: impl Iterator<Item = &'a Seat>, lang: Lang) -> Vec<StageView> {
    let w = words(lang);
    let mut stages: Vec<(i32, StageView)> = Vec::new();
    for seat in seats {
        let stage_status: Option<StageStatus> =
            serde_json::from_value(serde_json::json!(seat.stage_status)).ok();
        // Under "one member decides" the others are never asked for more once the stage
        // has its outcome: "not decided yet" would read as if they still could.
        let stage_decided = matches!(
            stage_status,
            Some(
                StageStatus::Approved
                    | StageStatus::ChangesRequested
                    | StageStatus::Declined
                    | StageStatus::Closed
                    | StageStatus::CarriedOver
            )
        );
        let view = SeatView {
            name: seat.approver_name.clone(),
            on_behalf_of: seat.on_behalf_of_name.clone(),
            state: seat.decision.clone().unwrap_or_else(|| "pending".into()),
            decision: match seat.decision.as_deref() {
                Some("approve") => texts(lang).approve.to_string(),
                Some("request_changes") => texts(lang).request_changes.to_string(),
                Some("decline") => texts(lang).decline.to_string(),
                _ if stage_decided => w.not_needed.to_string(),
                _ => w.not_decided.to_string(),
            },
            at: seat.decided_at.map(|at| format_time_in_vietnam(at, lang)),
            comment: seat.comment.clone(),
        };
        match stages.iter_mut().find(|(n, _)| *n == seat.stage) {
            Some((_, stage)) => stage.seats.push(view),
            None => {
                let status: Option<StageStatus> =
                    serde_json::from_value(serde_json::json!(seat.stage_status)).ok();
                let rule: Option<DecisionRule> =
                    serde_json::from_value(serde_json::json!(seat.rule)).ok();
                stages.push((
                    seat.stage,
                    StageView {
                        number: seat.stage,
                        resend: false,
                        committee: seat.committee_name.clone(),
                        state: seat.stage_status.clone(),
                        status: status.map_or("", |s| s.label(lang)),
                        rule: rule.map_or("", |r| r.label(lang)),
                        advisory: seat.advisory,
                        seats: vec![view],
                    },
                ))
            }
        }
    }
    stages.sort_by_key(|(n, _)| *n);
    for (_, stage) in &mut stages {
        stage.resend = stage.state == "open" && stage.seats.iter().any(|s| s.state == "pending");
    }
    stages.into_iter().map(|(_, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seat(name: &str, stage_status: &str, decision: Option<&str>) -> Seat {
        Seat {
            round_id: Uuid::nil(),
            round: 1,
            round_status: "approved".into(),
            stage: 1,
            committee_id: Uuid::nil(),
            committee_name: "Ban Thường vụ Tỉnh Đoàn Cao Bằng".into(),
            rule: "any_one".into(),
            advisory: false,
            stage_status: stage_status.into(),
            member_id: Uuid::now_v7(),
            chair: false,
            approver_name: name.into(),
            approver_email: "bi@tinhdoancaobang.example.vn".into(),
            on_behalf_of_name: None,
            on_behalf_of_email: None,
            link_issued_at: None,
            link_expires_at: None,
            decision: decision.map(str::to_owned),
            comment: None,
            decided_at: None,
        }
    }

    #[test]
    fn once_one_member_has_decided_the_others_are_not_shown_as_still_to_decide() {
        let decided = [
            seat("Nông Văn Bí", "approved", Some("approve")),
            seat("Hoàng Thị Hạnh", "approved", None),
        ];
        let shown = stages(decided.iter(), Lang::Vi);
        assert_eq!(shown[0].seats[0].decision, "Đồng ý phê duyệt");
        assert_eq!(
            shown[0].seats[1].decision,
            "không cần ý kiến nữa (giai đoạn đã có kết quả)"
        );
        let open = [seat("Hoàng Thị Hạnh", "open", None)];
        assert_eq!(
            stages(open.iter(), Lang::Vi)[0].seats[0].decision,
            "chưa có ý kiến"
        );
    }
}
