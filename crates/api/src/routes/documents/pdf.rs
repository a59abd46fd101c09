//! PDF through LibreOffice headless: the DOCX is written into a folder of its own with a
//! LibreOffice profile of its own (two conversions at once would otherwise wait on one
//! profile's lock), converted with a time limit, and the folder removed.

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::LazyLock;
use std::time::Duration;

use axum::http::StatusCode;
use domain::Lang;
use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;
use tokio::process::Command;
use tokio::sync::Semaphore;

use crate::error::{ApiError, pick};

/// A conversion takes a few seconds and a few hundred megabytes: two at a time at most.
static SLOTS: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(2));
const TIME_LIMIT: Duration = Duration::from_secs(60);
const PROGRAM: &str = "soffice";

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("soffice is not on PATH")]
    Missing,
    #[error("the conversion failed: {0}")]
    Failed(String),
}

impl PdfError {
    pub fn api_error(&self, lang: Lang) -> ApiError {
        tracing::warn!(error = %self, "PDF conversion");
        match self {
            PdfError::Missing => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "pdf_converter_missing",
                pick(
                    lang,
                    "Máy chủ chưa cài LibreOffice nên chưa tạo được PDF; hãy tải bản DOCX.",
                    "LibreOffice is not installed on the server, so no PDF can be made; download the DOCX.",
                ),
            ),
            PdfError::Failed(_) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "pdf_conversion_failed",
                pick(
                    lang,
                    "Chưa chuyển được văn bản sang PDF; hãy thử lại hoặc tải bản DOCX.",
                    "The document could not be converted to PDF; try again or download the DOCX.",
                ),
            ),
        }
    }
}

/// The program's path, when it is on PATH (or is a path to a file).
fn find(program: &str) -> Option<PathBuf> {
    if program.contains('/') {
        return Some(PathBuf::from(program)).filter(|path| path.is_file());
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|path| path.is_file())
    })
}

pub async fn convert(docx: &[u8]) -> Result<Vec<u8>, PdfError> {
    convert_with(PROGRAM, docx, TIME_LIMIT).await
}

async fn convert_with(
    program: &str,
    docx: &[u8],
    time_limit: Duration,
) -> Result<Vec<u8>, PdfError> {
    let program = find(program).ok_or(PdfError::Missing)?;
    let _slot = SLOTS
        .acquire()
        .await
        .map_err(|e| PdfError::Failed(e.to_string()))?;
    let folder = tempfile::tempdir().map_err(|e| PdfError::Failed(e.to_string()))?;
    let input = folder.path().join("document.docx");
    tokio::fs::write(&input, docx)
        .await
        .map_err(|e| PdfError::Failed(e.to_string()))?;
    // A process group of its own: `soffice` starts `soffice.bin` beneath it, and a
    // conversion that runs out of time is stopped whole.
    let child = Command::new(program)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            folder.path().join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(folder.path())
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| PdfError::Failed(e.to_string()))?;
    let group = child
        .id()
        .and_then(|id| i32::try_from(id).ok())
        .map(Pid::from_raw);
    let output = match tokio::time::timeout(time_limit, child.wait_with_output()).await {
        Ok(output) => output.map_err(|e| PdfError::Failed(e.to_string()))?,
        Err(_) => {
            if let Some(group) = group {
                // Already gone is fine: there is nothing left to stop.
                let _ = killpg(group, Signal::SIGKILL);
            }
            return Err(PdfError::Failed("time limit".into()));
        }
    };
    if !output.status.success() {
        return Err(PdfError::Failed(
            String::from_utf8_lossy(&output.stderr).into_owned(),
        ));
    }
    let pdf = tokio::fs::read(folder.path().join("document.pdf"))
        .await
        .map_err(|e| PdfError::Failed(e.to_string()))?;
    if !pdf.starts_with(b"%PDF") {
        return Err(PdfError::Failed("not a PDF".into()));
    }
    Ok(pdf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_missing_converter_is_said_so() {
        let refused = convert_with("no-such-office-suite", b"PK", TIME_LIMIT).await;
        assert!(matches!(refused, Err(PdfError::Missing)));
        let error = PdfError::Missing.api_error(Lang::En);
        assert_eq!(error.code, "pdf_converter_missing");
    }

    #[tokio::test]
    async fn a_conversion_out_of_time_is_stopped_with_what_it_started() {
        let folder = tempfile::tempdir().unwrap();
        let (script, child) = (folder.path().join("office"), folder.path().join("child"));
        // Stands for soffice starting soffice.bin: a child that would outlive it.
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nsleep 60 &\necho $! > {}\nwait\n",
                child.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .unwrap();
        let started = std::time::Instant::now();
        let refused =
            convert_with(script.to_str().unwrap(), b"PK", Duration::from_millis(500)).await;
        assert!(matches!(refused, Err(PdfError::Failed(_))), "{refused:?}");
        assert!(started.elapsed() < Duration::from_secs(10));
        let pid = std::fs::read_to_string(&child).unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
        let status = std::fs::read_to_string(format!("/proc/{}/status", pid.trim()));
        // Gone, or a zombie waiting for its parent (already stopped) to be reaped.
        assert!(
            status.map_or(true, |s| s.contains("State:\tZ")),
            "the child of the converter was stopped too"
        );
    }
}
