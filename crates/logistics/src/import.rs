//! Roster uploads from a spreadsheet saved as CSV (or as a workbook: see `import_xlsx`). Headings are matched with or without
//! diacritics; an exported border-gate roster can be uploaded again. Every problem of
//! every row is reported at once, and nothing is saved unless every row is right.

use chrono::{DateTime, NaiveDate, Utc};
use domain::delegation::{Document, DocumentKind, Gender, Guardian, PersonalDetails};
use domain::{FieldError, Lang, Problem};
use serde::Serialize;

/// The most rows one upload may hold: the largest delegation a programme plans.
pub const MAX_IMPORT_ROWS: usize = domain::delegation::MAX_ROSTER;

/// The headings an upload may use, in the template's order. The first five are required.
pub const IMPORT_COLUMNS: [&str; 19] = [
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Quốc tịch",
    "Chức vụ",
    "Tên tiếng Trung (中文姓名)",
    "Đơn vị công tác",
    "Loại giấy tờ",
    "Số hộ chiếu/giấy thông hành",
    "Ngày cấp",
    "Ngày hết hạn",
    "Điện thoại",
    "Email",
    "Ăn uống",
    "Sức khỏe",
    "Người giám hộ",
    "Quan hệ với người giám hộ",
    "Điện thoại người giám hộ",
    "Cha mẹ đồng ý",
];

const REQUIRED: usize = 5;

/// What is wrong with one row. Messages name the row and column, never the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowProblem {
    /// The line in the file, the heading being line 1.
    pub row: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<&'static str>,
    #[serde(flatten)]
    pub issue: RowIssue,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RowIssue {
    Field { problem: Problem },
    WrongColumnCount { found: usize, expected: usize },
    Unreadable,
}

impl RowProblem {
    pub fn message(&self, lang: Lang) -> String {
        let place = match (self.column, lang) {
            (Some(column), Lang::Vi) => format!("Dòng {}, cột “{column}”: ", self.row),
            (Some(column), Lang::En) => format!("Line {}, column “{column}”: ", self.row),
            (None, Lang::Vi) => format!("Dòng {}: ", self.row),
            (None, Lang::En) => format!("Line {}: ", self.row),
        };
        let what = match (&self.issue, lang) {
            (RowIssue::Field { problem }, lang) => problem.message(lang),
            (RowIssue::WrongColumnCount { found, expected }, Lang::Vi) => {
                format!("có {found} cột, trong khi dòng tiêu đề có {expected} cột.")
            }
            (RowIssue::WrongColumnCount { found, expected }, Lang::En) => {
                format!("has {found} columns where the heading has {expected}.")
            }
            (RowIssue::Unreadable, Lang::Vi) => {
                "không đọc được (hãy lưu tệp dạng CSV UTF-8).".into()
            }
            (RowIssue::Unreadable, Lang::En) => {
                "cannot be read (save the file as CSV UTF-8).".into()
            }
        };
        format!("{place}{what}")
    }
}

/// Why an upload was refused as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// No heading, or no row under it.
    Empty,
    TooManyRows {
        rows: usize,
        max: usize,
    },
    MissingColumns(Vec<&'static str>),
    Rows(Vec<RowProblem>),
    /// Not an Excel workbook (.xlsx), or one too large once unpacked.
    NotAWorkbook,
}

impl ImportError {
    /// The stable code the JSON API answers with.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Empty => "roster_empty",
            ImportError::TooManyRows { .. } => "roster_too_many_rows",
            ImportError::MissingColumns(_) => "roster_missing_columns",
            ImportError::Rows(_) => "roster_rows_invalid",
            ImportError::NotAWorkbook => "roster_unreadable",
        }
    }

    /// What is wrong with the file as a whole, in a sentence; the rows' own problems are
    /// each [`RowProblem::message`].
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            ImportError::Empty if vi => {
                "Tệp không có dòng tiêu đề hoặc không có thành viên nào.".into()
            }
            ImportError::Empty => "The file has no heading line or no members.".into(),
            ImportError::TooManyRows { rows, max } if vi => format!(
                "Tệp có {rows} dòng; mỗi lần chỉ nhận tối đa {max} thành viên. Chưa có gì được lưu."
            ),
            ImportError::TooManyRows { rows, max } => format!(
                "The file has {rows} rows; at most {max} members can be uploaded at once. Nothing was saved."
            ),
            ImportError::MissingColumns(columns) if vi => {
                format!("Tệp thiếu cột: {}.", columns.join(", "))
            }
            ImportError::MissingColumns(columns) => {
                format!("The file lacks the columns: {}.", columns.join(", "))
            }
            ImportError::NotAWorkbook if vi => "Không đọc được tệp Excel này (.xlsx). Hãy lưu lại bằng Excel hoặc LibreOffice, hoặc lưu dạng CSV UTF-8.".into(),
            ImportError::NotAWorkbook => "This Excel file (.xlsx) cannot be read. Save it again with Excel or LibreOffice, or as CSV UTF-8.".into(),
            ImportError::Rows(problems) if vi => format!(
                "Có {} lỗi trong tệp; chưa có thành viên nào được lưu. Hãy sửa các dòng dưới đây rồi tải lên lại.",
                problems.len()
            ),
            ImportError::Rows(problems) => format!(
                "The file has {} problems; no member was saved. Fix the rows below and upload it again.",
                problems.len()
            ),
        }
    }
}

