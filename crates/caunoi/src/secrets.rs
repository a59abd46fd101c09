use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use anyhow::{Context, Result, bail};
use rand::RngCore;
use secrecy::ExposeSecret;
use tracing::info;
use workflow::links::LinkSecret;

use crate::settings::Settings;

/// The approval links' secret: the configured one, or in the embedded default one made
/// once and kept under the data folder, readable by its owner only. Several instances
/// must share one, so they must be given it (`CAUNOI_LINK_SECRET`).
pub fn link_secret(settings: &Settings) -> Result<LinkSecret> {
    if let Some(text) = &settings.link_secret {
        return LinkSecret::parse(text.expose_secret())
            .context("setting link_secret (CAUNOI_LINK_SECRET) is not usable");
    }
    let path = secrets_dir(settings)?.join("link-secret");
    if path.exists() {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading the link secret in {}", path.display()))?;
        return LinkSecret::parse(&text)
            .with_context(|| format!("the link secret in {} is not usable", path.display()));
    }
    let (secret, text) = LinkSecret::generate();
    write_new(&path, &text)?;
    info!(path = %path.display(), "made a new secret for approval links");
    Ok(secret)
}

/// The password of an embedded server: made once and kept under the data folder, readable
/// by its owner only. Commands run beside `caunoi up` on the same data folder read it there
/// to reach the same servers, and so can the person who may read that folder
/// (`caunoi embedded-urls`).
pub fn embedded_password(settings: &Settings, server: EmbeddedServer) -> Result<String> {
    let dir = secrets_dir(settings)?;
    let path = dir.join(server.file_name());
    if path.exists() {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading the password in {}", path.display()))?;
        return Ok(text.trim().to_owned());
    }
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    let password = hex::encode(bytes);
    write_new(&path, &password)?;
    info!(path = %path.display(), "made a new password for an embedded server");
    Ok(password)
}

/// The embedded servers that have a password.
#[derive(Clone, Copy)]
pub enum EmbeddedServer {
    Nats,
    Postgres,
}

impl EmbeddedServer {
    fn file_name(self) -> &'static str {
        match self {
            Self::Nats => "nats-password",
            Self::Postgres => "postgres-password",
        }
    }
}

fn secrets_dir(settings: &Settings) -> Result<std::path::PathBuf> {
    let dir = settings.data_dir.join("secrets");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))
        .with_context(|| format!("making {} private", dir.display()))?;
    Ok(dir)
}

/// Writes a file that must not exist yet, readable by its owner only.
fn write_new(path: &Path, text: &str) -> Result<()> {
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!(
                "{} appeared while it was being made; start again",
                path.display()
            )
        }
        Err(e) => return Err(e).with_context(|| format!("creating {}", path.display())),
    };
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing {}", path.display()))
}
