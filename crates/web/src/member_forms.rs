//! One member at a time from the delegation page: adding one, changing one's details, and
//! taking one off the roster (their data kept, unlike forgetting). The same use cases as
//! `POST /api/delegations/{id}/members`, `PUT …/members/{person_id}` and
//! `POST …/members/{person_id}/remove` (`app::Commands::add_members`, `update_member`,
//! `remove_member`); a refused form comes back with what was typed and each message beside
//! its field.

use app::MembersError;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::delegation::PersonalDetails;
use domain::privacy::ReadView;
use domain::{DomainError, Lang};
use eventstore::ExecuteError;
use http_common::CorrelationId;
use logistics::{Roster, RosterMember};
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::command::meta;
use crate::delegation_page::{render, visible_delegation, workable_delegation};
use crate::delegation_words::{delegation_words, document_kind, gender, member_words};
use crate::form::Form;
use crate::form_page::{self, Field, FormSpec};
use crate::logistics_view::Refused;
use crate::member_input::{self, DOCUMENT_KINDS, FIELDS, GENDERS};
use crate::not_found;
use crate::pages::{self, PageError};
use crate::plan_input::{Errors, Values};
use crate::roster_forms;
use crate::state::WebState;
use crate::words::words;

/// Which member the form is about.
#[derive(Clone, Copy)]
enum Target {
    New,
    Existing(Uuid),
}

/// A member on the roster whose details can still be read, by the id in the path.
pub(crate) fn readable_member<'a>(
    roster: &'a Roster,
    raw: &str,
) -> Option<(&'a RosterMember, &'a PersonalDetails)> {
    let person = Uuid::parse_str(raw).ok()?;
    let member = roster.members.iter().find(|m| m.person_id == person)?;
    Some((member, member.details.as_ref()?))
}

fn fields(lang: Lang, values: &Values, errors: &Errors) -> Vec<Field> {
    let m = member_words(lang);
    let f = |name, label, input| Field::new(name, label, input, values, errors);
    let genders = std::iter::once((String::new(), m.choose.to_string()))
        .chain(
            GENDERS
                .iter()
                .map(|(c, g)| (c.to_string(), gender(*g, lang).into())),
        )
        .collect();
    let kinds = DOCUMENT_KINDS
        .iter()
        .map(|(c, k)| (c.to_string(), document_kind(*k, lang).into()))
        .collect();
    let consent = [("no", m.no), ("yes", m.yes)]
        .iter()
        .map(|(c, label)| (c.to_string(), label.to_string()))
        .collect();
    vec![
        f("full_name", m.full_name, "text").required(),
        f("chinese_name", m.chinese_name, "text"),
        f("role", m.role, "text").required().hint(m.role_hint),
        f("organisation", m.organisation, "text"),
        f("gender", m.gender, "select").required().options(genders),
        f("date_of_birth", m.date_of_birth, "text")
            .required()
            .hint(m.date_hint),
        f("nationality", m.nationality, "text")
            .required()
            .hint(m.nationality_hint),
        f("document_kind", m.document_kind, "select").options(kinds),
        f("document_number", m.document_number, "text").hint(m.document_hint),
        f("document_issued_on", m.issued_on, "text").hint(m.date_hint),
        f("document_expires_on", m.expires_on, "text").hint(m.date_hint),
        f("phone", m.phone, "tel"),
        f("email", m.email, "email"),
        f("dietary_notes", m.dietary_notes, "textarea"),
        f("medical_notes", m.medical_notes, "textarea"),
        f("guardian_full_name", m.guardian_name, "text").hint(m.guardian_hint),
        f("guardian_relationship", m.guardian_relationship, "text")
            .hint(m.guardian_relationship_hint),
        f("guardian_phone", m.guardian_phone, "tel"),
        f("parental_consent", m.parental_consent, "select").options(consent),
    ]
}

fn form(
    user: &SignedIn,
    delegation: Uuid,
    target: Target,
    version: Option<u64>,
    values: &Values,
    errors: &Errors,
) -> Response {
    let d = delegation_words(user.lang);
    let (heading, submit_label, action, back) = match target {
        Target::New => (
            d.add_member,
            d.add_member,
            format!("/delegations/{delegation}/members/new"),
            format!("/delegations/{delegation}#roster"),
        ),
        Target::Existing(person) => (
            d.edit_member,
            d.save_member,
            format!("/delegations/{delegation}/members/{person}/edit"),
            format!("/delegations/{delegation}#member-{person}"),
        ),
    };
    form_page::render(
        user,
        FormSpec {
            heading,
            action: &action,
            back: Some(&back),
            version,
            submit_label,
        },
        fields(user.lang, values, errors),
    )
}

/// The form again with the use case's refusal beside its fields, or the "try again
/// shortly" page when it did not refuse but could not reach what it needs.
fn refused(lang: Lang, error: &MembersError, shown: impl Fn(&Errors) -> Response) -> Response {
    let mut errors = Errors::new();
    match error {
        MembersError::Command(ExecuteError::Rejected(DomainError::Invalid(problems))) => {
            member_input::add_problems(&mut errors, problems, lang);
        }
        other => match roster_forms::refusal(other, lang) {
            Some(message) => {
                errors.insert(FIELDS[0], message);
            }
            None => return pages::unavailable(lang, error),
        },
    }
    shown(&errors)
}

