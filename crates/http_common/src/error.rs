use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::i18n::capitalised;
use domain::{DomainError, Entity, FieldError, Lang};
use eventstore::{ExecuteError, StoreError};
use projector::ProjectorError;

use crate::request_meta::request_lang;
use serde::Serialize;
use tracing::error;

/// An error as the client sees it: a stable `code`, a `message` for people in their
/// language, and per-field messages when input was invalid.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub fields: Vec<FieldMessage>,
}

#[derive(Debug, Serialize)]
pub struct FieldMessage {
    pub field: String,
    pub code: String,
    pub message: String,
}

#[derive(Serialize)]
struct Body<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "<[FieldMessage]>::is_empty")]
    fields: &'a [FieldMessage],
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            code: self.code,
            message: &self.message,
            fields: &self.fields,
        };
        (self.status, Json(body)).into_response()
    }
}

/// The Vietnamese or English wording, by the language the client asked for.
pub fn pick(lang: Lang, vi: impl Into<String>, en: impl Into<String>) -> String {
    match lang {
        Lang::Vi => vi.into(),
        Lang::En => en.into(),
    }
}

/// Errors convert with `?`, worded in the language of the request being served
/// ([`request_lang`]): a business refusal as its 4xx, an infrastructure failure as 503.
impl From<ExecuteError> for ApiError {
    fn from(error: ExecuteError) -> Self {
        Self::from_execute(request_lang(), error)
    }
}

impl From<DomainError> for ApiError {
    fn from(error: DomainError) -> Self {
        Self::from_execute(request_lang(), ExecuteError::Rejected(error))
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        Self::unavailable(request_lang(), error)
    }
}

impl From<ProjectorError> for ApiError {
    fn from(error: ProjectorError) -> Self {
        Self::unavailable(request_lang(), error)
    }
}

impl From<vault::VaultError> for ApiError {
    fn from(error: vault::VaultError) -> Self {
        Self::unavailable(request_lang(), error)
    }
}

impl From<logistics::LogisticsError> for ApiError {
    fn from(error: logistics::LogisticsError) -> Self {
        Self::unavailable(request_lang(), error)
    }
}

/// A template that cannot be rendered is a fault of this build, not of the request.
impl From<askama::Error> for ApiError {
    fn from(error: askama::Error) -> Self {
        Self::unavailable(request_lang(), error)
    }
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: String) -> Self {
        Self {
            status,
            code,
            message,
            fields: Vec::new(),
        }
    }

    pub fn not_found(lang: Lang, entity: Entity) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            DomainError::NotFound(entity).message(lang),
        )
    }

    pub fn no_route(lang: Lang) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "no_such_endpoint",
            pick(
                lang,
                "Không có địa chỉ này trong API.",
                "There is no such endpoint.",
            ),
        )
    }

    /// 401: no live session or API token came with the request.
    pub fn sign_in_required(lang: Lang) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "sign_in_required",
            pick(
                lang,
                "Cần đăng nhập: mở /sign-in trong trình duyệt, hoặc gửi mã API (Authorization: Bearer …).",
                "Sign in first: open /sign-in in a browser, or send an API token (Authorization: Bearer …).",
            ),
        )
    }

    /// 403: the person's roles in their organisations do not allow this.
    pub fn forbidden(lang: Lang) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            pick(
                lang,
                "Vai trò của đồng chí ở đơn vị mình không cho phép thao tác này với mục này.",
                "Your roles in your organisations do not allow this action on this item.",
            ),
        )
    }

    pub fn unavailable(lang: Lang, detail: impl std::fmt::Display) -> Self {
        error!(%detail, "infrastructure failure");
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "service_unavailable",
            pick(
                lang,
                "Hệ thống tạm thời không phản hồi; thay đổi chưa được lưu. Vui lòng thử lại sau ít phút.",
                "The service is temporarily unavailable; nothing was saved. Please try again in a few minutes.",
            ),
        )
    }

    pub fn invalid_fields(lang: Lang, errors: &[FieldError]) -> Self {
        let fields = errors
            .iter()
            .map(|e| FieldMessage {
                field: e.field.clone(),
                code: serde_json::to_value(&e.problem)
                    .ok()
                    .and_then(|v| v.get("code").and_then(|c| c.as_str()).map(String::from))
                    .unwrap_or_default(),
                message: e.problem.message(lang),
            })
            .collect();
        Self {
            fields,
            ..Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                DomainError::Invalid(Vec::new()).message(lang),
            )
        }
    }

    pub fn from_execute(lang: Lang, error: ExecuteError) -> Self {
        match error {
            ExecuteError::Rejected(DomainError::Invalid(errors)) => {
                Self::invalid_fields(lang, &errors)
            }
            ExecuteError::Rejected(e @ DomainError::NotFound(_)) => {
                Self::new(StatusCode::NOT_FOUND, e.code(), e.message(lang))
            }
            ExecuteError::Rejected(e) => Self::new(StatusCode::CONFLICT, e.code(), e.message(lang)),
            ExecuteError::VersionConflict {
                entity,
                expected,
                actual,
            } => Self::new(
                StatusCode::CONFLICT,
                "version_conflict",
                match lang {
                    Lang::Vi => format!(
                        "{} đã được người khác thay đổi: bạn sửa phiên bản {expected}, hiện đã là phiên bản {actual}. Hãy tải lại và sửa lại.",
                        capitalised(entity.label(lang))
                    ),
                    Lang::En => format!(
                        "Someone else changed this {}: you edited version {expected}, it is now at version {actual}. Reload it and make your change again.",
                        entity.label(lang)
                    ),
                },
            ),
            ExecuteError::Contention => Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "too_busy",
                pick(
                    lang,
                    "Có quá nhiều thay đổi cùng lúc; thay đổi của bạn chưa được lưu. Vui lòng thử lại.",
                    "Too many changes at once; yours was not saved. Please try again.",
                ),
            ),
            ExecuteError::Store(e) => Self::unavailable(lang, e),
        }
    }
}
