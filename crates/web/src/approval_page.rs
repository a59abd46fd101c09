//! The page an approver opens from their email. A GET only shows the plan; only a POST
//! with a deliberate choice records a decision, so mail scanners that fetch every link
//! change nothing.

use askama::Template;
use axum::Extension;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::approval::{
    ApprovalCommand, ApprovalRound, Decision, RoundRecord, SeatRecord, StageRecord,
};
use domain::labels::format_time_in_vietnam;
use domain::{Aggregate, CommandContext, DomainError, Lang, LinkProblem};
use eventstore::{CommandMeta, ExecuteError};
use serde::Deserialize;
use tracing::{info, warn};
use uuid::Uuid;
use workflow::approvals::{Recipients, issue_links};
use workflow::links::{looks_like_token, token_hash};

use crate::lang::PageLang;
use crate::plan_view::{ChangeRow, PlanView, change_rows};
use crate::render::page;
use crate::state::WebState;
use crate::texts::{Texts, texts};

#[derive(Template)]
#[template(path = "approval.html")]
struct ApprovalPage<'a> {
    t: &'static Texts,
    path: String,
    approver: String,
    on_behalf_of: Option<String>,
    committee: String,
    advisory: bool,
    round: u32,
    rule: &'static str,
    approvals: usize,
    seats: usize,
    plan: PlanView,
    changes: Vec<ChangeRow>,
    expires: String,
    chosen: &'a str,
    note: &'a str,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "recorded.html")]
struct RecordedPage {
    t: &'static Texts,
    decision: &'static str,
    /// The comment or reason recorded with it, whatever the choice.
    note: Option<String>,
    at: String,
    title: String,
}

#[derive(Template)]
#[template(path = "problem.html")]
struct ProblemPage {
    t: &'static Texts,
    message: &'static str,
    renew_path: Option<String>,
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    t: &'static Texts,
    heading: &'static str,
    body: &'static str,
}

/// What a link leads to: its round and seat, or why it cannot be used.
struct Opened {
    round: RoundRecord,
    stage: usize,
    token_hash: String,
}

impl Opened {
    fn stage(&self) -> &StageRecord {
        &self.round.stages[self.stage]
    }

    fn seat(&self) -> &SeatRecord {
        self.round
            .seat_by_token(&self.token_hash)
            .map(|(_, _, seat)| seat)
            .expect("opened by this token")
    }
}

enum Refused {
    Link(LinkProblem, Option<Box<Opened>>),
    Unavailable,
}

/// Finds the seat a link belongs to and checks, with the domain's own rules, that a
/// decision could be recorded with it now.
async fn open(state: &WebState, round: &str, token: &str) -> Result<Opened, Refused> {
    let unknown = || Refused::Link(LinkProblem::Unknown, None);
    let round_id = Uuid::parse_str(round).map_err(|_| unknown())?;
    if !looks_like_token(token) {
        return Err(unknown());
    }
    let loaded = state
        .store
        .load::<ApprovalRound>(round_id)
        .await
        .map_err(|error| {
            warn!(%error, "an approval round could not be read");
            Refused::Unavailable
        })?;
    let hash = token_hash(token);
    let check = loaded.state.decide(
        &ApprovalCommand::Decide {
            token_hash: hash.clone(),
            decision: Decision::Approve { comment: None },
        },
        &CommandContext {
            now: state.clock.now(),
            actor: "approval-link".into(),
        },
    );
    let round = loaded.state.record().cloned();
    let opened = round.and_then(|round| {
        let stage = round.seat_by_token(&hash).map(|(stage, _, _)| stage)?;
        Some(Opened {
            round,
            stage,
            token_hash: hash,
        })
    });
    match (check, opened) {
        (Ok(_), Some(opened)) => Ok(opened),
        (Err(DomainError::Link(problem)), opened) => {
            Err(Refused::Link(problem, opened.map(Box::new)))
        }
        _ => Err(unknown()),
    }
}

fn refused_page(refused: Refused, lang: Lang, path: &str) -> Response {
    let t = texts(lang);
    match refused {
        Refused::Unavailable => page(
            StatusCode::SERVICE_UNAVAILABLE,
            &MessagePage {
                t,
                heading: t.unavailable_title,
                body: t.unavailable_body,
            },
        ),
        Refused::Link(problem, _) => {
            let status = match problem {
                LinkProblem::Unknown => StatusCode::NOT_FOUND,
                LinkProblem::Replaced | LinkProblem::Expired => StatusCode::GONE,
                LinkProblem::Used | LinkProblem::StageClosed | LinkProblem::RoundClosed => {
                    StatusCode::CONFLICT
                }
            };
            page(
                status,
                &ProblemPage {
                    t,
                    message: problem.message(lang),
                    renew_path: (problem == LinkProblem::Expired)
                        .then(|| format!("{path}/renew?lang={}", t.lang_code)),
                },
            )
        }
    }
}

fn approval_page(
    opened: &Opened,
    lang: Lang,
    path: String,
    chosen: &str,
    note: &str,
    error: Option<String>,
) -> Response {
    let t = texts(lang);
    let stage = opened.stage();
    let seat = opened.seat();
    let approvals = stage
        .seats
        .iter()
        .filter(|s| {
            matches!(
                s.decision.as_ref().map(|d| &d.decision),
                Some(Decision::Approve { .. })
            )
        })
        .count();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page(
        status,
        &ApprovalPage {
            t,
            path,
            approver: seat.approver.person.name.clone(),
            on_behalf_of: seat.approver.on_behalf_of.as_ref().map(|p| p.name.clone()),
            committee: stage.plan.committee_name.clone(),
            advisory: stage.plan.advisory,
            round: opened.round.round,
            rule: stage.plan.rule.label(lang),
            approvals,
            seats: stage.seats.len(),
            plan: PlanView::of(&opened.round.plan, lang),
            changes: opened
                .round
                .changes
                .as_ref()
                .map(|c| change_rows(c, lang))
                .unwrap_or_default(),
            expires: seat
                .link
                .as_ref()
                .map(|l| format_time_in_vietnam(l.expires_at, lang))
                .unwrap_or_default(),
            chosen,
            note,
            error,
        },
    )
}

