//! "Waiting for my decision": what the signed-in person is asked to approve, each with
//! their own link to the same page the email leads to. The link's token is worked out
//! again from the link's id and the server's secret, as when the email was written, so the
//! decision is taken exactly as by the email.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use domain::approval::ApprovalRound;
use domain::labels::{format_dates, format_time_in_vietnam};
use projector::approval_queries;
use uuid::Uuid;
use workflow::links::approval_url;

use crate::auth::{Nav, SignedIn};
use crate::pages::PageError;
use crate::render::page;
use crate::state::WebState;
use crate::texts::{Texts, texts};
use crate::words::{Words, words};

struct Waiting {
    title: String,
    dates: String,
    committee: String,
    on_behalf_of: Option<String>,
    asked: Option<String>,
    until: Option<String>,
    expired: bool,
    /// The person's own link; none when no link was sent yet.
    link: Option<String>,
}

#[derive(Template)]
#[template(path = "pending.html")]
struct PendingPage {
    t: &'static Texts,
    w: &'static Words,
    nav: Nav,
    waiting: Vec<Waiting>,
}

pub async fn pending(State(state): State<WebState>, user: SignedIn) -> Result<Response, PageError> {
    let lang = user.lang;
    let items = approval_queries::pending_for(&state.pool, &user.email).await?;
    let now = state.clock.now();
    let mut rounds: HashMap<Uuid, ApprovalRound> = HashMap::new();
    let mut waiting = Vec::with_capacity(items.len());
    for item in items {
        let seat = &item.seat;
        if let Entry::Vacant(slot) = rounds.entry(seat.round_id) {
            slot.insert(
                state
                    .store
                    .load::<ApprovalRound>(seat.round_id)
                    .await?
                    .state,
            );
        }
        let link = rounds[&seat.round_id]
            .record()
            .and_then(|record| record.stages.get(usize::try_from(seat.stage).ok()?))
            .and_then(|stage| {
                stage
                    .seats
                    .iter()
                    .find(|s| s.approver.member_id == seat.member_id)
            })
            .and_then(|s| s.link.as_ref())
            .map(|link| {
                approval_url(
                    "",
                    seat.round_id,
                    &state.approvals.secret.token(link.link_id),
                )
            });
        waiting.push(Waiting {
            title: item.title,
            dates: format_dates(item.start_date, item.end_date, lang),
            committee: seat.committee_name.clone(),
            on_behalf_of: seat.on_behalf_of_name.clone(),
            asked: seat
                .link_issued_at
                .map(|at| format_time_in_vietnam(at, lang)),
            until: seat
                .link_expires_at
                .map(|at| format_time_in_vietnam(at, lang)),
            expired: seat.link_expires_at.is_some_and(|at| at <= now),
            link,
        });
    }
    Ok(page(
        StatusCode::OK,
        &PendingPage {
            t: texts(lang),
            w: words(lang),
            nav: user.nav(),
            waiting,
        },
    ))
}