/// Lower case, no diacritics, letters and digits only: `Ngày sinh` and `ngay sinh` match.
fn folded(heading: &str) -> String {
    deunicode::deunicode(heading)
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

fn column_of(heading: &str) -> Option<usize> {
    let wanted = folded(heading);
    IMPORT_COLUMNS.iter().position(|c| {
        let c = folded(c);
        // The Chinese part of a heading is optional.
        c == wanted || c.starts_with(&wanted) && wanted.len() > 4
    })
}

/// Dates as on Vietnamese forms (01/06/2013 or 1/6/2013), or ISO (2013-06-01).
fn date(text: &str) -> Result<NaiveDate, Problem> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .or_else(|_| NaiveDate::parse_from_str(text, "%d-%m-%Y"))
        .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .map_err(|_| Problem::NotADate)
}

fn gender(text: &str) -> Result<Gender, Problem> {
    match folded(text).as_str() {
        "nam" | "male" | "m" | "男" => Ok(Gender::Male),
        "nu" | "female" | "f" | "女" => Ok(Gender::Female),
        _ => Err(Problem::Unknown),
    }
}

fn nationality(text: &str) -> String {
    match folded(text).as_str() {
        "vietnam" => "VN".into(),
        "trungquoc" | "china" => "CN".into(),
        _ => text.trim().to_uppercase(),
    }
}

fn document_kind(text: &str) -> Result<DocumentKind, Problem> {
    match folded(text).as_str() {
        "" | "hochieu" | "hochieuphothong" | "passport" => Ok(DocumentKind::Passport),
        "hochieucongvu" | "officialpassport" => Ok(DocumentKind::OfficialPassport),
        "hochieungoaigiao" | "diplomaticpassport" => Ok(DocumentKind::DiplomaticPassport),
        "giaythonghanh" | "giaythonghanhbiengioi" | "borderpass" => Ok(DocumentKind::BorderPass),
        _ => Err(Problem::Unknown),
    }
}

fn yes_no(text: &str) -> Result<bool, Problem> {
    match folded(text).as_str() {
        "" | "khong" | "no" | "0" => Ok(false),
        "co" | "yes" | "x" | "1" | "dadongy" => Ok(true),
        _ => Err(Problem::Unknown),
    }
}

/// Which column a domain field path belongs to.
fn column_for_field(field: &str) -> Option<&'static str> {
    let index = match field.trim_start_matches('.') {
        "full_name" => 0,
        "gender" => 1,
        "date_of_birth" => 2,
        "nationality" => 3,
        "role" => 4,
        "chinese_name" => 5,
        "organisation" => 6,
        "document.number" => 8,
        "document.issued_on" => 9,
        "document.expires_on" => 10,
        "phone" => 11,
        "email" => 12,
        "dietary_notes" => 13,
        "medical_notes" => 14,
        "guardian.full_name" => 15,
        "guardian.relationship" => 16,
        "guardian.phone" => 17,
        _ => return None,
    };
    Some(IMPORT_COLUMNS[index])
}

struct Row<'a> {
    cells: Vec<&'a str>,
    line: usize,
    problems: Vec<RowProblem>,
}

