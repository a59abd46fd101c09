//! An organisation's annual review (tổng kết), as JSON and as a page to read and print.

use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use domain::agreement::AgreementStatus;
use domain::followup::{ActionStatus, ReportStatus};
use domain::programme::{ProgrammeKind, Status};
use domain::values::{FIRST_YEAR, LAST_YEAR};
use domain::{Entity, FieldError, Lang, Problem};
use projector::followup_queries::{self as queries, AnnualReview, FigureRow};

use super::command::parse_id;
use crate::error::ApiError;
use crate::request_meta::RequestMeta;
use crate::state::AppState;
use domain::i18n::capitalised;
use domain::labels::{format_date, format_dates, format_vnd};
use http_common::chart::{Bar, bar_chart, vi_number};

pub(super) async fn gather(
    state: &AppState,
    meta: &RequestMeta,
    id: &str,
    year: &str,
) -> Result<AnnualReview, ApiError> {
    let id = parse_id(meta.lang, Entity::Organisation, id)?;
    let year = year
        .parse::<i32>()
        .ok()
        .filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y))
        .ok_or_else(|| {
            let range = Problem::OutOfRange {
                min: FIRST_YEAR.into(),
                max: LAST_YEAR.into(),
            };
            ApiError::invalid_fields(meta.lang, &[FieldError::new("year", range)])
        })?;
    queries::annual_review(&state.pool, id, year)
        .await?
        .ok_or_else(|| ApiError::not_found(meta.lang, Entity::Organisation))
}

pub async fn json(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, year)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    Ok(Json(gather(&state, &meta, &id, &year).await?).into_response())
}

struct Figures {
    label: String,
    programmes: String,
    delegations: String,
    delegates: String,
}

impl Figures {
    fn of(row: &FigureRow, label: String) -> Self {
        Figures {
            label,
            programmes: vi_number(row.programmes),
            delegations: vi_number(row.delegations),
            delegates: vi_number(row.delegates),
        }
    }
}

/// A line of the year's sides and money, in Vietnamese, as the page prints it.
struct Extra {
    value: String,
    label: &'static str,
}

/// The year's attendance by side and its money, for the lines that the reports give:
/// a sum no report gave is left out, never printed as 0.
fn extras(row: &FigureRow) -> Vec<Extra> {
    let mut lines = Vec::new();
    if let (Some(ours), Some(theirs)) = (row.vietnamese_side, row.partner_side) {
        lines.push(Extra {
            value: format!("{} / {}", vi_number(ours), vi_number(theirs)),
            label: "lượt đại biểu phía Việt Nam / phía đối tác",
        });
        if row.side_unknown > 0 {
            lines.push(Extra {
                value: vi_number(row.side_unknown),
                label: "lượt đại biểu chưa rõ thuộc phía nào (báo cáo không ghi)",
            });
        }
    }
    for (amount, label) in [
        (row.spent_vnd, "kinh phí thực chi (quy đổi ra đồng)"),
        (
            row.budget_vnd,
            "dự toán kinh phí của các chương trình có báo cáo",
        ),
        (
            row.gifts_given_vnd,
            "giá trị quà tặng, ủng hộ trao cho đối tác",
        ),
        (row.gifts_received_vnd, "giá trị quà tặng nhận từ đối tác"),
    ] {
        if let Some(amount) = amount {
            lines.push(Extra {
                value: format_vnd(amount, Lang::Vi),
                label,
            });
        }
    }
    lines
}

struct Breakdown {
    heading: &'static str,
    rows: Vec<Figures>,
}

struct ProgrammeLine {
    title: String,
    kind: String,
    dates: String,
    partners: String,
    expected: String,
    actual: String,
    status: String,
    report: String,
}

struct AgreementLine {
    title: String,
    status: String,
    period: String,
    next_review: String,
}

struct ReviewLine {
    agreement: String,
    held_on: String,
    findings: String,
}

struct ActionLine {
    title: String,
    programme: String,
    owner: String,
    due_on: String,
    status: String,
    overdue: bool,
}

#[derive(Template)]
#[template(path = "annual_review.html")]
struct Page {
    organisation: String,
    /// The same review as an editable báo cáo tổng kết (docs/documents.md).
    document: String,
    place: String,
    year: i32,
    made_on: String,
    totals: Figures,
    extras: Vec<Extra>,
    /// Delegates month by month, drawn inline (the chart escapes every text in it).
    chart: String,
    programmes: Vec<ProgrammeLine>,
    breakdowns: Vec<Breakdown>,
    agreements: Vec<AgreementLine>,
    reviews: Vec<ReviewLine>,
    actions: Vec<ActionLine>,
}

