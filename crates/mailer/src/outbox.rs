//! The outbox: one file per message, `<YYYYMMDDTHHMMSS>-<id>.eml` (UTC),
//! holding the message exactly as it would go over SMTP.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{MailError, ParsedMail};

/// A folder of sent messages. Clones share one lock, so the same id sent
/// twice at once from this process is stored once; two processes sharing
/// the folder could still both store it.
#[derive(Debug, Clone)]
pub struct Outbox {
    dir: PathBuf,
    writing: Arc<Mutex<()>>,
}

/// One stored message, as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub id: Uuid,
    pub file_name: String,
    pub sent_at: DateTime<Utc>,
    /// `Name <address>`, comma-separated.
    pub to: String,
    pub subject: String,
}

impl Outbox {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            writing: Arc::default(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Stores `message` unless a message with this id is already stored.
    /// It is written to a temporary file first and renamed, so readers
    /// never see half a message.
    pub(crate) fn store(
        &self,
        id: Uuid,
        sent_at: DateTime<Utc>,
        message: &[u8],
    ) -> Result<(), MailError> {
        let _writing = self.writing.lock().unwrap_or_else(PoisonError::into_inner);
        fs::create_dir_all(&self.dir).map_err(|e| failed(&self.dir, e))?;
        if self.path_of(id)?.is_some() {
            return Ok(());
        }
        let mut file = tempfile::Builder::new()
            .prefix(".writing-")
            .tempfile_in(&self.dir)
            .map_err(|e| failed(&self.dir, e))?;
        file.write_all(message)
            .and_then(|()| file.as_file().sync_all())
            .map_err(|e| failed(file.path(), e))?;
        let path = self.dir.join(file_name(id, sent_at));
        file.persist_noclobber(&path)
            .map_err(|e| failed(&path, e.error))?;
        Ok(())
    }

    /// Every stored message, newest first.
    pub fn list(&self) -> Result<Vec<OutboxEntry>, MailError> {
        let mut entries = self
            .stored()?
            .into_iter()
            .map(|(file_name, id)| {
                let mail = self.parse(&self.dir.join(&file_name))?;
                Ok(OutboxEntry {
                    id,
                    file_name,
                    sent_at: mail.date,
                    to: mail.to,
                    subject: mail.subject,
                })
            })
            .collect::<Result<Vec<_>, MailError>>()?;
        entries.sort_by(|a, b| (b.sent_at, &b.file_name).cmp(&(a.sent_at, &a.file_name)));
        Ok(entries)
    }

    /// The message stored under `id`, decoded.
    pub fn read(&self, id: Uuid) -> Result<Option<ParsedMail>, MailError> {
        self.path_of(id)?.map(|path| self.parse(&path)).transpose()
    }

    fn path_of(&self, id: Uuid) -> Result<Option<PathBuf>, MailError> {
        Ok(self
            .stored()?
            .into_iter()
            .find(|(_, stored)| *stored == id)
            .map(|(file_name, _)| self.dir.join(file_name)))
    }

    /// File names and ids of the stored messages; other files (temporary
    /// ones among them) are left out.
    fn stored(&self) -> Result<Vec<(String, Uuid)>, MailError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(failed(&self.dir, e)),
        };
        let mut stored = Vec::new();
        for entry in entries {
            let name = entry.map_err(|e| failed(&self.dir, e))?.file_name();
            if let Some(name) = name.to_str()
                && let Some(id) = id_in(name)
            {
                stored.push((name.to_owned(), id));
            }
        }
        Ok(stored)
    }

    fn parse(&self, path: &Path) -> Result<ParsedMail, MailError> {
        let raw = fs::read(path).map_err(|e| failed(path, e))?;
        ParsedMail::parse(&raw).ok_or_else(|| {
            MailError::Permanent(format!("{}: not a readable message", path.display()))
        })
    }
}

fn failed(path: &Path, error: std::io::Error) -> MailError {
    MailError::Transient(format!("outbox {}: {error}", path.display()))
}

fn file_name(id: Uuid, sent_at: DateTime<Utc>) -> String {
    format!("{}-{id}.eml", sent_at.format("%Y%m%dT%H%M%S"))
}

fn id_in(file_name: &str) -> Option<Uuid> {
    let (_, id) = file_name.strip_suffix(".eml")?.split_once('-')?;
    Uuid::try_parse(id).ok()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn file_names_carry_time_and_id() {
        let id = Uuid::now_v7();
        let sent_at = Utc.with_ymd_and_hms(2023, 11, 21, 8, 30, 5).single();
        let name = sent_at.map(|at| file_name(id, at));
        assert_eq!(name, Some(format!("20231121T083005-{id}.eml")));
        assert_eq!(name.as_deref().and_then(id_in), Some(id));
        for other in [".writing-a1b2c3", "notes.txt", "20231121T083005-x.eml"] {
            assert_eq!(id_in(other), None, "{other}");
        }
    }
}
