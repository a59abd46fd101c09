//! The follow-up pages of one of the person's organisations: its agreements register,
//! the action items of the programmes it hosted, and its yearly figures with the chart
//! the JSON API draws.

use std::collections::HashMap;

use app::access::Action;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Datelike, Days};
use domain::Lang;
use domain::followup::ReportStatus;
use domain::labels::{format_date, format_vnd};
use domain::values::FIRST_YEAR;
use http_common::period::{End, period_phrase, read_day, whole_years};
use projector::followup_queries::{self as queries, ActionItemFilter, AgreementFilter, Grouping};
use uuid::Uuid;

use crate::agreement_words::agreement_words;
use crate::auth::{Nav, Organisation, SignedIn};
use crate::follow_up_words::{FollowUpWords, action_status, agreement_status, follow_up_words};
use crate::listing::today;
use crate::pages;
use crate::pages::PageError;
use crate::render::page;
use crate::report_words::{ReportWords, report_status, report_words};
use crate::state::WebState;
use crate::texts::{Texts, texts};
use crate::words::{Words, words};

/// More than any organisation holds; the pages show everything at once.
const ALL: i64 = 500;
/// Years on the figures page, up to this one.
const YEARS: i32 = 10;

/// An organisation of the person's to switch to.
struct Choice {
    id: Uuid,
    name: String,
    current: bool,
}

/// The organisation a page is about: `?organisation=<id>`, which must be one of the
/// person's (otherwise none, and the caller answers with the 403 page), or their first.
fn chosen<'a>(
    user: &'a SignedIn,
    query: &HashMap<String, String>,
) -> Option<(&'a Organisation, Vec<Choice>)> {
    let organisation = match query.get("organisation").filter(|v| !v.is_empty()) {
        None => user.organisations.first()?,
        Some(raw) => {
            let id = Uuid::parse_str(raw).ok()?;
            user.organisations.iter().find(|o| o.id == id)?
        }
    };
    let choices = user
        .organisations
        .iter()
        .map(|o| Choice {
            id: o.id,
            name: o.name.clone(),
            current: o.id == organisation.id,
        })
        .collect();
    Some((organisation, choices))
}

fn refused(user: &SignedIn) -> Response {
    pages::forbidden(user.lang, words(user.lang).forbidden_role)
}

struct AgreementView {
    id: Uuid,
    title: String,
    status: String,
    status_label: String,
    signed_on: Option<String>,
    expires_on: String,
    next_review: Option<String>,
}

/// An agreement falling due (a review, or its end), linking to its page.
struct DueAgreement {
    id: Uuid,
    title: String,
    /// The day it falls due.
    on: String,
}

#[derive(Template)]
#[template(path = "agreements.html")]
struct AgreementsPage {
    t: &'static Texts,
    w: &'static Words,
    f: &'static FollowUpWords,
    nav: Nav,
    /// Where another of the person's organisations is shown: this page, with what it
    /// shows kept, up to the organisation's id.
    choice_link: String,
    organisation: String,
    choices: Vec<Choice>,
    agreements: Vec<AgreementView>,
    /// Reviews due within the look-ahead (`GET /api/agreements/reviews-due`).
    reviews_due: Vec<DueAgreement>,
    /// Agreements ending within it (`GET /api/agreements/expiring`).
    expiring: Vec<DueAgreement>,
    /// The button to register one, for those who keep agreements.
    register: Option<&'static str>,
}

pub async fn agreements(
    State(state): State<WebState>,
    user: SignedIn,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = user.lang;
    let Some((organisation, choices)) = chosen(&user, &query) else {
        return Ok(refused(&user));
    };
    let filter = AgreementFilter {
        organisation_id: Some(organisation.id),
        limit: ALL,
        ..AgreementFilter::default()
    };
    let register = queries::register(&state.pool, &filter).await?;
    // The same lists, and look-ahead, as the JSON API's, for this organisation only.
    let until = today(&state.clock) + Days::new(queries::LOOK_AHEAD_DAYS);
    let parties = [organisation.id];
    let reviews_due = queries::reviews_due(&state.pool, until, Some(&parties))
        .await?
        .into_iter()
        .map(|r| DueAgreement {
            id: r.agreement_id,
            title: r.agreement_title,
            on: format_date(r.due_on, Lang::Vi),
        })
        .collect();
    let expiring = queries::expiring(&state.pool, until, Some(&parties))
        .await?
        .into_iter()
        .map(|a| DueAgreement {
            id: a.id,
            title: a.title,
            on: format_date(a.expires_on, Lang::Vi),
        })
        .collect();
    let agreements = register
        .items
        .into_iter()
        .map(|a| AgreementView {
            id: a.id,
            status_label: agreement_status(&a.status, lang),
            status: a.status,
            title: a.title,
            signed_on: a.signed_on.map(|d| format_date(d, Lang::Vi)),
            expires_on: format_date(a.expires_on, Lang::Vi),
            next_review: a.next_review_on.map(|d| format_date(d, Lang::Vi)),
        })
        .collect();
    Ok(page(
        StatusCode::OK,
        &AgreementsPage {
            t: texts(lang),
            w: words(lang),
            f: follow_up_words(lang),
            nav: user.nav(),
            choice_link: "/agreements?organisation=".into(),
            organisation: organisation.name.clone(),
            choices,
            agreements,
            reviews_due,
            expiring,
            register: user
                .actor
                .may_somewhere(Action::KeepAgreements)
                .then_some(agreement_words(lang).register),
        },
    ))
}