/// The year's chart: delegate-visits month by month, so that a standing committee sees
/// when in the year the exchanges happened and how large they were; the tables below
/// break the same figures down by partner, agreement and kind.
fn month_chart(review: &AnnualReview) -> String {
    let bars: Vec<Bar> = review
        .by_month
        .iter()
        .map(|row| Bar {
            // "2023-06" → "T6" (tháng 6), short enough for twelve bars side by side.
            label: row
                .key
                .rsplit('-')
                .next()
                .and_then(|month| month.parse::<u32>().ok())
                .map_or_else(|| row.label.clone(), |month| format!("T{month}")),
            value: row.delegates,
        })
        .collect();
    bar_chart(
        &format!("Số lượt đại biểu theo tháng, năm {}", review.year),
        &bars,
    )
}

fn page(review: AnnualReview, today: chrono::NaiveDate) -> Page {
    let vi = Lang::Vi;
    let agreement_title = |id: uuid::Uuid| {
        review
            .agreements
            .iter()
            .find(|a| a.id == id)
            .map_or_else(String::new, |a| a.title.clone())
    };
    Page {
        organisation: review.organisation.name.clone(),
        document: format!(
            "/api/organisations/{}/annual-review/{}/document",
            review.organisation.id, review.year
        ),
        place: review.organisation.province.clone().unwrap_or_default(),
        year: review.year,
        made_on: format_date(today, Lang::Vi),
        totals: Figures::of(&review.totals, String::new()),
        extras: extras(&review.totals),
        chart: month_chart(&review),
        programmes: review
            .programmes
            .iter()
            .map(|p| ProgrammeLine {
                title: p.title.clone(),
                kind: ProgrammeKind::parse(&p.kind)
                    .map_or(p.kind.clone(), |k| capitalised(k.label(vi))),
                dates: format_dates(p.start_date, p.end_date, Lang::Vi),
                partners: p.partners.clone(),
                expected: vi_number(p.expected_delegation_size.into()),
                actual: p
                    .actual_attendance
                    .map_or_else(|| "—".into(), |n| vi_number(n.into())),
                status: Status::parse(&p.status).map_or(p.status.clone(), |s| s.label(vi).into()),
                report: p
                    .report_status
                    .as_deref()
                    .and_then(ReportStatus::parse)
                    .map_or_else(|| "chưa lập".to_string(), |s| s.label(vi).to_string()),
            })
            .collect(),
        breakdowns: vec![
            Breakdown {
                heading: "Theo đối tác",
                rows: review
                    .by_partner
                    .iter()
                    .map(|r| Figures::of(r, r.label.clone()))
                    .collect(),
            },
            Breakdown {
                heading: "Theo thỏa thuận hợp tác",
                rows: review
                    .by_agreement
                    .iter()
                    .map(|r| {
                        let label = if r.key.is_empty() {
                            "Không theo thỏa thuận nào".to_string()
                        } else {
                            r.label.clone()
                        };
                        Figures::of(r, label)
                    })
                    .collect(),
            },
            Breakdown {
                heading: "Theo loại hoạt động",
                rows: review
                    .by_kind
                    .iter()
                    .map(|r| {
                        let label = ProgrammeKind::parse(&r.key)
                            .map_or(r.key.clone(), |k| capitalised(k.label(vi)));
                        Figures::of(r, label)
                    })
                    .collect(),
            },
        ],
        agreements: review
            .agreements
            .iter()
            .map(|a| AgreementLine {
                title: a.title.clone(),
                status: AgreementStatus::parse(&a.status)
                    .map_or(a.status.clone(), |s| s.label(vi).into()),
                period: format_dates(a.starts_on, a.expires_on, Lang::Vi),
                next_review: a
                    .next_review_on
                    .map_or_else(|| "—".into(), |d| format_date(d, Lang::Vi)),
            })
            .collect(),
        reviews: review
            .reviews_held
            .iter()
            .map(|r| ReviewLine {
                agreement: agreement_title(r.agreement_id),
                held_on: r
                    .held_on
                    .map_or_else(String::new, |d| format_date(d, Lang::Vi)),
                findings: r.findings.clone().unwrap_or_default(),
            })
            .collect(),
        actions: review
            .open_action_items
            .iter()
            .map(|a| ActionLine {
                title: a.title.clone(),
                programme: a.programme_title.clone(),
                owner: format!("{} ({})", a.owner_name, a.owner_email),
                due_on: format_date(a.due_on, Lang::Vi),
                status: ActionStatus::parse(&a.status)
                    .map_or(a.status.clone(), |s| s.label(vi).into()),
                overdue: a.due_on < today,
            })
            .collect(),
    }
}

/// The review as a printable page, in Vietnamese.
pub async fn html(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, year)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let review = gather(&state, &meta, &id, &year).await?;
    let rendered = page(review, meta.today()).render()?;
    Ok((
        StatusCode::OK,
        [(header::CACHE_CONTROL, "no-store")],
        Html(rendered),
    )
        .into_response())
}
