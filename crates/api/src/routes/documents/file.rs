//! The answer: the file, named for people (UTF-8, RFC 5987 `filename*`) and for old
//! clients (ASCII `filename`), never kept by caches since some hold personal data.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use documents::{DOCX_CONTENT_TYPE, Kind};
use domain::{FieldError, Problem};

use super::super::params::Params;
use super::pdf;
use crate::error::ApiError;
use crate::request_meta::RequestMeta;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Pdf,
}

impl Format {
    /// `?format=docx` (the default) or `?format=pdf`.
    pub fn of(params: &mut Params) -> Format {
        match params.text("format").as_deref() {
            None | Some("docx") => Format::Docx,
            Some("pdf") => Format::Pdf,
            Some(_) => {
                params
                    .errors
                    .push(FieldError::new("format", Problem::Unknown));
                Format::Docx
            }
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// Percent-encodes all but RFC 5987's `attr-char`s.
fn rfc5987(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
            b'!' | b'#' | b'$' | b'&' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `attachment; filename="to-trinh.docx"; filename*=UTF-8''T%E1%BB%9D%20tr%C3%ACnh%20-%20….docx`.
/// The name is cut to 80 characters so the header stays short; the characters a file
/// system refuses become spaces.
pub fn disposition(kind: Kind, about: &str, format: Format) -> String {
    let about: String = about
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .take(80)
        .collect();
    let extension = format.extension();
    let full = format!("{} - {}.{extension}", kind.title(), about.trim());
    format!(
        "attachment; filename=\"{}.{extension}\"; filename*=UTF-8''{}",
        kind.ascii_name(),
        rfc5987(&full)
    )
}

/// The document as asked: the DOCX, or the PDF LibreOffice makes of it.
pub async fn answer(
    meta: &RequestMeta,
    kind: Kind,
    about: &str,
    docx: Vec<u8>,
    format: Format,
) -> Result<Response, ApiError> {
    let (content_type, body) = match format {
        Format::Docx => (DOCX_CONTENT_TYPE, docx),
        Format::Pdf => (
            "application/pdf",
            pdf::convert(&docx)
                .await
                .map_err(|e| e.api_error(meta.lang))?,
        ),
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                disposition(kind, about, format),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_is_ascii_and_utf8() {
        let header = disposition(Kind::Proposal, "Giao lưu / Hà Khẩu", Format::Docx);
        assert!(header.starts_with("attachment; filename=\"to-trinh.docx\"; filename*=UTF-8''"));
        assert!(header.is_ascii());
        assert!(header.contains("T%E1%BB%9D%20tr%C3%ACnh%20-%20Giao%20l%C6%B0u%20%20%20H%C3%A0"));
        assert!(header.ends_with(".docx"));
    }
}