struct ActionView {
    title: String,
    programme_id: Uuid,
    programme: String,
    owner: String,
    due: String,
    status: String,
    status_label: String,
}

/// A programme whose follow-up report falls due (`GET /api/follow-up-reports/due`).
struct DueReport {
    programme_id: Uuid,
    programme: String,
    due: String,
    overdue: bool,
    /// The report's status, or that nobody has begun it.
    status: String,
}

#[derive(Template)]
#[template(path = "action_items.html")]
struct ActionItemsPage {
    t: &'static Texts,
    w: &'static Words,
    f: &'static FollowUpWords,
    nav: Nav,
    /// Where another of the person's organisations is shown: this page, with what it
    /// shows kept, up to the organisation's id.
    choice_link: String,
    organisation: String,
    choices: Vec<Choice>,
    items: Vec<ActionView>,
    reports_due: Vec<DueReport>,
}

pub async fn action_items(
    State(state): State<WebState>,
    user: SignedIn,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = user.lang;
    let Some((organisation, choices)) = chosen(&user, &query) else {
        return Ok(refused(&user));
    };
    let filter = ActionItemFilter {
        organisation_id: Some(organisation.id),
        limit: ALL,
        ..ActionItemFilter::default()
    };
    let found = queries::action_items(&state.pool, &filter).await?;
    let f = follow_up_words(lang);
    // The JSON API's query, as of today, for this organisation only.
    let reports_due = queries::reports_due(
        &state.pool,
        today(&state.clock),
        state.config.report_due_days,
        false,
        Some(&[organisation.id]),
    )
    .await?
    .into_iter()
    .map(|r| DueReport {
        programme_id: r.programme_id,
        programme: r.programme_title,
        due: format_date(r.due_on, Lang::Vi),
        overdue: r.overdue,
        status: r
            .report_status
            .as_deref()
            .and_then(ReportStatus::parse)
            .map_or(f.report_not_begun, |s| report_status(s, lang))
            .to_string(),
    })
    .collect();
    let items = found
        .items
        .into_iter()
        .map(|i| ActionView {
            status_label: action_status(&i.status, lang),
            status: i.status,
            title: i.title,
            programme_id: i.programme_id,
            programme: i.programme_title,
            owner: i.owner_name,
            due: format_date(i.due_on, Lang::Vi),
        })
        .collect();
    Ok(page(
        StatusCode::OK,
        &ActionItemsPage {
            t: texts(lang),
            w: words(lang),
            f: follow_up_words(lang),
            nav: user.nav(),
            choice_link: "/action-items?organisation=".into(),
            organisation: organisation.name.clone(),
            choices,
            items,
            reports_due,
        },
    ))
}

struct YearRow {
    year: String,
    /// The printable annual review of that year, for a row that is a year.
    review: Option<String>,
    programmes: String,
    delegations: String,
    delegates: String,
    /// Vietnamese / partner side, and how many are not known by side; empty when no
    /// report of the year says.
    sides: String,
    /// Spent / budgeted, in đồng.
    spending: String,
    /// Gifts given / received, in đồng.
    gifts: String,
}

/// Two sums side by side, "—" for one nobody gave (never 0).
fn pair(a: Option<i64>, b: Option<i64>, lang: Lang) -> String {
    if a.is_none() && b.is_none() {
        return String::new();
    }
    let show = |n: Option<i64>| n.map_or_else(|| "—".to_string(), |n| format_vnd(n, lang));
    format!("{} / {}", show(a), show(b))
}

fn sides(row: &queries::FigureRow, lang: Lang) -> String {
    let (Some(ours), Some(theirs)) = (row.vietnamese_side, row.partner_side) else {
        return String::new();
    };
    let number = http_common::chart::vi_number;
    let mut text = format!("{} / {}", number(ours), number(theirs));
    if row.side_unknown > 0 {
        text.push_str(&format!(
            " ({}: {})",
            report_words(lang).sides_unknown.to_lowercase(),
            number(row.side_unknown)
        ));
    }
    text
}

