use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

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

/// For a path with no route outside `/api/`: a page, since that is a person following a
/// broken or mistyped address. (Under `/api/` the composition root answers with the API's
/// JSON error instead.)
pub async fn not_found(PageLang(lang): PageLang) -> Response {
    page_for(lang)
}

pub(crate) fn page_for(lang: domain::Lang) -> Response {
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
