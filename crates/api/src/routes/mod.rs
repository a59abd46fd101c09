mod agreements;
mod annual_review;
mod approvals;
mod command;
mod delegations;
mod directory;
mod documents;
mod figures;
mod follow_up_reads;
mod follow_ups;
mod health;
mod openapi;
mod params;
mod personal_data_reads;
mod programmes;
mod reminders;
mod tokens;
mod users;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::HeaderMap;
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::{delete, get, post, put};

use crate::error::ApiError;
use crate::request_meta::{correlate, lang_of};
use crate::state::AppState;

/// The largest request body accepted; larger ones get 413.
pub const MAX_BODY: usize = 1024 * 1024;

/// The answer for a path that has no route: JSON, as every API error.
pub async fn no_route(headers: HeaderMap) -> impl IntoResponse {
    ApiError::no_route(lang_of(&headers))
}

/// Agreements, follow-up reports, action items, figures and annual reviews.
fn followup_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/agreements",
            post(agreements::draft).get(agreements::register),
        )
        .route("/api/agreements/reviews-due", get(agreements::reviews_due))
        .route("/api/agreements/expiring", get(agreements::expiring))
        .route("/api/agreements/{id}", get(agreements::detail))
        .route("/api/agreements/{id}/revise", post(agreements::revise))
        .route("/api/agreements/{id}/sign", post(agreements::sign))
        .route("/api/agreements/{id}/activate", post(agreements::activate))
        .route(
            "/api/agreements/{id}/reviews",
            post(agreements::open_review),
        )
        .route(
            "/api/agreements/{id}/reviews/{review_id}/complete",
            post(agreements::complete_review),
        )
        .route("/api/agreements/{id}/renew", post(agreements::renew))
        .route("/api/agreements/{id}/expire", post(agreements::expire))
        .route(
            "/api/agreements/{id}/terminate",
            post(agreements::terminate),
        )
        .route(
            "/api/agreements/{id}/documents",
            post(agreements::attach_document),
        )
        .route(
            "/api/programmes/{id}/follow-up",
            post(follow_ups::draft).get(follow_up_reads::of_programme),
        )
        .route("/api/follow-up-reports/due", get(follow_up_reads::due))
        .route("/api/follow-up-reports/{id}", get(follow_up_reads::detail))
        .route(
            "/api/follow-up-reports/{id}/revise",
            post(follow_ups::revise),
        )
        .route(
            "/api/follow-up-reports/{id}/submit",
            post(follow_ups::submit),
        )
        .route(
            "/api/follow-up-reports/{id}/return",
            post(follow_ups::send_back),
        )
        .route(
            "/api/follow-up-reports/{id}/accept",
            post(follow_ups::accept),
        )
        .route(
            "/api/follow-up-reports/{id}/action-items/{item_id}",
            post(follow_ups::update_action_item),
        )
        .route("/api/action-items", get(follow_up_reads::action_items))
        .route("/api/figures", get(figures::json))
        .route("/api/figures.csv", get(figures::csv))
        .route("/api/figures.svg", get(figures::svg))
        .route(
            "/api/organisations/{id}/annual-review/{year}",
            get(annual_review::json),
        )
        .route(
            "/api/organisations/{id}/annual-review/{year}/document",
            get(documents::of_annual_review),
        )
        .route(
            "/organisations/{id}/annual-review/{year}",
            get(annual_review::html),
        )
}

