//! Figures over a period, as JSON, as a CSV file for Excel, and as an SVG bar chart.
//!
//! The period's ends (`from`, `to`) are years, as they always were (1 January and 31
//! December), or days (`2023-06-30` or `30/06/2023`).

use std::collections::HashMap;

use app::access::Action;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use domain::programme::ProgrammeKind;
use domain::values::FIRST_YEAR;
use domain::{FieldError, Lang, Problem};
use projector::followup_queries::{self as queries, FigureFilter, FigureRow, Grouping};
use serde::Serialize;

use super::params::Params;
use crate::error::{ApiError, pick};
use crate::request_meta::RequestMeta;
use crate::state::AppState;
use domain::i18n::capitalised;
use http_common::chart::{Bar, bar_chart};
use http_common::period::{End, period_label, period_phrase, read_day, whole_years};

#[derive(Clone, Copy)]
enum Measure {
    Programmes,
    Delegations,
    Delegates,
}

struct Request {
    filter: FigureFilter,
    grouping: Grouping,
    measure: Measure,
}

/// Ten years up to this one, unless asked otherwise.
const DEFAULT_YEARS: i32 = 10;

/// One end of the period, when given; a day nobody could mean is noted as the field's
/// problem.
fn day(params: &mut Params, name: &str, end: End) -> Option<NaiveDate> {
    let text = params.text(name)?;
    match read_day(&text, end) {
        Ok(day) => Some(day.date),
        Err(problem) => {
            params.errors.push(FieldError::new(name, problem));
            None
        }
    }
}

fn read(query: HashMap<String, String>, meta: &RequestMeta) -> Result<Request, ApiError> {
    let (lang, today) = (meta.lang, meta.today());
    let mut params = Params::new(query);
    let to = day(&mut params, "to", End::Last);
    let from = day(&mut params, "from", End::First);
    let to = to.unwrap_or_else(|| FigureFilter::years(today.year(), today.year()).to);
    let from = from.unwrap_or_else(|| {
        FigureFilter::years((to.year() - DEFAULT_YEARS + 1).max(FIRST_YEAR), to.year()).from
    });
    if params.errors.is_empty() && to < from {
        params
            .errors
            .push(FieldError::new("to", Problem::EndBeforeStart));
    }
    let grouping = params
        .parsed("by", |t| match t {
            "year" => Some(Grouping::Year),
            "partner" => Some(Grouping::Partner),
            "agreement" => Some(Grouping::Agreement),
            "kind" => Some(Grouping::Kind),
            "month" => Some(Grouping::Month),
            "organisation" => Some(Grouping::Organisation),
            _ => None,
        })
        .unwrap_or(Grouping::Year);
    let measure = params
        .parsed("measure", |t| match t {
            "programmes" => Some(Measure::Programmes),
            "delegations" => Some(Measure::Delegations),
            "delegates" => Some(Measure::Delegates),
            _ => None,
        })
        .unwrap_or(Measure::Delegates);
    let filter = FigureFilter {
        from,
        to,
        organisation_id: params.id("organisation"),
        agreement_id: params.id("agreement"),
        partner: params.text("partner"),
        hosts_among: Some(meta.signed_in()?.organisations_for(Action::SeeProgramme)),
    };
    if !params.errors.is_empty() {
        return Err(ApiError::invalid_fields(lang, &params.errors));
    }
    Ok(Request {
        filter,
        grouping,
        measure,
    })
}

/// Rows with labels for people: kinds and "no agreement" in the client's language.
async fn rows(state: &AppState, request: &Request, lang: Lang) -> Result<Vec<FigureRow>, ApiError> {
    let mut rows = queries::figures(&state.pool, &request.filter, request.grouping).await?;
    for row in &mut rows {
        match request.grouping {
            Grouping::Kind => {
                if let Some(kind) = ProgrammeKind::parse(&row.key) {
                    row.label = capitalised(kind.label(lang));
                }
            }
            Grouping::Agreement if row.key.is_empty() => {
                row.label = pick(lang, "Không theo thỏa thuận nào", "Under no agreement");
            }
            _ => {}
        }
    }
    Ok(rows)
}

