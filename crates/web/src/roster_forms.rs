//! The roster from the delegation page: uploading it from an Excel workbook or a CSV file
//! (all or nothing, each wrong row named), and forgetting a member for good after a page
//! that asks for confirmation. The same use cases as `POST /api/delegations/{id}/members/import`
//! and `POST /api/delegations/{id}/members/{person_id}/forget`.

use askama::Template;
use axum::Extension;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::delegation::PersonalDetails;
use domain::{DomainError, Lang};
use eventstore::ExecuteError;
use logistics::ImportError;
use uuid::Uuid;

use crate::auth::{Nav, SignedIn};
use crate::command::meta;
use crate::delegation_page::{render, visible_delegation, workable_delegation};
use crate::delegation_words::{DelegationWords, delegation_words};
use crate::form::Form;
use crate::logistics_forms::Answer;
use crate::logistics_view::Refused;
use crate::member_forms::readable_member;
use crate::pages::{self, PageError};
use crate::render::page;
use crate::state::WebState;
use crate::texts::{Texts, texts};
use crate::upload::{Upload, UploadRefused, read_upload};
use crate::words::{Words, words};

/// The most bytes one roster upload may have, as over the API.
pub const ROSTER_UPLOAD_LIMIT: usize = 8 * 1024 * 1024;