fn link_path(round: &str, token: &str) -> String {
    format!("/approve/{round}/{token}")
}

pub async fn show(
    State(state): State<WebState>,
    PageLang(lang): PageLang,
    Path((round, token)): Path<(String, String)>,
) -> Response {
    let path = link_path(&round, &token);
    match open(&state, &round, &token).await {
        Ok(opened) => approval_page(&opened, lang, path, "", "", None),
        Err(refused) => refused_page(refused, lang, &path),
    }
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    choice: String,
    #[serde(default)]
    note: String,
}

pub async fn decide(
    State(state): State<WebState>,
    PageLang(lang): PageLang,
    Extension(correlation): Extension<http_common::CorrelationId>,
    Path((round, token)): Path<(String, String)>,
    form: Result<Form<DecisionForm>, FormRejection>,
) -> Response {
    let path = link_path(&round, &token);
    let t = texts(lang);
    // axum's own answers to a body it cannot read are plain English text.
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => {
            let status = rejection.status();
            let body = if status == StatusCode::PAYLOAD_TOO_LARGE {
                t.form_too_large
            } else {
                t.form_unreadable
            };
            return crate::pages::message(status, lang, t.problem_title, body);
        }
    };
    let opened = match open(&state, &round, &token).await {
        Ok(opened) => opened,
        Err(refused) => return refused_page(refused, lang, &path),
    };
    let note = form.note.trim().to_string();
    let decision = match form.choice.as_str() {
        "approve" => Decision::Approve {
            comment: (!note.is_empty()).then(|| note.clone()),
        },
        "request_changes" => Decision::RequestChanges {
            comment: note.clone(),
        },
        "decline" => Decision::Decline {
            reason: note.clone(),
        },
        _ => {
            let error = Some(t.choose_one.to_string());
            return approval_page(&opened, lang, path, "", &form.note, error);
        }
    };
    let seat = opened.seat().approver.clone();
    let meta = CommandMeta {
        now: state.clock.now(),
        actor: seat.person.email.clone(),
        correlation_id: correlation.0.clone(),
        causation_id: Some(format!("http:{}", correlation.0)),
    };
    let command = ApprovalCommand::Decide {
        token_hash: opened.token_hash.clone(),
        decision: decision.clone(),
    };
    // The page answers from the command's own outcome, so it does not wait for the
    // read models.
    match state
        .commands
        .append::<ApprovalRound>(&meta, opened.round.id, None, &command)
        .await
    {
        Ok(_) => {
            info!(round = %opened.round.id, stage = opened.stage, "decision recorded by link");
            page(
                StatusCode::OK,
                &RecordedPage {
                    t,
                    decision: decision.label(lang),
                    note: decision.note().map(String::from),
                    at: format_time_in_vietnam(meta.now, lang),
                    title: opened.round.plan.title.clone(),
                },
            )
        }
        Err(ExecuteError::Rejected(DomainError::Link(problem))) => {
            refused_page(Refused::Link(problem, None), lang, &path)
        }
        Err(ExecuteError::Rejected(DomainError::Invalid(problems))) => {
            let error = problems.first().map(|p| p.problem.message(lang));
            approval_page(&opened, lang, path, &form.choice, &form.note, error)
        }
        Err(error) => {
            warn!(%error, "a decision could not be recorded");
            refused_page(Refused::Unavailable, lang, &path)
        }
    }
}

/// From an expired link, the approver asks for a new one; it goes to their email, never
/// to the page, so that only the mailbox's owner gets it.
pub async fn renew(
    State(state): State<WebState>,
    PageLang(lang): PageLang,
    Extension(correlation): Extension<http_common::CorrelationId>,
    Path((round, token)): Path<(String, String)>,
) -> Response {
    let path = link_path(&round, &token);
    let t = texts(lang);
    let opened = match open(&state, &round, &token).await {
        Err(Refused::Link(LinkProblem::Expired, Some(opened))) => opened,
        Ok(_) => {
            return page(
                StatusCode::CONFLICT,
                &ProblemPage {
                    t,
                    message: match lang {
                        Lang::Vi => "Đường liên kết này vẫn còn dùng được; không cần gửi lại.",
                        Lang::En => "This link still works; there is no need for a new one.",
                    },
                    renew_path: None,
                },
            );
        }
        Err(refused) => return refused_page(refused, lang, &path),
    };
    let meta = CommandMeta {
        now: state.clock.now(),
        actor: opened.seat().approver.person.email.clone(),
        correlation_id: correlation.0.clone(),
        causation_id: Some(format!("http:{}", correlation.0)),
    };
    let member = opened.seat().approver.member_id;
    let issued = issue_links(
        &state.store,
        &state.approvals,
        opened.round.id,
        opened.stage,
        Recipients::Member(member),
        meta.now,
        &meta,
    )
    .await;
    match issued {
        Ok(()) => page(
            StatusCode::OK,
            &MessagePage {
                t,
                heading: t.renewed_title,
                body: t.renewed_body,
            },
        ),
        Err(error) => {
            warn!(%error, "a new link could not be issued");
            refused_page(Refused::Unavailable, lang, &path)
        }
    }
}
