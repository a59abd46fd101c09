//! Cầu Nối's web pages, rendered on the server from templates compiled into the binary.
//! Every page works without JavaScript, on a phone first, and loads nothing from
//! elsewhere.

mod admin_directory;
mod admin_history;
mod admin_import;
mod admin_page;
mod admin_roles;
mod admin_words;
mod agreement_documents;
mod agreement_forms;
mod agreement_layout;
mod agreement_page;
mod agreement_register;
mod agreement_renew;
mod agreement_terms;
mod agreement_words;
mod approval_page;
mod approval_resend;
mod auth;
mod calendar;
mod command;
mod cookies;
mod delegation_forms;
mod delegation_open;
mod delegation_page;
mod delegation_words;
mod directory_words;
mod document_words;
mod follow_up_form;
mod follow_up_pages;
mod follow_up_words;
mod form;
mod form_page;
mod headers;
mod history_words;
mod home;
mod import_words;
mod lang;
mod language;
mod listing;
mod logistics_forms;
mod logistics_input;
mod logistics_view;
mod logistics_words;
mod member_forms;
mod member_input;
mod not_found;
mod outbox;
mod pages;
mod pending_page;
mod plan_input;
mod plan_rows;
mod plan_view;
mod preferences_page;
mod programme_forms;
mod programme_page;
mod read_pages;
mod read_words;
mod refusal;
mod reminder_rules_view;
mod render;
mod report_input;
mod report_money;
mod report_review;
mod report_words;
mod roster_forms;
mod sign_in;

mod texts;
mod tokens_page;
mod tokens_words;
mod upload;
mod warning_places;
mod words;

pub use lang::{PageLang, of as page_lang_of};
pub use not_found::not_found;
pub use refusal::{Reason, refusal_page, session_cookie};

/// The handlers' state: the one the JSON API shares.
mod state {
    pub use http_common::HttpState as WebState;
}

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::response::Redirect;
use axum::routing::{get, post};