impl<'a> Row<'a> {
    fn text(&self, column: usize) -> &'a str {
        crate::spreadsheet::unsafe_cell(self.cells[column].trim())
    }

    fn optional(&self, column: usize) -> Option<String> {
        Some(self.text(column).to_string()).filter(|s| !s.is_empty())
    }

    fn problem(&mut self, column: usize, problem: Problem) {
        self.problems.push(RowProblem {
            row: self.line,
            column: Some(IMPORT_COLUMNS[column]),
            issue: RowIssue::Field { problem },
        });
    }

    fn parse<T>(&mut self, column: usize, parse: impl Fn(&str) -> Result<T, Problem>) -> Option<T> {
        match parse(self.text(column)) {
            Ok(value) => Some(value),
            Err(problem) => {
                self.problem(column, problem);
                None
            }
        }
    }

    fn required_date(&mut self, column: usize) -> Option<NaiveDate> {
        if self.text(column).is_empty() {
            self.problem(column, Problem::Required);
            return None;
        }
        self.parse(column, date)
    }

    fn details(&mut self) -> Option<PersonalDetails> {
        let gender = if self.text(1).is_empty() {
            self.problem(1, Problem::Required);
            None
        } else {
            self.parse(1, gender)
        };
        let date_of_birth = self.required_date(2);
        let document = match self.optional(8) {
            None => {
                for column in [9, 10] {
                    if !self.text(column).is_empty() {
                        self.problem(8, Problem::Required);
                        break;
                    }
                }
                None
            }
            Some(number) => {
                let kind = self.parse(7, document_kind);
                let issued_on = match self.text(9) {
                    "" => Some(None),
                    _ => self.parse(9, date).map(Some),
                };
                let expires_on = self.required_date(10);
                match (kind, issued_on, expires_on) {
                    (Some(kind), Some(issued_on), Some(expires_on)) => Some(Document {
                        kind,
                        number,
                        issued_on,
                        expires_on,
                    }),
                    _ => None,
                }
            }
        };
        let guardian = self.optional(15).map(|full_name| Guardian {
            full_name,
            relationship: self.optional(16),
            phone: self.optional(17),
        });
        let consent = self.parse(18, yes_no);
        let parsed = PersonalDetails {
            full_name: self.text(0).to_string(),
            chinese_name: self.optional(5),
            role: self.text(4).to_string(),
            organisation: self.optional(6),
            gender: gender?,
            date_of_birth: date_of_birth?,
            nationality: nationality(self.text(3)),
            document,
            phone: self.optional(11),
            email: self.optional(12),
            dietary_notes: self.optional(13),
            medical_notes: self.optional(14),
            guardian,
            parental_consent: consent?,
        };
        Some(parsed.normalised())
    }
}

/// One row of an upload as text cells, or why it could not be read.
pub(crate) type RawRow = Result<Vec<String>, RowIssue>;

/// Reads an uploaded roster. Returns every member's details, checked as the domain checks
/// them, or every problem found.
pub fn parse_roster_csv(
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<Vec<PersonalDetails>, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    // Spreadsheets set to some locales save with semicolons.
    let delimiter = if !first_line.contains(&b',') && first_line.contains(&b';') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let Some(Ok(heading)) = records.next() else {
        return Err(ImportError::Empty);
    };
    let heading: Vec<String> = heading
        .iter()
        .map(|h| String::from_utf8_lossy(h).into_owned())
        .collect();
    let width = heading.len();
    let rows = records
        .map(|record| match record {
            Ok(record) => record
                .iter()
                .map(|cell| std::str::from_utf8(cell).map(str::to_owned))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| RowIssue::Unreadable),
            Err(error) => Err(match error.kind() {
                csv::ErrorKind::UnequalLengths { len, .. } => RowIssue::WrongColumnCount {
                    found: *len as usize,
                    expected: width,
                },
                _ => RowIssue::Unreadable,
            }),
        })
        .collect();
    members_of(&heading, rows, now)
}

/// The members of an upload read as a heading and rows of text, whatever the file was.
pub(crate) fn members_of(
    heading: &[String],
    rows: Vec<RawRow>,
    now: DateTime<Utc>,
) -> Result<Vec<PersonalDetails>, ImportError> {
    let mapping: Vec<Option<usize>> = heading.iter().map(|h| column_of(h)).collect();
    let missing: Vec<&'static str> = IMPORT_COLUMNS[..REQUIRED]
        .iter()
        .enumerate()
        .filter(|(i, _)| !mapping.contains(&Some(*i)))
        .map(|(_, c)| *c)
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns(missing));
    }
    if rows.len() > MAX_IMPORT_ROWS {
        return Err(ImportError::TooManyRows {
            rows: rows.len(),
            max: MAX_IMPORT_ROWS,
        });
    }
    if rows.is_empty() {
        return Err(ImportError::Empty);
    }
    let mut members = Vec::with_capacity(rows.len());
    let mut problems = Vec::new();
    for (i, record) in rows.into_iter().enumerate() {
        let line = i + 2;
        let text = match record {
            Ok(text) => text,
            Err(issue) => {
                problems.push(RowProblem {
                    row: line,
                    column: None,
                    issue,
                });
                continue;
            }
        };
        if text.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let mut cells = vec![""; IMPORT_COLUMNS.len()];
        for (cell, column) in text.iter().zip(&mapping) {
            if let Some(column) = column {
                cells[*column] = cell;
            }
        }
        let mut row = Row {
            cells,
            line,
            problems: Vec::new(),
        };
        if let Some(details) = row.details() {
            let mut errors: Vec<FieldError> = Vec::new();
            details.check("", now, &mut errors);
            for error in errors {
                row.problems.push(RowProblem {
                    row: line,
                    column: column_for_field(&error.field),
                    issue: RowIssue::Field {
                        problem: error.problem,
                    },
                });
            }
            members.push(details);
        }
        problems.append(&mut row.problems);
    }
    if !problems.is_empty() {
        return Err(ImportError::Rows(problems));
    }
    if members.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(members)
}
