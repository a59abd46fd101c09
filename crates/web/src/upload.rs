//! Reading a form that uploads one file (`enctype="multipart/form-data"` with the fields
//! `csrf` and `file`), shared by every page that takes a file.

use axum::body::Bytes;
use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use axum::http::StatusCode;

/// What the upload form sent. `file` is `None` when no file was chosen.
pub struct Upload {
    pub csrf: String,
    /// The name the browser gave the file, and its bytes.
    pub file: Option<(String, Bytes)>,
}

/// Why an upload is refused before its file is looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadRefused {
    /// Larger than the route's body limit.
    TooLarge,
    /// Not a multipart form, or broken off.
    NoFile,
}

/// Reads the form's fields. An empty file field counts as no file.
pub async fn read_upload(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Upload, UploadRefused> {
    let mut multipart = multipart.map_err(|_| UploadRefused::NoFile)?;
    let mut upload = Upload {
        csrf: String::new(),
        file: None,
    };
    let refused = |status: StatusCode| {
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            UploadRefused::TooLarge
        } else {
            UploadRefused::NoFile
        }
    };
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|error| refused(error.status()))?
    {
        match field.name() {
            Some("csrf") => upload.csrf = field.text().await.unwrap_or_default(),
            Some("file") => {
                let name = field.file_name().unwrap_or_default().to_string();
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|error| refused(error.status()))?;
                if !bytes.is_empty() {
                    upload.file = Some((name, bytes));
                }
            }
            _ => {}
        }
    }
    Ok(upload)
}
