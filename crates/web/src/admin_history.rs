//! Recording past programmes from a file on the administrator's page, with the same use
//! case as `caunoi import-history` (`app::history`): an uploaded CSV, Excel or YAML file
//! is checked first (what would be recorded, or each mistake with its line); "Record"
//! checks it again as the programmes then stand and records the new ones as history.
//! Only programmes of organisations the person administers may be recorded.

use app::history::{CheckedHistory, HistoryError, HistoryFile};
use askama::Template;
use axum::Extension;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use domain::CommandContext;
use domain::Lang;
use domain::labels::format_date;
use domain::programme::ProgrammeCommand;
use eventstore::ExecuteError;
use importer::history::{self, Format, PastProgrammeSpec};
use importer::problem::Located;

use crate::auth::{Nav, SignedIn};
use crate::command::meta;
use crate::form::Form;
use crate::history_words::{HistoryWords, history_words};
use crate::pages;
use crate::render::page;
use crate::state::WebState;
use crate::texts::{Texts, texts};
use crate::upload::{UploadRefused, read_upload};
use crate::words::{Words, words};

/// The largest file taken: several thousand past programmes.
pub const UPLOAD_LIMIT: usize = 1024 * 1024;

/// One programme the file would record.
struct Row {
    title: String,
    host: String,
    dates: String,
    attendance: u32,
}

struct CheckView {
    file_name: String,
    /// The file, for the Record form.
    content: String,
    new: usize,
    unchanged: usize,
    rows: Vec<Row>,
}

/// What was recorded.
struct DoneView {
    new: usize,
    unchanged: usize,
    visible: bool,
}

#[derive(Template)]
#[template(path = "history_import.html")]
struct HistoryPage {
    t: &'static Texts,
    w: &'static Words,
    h: &'static HistoryWords,
    nav: Nav,
    error: Option<String>,
    mistakes: Vec<(u64, String, String)>,
    check: Option<CheckView>,
    done: Option<DoneView>,
}

impl HistoryPage {
    fn of(user: &SignedIn) -> HistoryPage {
        let lang = user.lang;
        HistoryPage {
            t: texts(lang),
            w: words(lang),
            h: history_words(lang),
            nav: user.nav(),
            error: None,
            mistakes: Vec::new(),
            check: None,
            done: None,
        }
    }
}

fn refused(user: &SignedIn, status: StatusCode, error: &str) -> Response {
    let shown = HistoryPage {
        error: Some(error.into()),
        ..HistoryPage::of(user)
    };
    page(status, &shown)
}

/// `GET /admin/history`: the upload form.
pub async fn form(user: SignedIn) -> Response {
    if !user.administers_any() {
        return pages::forbidden(user.lang, words(user.lang).forbidden_role);
    }
    page(StatusCode::OK, &HistoryPage::of(&user))
}

/// The page for a refusal of the use case: the file's mistakes, someone else's
/// organisation, a programme recorded meanwhile, or an outage.
fn refusal(user: &SignedIn, error: HistoryError) -> Response {
    let lang = user.lang;
    let h = history_words(lang);
    match error {
        HistoryError::Problems(problems) => {
            let shown = HistoryPage {
                mistakes: problems
                    .iter()
                    .map(|p| (p.at.line, p.at.field.clone(), p.issue.message(lang)))
                    .collect(),
                ..HistoryPage::of(user)
            };
            page(StatusCode::UNPROCESSABLE_ENTITY, &shown)
        }
        HistoryError::NotAdministered => refused(user, StatusCode::FORBIDDEN, h.not_administered),
        HistoryError::Execute(ExecuteError::VersionConflict { .. }) => {
            refused(user, StatusCode::CONFLICT, h.recorded_meanwhile)
        }
        HistoryError::Execute(ExecuteError::Rejected(error)) => {
            refused(user, StatusCode::UNPROCESSABLE_ENTITY, &error.message(lang))
        }
        HistoryError::Execute(error) => pages::unavailable(lang, &error),
    }
}

/// The file's rows and the problems found reading them; `None` when its name says no
/// format the importer reads.
fn read(file_name: &str, bytes: &[u8]) -> Option<(Vec<PastProgrammeSpec>, Vec<Located>)> {
    Format::of(file_name).map(|format| history::parse(format, bytes))
}

