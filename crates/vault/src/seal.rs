use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use domain::delegation::{PersonalDetails, Sealed};
use uuid::Uuid;

use crate::{MasterKey, VaultError};

const NONCE: usize = 24;

/// One person's own key. Everything sealed with it is bound to the person's id, so a
/// sealed value cannot be passed off as someone else's.
#[derive(Clone)]
pub struct DataKey(XChaCha20Poly1305, Key);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(<hidden>)")
    }
}

/// `nonce ‖ ciphertext`, with a fresh random nonce.
fn encrypt(cipher: &XChaCha20Poly1305, aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    let ciphertext = cipher
        .encrypt(
            &nonce,
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .expect("XChaCha20-Poly1305 encrypts any message that fits in memory");
    let mut out = Vec::with_capacity(NONCE + ciphertext.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ciphertext);
    out
}

fn decrypt(cipher: &XChaCha20Poly1305, aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, VaultError> {
    if sealed.len() < NONCE {
        return Err(VaultError::CannotOpen);
    }
    let (nonce, ciphertext) = sealed.split_at(NONCE);
    cipher
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad,
            },
        )
        .map_err(|_| VaultError::CannotOpen)
}

impl DataKey {
    pub fn generate() -> Self {
        let key = XChaCha20Poly1305::generate_key(&mut OsRng);
        DataKey(XChaCha20Poly1305::new(&key), key)
    }

    /// Seals a person's details for the event log.
    pub fn seal(&self, person_id: Uuid, details: &PersonalDetails) -> Sealed {
        let plaintext = serde_json::to_vec(details).expect("personal details always serialise");
        Sealed(STANDARD.encode(encrypt(&self.0, person_id.as_bytes(), &plaintext)))
    }

    /// Opens what [`DataKey::seal`] sealed for the same person.
    pub fn open(&self, person_id: Uuid, sealed: &Sealed) -> Result<PersonalDetails, VaultError> {
        let bytes = STANDARD
            .decode(&sealed.0)
            .map_err(|_| VaultError::CannotOpen)?;
        let plaintext = decrypt(&self.0, person_id.as_bytes(), &bytes)?;
        serde_json::from_slice(&plaintext).map_err(|_| VaultError::CannotOpen)
    }

    /// The key encrypted under the master key, bound to the person.
    pub(crate) fn wrap(&self, master: &MasterKey, person_id: Uuid) -> Vec<u8> {
        encrypt(&master.cipher, person_id.as_bytes(), self.1.as_slice())
    }

    pub(crate) fn unwrap(
        master: &MasterKey,
        person_id: Uuid,
        wrapped: &[u8],
    ) -> Result<Self, VaultError> {
        let bytes = decrypt(&master.cipher, person_id.as_bytes(), wrapped)?;
        if bytes.len() != 32 {
            return Err(VaultError::CannotOpen);
        }
        let key = *Key::from_slice(&bytes);
        Ok(DataKey(XChaCha20Poly1305::new(&key), key))
    }
}