#[derive(Serialize)]
struct Totals {
    programmes: i64,
    delegations: i64,
    delegates: i64,
    vietnamese_side: Option<i64>,
    partner_side: Option<i64>,
    side_unknown: i64,
    spent_vnd: Option<i64>,
    budget_vnd: Option<i64>,
    gifts_given_vnd: Option<i64>,
    gifts_received_vnd: Option<i64>,
}

async fn totals(state: &AppState, request: &Request) -> Result<Totals, ApiError> {
    let yearly = queries::figures(&state.pool, &request.filter, Grouping::Year).await?;
    let total = FigureRow::sum(&yearly, "", "");
    Ok(Totals {
        programmes: total.programmes,
        delegations: total.delegations,
        delegates: total.delegates,
        vietnamese_side: total.vietnamese_side,
        partner_side: total.partner_side,
        side_unknown: total.side_unknown,
        spent_vnd: total.spent_vnd,
        budget_vnd: total.budget_vnd,
        gifts_given_vnd: total.gifts_given_vnd,
        gifts_received_vnd: total.gifts_received_vnd,
    })
}

fn grouping_name(grouping: Grouping) -> &'static str {
    match grouping {
        Grouping::Year => "year",
        Grouping::Partner => "partner",
        Grouping::Agreement => "agreement",
        Grouping::Kind => "kind",
        Grouping::Month => "month",
        Grouping::Organisation => "organisation",
    }
}

pub async fn json(
    State(state): State<AppState>,
    meta: RequestMeta,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let request = read(query, &meta)?;
    let rows = rows(&state, &request, meta.lang).await?;
    let totals = totals(&state, &request).await?;
    let (from, to) = (request.filter.from, request.filter.to);
    Ok(Json(serde_json::json!({
        // The years the period touches, as when only years could be asked for.
        "from": from.year(),
        "to": to.year(),
        "from_date": from,
        "to_date": to,
        "by": grouping_name(request.grouping),
        "totals": totals,
        "rows": rows,
    }))
    .into_response())
}

fn column_titles(grouping: Grouping, lang: Lang) -> [String; 11] {
    let first = match (grouping, lang) {
        (Grouping::Year, Lang::Vi) => "Năm",
        (Grouping::Year, Lang::En) => "Year",
        (Grouping::Partner, Lang::Vi) => "Đối tác",
        (Grouping::Partner, Lang::En) => "Partner",
        (Grouping::Agreement, Lang::Vi) => "Thỏa thuận hợp tác",
        (Grouping::Agreement, Lang::En) => "Agreement",
        (Grouping::Kind, Lang::Vi) => "Loại hoạt động",
        (Grouping::Kind, Lang::En) => "Kind",
        (Grouping::Month, Lang::Vi) => "Tháng",
        (Grouping::Month, Lang::En) => "Month",
        (Grouping::Organisation, Lang::Vi) => "Đơn vị chủ trì",
        (Grouping::Organisation, Lang::En) => "Host organisation",
    };
    [
        first.to_string(),
        pick(lang, "Số chương trình", "Programmes"),
        pick(lang, "Số đoàn", "Delegations"),
        pick(lang, "Số lượt đại biểu", "Delegate-visits"),
        pick(lang, "Phía Việt Nam", "Vietnamese side"),
        pick(lang, "Phía đối tác", "Partner side"),
        pick(lang, "Chưa rõ phía", "Side not known"),
        pick(lang, "Chi thực tế (VND)", "Spent (VND)"),
        pick(lang, "Dự toán (VND)", "Budget (VND)"),
        pick(lang, "Quà tặng đối tác (VND)", "Gifts given (VND)"),
        pick(lang, "Quà nhận từ đối tác (VND)", "Gifts received (VND)"),
    ]
}

/// A row's cells after its label; a sum nobody gave is an empty cell, not 0.
fn cells(row: &FigureRow) -> Vec<String> {
    let known = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    vec![
        row.programmes.to_string(),
        row.delegations.to_string(),
        row.delegates.to_string(),
        known(row.vietnamese_side),
        known(row.partner_side),
        row.side_unknown.to_string(),
        known(row.spent_vnd),
        known(row.budget_vnd),
        known(row.gifts_given_vnd),
        known(row.gifts_received_vnd),
    ]
}

