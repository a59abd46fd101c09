//! What any text or date may hold, whatever the field, on every event a command would
//! append. Checked on the events rather than on each command's fields, so that no field
//! and no entry point (JSON API, pages, imports, roster uploads, the processes) can miss
//! it, and nothing reaches the log that PostgreSQL, a read model or a mail header could
//! not take: PostgreSQL's text refuses NUL, its dates end at year 294276, and a line
//! break in a name would end up in an email's `To:` header.

use serde_json::Value;

use crate::error::{FieldError, Problem};

/// The first and last years a person could mean in a date of this service: birth dates
/// of the oldest delegates, and agreements signed for a long time ahead.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2200;

/// Fields of long free text, where people write several lines: the only ones that may
/// hold line breaks and tabs. Names, titles, addresses and everything else are one line.
const LONG_TEXT: &[&str] = &[
    "objectives",
    "reason",
    "cancellation_reason",
    "comment",
    "returned_comment",
    "outcomes",
    "lessons",
    "findings",
    "notes",
    "note",
    "medical_notes",
    "dietary_notes",
    "attendance_note",
    "description",
    "detail",
];

/// Every problem with the text and dates in an event's data, each named by its path.
/// Paths are the event's, with the plan's prefix left out (`title`, not `plan.title`),
/// which is how the commands name the same fields.
pub fn check_values(data: &Value) -> Vec<FieldError> {
    let mut problems = Vec::new();
    walk(data, "", None, &mut problems);
    problems
}

/// Takes every NUL character out of the text in `data` (keys and values); says whether
/// there was any. For events stored before NUL was refused at the door: a NUL carries no
/// meaning a person typed, so leaving it out changes nothing that the event says.
pub fn strip_nul(data: &mut Value) -> bool {
    match data {
        Value::String(text) if text.contains('\0') => {
            text.retain(|c| c != '\0');
            true
        }
        Value::Array(items) => {
            // Every item, not only up to the first with a NUL.
            let mut found = false;
            for item in items {
                found |= strip_nul(item);
            }
            found
        }
        Value::Object(fields) => {
            let mut found = false;
            if fields.keys().any(|k| k.contains('\0')) {
                for (key, value) in std::mem::take(fields) {
                    fields.insert(key.replace('\0', ""), value);
                }
                found = true;
            }
            for item in fields.values_mut() {
                found |= strip_nul(item);
            }
            found
        }
        _ => false,
    }
}

fn walk(value: &Value, path: &str, key: Option<&str>, problems: &mut Vec<FieldError>) {
    match value {
        Value::String(text) => {
            if let Some(problem) = text_problem(text, key) {
                problems.push(FieldError::new(path, problem));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{path}[{i}]"), key, problems);
            }
        }
        Value::Object(fields) => {
            for (name, item) in fields {
                let inner = match path {
                    "" | "plan" => name.clone(),
                    _ => format!("{path}.{name}"),
                };
                walk(item, &inner, Some(name), problems);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn text_problem(text: &str, key: Option<&str>) -> Option<Problem> {
    let long_text = key.is_some_and(|k| LONG_TEXT.contains(&k));
    for c in text.chars() {
        let allowed_in_long_text = matches!(c, '\n' | '\r' | '\t');
        if allowed_in_long_text && !long_text {
            return Some(Problem::LineBreak);
        }
        // Unicode's other line and paragraph separators break a line as surely.
        if c == '\u{2028}' || c == '\u{2029}' {
            return Some(if long_text {
                Problem::ControlCharacter
            } else {
                Problem::LineBreak
            });
        }
        if c.is_control() && !allowed_in_long_text {
            return Some(Problem::ControlCharacter);
        }
    }
    match date_year(text) {
        Some(year) if !(FIRST_YEAR..=LAST_YEAR).contains(&year) => Some(Problem::DateOutOfRange {
            min: FIRST_YEAR,
            max: LAST_YEAR,
        }),
        _ => None,
    }
}

/// The year of a text written as a date or date-time the way events store them
/// (`2023-11-21`, `2023-11-21T08:00:00+07:00`, and for years outside 0–9999 `+10000-01-01`
/// or `-0001-01-01`); `None` for any other text.
fn date_year(text: &str) -> Option<i32> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => (1, text),
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits < 4 {
        return None;
    }
    let tail = &rest.as_bytes()[digits..];
    let month_day = tail.len() >= 6
        && tail[0] == b'-'
        && tail[1..3].iter().all(u8::is_ascii_digit)
        && tail[3] == b'-'
        && tail[4..6].iter().all(u8::is_ascii_digit);
    let ends_well = tail.len() == 6 || tail.get(6) == Some(&b'T');
    if !(month_day && ends_well) {
        return None;
    }
    // A year too long for an i32 is out of range all the same.
    Some(rest[..digits].parse::<i32>().map_or(i32::MAX, |y| sign * y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problems(data: Value) -> Vec<(String, Problem)> {
        check_values(&data)
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    #[test]
    fn a_nul_anywhere_is_refused_and_named_by_its_path() {
        let found = problems(
            json!({"plan": {"title": "Đoàn\u{0}", "partners": [{"name": "Hà Khẩu"}, {"name": "a\u{7}"}]}}),
        );
        assert_eq!(
            found,
            [
                ("partners[1].name".to_string(), Problem::ControlCharacter),
                ("title".to_string(), Problem::ControlCharacter),
            ]
        );
    }

    #[test]
    fn line_breaks_are_kept_in_long_text_and_refused_in_names() {
        assert!(problems(json!({"plan": {"objectives": "Giao lưu\r\n\tvăn nghệ"}})).is_empty());
        assert_eq!(
            problems(
                json!({"committee": {"members": [{"person": {"name": "Lan\r\nBcc: x@example.com"}}]}})
            ),
            [(
                "committee.members[0].person.name".to_string(),
                Problem::LineBreak
            )]
        );
        assert_eq!(
            problems(json!({"reason": "hoãn\u{0}"})),
            [("reason".to_string(), Problem::ControlCharacter)]
        );
    }

    #[test]
    fn dates_no_person_could_mean_are_refused() {
        let out = Problem::DateOutOfRange {
            min: FIRST_YEAR,
            max: LAST_YEAR,
        };
        for bad in [
            "0000-01-01",
            "+10000-01-01",
            "-0001-01-01",
            "1899-12-31",
            "2201-01-01T00:00:00Z",
        ] {
            assert_eq!(
                problems(json!({"due_on": bad})),
                [("due_on".to_string(), out.clone())],
                "{bad}"
            );
        }
        for fine in [
            "1900-01-01",
            "2023-11-21",
            "2200-12-31T23:59:59+07:00",
            "2023-2026",
            "Kế hoạch 2023-11",
            "12/04/2013",
        ] {
            assert!(problems(json!({"due_on": fine})).is_empty(), "{fine}");
        }
    }

    #[test]
    fn nul_characters_are_left_out_of_stored_text_and_nothing_else_changes() {
        let mut data = json!({"plan": {"title": "Đoàn\u{0} công tác", "a\u{0}b": [1, "x\u{0}"]}});
        assert!(strip_nul(&mut data));
        assert_eq!(
            data,
            json!({"plan": {"title": "Đoàn công tác", "ab": [1, "x"]}})
        );
        assert!(!strip_nul(&mut data), "nothing more to take out");
    }

    #[test]
    fn vietnamese_and_chinese_text_passes() {
        assert!(problems(json!({"name": "Đoàn Thanh niên huyện Hà Khẩu 河口县共青团", "title": "Tọa đàm “1 năm” – MOU"})).is_empty());
    }
}
