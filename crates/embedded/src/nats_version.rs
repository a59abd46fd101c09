//! Which nats-server is installed: settings that a newer server understands make an older
//! one refuse to start, so they are written only for the versions that know them.

use std::path::Path;
use std::process::Command;

use semver::Version;

use crate::EmbeddedError;

/// `sync_interval` (JetStream's fsync schedule) came with nats-server 2.10.
const SYNC_INTERVAL_SINCE: Version = Version::new(2, 10, 0);

/// The version `program --version` prints, as in `nats-server: v2.9.10`.
pub(crate) fn installed(program: &Path) -> Result<Version, EmbeddedError> {
    let output = Command::new(program)
        .arg("--version")
        .output()
        .map_err(EmbeddedError::path(program))?;
    let printed = String::from_utf8_lossy(&output.stdout);
    parse(&printed).ok_or_else(|| EmbeddedError::UnknownVersion {
        program: program.display().to_string(),
        printed: printed.trim().to_owned(),
    })
}

fn parse(printed: &str) -> Option<Version> {
    printed
        .split_whitespace()
        .filter_map(|word| word.strip_prefix('v'))
        .find_map(|word| Version::parse(word).ok())
}

/// Whether this server can be told to fsync every write before acknowledging it.
pub(crate) fn syncs_every_write(version: &Version) -> bool {
    *version >= SYNC_INTERVAL_SINCE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_debian_and_the_current_release_output() {
        assert_eq!(
            parse("nats-server: v2.9.10\n"),
            Some(Version::new(2, 9, 10))
        );
        assert_eq!(
            parse("nats-server: v2.15.1\n"),
            Some(Version::new(2, 15, 1))
        );
        assert_eq!(parse("nats-server: unknown\n"), None);
    }

    #[test]
    fn only_2_10_and_later_sync_every_write() {
        assert!(!syncs_every_write(&Version::new(2, 9, 25)));
        assert!(syncs_every_write(&Version::new(2, 10, 0)));
        assert!(syncs_every_write(&Version::new(2, 15, 1)));
    }
}
