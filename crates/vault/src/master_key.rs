use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{KeyInit, OsRng};
use chacha20poly1305::{Key, XChaCha20Poly1305};
use sha2::{Digest, Sha256};

use crate::VaultError;

/// The key that wraps every person's data key. It never leaves the process: the key store
/// records only its id, a short hash, so that a rotation can tell which rows still need
/// re-wrapping.
#[derive(Clone)]
pub struct MasterKey {
    pub(crate) cipher: XChaCha20Poly1305,
    bytes: Key,
    id: String,
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MasterKey({})", self.id)
    }
}

impl MasterKey {
    fn from_key(bytes: Key) -> Self {
        let digest = Sha256::new()
            .chain_update(b"caunoi personal-data master key\0")
            .chain_update(bytes.as_slice())
            .finalize();
        let id = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        Self {
            cipher: XChaCha20Poly1305::new(&bytes),
            bytes,
            id,
        }
    }

    /// A new random key.
    pub fn generate() -> Self {
        Self::from_key(XChaCha20Poly1305::generate_key(&mut OsRng))
    }

    /// 32 bytes in standard base64, as in the setting `personal_data_key`.
    pub fn from_base64(text: &str) -> Result<Self, VaultError> {
        let bytes = STANDARD
            .decode(text.trim())
            .map_err(|_| VaultError::BadMasterKey)?;
        if bytes.len() != 32 {
            return Err(VaultError::BadMasterKey);
        }
        if !domain::values::looks_random(&bytes) {
            return Err(VaultError::ExampleMasterKey);
        }
        Ok(Self::from_key(*Key::from_slice(&bytes)))
    }

    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.bytes.as_slice())
    }

    /// A short, stable name for the key that reveals nothing of it.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Reads the key kept in `path`, or makes one there, readable by its owner only, when
    /// there is none yet. For a single machine without a configured key.
    pub fn load_or_create(path: &Path) -> Result<Self, VaultError> {
        let failed = |reason: String| VaultError::KeyFile {
            path: path.display().to_string(),
            reason,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| failed(e.to_string()))?;
        }
        let key = Self::generate();
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path);
        match created {
            Ok(mut file) => {
                writeln!(file, "{}", key.to_base64()).map_err(|e| failed(e.to_string()))?;
                file.sync_all().map_err(|e| failed(e.to_string()))?;
                tracing::info!(path = %path.display(), key_id = key.id(), "created a personal-data key file");
                Ok(key)
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let mode = std::fs::metadata(path)
                    .map_err(|e| failed(e.to_string()))?
                    .permissions()
                    .mode();
                if mode & 0o077 != 0 {
                    return Err(failed(format!(
                        "it is readable by others (mode {:o}); run chmod 600 on it",
                        mode & 0o777
                    )));
                }
                let text = std::fs::read_to_string(path).map_err(|e| failed(e.to_string()))?;
                Self::from_base64(&text).map_err(|e| failed(e.to_string()))
            }
            Err(e) => Err(failed(e.to_string())),
        }
    }
}
