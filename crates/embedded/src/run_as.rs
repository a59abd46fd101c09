//! PostgreSQL refuses to run as root, so a root caller runs it as the
//! `postgres` system user that the Debian package creates.

use std::os::unix::fs::{MetadataExt, chown};
use std::path::Path;

use nix::unistd::{Gid, Uid, User, geteuid};
use tokio::process::Command;

use crate::EmbeddedError;

const POSTGRES_USER: &str = "postgres";

#[derive(Debug, Clone)]
pub(crate) struct RunAs {
    name: String,
    uid: Uid,
    gid: Gid,
}

impl RunAs {
    /// `None` when not root: the server then runs as the caller.
    pub(crate) fn for_postgres() -> Result<Option<Self>, EmbeddedError> {
        if !geteuid().is_root() {
            return Ok(None);
        }
        let user = User::from_name(POSTGRES_USER)
            .map_err(std::io::Error::from)?
            .ok_or_else(|| EmbeddedError::UserMissing {
                user: POSTGRES_USER.to_owned(),
            })?;
        Ok(Some(Self {
            name: user.name,
            uid: user.uid,
            gid: user.gid,
        }))
    }

    /// std drops supplementary groups when it switches user, so the child has
    /// exactly this uid and gid.
    pub(crate) fn apply(&self, command: &mut Command) {
        command.uid(self.uid.as_raw()).gid(self.gid.as_raw());
    }

    pub(crate) fn chown(&self, path: &Path) -> Result<(), EmbeddedError> {
        chown(path, Some(self.uid.as_raw()), Some(self.gid.as_raw()))
            .map_err(EmbeddedError::path(path))
    }

    /// Every folder above `dir` must let this user pass, or the server cannot
    /// reach its data; checked up front because the server's own error is vague.
    pub(crate) fn ensure_can_reach(&self, dir: &Path) -> Result<(), EmbeddedError> {
        let dir = dir.canonicalize().map_err(EmbeddedError::path(dir))?;
        for ancestor in dir.ancestors().skip(1) {
            let meta = std::fs::metadata(ancestor).map_err(EmbeddedError::path(ancestor))?;
            let search_bit = if meta.uid() == self.uid.as_raw() {
                0o100
            } else if meta.gid() == self.gid.as_raw() {
                0o010
            } else {
                0o001
            };
            if meta.mode() & search_bit == 0 {
                return Err(EmbeddedError::NotTraversable {
                    dir: ancestor.to_path_buf(),
                    user: self.name.clone(),
                });
            }
        }
        Ok(())
    }
}
