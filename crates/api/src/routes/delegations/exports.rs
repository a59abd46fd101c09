use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::command::parse_id;
use domain::privacy::ReadView;

use super::read::{load, load_personal};
use crate::error::ApiError;
use crate::request_meta::RequestMeta;
use crate::state::AppState;

/// A download with a file name people recognise, e.g. `danh-sach-doan-<id>.xlsx`. Files
/// with personal data are never kept by caches on the way.
fn download(content_type: &'static str, name: String, body: impl IntoResponse) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// `GET /api/delegations/{id}/roster.csv`: the border-gate roster.
pub async fn roster_csv(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let roster = load_personal(&state, &meta, id, ReadView::RosterCsv).await?;
    Ok(download(
        "text/csv; charset=utf-8",
        format!("danh-sach-doan-{id}.csv"),
        logistics::roster_csv(&roster),
    ))
}

/// `GET /api/delegations/{id}/roster.xlsx`.
pub async fn roster_xlsx(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let roster = load_personal(&state, &meta, id, ReadView::RosterXlsx).await?;
    let bytes = logistics::roster_xlsx(&roster)?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        format!("danh-sach-doan-{id}.xlsx"),
        bytes,
    ))
}

/// `GET /api/delegations/{id}/itinerary.ics`.
pub async fn itinerary_ics(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let roster = load(&state, meta.lang, id).await?;
    Ok(download(
        "text/calendar; charset=utf-8",
        format!("lich-trinh-{id}.ics"),
        logistics::itinerary_ics(&roster),
    ))
}

/// `GET /api/delegations/{id}/itinerary.html`: a page to print or read on a phone.
pub async fn itinerary_html(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let roster = load(&state, meta.lang, id).await?;
    let page = logistics::itinerary_html(&roster)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        page,
    )
        .into_response())
}
