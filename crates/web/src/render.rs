use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use tracing::error;

/// A page with its status. A template that fails to render (which the compiled templates
/// cannot do with the plain values they get) still answers with a plain page, never a
/// dump.
pub fn page(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            error!(error = %e, "a page could not be rendered");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Html("<!DOCTYPE html><title>Cầu Nối</title><p>Đã có lỗi khi hiển thị trang. Xin thử lại.</p>"),
            )
                .into_response()
        }
    }
}

/// The icon browsers show beside the page's title: a bridge, in the product's colour.
pub async fn icon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_str!("../static/favicon.svg"),
    )
        .into_response()
}

/// The one stylesheet, compiled in.
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_str!("../static/app.css"),
    )
        .into_response()
}
