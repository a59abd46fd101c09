//! Every route of the JSON API and the pages with the rule that decides who may use it.
//! A route that is not here answers nobody: the guard refuses it before its handler
//! runs, and a test fails for any route of the router without a rule here.

use app::access::Action::{self, *};
use axum::http::Method;

/// What a route asks of the person using it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// Nobody needs to be signed in: health checks, sign-in, static files, and links
    /// whose token is itself the credential (approvals, reminder choices).
    Open,
    /// Anyone signed in; what the route shows is narrowed to the person's organisations.
    SignedIn,
    /// The person may do the action for at least one of their organisations; the use
    /// case checks the organisation the request names.
    Somewhere(Action),
    /// The action, on the thing the path parameter names.
    On(Thing, &'static str, Action),
    /// The path parameter is the person's own address.
    Itself(&'static str),
}

/// What a path parameter names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thing {
    Programme,
    Delegation,
    Report,
    Agreement,
    Organisation,
    ApprovalRound,
}

use Guard::*;
use Thing::*;

const fn programme(action: Action) -> Guard {
    On(Programme, "id", action)
}
const fn delegation(action: Action) -> Guard {
    On(Delegation, "id", action)
}
const fn report(action: Action) -> Guard {
    On(Report, "id", action)
}
const fn agreement(action: Action) -> Guard {
    On(Agreement, "id", action)
}
const fn organisation(action: Action) -> Guard {
    On(Organisation, "id", action)
}

