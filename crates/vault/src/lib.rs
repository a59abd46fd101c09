//! Personal data protected by crypto-shredding.
//!
//! Every person gets their own random data key. Their personal details are sealed with it
//! (XChaCha20-Poly1305) before anything reaches the event log, and the key itself is kept,
//! wrapped under a master key, in the table `caunoi.person_keys`, outside the read-model
//! generations. Forgetting a person deletes their key row: from then on their sealed data,
//! wherever it is — the stream, read models, backups of either — can never be opened again,
//! and every replay shows them redacted.

mod error;
mod master_key;
mod seal;
mod store;

pub use error::VaultError;
pub use master_key::MasterKey;
pub use seal::DataKey;
pub use store::Vault;
