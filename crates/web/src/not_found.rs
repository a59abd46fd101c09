use askama::Template;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::lang::PageLang;
use crate::render::page;
use crate::texts::{Texts, texts};

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    t: &'static Texts,
    heading: &'static str,
    body: &'static str,
}

/// For a path with no route: the API's JSON error under `/api/`, a page anywhere else,
/// since that is a person following a broken or mistyped address.
pub async fn not_found(PageLang(lang): PageLang, request: Request) -> Response {
    if request.uri().path().starts_with("/api/") {
        return api::no_route(request.headers().clone())
            .await
            .into_response();
    }
    let t = texts(lang);
    let (heading, body) = match lang {
        domain::Lang::Vi => (
            "Không tìm thấy trang",
            "Địa chỉ này không có trong Cầu Nối. Nếu đồng chí mở từ một email, xin mở lại đúng đường liên kết trong email đó.",
        ),
        domain::Lang::En => (
            "Page not found",
            "There is no such page in Cầu Nối. If you came from an email, open the link from that email again.",
        ),
    };
    let mut response = page(StatusCode::NOT_FOUND, &MessagePage { t, heading, body });
    crate::headers::secure(response.headers_mut());
    response
}