/// A workbook is a zip archive, whatever the file is called; anything else is read as CSV.
fn parse(
    bytes: &[u8],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<PersonalDetails>, ImportError> {
    if bytes.starts_with(b"PK\x03\x04") {
        logistics::parse_roster_xlsx(bytes, now)
    } else {
        logistics::parse_roster_csv(bytes, now)
    }
}

/// The file's problems: what is wrong as a whole, then each row, a line each.
fn import_problems(error: &ImportError, lang: Lang) -> String {
    let mut lines = vec![error.message(lang)];
    if let ImportError::Rows(problems) = error {
        lines.extend(problems.iter().map(|p| p.message(lang)));
    }
    lines.join("\n")
}

fn roster_refusal(message: String) -> Refused {
    Refused {
        anchor: "roster",
        message,
        typed: Form::of(Vec::new()),
    }
}

/// `POST /delegations/{id}/roster`: adds every member of the uploaded file.
pub async fn upload(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<http_common::CorrelationId>,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    let lang = user.lang;
    let d = delegation_words(lang);
    let upload = read_upload(multipart).await;
    let csrf = upload.as_ref().map(|u| u.csrf.clone()).unwrap_or_default();
    let token = Form::of(vec![("csrf".into(), csrf)]);
    let roster = workable_delegation(&state, &user, &id, &token).await?;
    let correlation = &correlation.0;
    let bytes = match upload {
        Ok(Upload {
            file: Some((_, bytes)),
            ..
        }) if bytes.len() <= ROSTER_UPLOAD_LIMIT => bytes,
        Err(UploadRefused::TooLarge) | Ok(Upload { file: Some(_), .. }) => {
            let refused = roster_refusal(d.file_too_large.into());
            return Ok(render(&state, &user, correlation, &id, Some(refused)).await);
        }
        _ => {
            let refused = roster_refusal(d.no_file.into());
            return Ok(render(&state, &user, correlation, &id, Some(refused)).await);
        }
    };
    let now = state.clock.now();
    let members = match parse(&bytes, now) {
        Ok(members) => members,
        Err(error) => {
            let refused = roster_refusal(import_problems(&error, lang));
            return Ok(render(&state, &user, correlation, &id, Some(refused)).await);
        }
    };
    let delegation = roster.delegation.id;
    let added = state
        .commands
        .add_members(
            &state.vault,
            state.nats.server_info().max_payload,
            &meta(&state, &user, correlation),
            delegation,
            None,
            members,
        )
        .await;
    Ok(match answer(added, lang) {
        Answer::Recorded => {
            Redirect::to(&format!("/delegations/{delegation}#roster")).into_response()
        }
        Answer::Refused(message) => {
            let refused = roster_refusal(message);
            render(&state, &user, correlation, &id, Some(refused)).await
        }
        Answer::Unavailable(outage) => outage,
    })
}

/// What became of the use case: recorded, refused in the person's words, or the "try
/// again shortly" page for an outage.
fn answer<T>(outcome: Result<T, app::MembersError>, lang: Lang) -> Answer {
    match outcome {
        Ok(_) => Answer::Recorded,
        Err(error) => match refusal(&error, lang) {
            Some(message) => Answer::Refused(message),
            None => Answer::Unavailable(pages::unavailable(lang, &error)),
        },
    }
}

/// Why the roster's use case refused, in the person's words; `None` when it did not
/// refuse but could not reach the event store or the vault.
pub(crate) fn refusal(error: &app::MembersError, lang: Lang) -> Option<String> {
    use app::MembersError;
    match error {
        MembersError::TooLarge { limit } => Some(match lang {
            Lang::Vi => format!(
                "Danh sách quá lớn để lưu trong một lần (tối đa {} KiB mỗi thay đổi); hãy chia thành nhiều tệp nhỏ hơn. Chưa có gì được lưu.",
                limit / 1024
            ),
            Lang::En => format!(
                "The roster is too large to save in one change (at most {} KiB per change); split it into smaller files. Nothing was saved.",
                limit / 1024
            ),
        }),
        MembersError::Command(ExecuteError::Rejected(DomainError::Invalid(problems))) => Some(
            problems
                .iter()
                .map(|p| p.problem.message(lang))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        MembersError::Command(ExecuteError::Rejected(other)) => Some(other.message(lang)),
        MembersError::Command(ExecuteError::VersionConflict { .. }) => {
            Some(delegation_words(lang).stale.into())
        }
        MembersError::Command(_) | MembersError::Vault(_) => None,
    }
}

#[derive(Template)]
#[template(path = "forget_member.html")]
struct ForgetPage {
    t: &'static Texts,
    w: &'static Words,
    d: &'static DelegationWords,
    nav: Nav,
    id: Uuid,
    person_id: Uuid,
    name: String,
    number: usize,
    delegation: String,
}

/// `GET /delegations/{id}/members/{person}/forget`: asks before forgetting for good.
pub async fn forget_form(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<http_common::CorrelationId>,
    Path((id, person)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let lang = user.lang;
    let (roster, may_update) = visible_delegation(&state, &user, &id).await?;
    if !may_update {
        return Ok(pages::forbidden(lang, words(lang).forbidden_role));
    }
    let Some((member, details)) = readable_member(&roster, &person) else {
        return Ok(crate::not_found::page_for(lang));
    };
    // The page names the member: a read of personal data, recorded first.
    state
        .commands
        .record_personal_data_read(
            &meta(&state, &user, &correlation.0),
            roster.delegation.id,
            domain::privacy::ReadView::Page,
        )
        .await
        .map_err(|error| pages::unavailable(lang, &error))?;
    Ok(page(
        StatusCode::OK,
        &ForgetPage {
            t: texts(lang),
            w: words(lang),
            d: delegation_words(lang),
            nav: user.nav(),
            id: roster.delegation.id,
            person_id: member.person_id,
            name: details.full_name.clone(),
            number: member.position,
            delegation: roster.delegation.record.name.clone(),
        },
    ))
}

/// `POST /delegations/{id}/members/{person}/forget`: forgets the member for good.
pub async fn forget(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<http_common::CorrelationId>,
    Path((id, person)): Path<(String, String)>,
    body: String,
) -> Result<Response, PageError> {
    let form = Form::parse(&body);
    let lang = user.lang;
    let roster = workable_delegation(&state, &user, &id, &form).await?;
    let Ok(person) = Uuid::parse_str(&person) else {
        return Ok(crate::not_found::page_for(lang));
    };
    let delegation = roster.delegation.id;
    let forgotten = state
        .commands
        .forget_member(
            &state.vault,
            &meta(&state, &user, &correlation.0),
            delegation,
            person,
        )
        .await;
    Ok(match answer(forgotten, lang) {
        Answer::Recorded => {
            Redirect::to(&format!("/delegations/{delegation}#roster")).into_response()
        }
        Answer::Refused(message) => {
            let refused = roster_refusal(message);
            render(&state, &user, &correlation.0, &id, Some(refused)).await
        }
        Answer::Unavailable(outage) => outage,
    })
}
