//! A planner's page: their drafts, what waits for approval, what was sent back, what is
//! coming, and every programme of their organisations.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use crate::auth::{Nav, SignedIn};
use crate::listing::{Item, today, visible};
use crate::pages::PageError;
use crate::render::page;
use crate::state::WebState;
use crate::texts::{Texts, texts};
use crate::words::{Words, words};

struct Section {
    heading: &'static str,
    items: Vec<Item>,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    t: &'static Texts,
    w: &'static Words,
    nav: Nav,
    organisations: String,
    sections: Vec<Section>,
    all: Vec<Item>,
}

pub async fn show(State(state): State<WebState>, user: SignedIn) -> Result<Response, PageError> {
    let lang = user.lang;
    let w = words(lang);
    let all = visible(&state, &user).await?;
    let today = today(&state.clock);
    let pick = |statuses: &[&str], upcoming_only: bool| -> Vec<Item> {
        all.iter()
            .filter(|i| statuses.contains(&i.status.as_str()) && (!upcoming_only || i.end >= today))
            .cloned()
            .collect()
    };
    let sections = vec![
        Section {
            heading: w.drafts,
            items: pick(&["draft"], false),
        },
        Section {
            heading: w.waiting,
            items: pick(&["submitted", "under_review"], false),
        },
        Section {
            heading: w.changes_requested,
            items: pick(&["changes_requested"], false),
        },
        Section {
            heading: w.upcoming,
            items: pick(&["approved", "in_preparation"], true),
        },
    ];
    let organisations = user
        .organisations
        .iter()
        .map(|o| o.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    Ok(page(
        StatusCode::OK,
        &HomePage {
            t: texts(lang),
            w,
            nav: user.nav(),
            organisations,
            sections,
            all,
        },
    ))
}