#[derive(Template)]
#[template(path = "figures.html")]
struct FiguresPage {
    t: &'static Texts,
    w: &'static Words,
    f: &'static FollowUpWords,
    r: &'static ReportWords,
    nav: Nav,
    /// Where another of the person's organisations is shown: this page, with what it
    /// shows kept, up to the organisation's id.
    choice_link: String,
    organisation: String,
    choices: Vec<Choice>,
    /// Drawn by the JSON API's chart, whose template escapes every text in it.
    chart: String,
    rows: Vec<YearRow>,
    /// The period's first and last day, as the date inputs show them.
    from: String,
    to: String,
    /// The period asked for could not be read: why, and the default shown instead.
    error: Option<String>,
    /// The same figures as a CSV file for Excel, and the chart alone, for the period.
    csv: String,
    svg: String,
}

/// The period of the figures page: `from` and `to` as the date inputs send them (or a
/// year, or `dd/mm/yyyy`, as the API reads them), by default the ten years up to this
/// one. A period that cannot be read gives the default and says why.
fn figures_period(
    query: &HashMap<String, String>,
    today: chrono::NaiveDate,
    lang: Lang,
) -> (chrono::NaiveDate, chrono::NaiveDate, Option<String>) {
    let default =
        queries::FigureFilter::years((today.year() - YEARS + 1).max(FIRST_YEAR), today.year());
    let f = follow_up_words(lang);
    let mut problems = Vec::new();
    let mut read_end = |name: &str, label: &str, end: End| {
        let text = query
            .get(name)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())?;
        read_day(text, end)
            .map_err(|problem| problems.push(format!("{label}: {}", problem.message(lang))))
            .ok()
            .map(|day| day.date)
    };
    let from = read_end("from", f.period_from, End::First);
    let to = read_end("to", f.period_to, End::Last);
    let to = to.unwrap_or(default.to);
    let from = from.unwrap_or_else(|| {
        queries::FigureFilter::years((to.year() - YEARS + 1).max(FIRST_YEAR), to.year()).from
    });
    if problems.is_empty() && to < from {
        problems.push(format!(
            "{}: {}",
            f.period_to,
            domain::Problem::EndBeforeStart.message(lang)
        ));
    }
    if problems.is_empty() {
        (from, to, None)
    } else {
        (default.from, default.to, Some(problems.join(" ")))
    }
}

/// A period's end in a link to the API: the year alone when the period is whole years.
fn period_query(from: chrono::NaiveDate, to: chrono::NaiveDate) -> String {
    if whole_years(from, to) {
        format!("from={}&to={}", from.year(), to.year())
    } else {
        format!("from={from}&to={to}")
    }
}

pub async fn figures(
    State(state): State<WebState>,
    user: SignedIn,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = user.lang;
    let Some((organisation, choices)) = chosen(&user, &query) else {
        return Ok(refused(&user));
    };
    let (from, to, error) = figures_period(&query, today(&state.clock), lang);
    let filter = queries::FigureFilter {
        from,
        to,
        // One of the person's own organisations, chosen above: no other hosts to keep to.
        organisation_id: Some(organisation.id),
        ..queries::FigureFilter::years(from.year(), to.year())
    };
    let found = queries::figures(&state.pool, &filter, Grouping::Year).await?;
    let f = follow_up_words(lang);
    let bars: Vec<http_common::Bar> = found
        .iter()
        .map(|r| http_common::Bar {
            label: r.label.clone(),
            value: r.delegates,
        })
        .collect();
    let chart = http_common::bar_chart(
        &format!("{}, {}", f.chart_title, period_phrase(from, to, lang)),
        &bars,
    );
    let rows = found
        .into_iter()
        .map(|r| YearRow {
            review: r
                .label
                .parse::<i32>()
                .ok()
                .map(|year| format!("/organisations/{}/annual-review/{year}", organisation.id)),
            year: r.label.clone(),
            programmes: http_common::chart::vi_number(r.programmes),
            delegations: http_common::chart::vi_number(r.delegations),
            delegates: http_common::chart::vi_number(r.delegates),
            sides: sides(&r, lang),
            spending: pair(r.spent_vnd, r.budget_vnd, lang),
            gifts: pair(r.gifts_given_vnd, r.gifts_received_vnd, lang),
        })
        .collect();
    Ok(page(
        StatusCode::OK,
        &FiguresPage {
            t: texts(lang),
            w: words(lang),
            f,
            r: report_words(lang),
            nav: user.nav(),
            choice_link: format!("/figures?{}&organisation=", period_query(from, to)),
            organisation: organisation.name.clone(),
            choices,
            chart,
            rows,
            from: from.to_string(),
            to: to.to_string(),
            error,
            csv: format!(
                "/api/figures.csv?organisation={}&{}",
                organisation.id,
                period_query(from, to)
            ),
            svg: format!(
                "/api/figures.svg?organisation={}&{}",
                organisation.id,
                period_query(from, to)
            ),
        },
    ))
}