fn row(command: &ProgrammeCommand, lang: Lang) -> Option<Row> {
    let ProgrammeCommand::RecordFromHistory {
        plan, attendance, ..
    } = command
    else {
        return None;
    };
    let (start, end) = (plan.schedule.start, plan.schedule.end);
    let dates = if start == end {
        format_date(start, lang)
    } else {
        format!("{} – {}", format_date(start, lang), format_date(end, lang))
    };
    Some(Row {
        title: plan.title.clone(),
        host: plan.host_organisation.clone(),
        dates,
        attendance: attendance.total,
    })
}

fn view(user: &SignedIn, file_name: &str, bytes: &[u8], checked: &CheckedHistory) -> CheckView {
    CheckView {
        file_name: file_name.to_string(),
        content: URL_SAFE_NO_PAD.encode(bytes),
        new: checked.plan.new,
        unchanged: checked.plan.unchanged,
        rows: checked
            .plan
            .steps
            .iter()
            .filter_map(|step| row(&step.command, user.lang))
            .collect(),
    }
}

/// `POST /admin/history`: the uploaded file, checked: what would be recorded, or its
/// mistakes. Nothing is recorded.
pub async fn check(
    State(state): State<WebState>,
    user: SignedIn,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let h = history_words(user.lang);
    let upload = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(UploadRefused::TooLarge) => {
            return refused(&user, StatusCode::PAYLOAD_TOO_LARGE, h.too_large);
        }
        Err(UploadRefused::NoFile) => {
            return refused(&user, StatusCode::UNPROCESSABLE_ENTITY, h.no_file);
        }
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
        _ => return refused(&user, StatusCode::UNPROCESSABLE_ENTITY, h.no_file),
    };
    if bytes.len() > UPLOAD_LIMIT {
        return refused(&user, StatusCode::PAYLOAD_TOO_LARGE, h.too_large);
    }
    let Some((rows, problems)) = read(&name, &bytes) else {
        return refused(&user, StatusCode::UNPROCESSABLE_ENTITY, h.wrong_format);
    };
    let context = CommandContext {
        now: state.clock.now(),
        actor: user.email.clone(),
    };
    let file = HistoryFile {
        name: &name,
        rows: &rows,
        problems,
    };
    match state
        .commands
        .check_history(&user.actor, file, &context)
        .await
    {
        Ok(checked) => {
            let shown = HistoryPage {
                check: Some(view(&user, &name, &bytes, &checked)),
                ..HistoryPage::of(&user)
            };
            page(StatusCode::OK, &shown)
        }
        Err(error) => refusal(&user, error),
    }
}

/// `POST /admin/history/apply`: checks the file again and records its new programmes.
pub async fn apply(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<http_common::CorrelationId>,
    body: String,
) -> Response {
    let form = Form::parse(&body);
    if let Some(forged) = user.refuse_forged(&state.approvals.secret, &form) {
        return forged;
    }
    if !user.administers_any() {
        return pages::forbidden(user.lang, words(user.lang).forbidden_role);
    }
    let h = history_words(user.lang);
    let name = form.get("file_name");
    let bytes = match URL_SAFE_NO_PAD.decode(form.get("content")) {
        Ok(bytes) if !bytes.is_empty() && bytes.len() <= UPLOAD_LIMIT => bytes,
        _ => return refused(&user, StatusCode::UNPROCESSABLE_ENTITY, h.no_file),
    };
    let Some((rows, problems)) = read(name, &bytes) else {
        return refused(&user, StatusCode::UNPROCESSABLE_ENTITY, h.wrong_format);
    };
    let file = HistoryFile {
        name,
        rows: &rows,
        problems,
    };
    let meta = meta(&state, &user, &correlation.0);
    match state
        .commands
        .record_history(&meta, &user.actor, file)
        .await
    {
        Ok(recorded) => {
            let shown = HistoryPage {
                done: Some(DoneView {
                    new: recorded.new,
                    unchanged: recorded.unchanged,
                    visible: recorded.visible,
                }),
                ..HistoryPage::of(&user)
            };
            page(StatusCode::OK, &shown)
        }
        Err(error) => refusal(&user, error),
    }
}
