//! The migrations are compiled into the binary (sqlx::migrate!); a new or changed file must
//! rebuild it.
//!
//! The read models also depend on code: how the projector turns events into rows, and how
//! the domain folds events into the states it writes. A fingerprint of that code
//! (comments and blank lines left out) goes into the read models' signature, so that a
//! build whose projection code changed rebuilds the read models on start, as a changed
//! table does.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The files whose code decides what the rows hold.
fn projection_code() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ["src/models", "../domain/src"]
        .iter()
        .flat_map(|dir| walk(Path::new(dir)))
        .filter(|path| {
            path.starts_with("src/models") || path.file_name().is_some_and(|n| n == "evolve.rs")
        })
        .chain(["src/programme_rows.rs", "src/write.rs", "src/fold.rs"].map(PathBuf::from))
        .collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found
}

fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
    // The folders too, so that a new file is seen.
    println!("cargo:rerun-if-changed=src/models");
    println!("cargo:rerun-if-changed=../domain/src");
    let mut hash = Sha256::new();
    for path in projection_code() {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("a readable source file");
        hash.update(path.to_string_lossy().as_bytes());
        for line in text.lines().map(str::trim) {
            if !line.is_empty() && !line.starts_with("//") {
                hash.update(line.as_bytes());
                hash.update(b"\n");
            }
        }
    }
    let digest = hash.finalize();
    let fingerprint: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    println!("cargo:rustc-env=CAUNOI_PROJECTION_CODE={fingerprint}");
}
