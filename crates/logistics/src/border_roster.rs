//! The roster as the border gate's form lists it, one row per member, columns in the
//! form's order. Shared by the CSV and XLSX exports.

use crate::labels::{self, REDACTED};
use crate::roster::Roster;

/// The form's columns, in order, with Chinese beside the Vietnamese where partners read
/// the list too.
pub const COLUMNS: [&str; 13] = [
    "STT",
    "Họ và tên",
    "Tên tiếng Trung (中文姓名)",
    "Giới tính",
    "Ngày sinh",
    "Quốc tịch",
    "Chức vụ",
    "Đơn vị công tác",
    "Loại giấy tờ",
    "Số hộ chiếu/giấy thông hành",
    "Ngày cấp",
    "Ngày hết hạn",
    "Ghi chú",
];

/// One row of text per member. A forgotten member keeps their number and shows as
/// redacted, so the list's numbering matches the one sent earlier.
pub fn rows(roster: &Roster) -> Vec<[String; 13]> {
    let departure = roster
        .delegation
        .record
        .departure_day()
        .unwrap_or(roster.programme.record.plan.schedule.start);
    roster
        .members
        .iter()
        .map(|member| {
            let number = member.position.to_string();
            let Some(d) = &member.details else {
                let mut row: [String; 13] = Default::default();
                row[0] = number;
                row[1] = REDACTED.to_string();
                return row;
            };
            let document = d.document.as_ref();
            let mut notes = Vec::new();
            if d.is_minor_on(departure) {
                let mut note = format!("Trẻ em ({} tuổi)", d.age_on(departure));
                if let Some(guardian) = &d.guardian {
                    note.push_str(&format!("; người giám hộ: {}", guardian.full_name));
                    if let Some(relationship) = &guardian.relationship {
                        note.push_str(&format!(" ({relationship})"));
                    }
                }
                notes.push(note);
            }
            [
                number,
                d.full_name.clone(),
                d.chinese_name.clone().unwrap_or_default(),
                labels::gender(d.gender).to_string(),
                labels::date(d.date_of_birth),
                labels::nationality(&d.nationality),
                d.role.clone(),
                d.organisation.clone().unwrap_or_default(),
                document
                    .map(|doc| labels::document_kind(doc.kind).to_string())
                    .unwrap_or_default(),
                document.map(|doc| doc.number.clone()).unwrap_or_default(),
                document
                    .and_then(|doc| doc.issued_on)
                    .map(labels::date)
                    .unwrap_or_default(),
                document
                    .map(|doc| labels::date(doc.expires_on))
                    .unwrap_or_default(),
                notes.join("; "),
            ]
        })
        .collect()
}
