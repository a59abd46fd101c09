//! How values read on Vietnamese forms.

use chrono::NaiveDate;
use domain::delegation::{DocumentKind, Gender};

/// What stands in for a forgotten person's every personal field.
pub const REDACTED: &str = "[Đã xóa dữ liệu cá nhân]";

/// Dates on Vietnamese forms: 01/06/2024.
pub fn date(day: NaiveDate) -> String {
    domain::labels::format_date(day, domain::Lang::Vi)
}

pub fn gender(gender: Gender) -> &'static str {
    match gender {
        Gender::Male => "Nam",
        Gender::Female => "Nữ",
    }
}

pub fn document_kind(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Passport => "Hộ chiếu phổ thông",
        DocumentKind::OfficialPassport => "Hộ chiếu công vụ",
        DocumentKind::DiplomaticPassport => "Hộ chiếu ngoại giao",
        DocumentKind::BorderPass => "Giấy thông hành biên giới",
    }
}

/// The countries delegations come from, by name; others by their code.
pub fn nationality(code: &str) -> String {
    match code {
        "VN" => "Việt Nam".into(),
        "CN" => "Trung Quốc".into(),
        "LA" => "Lào".into(),
        "KH" => "Campuchia".into(),
        other => other.to_string(),
    }
}