/// The pages, to be merged with the API's routes.
pub fn router(state: state::WebState) -> Router {
    Router::new()
        .route("/", get(|| async { Redirect::to("/home") }))
        .route("/sign-in", get(sign_in::form).post(sign_in::request))
        .route(
            "/sign-in/{token}",
            get(sign_in::confirm).post(sign_in::complete),
        )
        .route("/sign-out", post(sign_in::sign_out))
        .route("/language", post(language::choose))
        .route("/home", get(home::show))
        .route("/calendar", get(calendar::month))
        .route("/calendar/agenda", get(calendar::agenda))
        .route("/programmes/new", get(programme_forms::new_form))
        .route("/programmes", post(programme_forms::create))
        .route("/programmes/{id}", get(programme_page::show))
        .route(
            "/programmes/{id}/edit",
            get(programme_forms::edit_form).post(programme_forms::revise),
        )
        .route("/programmes/{id}/submit", post(programme_forms::submit))
        .route(
            "/programmes/{id}/approvals/{round}/stages/{stage}/resend",
            post(approval_resend::resend),
        )
        .route(
            "/programmes/{id}/postpone",
            get(programme_forms::postpone_form).post(programme_forms::postpone),
        )
        .route(
            "/programmes/{id}/withdraw",
            get(programme_forms::withdraw_form).post(programme_forms::withdraw),
        )
        .route(
            "/programmes/{id}/cancel",
            get(programme_forms::cancel_form).post(programme_forms::cancel),
        )
        .route(
            "/programmes/{id}/follow-up",
            get(follow_up_form::edit).post(follow_up_form::save),
        )
        .route("/delegations/{id}", get(delegation_page::show))
        .route(
            "/delegations/{id}/tasks/{task}/status",
            post(delegation_forms::set_task_status),
        )
        .route("/delegations/{id}/items/{list}", post(logistics_forms::add))
        .route(
            "/delegations/{id}/items/{list}/{item}/remove",
            post(logistics_forms::remove),
        )
        .route(
            "/delegations/{id}/roster",
            post(roster_forms::upload).layer(DefaultBodyLimit::max(
                roster_forms::ROSTER_UPLOAD_LIMIT + 64 * 1024,
            )),
        )
        .route(
            "/delegations/{id}/members/{person}/forget",
            get(roster_forms::forget_form).post(roster_forms::forget),
        )
        .route(
            "/delegations/{id}/members/new",
            get(member_forms::new_form).post(member_forms::add),
        )
        .route(
            "/delegations/{id}/members/{person}/edit",
            get(member_forms::edit_form).post(member_forms::update),
        )
        .route(
            "/delegations/{id}/members/{person}/remove",
            post(member_forms::remove),
        )
        .route(
            "/delegations/{id}/checklist/prefill",
            post(delegation_forms::prefill_checklist),
        )
        .route("/approvals", get(pending_page::pending))
        .route(
            "/programmes/{id}/follow-up/accept",
            post(report_review::accept),
        )
        .route(
            "/programmes/{id}/follow-up/return",
            post(report_review::send_back),
        )
        .route(
            "/programmes/{id}/follow-up/items/{item}/status",
            post(report_review::item_status),
        )
        .route(
            "/admin/organisations/{id}/committees",
            post(admin_directory::add_committee),
        )
        .route(
            "/admin/organisations/{id}/committees/{committee}/members",
            post(admin_directory::add_member),
        )
        .route(
            "/admin/organisations/{id}/committees/{committee}/members/{member}/end",
            post(admin_directory::end_membership),
        )
        .route(
            "/admin/organisations/{id}/committees/{committee}/substitutes",
            post(admin_directory::name_substitute),
        )
        .route(
            "/admin/organisations/{id}/routes",
            post(admin_directory::define_route),
        )
        .route(
            "/admin/organisations/{id}/routes/{route}/retire",
            post(admin_directory::retire_route),
        )
        .route("/admin/roles/grant", post(admin_roles::grant))
        .route("/admin/roles/revoke", post(admin_roles::revoke))
        .route("/programmes/{id}/delegations", post(delegation_open::open))
        .route(
            "/agreements",
            get(follow_up_pages::agreements).post(agreement_register::create),
        )
        .route("/agreements/new", get(agreement_register::new_form))
        .route("/agreements/{id}", get(agreement_page::show))
        .route(
            "/agreements/{id}/edit",
            get(agreement_register::edit_form).post(agreement_register::revise),
        )
        .route(
            "/agreements/{id}/renew",
            get(agreement_renew::form).post(agreement_renew::renew),
        )
        .route(
            "/agreements/{id}/documents",
            post(agreement_documents::attach),
        )
        .route(
            "/agreements/{id}/sign",
            get(agreement_forms::sign_form).post(agreement_forms::sign),
        )
        .route("/agreements/{id}/activate", post(agreement_forms::activate))
        .route(
            "/agreements/{id}/reviews",
            post(agreement_forms::open_review),
        )
        .route(
            "/agreements/{id}/reviews/{review}/complete",
            get(agreement_forms::complete_review_form).post(agreement_forms::complete_review),
        )
        .route(
            "/agreements/{id}/terminate",
            get(agreement_forms::terminate_form).post(agreement_forms::terminate),
        )
        .route("/action-items", get(follow_up_pages::action_items))
        .route("/checklist", get(read_pages::checklist))
        .route("/reminders", get(read_pages::reminders))
        .route("/figures", get(follow_up_pages::figures))
        .route("/admin", get(admin_page::show))
        .route(
            "/admin/import",
            get(admin_import::form)
                .post(admin_import::check)
                .layer(DefaultBodyLimit::max(
                    admin_import::UPLOAD_LIMIT + 64 * 1024,
                )),
        )
        .route("/admin/import/apply", post(admin_import::apply))
        .route(
            "/admin/history",
            get(admin_history::form)
                .post(admin_history::check)
                .layer(DefaultBodyLimit::max(
                    admin_history::UPLOAD_LIMIT + 64 * 1024,
                )),
        )
        .route(
            "/admin/history/apply",
            post(admin_history::apply).layer(DefaultBodyLimit::max(
                admin_history::UPLOAD_LIMIT * 4 / 3 + 64 * 1024,
            )),
        )
        .route(
            "/approve/{round}/{token}",
            get(approval_page::show).post(approval_page::decide),
        )
        .route("/approve/{round}/{token}/renew", post(approval_page::renew))
        .route(
            "/reminders/preferences/{email}/{signature}",
            get(preferences_page::show).post(preferences_page::save),
        )
        .route("/tokens", get(tokens_page::show).post(tokens_page::create))
        .route("/tokens/{id}/revoke", post(tokens_page::revoke))
        .route("/outbox", get(outbox::list))
        .route("/outbox/{id}", get(outbox::show))
        .route("/outbox/{id}/html", get(outbox::html))
        .route("/static/app.css", get(render::stylesheet))
        .route("/static/favicon.svg", get(render::icon))
        // Browsers ask for this by themselves, whatever the page names.
        .route(
            "/favicon.ico",
            get(|| async { Redirect::permanent("/static/favicon.svg") }),
        )
        .layer(axum::middleware::from_fn(
            http_common::refuse_control_characters,
        ))
        .layer(http_common::catch_panics())
        .layer(axum::middleware::from_fn(lang::remember))
        .layer(axum::middleware::from_fn(headers::protect))
        .layer(axum::middleware::from_fn(http_common::correlate))
        .with_state(state)
}