/// The routes, as (method, path pattern, guard). HEAD is answered as GET.
pub const ROUTES: &[(&str, &str, Guard)] = &[
    ("GET", "/healthz", Open),
    ("GET", "/readyz", Open),
    ("GET", "/api/openapi.json", Open),
    ("GET", "/static/app.css", Open),
    ("GET", "/static/favicon.svg", Open),
    ("GET", "/favicon.ico", Open),
    ("GET", "/", Open),
    ("GET", "/sign-in", Open),
    ("POST", "/sign-in", Open),
    ("GET", "/sign-in/{token}", Open),
    ("POST", "/sign-in/{token}", Open),
    ("GET", "/approve/{round}/{token}", Open),
    ("POST", "/approve/{round}/{token}", Open),
    ("POST", "/approve/{round}/{token}/renew", Open),
    ("GET", "/reminders/preferences/{email}/{signature}", Open),
    ("POST", "/reminders/preferences/{email}/{signature}", Open),
    // API tokens: each person keeps their own.
    ("GET", "/api/tokens", SignedIn),
    ("POST", "/api/tokens", SignedIn),
    ("POST", "/api/tokens/{id}/revoke", SignedIn),
    // Programmes.
    ("POST", "/api/programmes", Somewhere(PlanProgramme)),
    ("GET", "/api/programmes", SignedIn),
    ("GET", "/api/programmes/{id}", programme(SeeProgramme)),
    // Official documents (docs/documents.md): a programme's as its plan is read; a
    // delegation's as its roster is, since the decision and the list name its members.
    (
        "GET",
        "/api/programmes/{id}/documents/{kind}",
        programme(SeeProgramme),
    ),
    (
        "GET",
        "/api/programmes/{id}/history",
        programme(SeeProgramme),
    ),
    (
        "POST",
        "/api/programmes/{id}/revise",
        programme(PlanProgramme),
    ),
    (
        "POST",
        "/api/programmes/{id}/submit",
        programme(PlanProgramme),
    ),
    (
        "POST",
        "/api/programmes/{id}/withdraw",
        programme(PlanProgramme),
    ),
    (
        "POST",
        "/api/programmes/{id}/postpone",
        programme(ManageProgramme),
    ),
    (
        "POST",
        "/api/programmes/{id}/cancel",
        programme(ManageProgramme),
    ),
    (
        "POST",
        "/api/programmes/{id}/begin-preparation",
        programme(RunDelegation),
    ),
    (
        "POST",
        "/api/programmes/{id}/mark-held",
        programme(RunDelegation),
    ),
    (
        "GET",
        "/api/programmes/{id}/approvals",
        programme(SeeProgramme),
    ),
    ("GET", "/api/approvals/pending", SignedIn),
    (
        "POST",
        "/api/approvals/{round}/stages/{stage}/resend",
        On(ApprovalRound, "round", ManageProgramme),
    ),
    ("GET", "/api/reminders", SignedIn),
    ("GET", "/api/reminders/preferences/{email}", Itself("email")),
    ("PUT", "/api/reminders/preferences/{email}", Itself("email")),
    // The directory and roles.
    ("POST", "/api/organisations", Somewhere(Administer)),
    ("GET", "/api/organisations", SignedIn),
    (
        "GET",
        "/api/organisations/{id}",
        organisation(SeeOrganisation),
    ),
    (
        "POST",
        "/api/organisations/{id}/committees",
        organisation(KeepDirectory),
    ),
    (
        "POST",
        "/api/organisations/{id}/committees/{committee}/members",
        organisation(KeepDirectory),
    ),
    (
        "POST",
        "/api/organisations/{id}/committees/{committee}/members/{member}/end",
        organisation(KeepDirectory),
    ),
    (
        "POST",
        "/api/organisations/{id}/committees/{committee}/substitutes",
        organisation(KeepDirectory),
    ),
    (
        "POST",
        "/api/organisations/{id}/routes",
        organisation(KeepDirectory),
    ),
    (
        "PUT",
        "/api/organisations/{id}/routes/{route}",
        organisation(KeepDirectory),
    ),
    (
        "POST",
        "/api/organisations/{id}/routes/{route}/retire",
        organisation(KeepDirectory),
    ),
    ("GET", "/api/users", Somewhere(KeepRoles)),
    ("POST", "/api/users/{email}/roles", Somewhere(KeepRoles)),
    (
        "DELETE",
        "/api/users/{email}/roles/{organisation}/{role}",
        On(Organisation, "organisation", KeepRoles),
    ),
    // Agreements, follow-up reports, action items, figures, annual reviews.
    ("POST", "/api/agreements", Somewhere(KeepAgreements)),
    ("GET", "/api/agreements", SignedIn),
    ("GET", "/api/agreements/reviews-due", SignedIn),
    ("GET", "/api/agreements/expiring", SignedIn),
    ("GET", "/api/agreements/{id}", agreement(SeeOrganisation)),
    (
        "POST",
        "/api/agreements/{id}/revise",
        agreement(KeepAgreements),
    ),
    (
        "POST",
        "/api/agreements/{id}/sign",
        agreement(KeepAgreements),
    ),
    (
        "POST",
        "/api/agreements/{id}/activate",
        agreement(KeepAgreements),
    ),
    (
        "POST",
        "/api/agreements/{id}/reviews",
        agreement(KeepAgreements),
    ),
    (
        "POST",
        "/api/agreements/{id}/reviews/{review_id}/complete",
        agreement(KeepAgreements),
    ),
    (
        "POST",
        "/api/agreements/{id}/renew",
        agreement(KeepAgreements),
    ),
    (
        "POST",
        "/api/agreements/{id}/expire",
        agreement(KeepAgreements),
    ),
    (
        "POST",
        "/api/agreements/{id}/terminate",
        agreement(KeepAgreements),
    ),
    (
        "POST",
        "/api/agreements/{id}/documents",
        agreement(KeepAgreements),
    ),
    (
        "POST",
        "/api/programmes/{id}/follow-up",
        programme(RunFollowUp),
    ),
    (
        "GET",
        "/api/programmes/{id}/follow-up",
        programme(SeeProgramme),
    ),
    ("GET", "/api/follow-up-reports/due", SignedIn),
    ("GET", "/api/follow-up-reports/{id}", report(SeeProgramme)),
    (
        "POST",
        "/api/follow-up-reports/{id}/revise",
        report(RunFollowUp),
    ),
    (
        "POST",
        "/api/follow-up-reports/{id}/submit",
        report(RunFollowUp),
    ),
    (
        "POST",
        "/api/follow-up-reports/{id}/return",
        report(ReviewFollowUp),
    ),
    (
        "POST",
        "/api/follow-up-reports/{id}/accept",
        report(ReviewFollowUp),
    ),
    (
        "POST",
        "/api/follow-up-reports/{id}/action-items/{item_id}",
        report(RunFollowUp),
    ),
    ("GET", "/api/action-items", SignedIn),
    ("GET", "/api/figures", SignedIn),
    ("GET", "/api/figures.csv", SignedIn),
    ("GET", "/api/figures.svg", SignedIn),
    (
        "GET",
        "/api/organisations/{id}/annual-review/{year}",
        organisation(SeeOrganisation),
    ),
    (
        "GET",
        "/organisations/{id}/annual-review/{year}",
        organisation(SeeOrganisation),
    ),
    (
        "GET",
        "/api/organisations/{id}/annual-review/{year}/document",
        organisation(SeeOrganisation),
    ),
    (
        "GET",
        "/api/organisations/{id}/personal-data-reads",
        organisation(KeepRoles),
    ),
    // Delegations.
    (
        "POST",
        "/api/programmes/{id}/delegations",
        programme(RunDelegation),
    ),
    (
        "GET",
        "/api/programmes/{id}/delegations",
        programme(SeeProgramme),
    ),
    ("GET", "/api/border-gates", SignedIn),
    ("GET", "/api/checklist", SignedIn),
    ("GET", "/api/delegations/{id}", delegation(SeePersonalData)),
    (
        "GET",
        "/api/delegations/{id}/history",
        delegation(SeePersonalData),
    ),
    (
        "POST",
        "/api/delegations/{id}/members",
        delegation(RunDelegation),
    ),
    (
        "POST",
        "/api/delegations/{id}/members/import",
        delegation(RunDelegation),
    ),
    (
        "PUT",
        "/api/delegations/{id}/members/{person_id}",
        delegation(RunDelegation),
    ),
    (
        "POST",
        "/api/delegations/{id}/members/{person_id}/remove",
        delegation(RunDelegation),
    ),
    (
        "POST",
        "/api/delegations/{id}/members/{person_id}/forget",
        delegation(SeePersonalData),
    ),
    (
        "POST",
        "/api/delegations/{id}/checklist/prefill",
        delegation(RunDelegation),
    ),
    (
        "POST",
        "/api/delegations/{id}/checklist/{task_id}/status",
        delegation(RunDelegation),
    ),
    (
        "GET",
        "/api/delegations/{id}/roster.csv",
        delegation(SeePersonalData),
    ),
    (
        "GET",
        "/api/delegations/{id}/roster.xlsx",
        delegation(SeePersonalData),
    ),
    (
        "GET",
        "/api/delegations/{id}/itinerary.ics",
        delegation(SeeProgramme),
    ),
    (
        "GET",
        "/api/delegations/{id}/itinerary.html",
        delegation(SeeProgramme),
    ),
    (
        "GET",
        "/api/delegations/{id}/documents/{kind}",
        delegation(SeePersonalData),
    ),
    (
        "POST",
        "/api/delegations/{id}/{list}",
        delegation(RunDelegation),
    ),
    (
        "PUT",
        "/api/delegations/{id}/{list}/{item_id}",
        delegation(RunDelegation),
    ),
    (
        "DELETE",
        "/api/delegations/{id}/{list}/{item_id}",
        delegation(RunDelegation),
    ),
    // The pages.
    ("POST", "/sign-out", SignedIn),
    ("POST", "/language", SignedIn),
    ("GET", "/home", SignedIn),
    ("GET", "/calendar", SignedIn),
    ("GET", "/calendar/agenda", SignedIn),
    ("GET", "/programmes/new", Somewhere(PlanProgramme)),
    ("POST", "/programmes", Somewhere(PlanProgramme)),
    ("GET", "/programmes/{id}", programme(SeeProgramme)),
    ("GET", "/programmes/{id}/edit", programme(PlanProgramme)),
    ("POST", "/programmes/{id}/edit", programme(PlanProgramme)),
    ("POST", "/programmes/{id}/submit", programme(PlanProgramme)),
    (
        "POST",
        "/programmes/{id}/approvals/{round}/stages/{stage}/resend",
        programme(ManageProgramme),
    ),
    (
        "GET",
        "/programmes/{id}/postpone",
        programme(ManageProgramme),
    ),
    (
        "POST",
        "/programmes/{id}/postpone",
        programme(ManageProgramme),
    ),
    ("GET", "/programmes/{id}/withdraw", programme(PlanProgramme)),
    (
        "POST",
        "/programmes/{id}/withdraw",
        programme(PlanProgramme),
    ),
    ("GET", "/programmes/{id}/cancel", programme(ManageProgramme)),
    (
        "POST",
        "/programmes/{id}/cancel",
        programme(ManageProgramme),
    ),
    ("GET", "/programmes/{id}/follow-up", programme(RunFollowUp)),
    ("POST", "/programmes/{id}/follow-up", programme(RunFollowUp)),
    ("GET", "/delegations/{id}", delegation(SeePersonalData)),
    (
        "POST",
        "/delegations/{id}/tasks/{task}/status",
        delegation(RunDelegation),
    ),
    (
        "POST",
        "/delegations/{id}/items/{list}",
        delegation(RunDelegation),
    ),
    (
        "POST",
        "/admin/organisations/{id}/committees",
        organisation(KeepDirectory),
    ),
    (
        "POST",
        "/admin/organisations/{id}/committees/{committee}/members",
        organisation(KeepDirectory),
    ),
    (
        "POST",
        "/admin/organisations/{id}/committees/{committee}/members/{member}/end",
        organisation(KeepDirectory),
    ),
    (
        "POST",
        "/admin/organisations/{id}/committees/{committee}/substitutes",
        organisation(KeepDirectory),
    ),
    (
        "POST",
        "/admin/organisations/{id}/routes",
        organisation(KeepDirectory),
    ),
    (
        "POST",
        "/admin/organisations/{id}/routes/{route}/retire",
        organisation(KeepDirectory),
    ),
    (
        "POST",
        "/delegations/{id}/roster",
        delegation(RunDelegation),
    ),
    (
        "GET",
        "/delegations/{id}/members/{person}/forget",
        delegation(SeePersonalData),
    ),
    (
        "POST",
        "/delegations/{id}/members/{person}/forget",
        delegation(SeePersonalData),
    ),
    // One member at a time, and the standard checklist, as over the API.
    (
        "GET",
        "/delegations/{id}/members/new",
        delegation(RunDelegation),
    ),
    (
        "POST",
        "/delegations/{id}/members/new",
        delegation(RunDelegation),
    ),
    (
        "GET",
        "/delegations/{id}/members/{person}/edit",
        delegation(RunDelegation),
    ),
    (
        "POST",
        "/delegations/{id}/members/{person}/edit",
        delegation(RunDelegation),
    ),
    (
        "POST",
        "/delegations/{id}/members/{person}/remove",
        delegation(RunDelegation),
    ),
    (
        "POST",
        "/delegations/{id}/checklist/prefill",
        delegation(RunDelegation),
    ),
    (
        "POST",
        "/delegations/{id}/items/{list}/{item}/remove",
        delegation(RunDelegation),
    ),
    (
        "POST",
        "/programmes/{id}/follow-up/accept",
        programme(ReviewFollowUp),
    ),
    (
        "POST",
        "/programmes/{id}/follow-up/return",
        programme(ReviewFollowUp),
    ),
    (
        "POST",
        "/programmes/{id}/follow-up/items/{item}/status",
        programme(RunFollowUp),
    ),
    ("POST", "/admin/roles/grant", Somewhere(KeepRoles)),
    ("POST", "/admin/roles/revoke", Somewhere(KeepRoles)),
    (
        "POST",
        "/programmes/{id}/delegations",
        programme(RunDelegation),
    ),
    ("GET", "/approvals", SignedIn),
    ("GET", "/agreements", SignedIn),
    // Registering one: the use case checks that a party is an organisation of one's own.
    ("GET", "/agreements/new", Somewhere(KeepAgreements)),
    ("POST", "/agreements", Somewhere(KeepAgreements)),
    ("GET", "/agreements/{id}", agreement(SeeOrganisation)),
    ("GET", "/agreements/{id}/edit", agreement(KeepAgreements)),
    ("POST", "/agreements/{id}/edit", agreement(KeepAgreements)),
    ("GET", "/agreements/{id}/renew", agreement(KeepAgreements)),
    ("POST", "/agreements/{id}/renew", agreement(KeepAgreements)),
    (
        "POST",
        "/agreements/{id}/documents",
        agreement(KeepAgreements),
    ),
    ("GET", "/agreements/{id}/sign", agreement(KeepAgreements)),
    ("POST", "/agreements/{id}/sign", agreement(KeepAgreements)),
    (
        "POST",
        "/agreements/{id}/activate",
        agreement(KeepAgreements),
    ),
    (
        "POST",
        "/agreements/{id}/reviews",
        agreement(KeepAgreements),
    ),
    (
        "GET",
        "/agreements/{id}/reviews/{review}/complete",
        agreement(KeepAgreements),
    ),
    (
        "POST",
        "/agreements/{id}/reviews/{review}/complete",
        agreement(KeepAgreements),
    ),
    (
        "GET",
        "/agreements/{id}/terminate",
        agreement(KeepAgreements),
    ),
    (
        "POST",
        "/agreements/{id}/terminate",
        agreement(KeepAgreements),
    ),
    ("GET", "/action-items", SignedIn),
    // As `GET /api/checklist`, narrowed to the programmes the person sees, for those who
    // run delegations (the tasks lead to the delegations' pages).
    ("GET", "/checklist", Somewhere(RunDelegation)),
    // As `GET /api/reminders`: the person's own.
    ("GET", "/reminders", SignedIn),
    ("GET", "/figures", SignedIn),
    ("GET", "/admin", Somewhere(Administer)),
    ("GET", "/admin/import", Somewhere(Administer)),
    ("POST", "/admin/import", Somewhere(Administer)),
    ("GET", "/admin/history", Somewhere(Administer)),
    ("POST", "/admin/history", Somewhere(Administer)),
    ("POST", "/admin/history/apply", Somewhere(Administer)),
    ("POST", "/admin/import/apply", Somewhere(Administer)),
    ("GET", "/tokens", SignedIn),
    ("POST", "/tokens", SignedIn),
    // The token's owner is checked in the query: nobody finds another person's token.
    ("POST", "/tokens/{id}/revoke", SignedIn),
    ("GET", "/outbox", Somewhere(Administer)),
    ("GET", "/outbox/{id}", Somewhere(Administer)),
    ("GET", "/outbox/{id}/html", Somewhere(Administer)),
];

/// The guard of `method` on the route `path`; `None` when there is none, and then the
/// route answers nobody.
pub fn guard_of(method: &Method, path: &str) -> Option<Guard> {
    let method = if method == Method::HEAD {
        "GET"
    } else {
        method.as_str()
    };
    ROUTES
        .iter()
        .find(|(m, p, _)| *m == method && *p == path)
        .map(|(_, _, guard)| *guard)
}
