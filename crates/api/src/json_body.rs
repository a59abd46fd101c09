use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use domain::Lang;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, FieldMessage, pick};
use crate::request_meta::lang_of;

/// A JSON body whose every failure is a clear error: wrong content type (415), too large
/// (413), not JSON (400), or JSON of the wrong shape (422, naming the field).
pub struct JsonBody<T>(pub T);

/// The body of a command that takes no fields: nothing, or `{}`. Anything else is refused
/// as any other body is (400 when it is not JSON, 422 naming a field that does not exist).
#[derive(serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoFields {}

/// The name between the first pair of backticks in a serde message, e.g. `title`.
fn quoted_name(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(&message[start..end])
}

fn shape_error(lang: Lang, path: String, error: &serde_json::Error) -> ApiError {
    let text = error.to_string();
    let inner = text.split(" at line ").next().unwrap_or(&text).to_string();
    let join = |name: &str| {
        if path == "." || path.is_empty() {
            name.to_string()
        } else {
            format!("{path}.{name}")
        }
    };
    let (field, code, message) = if inner.starts_with("missing field") {
        let name = quoted_name(&inner).unwrap_or("?");
        (
            join(name),
            "required",
            pick(lang, "Trường này là bắt buộc.", "This field is required."),
        )
    } else if inner.starts_with("unknown field") {
        // Here the path already ends with the unknown name, except next to a flattened
        // struct, where serde gives no path and only the message names it.
        let field = if path == "." || path.is_empty() {
            quoted_name(&inner).unwrap_or("?").to_string()
        } else {
            path
        };
        (
            field,
            "unknown_field",
            pick(
                lang,
                "Trường này không tồn tại; hãy kiểm tra lại tên trường.",
                "There is no such field; check its name.",
            ),
        )
    } else {
        (
            path,
            "wrong_type",
            pick(
                lang,
                format!("Giá trị không đúng kiểu: {inner}."),
                format!("The value has the wrong type: {inner}."),
            ),
        )
    };
    ApiError {
        fields: vec![FieldMessage {
            field,
            code: code.into(),
            message,
        }],
        ..ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_json_shape",
            pick(
                lang,
                "Dữ liệu JSON không đúng cấu trúc; xem lỗi ở từng trường.",
                "The JSON does not have the expected shape; see the message for each field.",
            ),
        )
    }
}

/// An empty body counts as `{}` so that commands without fields need no body at all.
pub fn parse<T: DeserializeOwned>(lang: Lang, bytes: &[u8]) -> Result<T, ApiError> {
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        bytes
    };
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => shape_error(lang, path, &inner),
            _ => malformed(lang, &inner),
        }
    })?;
    deserializer.end().map_err(|e| malformed(lang, &e))?;
    Ok(value)
}

fn malformed(lang: Lang, error: &serde_json::Error) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "malformed_json",
        pick(
            lang,
            format!("Nội dung gửi lên không phải JSON hợp lệ: {error}."),
            format!("The request body is not valid JSON: {error}."),
        ),
    )
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let lang = lang_of(request.headers());
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let is_json = content_type
            .split(';')
            .next()
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"));
        // Only JSON, so that no HTML form on another site can send a command: a form's body
        // always comes with a form content type, and a body without any type is refused
        // too. A command without fields may come with no body and no type at all.
        let declared_other = !content_type.is_empty() && !is_json;
        let unsupported = || {
            ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                pick(
                    lang,
                    "Hãy gửi dữ liệu dạng JSON (Content-Type: application/json).",
                    "Send JSON (Content-Type: application/json).",
                ),
            )
        };
        if declared_other {
            return Err(unsupported());
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::new(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "payload_too_large",
                        pick(
                            lang,
                            "Nội dung gửi lên quá lớn (tối đa 1 MiB).",
                            "The request body is too large (at most 1 MiB).",
                        ),
                    )
                } else {
                    ApiError::new(
                        StatusCode::BAD_REQUEST,
                        "unreadable_body",
                        pick(
                            lang,
                            "Không đọc được nội dung gửi lên.",
                            "The request body could not be read.",
                        ),
                    )
                }
            })?;
        if content_type.is_empty() && !bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(unsupported());
        }
        parse(lang, &bytes).map(JsonBody)
    }
}
