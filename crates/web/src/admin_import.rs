//! Importing the directory from a file on the administrator's page, with the planner of
//! `caunoi import`: an uploaded YAML or CSV file is checked first (what would change, or
//! each mistake with its line); "Apply" checks it again against the directory as it then
//! stands and appends. Only organisations the person administers may be changed; new ones
//! may be added.

use std::collections::HashMap;

use askama::Template;
use axum::Extension;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use domain::CommandContext;
use domain::access::AccessRole;
use domain::directory::Directory;
use eventstore::ExecuteError;
use importer::file::{self, Format};
use importer::plan::{self, Count, Plan};
use uuid::Uuid;

use crate::auth::{Nav, SignedIn};
use crate::command::run;
use crate::form::Form;
use crate::import_words::{ImportWords, import_words};
use crate::pages;
use crate::pages::PageError;
use crate::render::page;
use crate::state::WebState;
use crate::texts::{Texts, texts};
use crate::upload::{UploadRefused, read_upload};
use crate::words::{Words, words};

/// The largest file taken.
pub const UPLOAD_LIMIT: usize = 1024 * 1024;

struct CheckView {
    file_name: String,
    /// The file, for the Apply form.
    content: String,
    steps: usize,
    rows: Vec<(&'static str, usize, usize, usize)>,
    applied: bool,
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    t: &'static Texts,
    w: &'static Words,
    i: &'static ImportWords,
    nav: Nav,
    error: Option<String>,
    mistakes: Vec<(u64, String, String)>,
    check: Option<CheckView>,
}

fn show(
    user: &SignedIn,
    status: StatusCode,
    error: Option<String>,
    mistakes: Vec<(u64, String, String)>,
    check: Option<CheckView>,
) -> Response {
    let lang = user.lang;
    page(
        status,
        &ImportPage {
            t: texts(lang),
            w: words(lang),
            i: import_words(lang),
            nav: user.nav(),
            error,
            mistakes,
            check,
        },
    )
}

fn refused(user: &SignedIn, status: StatusCode, error: &str) -> Response {
    show(user, status, Some(error.into()), vec![], None)
}

pub async fn form(user: SignedIn) -> Response {
    if !user.administers_any() {
        return pages::forbidden(user.lang, words(user.lang).forbidden_role);
    }
    show(&user, StatusCode::OK, None, vec![], None)
}

/// The file checked against the directory: its plan and the versions it was made on, or
/// the page that says what is wrong.
async fn checked(
    state: &WebState,
    user: &SignedIn,
    file_name: &str,
    bytes: &[u8],
) -> Result<(Plan, HashMap<Uuid, u64>), Response> {
    let lang = user.lang;
    let i = import_words(lang);
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let Some(format) = Format::of(file_name) else {
        return Err(refused(user, unprocessable, i.wrong_format));
    };
    let (orgs, mut problems) = file::parse(format, bytes);
    let mut states = HashMap::new();
    let mut versions = HashMap::new();
    if !orgs.is_empty() || problems.is_empty() {
        for id in plan::organisations_named(&orgs) {
            let loaded = match state.store.load::<Directory>(id).await {
                Ok(loaded) => loaded,
                Err(error) => return Err(pages::unavailable(lang, &error)),
            };
            versions.insert(id, loaded.version);
            states.insert(id, loaded.state);
        }
        let context = CommandContext {
            now: state.clock.now(),
            actor: user.email.clone(),
        };
        let planned = plan::plan(&orgs, states, context);
        problems.extend(planned.problems);
        if problems.is_empty() {
            let foreign = planned.steps.iter().any(|step| {
                versions.get(&step.organisation).is_some_and(|v| *v > 0)
                    && !user.may(step.organisation, &[AccessRole::Administrator])
            });
            if foreign {
                return Err(refused(user, StatusCode::FORBIDDEN, i.not_administered));
            }
            let plan = Plan {
                steps: planned.steps,
                problems: vec![],
                tally: planned.tally,
            };
            return Ok((plan, versions));
        }
    }
    problems.sort_by_key(|p| p.at.line);
    let mistakes = problems
        .iter()
        .map(|p| (p.at.line, p.at.field.clone(), p.issue.message(lang)))
        .collect();
    Err(show(user, unprocessable, None, mistakes, None))
}

fn view(user: &SignedIn, file_name: &str, bytes: &[u8], plan: &Plan, applied: bool) -> CheckView {
    let i = import_words(user.lang);
    let row = |label, c: Count| (label, c.new, c.unchanged, c.changed);
    let t = &plan.tally;
    CheckView {
        file_name: file_name.to_string(),
        content: URL_SAFE_NO_PAD.encode(bytes),
        steps: plan.steps.len(),
        rows: vec![
            row(i.organisations, t.organisations),
            row(i.committees, t.committees),
            row(i.members, t.members),
            row(i.substitutes, t.substitutes),
            row(i.routes, t.routes),
        ],
        applied,
    }
}

/// The uploaded file, checked: what would change, or its mistakes.
pub async fn check(
    State(state): State<WebState>,
    user: SignedIn,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let i = import_words(user.lang);
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let upload = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(UploadRefused::TooLarge) => {
            return refused(&user, StatusCode::PAYLOAD_TOO_LARGE, i.too_large);
        }
        Err(UploadRefused::NoFile) => return refused(&user, unprocessable, i.no_file),
    };
    let token = Form::of(vec![("csrf".into(), upload.csrf)]);
    if let Some(forged) = user.refuse_forged(&state.approvals.secret, &token) {
        return forged;
    }
    if !user.administers_any() {
        return pages::forbidden(user.lang, words(user.lang).forbidden_role);
    }
    let (name, bytes) = match upload.file {
        Some((name, bytes)) if !name.is_empty() => (name, bytes),
        _ => return refused(&user, unprocessable, i.no_file),
    };
    if bytes.len() > UPLOAD_LIMIT {
        return refused(&user, StatusCode::PAYLOAD_TOO_LARGE, i.too_large);
    }
    match checked(&state, &user, &name, &bytes).await {
        Ok((plan, _)) => {
            let check = view(&user, &name, &bytes, &plan, false);
            show(&user, StatusCode::OK, None, vec![], Some(check))
        }
        Err(page) => page,
    }
}