/// `GET /delegations/{id}/members/new`: the form for one more member.
pub async fn new_form(
    State(state): State<WebState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let (roster, may_update) = visible_delegation(&state, &user, &id).await?;
    if !may_update {
        return Ok(pages::forbidden(user.lang, words(user.lang).forbidden_role));
    }
    let delegation = roster.delegation.id;
    let values = member_input::blank();
    Ok(form(
        &user,
        delegation,
        Target::New,
        None,
        &values,
        &Errors::new(),
    ))
}

/// `POST /delegations/{id}/members/new`: adds the member, sealed with a key of their own.
pub async fn add(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, PageError> {
    let posted = Form::parse(&body);
    let roster = workable_delegation(&state, &user, &id, &posted).await?;
    let delegation = roster.delegation.id;
    let values = member_input::from_form(&posted);
    let shown = |errors: &Errors| form(&user, delegation, Target::New, None, &values, errors);
    let details = match member_input::read(&values, user.lang, state.clock.now()) {
        Ok(details) => details,
        Err(errors) => return Ok(shown(&errors)),
    };
    // Adding never conflicts with another change: no expected version.
    let added = state
        .commands
        .add_members(
            &state.vault,
            state.nats.server_info().max_payload,
            &meta(&state, &user, &correlation.0),
            delegation,
            None,
            vec![details],
        )
        .await;
    match added {
        Ok(ran) => {
            // Members are kept in the order they were added: the new one is the last.
            let anchor = ran
                .outcome
                .state
                .record()
                .and_then(|record| record.members.last())
                .map_or("roster".to_string(), |m| format!("member-{}", m.person_id));
            Ok(Redirect::to(&format!("/delegations/{delegation}#{anchor}")).into_response())
        }
        Err(error) => Ok(refused(user.lang, &error, shown)),
    }
}

/// `GET /delegations/{id}/members/{person}/edit`: the member's details, to change.
pub async fn edit_form(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path((id, person)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let lang = user.lang;
    let (roster, may_update) = visible_delegation(&state, &user, &id).await?;
    if !may_update {
        return Ok(pages::forbidden(lang, words(lang).forbidden_role));
    }
    let Some((member, details)) = readable_member(&roster, &person) else {
        return Ok(not_found::page_for(lang));
    };
    let delegation = roster.delegation.id;
    // The form shows the member's details: a read of personal data, recorded first.
    state
        .commands
        .record_personal_data_read(
            &meta(&state, &user, &correlation.0),
            delegation,
            ReadView::Page,
        )
        .await
        .map_err(|error| pages::unavailable(lang, &error))?;
    Ok(form(
        &user,
        delegation,
        Target::Existing(member.person_id),
        u64::try_from(roster.delegation.version).ok(),
        &member_input::from_details(details),
        &Errors::new(),
    ))
}

/// `POST /delegations/{id}/members/{person}/edit`: replaces the member's details, unless
/// the delegation changed since the form was opened.
pub async fn update(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path((id, person)): Path<(String, String)>,
    body: String,
) -> Result<Response, PageError> {
    let posted = Form::parse(&body);
    let roster = workable_delegation(&state, &user, &id, &posted).await?;
    let Some((member, _)) = readable_member(&roster, &person) else {
        return Ok(not_found::page_for(user.lang));
    };
    let (delegation, person_id) = (roster.delegation.id, member.person_id);
    // The version the form was opened at, kept when it comes back refused, so that a
    // change made meanwhile is never overwritten unseen.
    let version = posted.get("version").parse::<u64>().ok();
    let values = member_input::from_form(&posted);
    let target = Target::Existing(person_id);
    let shown = |errors: &Errors| form(&user, delegation, target, version, &values, errors);
    let details = match member_input::read(&values, user.lang, state.clock.now()) {
        Ok(details) => details,
        Err(errors) => return Ok(shown(&errors)),
    };
    let updated = state
        .commands
        .update_member(
            &state.vault,
            &meta(&state, &user, &correlation.0),
            delegation,
            person_id,
            version,
            details,
        )
        .await;
    match updated {
        Ok(_) => Ok(
            Redirect::to(&format!("/delegations/{delegation}#member-{person_id}")).into_response(),
        ),
        Err(error) => Ok(refused(user.lang, &error, shown)),
    }
}

/// `POST /delegations/{id}/members/{person}/remove`: takes the member off the roster; the
/// history keeps them, and so does the vault until they are forgotten.
pub async fn remove(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path((id, person)): Path<(String, String)>,
    body: String,
) -> Result<Response, PageError> {
    let posted = Form::parse(&body);
    let lang = user.lang;
    let roster = workable_delegation(&state, &user, &id, &posted).await?;
    let Ok(person_id) = Uuid::parse_str(&person) else {
        return Ok(not_found::page_for(lang));
    };
    let delegation = roster.delegation.id;
    let removed = state
        .commands
        .remove_member(
            &meta(&state, &user, &correlation.0),
            delegation,
            person_id,
            None,
        )
        .await;
    let d = delegation_words(lang);
    let message = match removed {
        Ok(_) => {
            return Ok(Redirect::to(&format!("/delegations/{delegation}#roster")).into_response());
        }
        // The command's one field is the member.
        Err(ExecuteError::Rejected(DomainError::Invalid(_))) => d.unknown_member.to_string(),
        Err(ExecuteError::Rejected(other)) => other.message(lang),
        Err(ExecuteError::VersionConflict { .. }) => d.stale.to_string(),
        Err(other) => return Ok(pages::unavailable(lang, &other)),
    };
    let refused = Refused {
        anchor: "roster",
        message,
        typed: Form::of(Vec::new()),
    };
    Ok(render(&state, &user, &correlation.0, &id, Some(refused)).await)
}