/// Whether the rows say the period by themselves: whole calendar years, by year.
fn rows_state_the_period(request: &Request) -> bool {
    request.grouping == Grouping::Year && whole_years(request.filter.from, request.filter.to)
}

/// The figures as CSV, UTF-8 with a byte order mark so that Excel shows Vietnamese
/// letters right, with a total line at the end (by year and by month only: other
/// groupings can count a programme twice). Unless the rows are whole years, the period
/// is said on the total line, or, without one, in the first heading ("Đối tác (Từ
/// 01/01/2017 đến 30/06/2023)").
pub async fn csv(
    State(state): State<AppState>,
    meta: RequestMeta,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let lang = meta.lang;
    let request = read(query, &meta)?;
    let rows = rows(&state, &request, lang).await?;
    let period = (!rows_state_the_period(&request))
        .then(|| period_label(request.filter.from, request.filter.to, lang));
    let total_line = matches!(request.grouping, Grouping::Year | Grouping::Month);
    let mut titles = column_titles(request.grouping, lang);
    if let (Some(period), false) = (&period, total_line) {
        titles[0] = format!("{} ({period})", titles[0]);
    }
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let written: Result<(), csv::Error> = (|| {
        writer.write_record(titles)?;
        for row in &rows {
            let mut record = vec![logistics::safe_cell(&row.label).into_owned()];
            record.extend(cells(row));
            writer.write_record(record)?;
        }
        if total_line {
            let total = pick(lang, "Tổng cộng", "Total");
            let mut record = vec![match &period {
                Some(period) => format!("{total} ({period})"),
                None => total,
            }];
            record.extend(cells(&FigureRow::sum(&rows, "", "")));
            writer.write_record(record)?;
        }
        Ok(())
    })();
    written.map_err(|e| ApiError::unavailable(lang, e))?;
    let bytes = writer
        .into_inner()
        .map_err(|e| ApiError::unavailable(lang, e.error().to_string()))?;
    let file = format!(
        "attachment; filename=\"so-lieu-{}-{}.csv\"",
        grouping_name(request.grouping),
        period_in_file_name(request.filter.from, request.filter.to)
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, file),
        ],
        bytes,
    )
        .into_response())
}

/// `2017-2023` for whole years, `2017-01-01-2023-06-30` otherwise.
fn period_in_file_name(from: NaiveDate, to: NaiveDate) -> String {
    if whole_years(from, to) {
        format!("{}-{}", from.year(), to.year())
    } else {
        format!("{from}-{to}")
    }
}

fn chart_title(request: &Request, lang: Lang) -> String {
    let measure = match (request.measure, lang) {
        (Measure::Programmes, Lang::Vi) => "Số chương trình",
        (Measure::Programmes, Lang::En) => "Programmes",
        (Measure::Delegations, Lang::Vi) => "Số đoàn",
        (Measure::Delegations, Lang::En) => "Delegations",
        (Measure::Delegates, Lang::Vi) => "Số lượt đại biểu",
        (Measure::Delegates, Lang::En) => "Delegate-visits",
    };
    let by = column_titles(request.grouping, lang)[0].to_lowercase();
    let period = period_phrase(request.filter.from, request.filter.to, lang);
    match lang {
        Lang::Vi => format!("{measure} theo {by}, {period}"),
        Lang::En => format!("{measure} by {by}, {period}"),
    }
}

pub async fn svg(
    State(state): State<AppState>,
    meta: RequestMeta,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let request = read(query, &meta)?;
    let rows = rows(&state, &request, meta.lang).await?;
    let bars: Vec<Bar> = rows
        .iter()
        .map(|row| Bar {
            label: row.label.clone(),
            value: match request.measure {
                Measure::Programmes => row.programmes,
                Measure::Delegations => row.delegations,
                Measure::Delegates => row.delegates,
            },
        })
        .collect();
    let svg = bar_chart(&chart_title(&request, meta.lang), &bars);
    Ok((
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
        svg,
    )
        .into_response())
}
