//! Renewing an agreement from its page: the terms of the new agreement, offered as the
//! current ones for the period that follows, and the day of the renewal. The same use
//! case as `POST /api/agreements/{id}/renew` (`app::Commands::renew_agreement`), which
//! here drafts the successor first; a refusal of either appends nothing.

use app::{Renewal, Successor};
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::values::VIETNAM;
use http_common::CorrelationId;
use uuid::Uuid;

use crate::agreement_layout::{Layout, Refusal};
use crate::agreement_page::{kept, renewable};
use crate::agreement_register::not_now;
use crate::agreement_terms::{self as terms, FIELDS, date_field};
use crate::agreement_words::agreement_words;
use crate::auth::SignedIn;
use crate::command;
use crate::form::Form;
use crate::form_page::{Field, FormSpec, render};
use crate::pages::PageError;
use crate::plan_input::{Errors, Values, date};
use crate::state::WebState;
use crate::words::words;

/// The renewal's own fields, which the domain names the same way.
const OWN: [&str; 2] = ["renewed_on", "note"];

fn renew_form(
    user: &SignedIn,
    id: Uuid,
    version: Option<u64>,
    values: &Values,
    errors: &Errors,
) -> Response {
    let a = agreement_words(user.lang);
    let f = |name, label, input| Field::new(name, label, input, values, errors);
    let mut fields = vec![date_field(
        f("renewed_on", a.renewed_on, "date")
            .required()
            .hint(a.renew_hint),
    )];
    fields.extend(terms::fields(user, values, errors));
    fields.push(f("note", a.note, "textarea"));
    let action = format!("/agreements/{id}/renew");
    let back = format!("/agreements/{id}");
    render(
        user,
        FormSpec {
            heading: a.renew,
            action: &action,
            back: Some(&back),
            version,
            submit_label: a.renew,
        },
        fields,
    )
}

pub async fn form(
    State(state): State<WebState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let detail = kept(&state, &user, &id).await?;
    let record = &detail.record;
    if !renewable(record.status) {
        let heading = agreement_words(user.lang).renew;
        return Ok(not_now(&user, heading, "renew", record.status));
    }
    let layout = Layout::of(&record.terms, &user);
    let mut values = terms::from_terms(&record.terms, &layout);
    let next = terms::next_period(record.terms.period);
    values.insert("start", next.start.to_string());
    values.insert("end", next.end.to_string());
    let today = state.clock.now().with_timezone(&VIETNAM).date_naive();
    values.insert("renewed_on", today.to_string());
    Ok(renew_form(
        &user,
        detail.id,
        u64::try_from(detail.version).ok(),
        &values,
        &Errors::new(),
    ))
}

pub async fn renew(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, PageError> {
    let posted = Form::parse(&body);
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, &posted) {
        return Ok(refused);
    }
    let detail = kept(&state, &user, &id).await?;
    let version = posted.get("version").parse::<u64>().ok();
    let shown = version.or(u64::try_from(detail.version).ok());
    let layout = Layout::of(&detail.record.terms, &user);
    let names: Vec<&'static str> = FIELDS.into_iter().chain(OWN).collect();
    let values = terms::from_form(&posted, &names);
    let lang = user.lang;
    let w = words(lang);
    let (read, mut errors) = match terms::read(&values, &user, &layout) {
        Ok(read) => (Some(read), Errors::new()),
        Err(errors) => (None, errors),
    };
    let renewed_on = date(posted.get("renewed_on"));
    if renewed_on.is_none() {
        errors.insert("renewed_on", w.not_a_date.into());
    }
    let note = posted.get("note").trim();
    if note.contains(['<', '>']) {
        errors.insert("note", w.no_markup.into());
    }
    let (Some(read), Some(renewed_on), true) = (read, renewed_on, errors.is_empty()) else {
        return Ok(renew_form(&user, detail.id, shown, &values, &errors));
    };
    let renewal = Renewal {
        successor: Successor::New(read),
        renewed_on,
        note: Some(note.to_owned()).filter(|n| !n.is_empty()),
    };
    let meta = command::meta(&state, &user, &correlation.0);
    let renewed = state
        .commands
        .renew_agreement(&meta, &user.actor, detail.id, version, renewal)
        .await;
    let refusal = Refusal {
        layout: &layout,
        own: &OWN,
        fallback: "renewed_on",
    };
    Ok(match renewed {
        Ok((successor, _)) => Redirect::to(&format!("/agreements/{successor}")).into_response(),
        Err(error) => refusal
            .of(error, lang, &mut errors)
            .unwrap_or_else(|| renew_form(&user, detail.id, shown, &values, &errors)),
    })
}
