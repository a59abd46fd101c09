//! An agreement's own page (`/agreements/{id}`): its terms, signing, reviews and how it
//! ended, with the steps the person may take next. The reminders of its reviews and expiry
//! link here.

use app::access::Action;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::agreement::{AgreementStatus, CadenceUnit, Ending};
use domain::labels::{country_name, format_date};
use projector::followup_queries::{self as queries, AgreementDetail};
use uuid::Uuid;

use crate::agreement_words::{AgreementWords, agreement_words};
use crate::auth::{Nav, SignedIn};
use crate::follow_up_words::agreement_status;
use crate::not_found;
use crate::pages::{self, PageError};
use crate::render::page;
use crate::state::WebState;
use crate::texts::{Texts, texts};
use crate::words::{Words, words};

struct PartyView {
    name: String,
    place: String,
}

struct DocumentView {
    title: String,
    reference: String,
    /// The reference as a link, when it is a web address.
    href: Option<String>,
}

struct ReviewView {
    due: String,
    held: Option<String>,
    findings: Option<String>,
    /// The review that is open and waits for its findings.
    open_id: Option<Uuid>,
}

#[derive(Template)]
#[template(path = "agreement.html")]
struct AgreementPage {
    t: &'static Texts,
    w: &'static Words,
    a: &'static AgreementWords,
    nav: Nav,
    id: Uuid,
    version: i64,
    title: String,
    status: String,
    status_label: String,
    parties: Vec<PartyView>,
    areas: Vec<String>,
    period: String,
    cadence: String,
    coordinator: Option<String>,
    signing: Option<String>,
    reviews: Vec<ReviewView>,
    documents: Vec<DocumentView>,
    ending: Option<String>,
    successor: Option<Uuid>,
    may_keep: bool,
    may_edit: bool,
    may_sign: bool,
    may_activate: bool,
    may_open_review: bool,
    may_renew: bool,
    may_terminate: bool,
}

/// The agreement, when it exists; the guard has already let only its parties' people in.
pub(crate) async fn find(state: &WebState, id: &str) -> Result<Option<AgreementDetail>, PageError> {
    let Ok(id) = Uuid::parse_str(id) else {
        return Ok(None);
    };
    Ok(queries::agreement(&state.pool, id).await?)
}

/// Whether the person may keep this agreement (sign, review, end it).
pub(crate) async fn may_keep(
    state: &WebState,
    user: &SignedIn,
    id: Uuid,
) -> Result<bool, PageError> {
    let subject = state.commands.agreement_subject(id).await?;
    Ok(subject.is_some_and(|s| user.actor.may(Action::KeepAgreements, &s)))
}

/// The agreement, when it exists and the person may keep it; otherwise the page to answer
/// (not found, or 403).
pub(crate) async fn kept(
    state: &WebState,
    user: &SignedIn,
    id: &str,
) -> Result<AgreementDetail, Response> {
    let found = find(state, id).await.map_err(IntoResponse::into_response)?;
    let Some(detail) = found else {
        return Err(not_found::page_for(user.lang));
    };
    match may_keep(state, user, detail.id).await {
        Ok(true) => Ok(detail),
        Ok(false) => Err(pages::forbidden(user.lang, words(user.lang).forbidden_role)),
        Err(error) => Err(error.into_response()),
    }
}

pub async fn show(
    State(state): State<WebState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let Some(detail) = find(&state, &id).await? else {
        return Ok(not_found::page_for(user.lang));
    };
    let may_keep = may_keep(&state, &user, detail.id).await?;
    Ok(page(StatusCode::OK, &view(&user, detail, may_keep)))
}

fn view(user: &SignedIn, detail: AgreementDetail, may_keep: bool) -> AgreementPage {
    let lang = user.lang;
    let a = agreement_words(lang);
    let record = detail.record;
    let terms = &record.terms;
    let status = record.status;
    let open_review = record.reviews.iter().find(|r| r.held_on.is_none());
    let reviews = record
        .reviews
        .iter()
        .map(|r| ReviewView {
            due: format_date(r.due_on, lang),
            held: r.held_on.map(|d| format_date(d, lang)),
            findings: r.findings.clone(),
            open_id: r.held_on.is_none().then_some(r.review_id),
        })
        .collect();
    let cadence = format!(
        "{} {}",
        terms.review_cadence.every,
        match terms.review_cadence.unit {
            CadenceUnit::Month => a.every_month,
            CadenceUnit::Year => a.every_year,
        }
    );
    let (ending, successor) = match &record.ending {
        None => (None, None),
        Some(Ending::Renewed {
            on, successor_id, ..
        }) => (Some(format_date(*on, lang)), Some(*successor_id)),
        Some(Ending::Expired { on }) => (Some(format_date(*on, lang)), None),
        Some(Ending::Terminated { on, reason }) => {
            (Some(format!("{} · {reason}", format_date(*on, lang))), None)
        }
    };
    AgreementPage {
        t: texts(lang),
        w: words(lang),
        a,
        nav: user.nav(),
        id: detail.id,
        version: detail.version,
        title: terms.title.clone(),
        status: status.as_str().to_owned(),
        status_label: agreement_status(status.as_str(), lang),
        parties: terms
            .parties
            .iter()
            .map(|p| PartyView {
                name: p.name.clone(),
                place: match &p.region {
                    Some(region) => format!("{region}, {}", country_name(&p.country, lang)),
                    None => country_name(&p.country, lang),
                },
            })
            .collect(),
        areas: terms.areas.clone(),
        period: format!(
            "{} – {}",
            format_date(terms.period.start, lang),
            format_date(terms.period.end, lang)
        ),
        cadence,
        coordinator: terms
            .coordinator
            .as_ref()
            .map(|c| format!("{} · {}", c.name, c.email)),
        signing: record.signing.as_ref().map(|s| {
            format!(
                "{} {} {}",
                format_date(s.signed_on, lang),
                a.signed_at,
                s.place
            )
        }),
        reviews,
        documents: record
            .documents
            .iter()
            .map(|d| DocumentView {
                title: d.title.clone(),
                reference: d.reference.clone(),
                href: web_address(&d.reference),
            })
            .collect(),
        ending,
        successor,
        may_keep,
        may_edit: may_keep && status == AgreementStatus::Drafted,
        may_sign: may_keep && status == AgreementStatus::Drafted,
        may_activate: may_keep && status == AgreementStatus::Signed,
        may_open_review: may_keep && status == AgreementStatus::Active && open_review.is_none(),
        may_renew: may_keep && renewable(status),
        may_terminate: may_keep && (status.in_force() || status == AgreementStatus::Drafted),
    }
}

/// Whether a new agreement may take this one's place: once signed, and not while a review
/// is open or after it ended (as the domain decides `Renew`).
pub(crate) fn renewable(status: AgreementStatus) -> bool {
    matches!(status, AgreementStatus::Signed | AgreementStatus::Active)
}

/// A document's reference as a link when it is a web address; any other text (a folder
/// on a file server) is shown as it is, never as a link.
fn web_address(reference: &str) -> Option<String> {
    let lower = reference.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| reference.to_owned())
}