/// Checks the file again and appends it, organisation by organisation, each command on
/// the version it was planned on.
pub async fn apply(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<http_common::CorrelationId>,
    body: String,
) -> Result<Response, PageError> {
    let form = Form::parse(&body);
    if let Some(forged) = user.refuse_forged(&state.approvals.secret, &form) {
        return Ok(forged);
    }
    let lang = user.lang;
    if !user.administers_any() {
        return Ok(pages::forbidden(lang, words(lang).forbidden_role));
    }
    let i = import_words(lang);
    let name = form.get("file_name");
    let bytes = match URL_SAFE_NO_PAD.decode(form.get("content")) {
        Ok(bytes) if bytes.len() <= UPLOAD_LIMIT => bytes,
        _ => return Ok(refused(&user, StatusCode::UNPROCESSABLE_ENTITY, i.no_file)),
    };
    let (plan, mut versions) = checked(&state, &user, name, &bytes).await?;
    for step in &plan.steps {
        let version = versions.get(&step.organisation).copied().unwrap_or(0);
        let id = step.organisation;
        match run::<Directory>(
            &state,
            &user,
            &correlation.0,
            id,
            Some(version),
            &step.command,
        )
        .await
        {
            Ok(outcome) => {
                versions.insert(id, outcome.version);
            }
            Err(ExecuteError::VersionConflict { .. }) => {
                return Ok(refused(&user, StatusCode::CONFLICT, words(lang).stale));
            }
            Err(error) => return Ok(pages::unavailable(lang, &error)),
        }
    }
    let done = view(&user, name, &bytes, &plan, true);
    Ok(show(&user, StatusCode::OK, None, vec![], Some(done)))
}
