//! A panic while serving one request answers that request with 500 and a JSON error, and
//! is logged with the request's correlation id; the process goes on serving the others.

use std::any::Any;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_http::catch_panic::CatchPanicLayer;
use tracing::error;

use crate::error::ApiError;

type PanicResponse = fn(Box<dyn Any + Send + 'static>) -> Response;

/// The layer every router of the service is wrapped in, inside the correlation layer so
/// that the log line carries the request's correlation id.
pub fn catch_panics() -> CatchPanicLayer<PanicResponse> {
    CatchPanicLayer::custom(answer_panic as PanicResponse)
}

fn answer_panic(panic: Box<dyn Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    error!(
        panic = detail,
        "a request failed unexpectedly; the service goes on"
    );
    // The panic hides which language the request asked for: both, Vietnamese first.
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal_error",
        "Có lỗi ngoài dự kiến khi xử lý yêu cầu này; lỗi đã được ghi lại. Vui lòng thử lại \
         hoặc báo quản trị viên. / An unexpected error occurred and was logged; please try \
         again or tell an administrator."
            .into(),
    )
    .into_response()
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::Body;
    use axum::http::Request;
    use axum::routing::get;
    use tower::ServiceExt;

    use super::*;

    fn request(path: &str) -> Request<Body> {
        Request::builder().uri(path).body(Body::empty()).unwrap()
    }

    async fn boom() -> &'static str {
        panic!("bad item")
    }

    #[tokio::test]
    async fn a_panicking_handler_gets_a_json_500_and_the_next_request_is_served() {
        let app: Router = Router::new()
            .route("/boom", get(boom))
            .route("/fine", get(|| async { "ok" }))
            .layer(catch_panics());
        let answer = app.clone().oneshot(request("/boom")).await.unwrap();
        assert_eq!(answer.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(answer.into_body(), 10_000)
            .await
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(json["code"], "internal_error");
        assert!(
            json["message"]
                .as_str()
                .unwrap()
                .contains("lỗi ngoài dự kiến")
        );
        let next = app.oneshot(request("/fine")).await.unwrap();
        assert_eq!(next.status(), StatusCode::OK);
    }
}
