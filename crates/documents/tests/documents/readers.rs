//! The real readers: python-docx (Debian's python3-docx) and LibreOffice headless. Both
//! are installed by deploy/local/install-deps; a test fails clearly when they are not.

use std::path::Path;
use std::process::Command;

/// Every paragraph's text, then every table cell's (nested tables included), one a line.
const PRINT_TEXT: &str = r#"
import sys, docx
def cells(table):
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                print(p.text)
            for inner in cell.tables:
                cells(inner)
d = docx.Document(sys.argv[1])
for p in d.paragraphs:
    print(p.text)
for t in d.tables:
    cells(t)
"#;

pub fn docx_text(path: &Path) -> String {
    // Debian's Python, which has python3-docx, whatever python3 comes first on PATH.
    let output = Command::new("/usr/bin/python3")
        .args(["-c", PRINT_TEXT])
        .arg(path)
        .env("PYTHONIOENCODING", "utf-8")
        .output()
        .expect("/usr/bin/python3 runs (deploy/local/install-deps installs python3-docx)");
    assert!(
        output.status.success(),
        "python-docx could not read {}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 text")
}

pub fn to_pdf(path: &Path) -> Vec<u8> {
    let out = path.parent().expect("a folder");
    // A profile of its own, so that it never waits on another LibreOffice.
    let profile = tempfile::tempdir().expect("a profile folder");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .arg(path)
        .output()
        .expect("soffice runs (deploy/local/install-deps installs libreoffice-writer-nogui)");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    std::fs::read(path.with_extension("pdf")).expect("the PDF")
}