/// The API with its JSON answer for unknown paths.
/// The API's routes alone, to be merged with other routes under one fallback.
pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/api/openapi.json", get(openapi::serve))
        .route("/readyz", get(health::readyz))
        .route(
            "/api/programmes",
            post(programmes::draft).get(programmes::list),
        )
        .route("/api/programmes/{id}", get(programmes::detail))
        .route("/api/programmes/{id}/history", get(programmes::history))
        .route("/api/programmes/{id}/revise", post(programmes::revise))
        .route("/api/programmes/{id}/submit", post(programmes::submit))
        .route("/api/programmes/{id}/postpone", post(programmes::postpone))
        .route("/api/programmes/{id}/cancel", post(programmes::cancel))
        .route("/api/programmes/{id}/withdraw", post(programmes::withdraw))
        .route(
            "/api/programmes/{id}/begin-preparation",
            post(programmes::begin_preparation),
        )
        .route(
            "/api/programmes/{id}/mark-held",
            post(programmes::mark_held),
        )
        .route("/api/programmes/{id}/approvals", get(approvals::progress))
        .route(
            "/api/programmes/{id}/documents/{kind}",
            get(documents::of_programme),
        )
        .route("/api/approvals/pending", get(approvals::pending))
        .route(
            "/api/approvals/{round}/stages/{stage}/resend",
            post(approvals::resend),
        )
        .route("/api/tokens", get(tokens::list).post(tokens::create))
        .route("/api/tokens/{id}/revoke", post(tokens::revoke))
        .route("/api/reminders", get(reminders::list))
        .route(
            "/api/organisations/{id}/personal-data-reads",
            get(personal_data_reads::list),
        )
        .route(
            "/api/reminders/preferences/{email}",
            get(reminders::preferences).put(reminders::set_preferences),
        )
        .route(
            "/api/organisations",
            post(directory::register).get(directory::list),
        )
        .route("/api/organisations/{id}", get(directory::detail))
        .route(
            "/api/organisations/{id}/committees",
            post(directory::add_committee),
        )
        .route(
            "/api/organisations/{id}/committees/{committee}/members",
            post(directory::add_member),
        )
        .route(
            "/api/organisations/{id}/committees/{committee}/members/{member}/end",
            post(directory::end_membership),
        )
        .route(
            "/api/organisations/{id}/committees/{committee}/substitutes",
            post(directory::name_substitute),
        )
        .route("/api/organisations/{id}/routes", post(directory::add_route))
        .route(
            "/api/organisations/{id}/routes/{route}",
            put(directory::replace_route),
        )
        .route(
            "/api/organisations/{id}/routes/{route}/retire",
            post(directory::retire_route),
        )
        .route("/api/users", get(users::list))
        .route("/api/users/{email}/roles", post(users::grant))
        .route(
            "/api/users/{email}/roles/{organisation}/{role}",
            delete(users::revoke),
        )
        .merge(followup_routes())
        .route(
            "/api/programmes/{id}/delegations",
            post(delegations::open).get(delegations::list_for_programme),
        )
        .route("/api/border-gates", get(delegations::border_gates))
        .route("/api/checklist", get(delegations::checklist_board))
        .route("/api/delegations/{id}", get(delegations::detail))
        .route("/api/delegations/{id}/history", get(delegations::history))
        .route(
            "/api/delegations/{id}/members",
            post(delegations::add_member),
        )
        .route(
            "/api/delegations/{id}/members/import",
            post(delegations::import_members).layer(DefaultBodyLimit::max(delegations::MAX_UPLOAD)),
        )
        .route(
            "/api/delegations/{id}/members/{person_id}",
            put(delegations::update_member),
        )
        .route(
            "/api/delegations/{id}/members/{person_id}/remove",
            post(delegations::remove_member),
        )
        .route(
            "/api/delegations/{id}/members/{person_id}/forget",
            post(delegations::forget_member),
        )
        .route(
            "/api/delegations/{id}/checklist/prefill",
            post(delegations::prefill_checklist),
        )
        .route(
            "/api/delegations/{id}/checklist/{task_id}/status",
            post(delegations::set_task_status),
        )
        .route(
            "/api/delegations/{id}/roster.csv",
            get(delegations::roster_csv),
        )
        .route(
            "/api/delegations/{id}/roster.xlsx",
            get(delegations::roster_xlsx),
        )
        .route(
            "/api/delegations/{id}/itinerary.ics",
            get(delegations::itinerary_ics),
        )
        .route(
            "/api/delegations/{id}/itinerary.html",
            get(delegations::itinerary_html),
        )
        .route(
            "/api/delegations/{id}/documents/{kind}",
            get(documents::of_delegation),
        )
        .route("/api/delegations/{id}/{list}", post(delegations::save_item))
        .route(
            "/api/delegations/{id}/{list}/{item_id}",
            put(delegations::replace_item).delete(delegations::remove_item),
        )
        .layer(axum::Extension(state.clock.clone()))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(http_common::refuse_control_characters))
        .layer(http_common::catch_panics())
        .layer(middleware::from_fn(correlate))
        .with_state(state)
}
