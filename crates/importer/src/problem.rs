//! What can be wrong with an import file, worded in Vietnamese and English, and where.

use domain::{DomainError, Lang, Problem};

use super::spec::Spot;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    /// A rule of the domain; the domain words it.
    Domain(Problem),
    /// A refusal of the domain that is not about one field.
    Refused(DomainError),
    /// The file cannot be read as YAML or CSV; the parser's own explanation follows.
    Malformed(String),
    NotOneOf(&'static [&'static str]),
    NotAKey,
    /// The same key (or member's email) a second time.
    KeyTwice {
        first_line: u64,
    },
    UnknownCommittee(String),
    UnknownMember(String),
    /// Already in the directory, with another value that importing cannot change.
    Differs {
        existing: String,
    },
    MissingColumn(&'static str),
    UnknownColumn(String),
    /// A CSV row says something else about its organisation or committee than an
    /// earlier row.
    RowDisagrees {
        first_line: u64,
    },
    /// Neither an organisation's key in the directory nor the id of one.
    UnknownOrganisation(String),
    /// No agreement with this id.
    UnknownAgreement(String),
    NotAnId,
    NotANumber,
    /// A date in neither of the forms a history file may use.
    NotADayOrDate,
}

/// A problem and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub at: Spot,
    pub issue: Issue,
}

impl Located {
    pub fn new(at: &Spot, issue: Issue) -> Self {
        Self {
            at: at.clone(),
            issue,
        }
    }
}

impl Issue {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Issue::Domain(problem), lang) => problem.message(lang),
            (Issue::Refused(refusal), lang) => refusal.message(lang),
            (Issue::Malformed(detail), Lang::Vi) => {
                format!("Tệp không đúng cú pháp: {detail}")
            }
            (Issue::Malformed(detail), Lang::En) => format!("The file cannot be read: {detail}"),
            (Issue::NotOneOf(allowed), Lang::Vi) => {
                format!("Giá trị không hợp lệ; hãy dùng một trong: {}.", allowed.join(", "))
            }
            (Issue::NotOneOf(allowed), Lang::En) => {
                format!("Unknown value; use one of: {}.", allowed.join(", "))
            }
            (Issue::NotAKey, Lang::Vi) => {
                "Khóa chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối, ví dụ tinh-doan-cao-bang.".into()
            }
            (Issue::NotAKey, Lang::En) => {
                "A key has only lower-case letters without diacritics, digits and hyphens, e.g. tinh-doan-cao-bang.".into()
            }
            (Issue::KeyTwice { first_line }, Lang::Vi) => {
                format!("Khóa (hoặc email) này đã dùng ở dòng {first_line}.")
            }
            (Issue::KeyTwice { first_line }, Lang::En) => {
                format!("This key (or email) is already used on line {first_line}.")
            }
            (Issue::UnknownCommittee(reference), Lang::Vi) => format!(
                "Không tìm thấy ban “{reference}” trong tệp hay trong danh mục; viết “khóa-ban” cho ban của chính tổ chức, hoặc “khóa-tổ-chức/khóa-ban”."
            ),
            (Issue::UnknownCommittee(reference), Lang::En) => format!(
                "No committee “{reference}” in the file or the directory; write “committee-key” for the organisation's own, or “organisation-key/committee-key”."
            ),
            (Issue::UnknownMember(email), Lang::Vi) => {
                format!("Ban này không có thành viên nào có email “{email}”.")
            }
            (Issue::UnknownMember(email), Lang::En) => {
                format!("This committee has no member with the email “{email}”.")
            }
            (Issue::Differs { existing }, Lang::Vi) => format!(
                "Danh mục đã có mục này với giá trị khác: “{existing}”. Lệnh nhập không sửa mục đã có; hãy sửa tệp cho khớp, hoặc sửa qua API."
            ),
            (Issue::Differs { existing }, Lang::En) => format!(
                "The directory already has this with another value: “{existing}”. Importing never changes what exists; make the file match, or change it through the API."
            ),
            (Issue::MissingColumn(column), Lang::Vi) => format!("Thiếu cột “{column}”."),
            (Issue::MissingColumn(column), Lang::En) => format!("The column “{column}” is missing."),
            (Issue::UnknownColumn(column), Lang::Vi) => {
                format!("Cột “{column}” không được hỗ trợ.")
            }
            (Issue::UnknownColumn(column), Lang::En) => {
                format!("The column “{column}” is not recognised.")
            }
            (Issue::RowDisagrees { first_line }, Lang::Vi) => {
                format!("Khác với giá trị đã ghi ở dòng {first_line} cho cùng tổ chức hoặc ban.")
            }
            (Issue::RowDisagrees { first_line }, Lang::En) => format!(
                "Differs from what line {first_line} says about the same organisation or committee."
            ),
            (Issue::UnknownOrganisation(host), Lang::Vi) => format!(
                "Không tìm thấy tổ chức “{host}” trong danh mục; hãy ghi khóa của tổ chức (ví dụ hoi-huu-nghi-viet-trung-lang-son) hoặc mã của nó, và nhập danh mục trước (caunoi import)."
            ),
            (Issue::UnknownOrganisation(host), Lang::En) => format!(
                "No organisation “{host}” in the directory; write the organisation's key (e.g. hoi-huu-nghi-viet-trung-lang-son) or its id, and import the directory first (caunoi import)."
            ),
            (Issue::UnknownAgreement(id), Lang::Vi) => {
                format!("Không tìm thấy thỏa thuận hợp tác có mã “{id}”.")
            }
            (Issue::UnknownAgreement(id), Lang::En) => format!("No agreement has the id “{id}”."),
            (Issue::NotAnId, Lang::Vi) => {
                "Mã phải có dạng UUID, ví dụ 0190f3a2-7c1e-7b3a-9d4e-2f6a8b1c5d7e.".into()
            }
            (Issue::NotAnId, Lang::En) => {
                "An id is a UUID, e.g. 0190f3a2-7c1e-7b3a-9d4e-2f6a8b1c5d7e.".into()
            }
            (Issue::NotANumber, Lang::Vi) => "Phải là một số nguyên không âm, ví dụ 25.".into(),
            (Issue::NotANumber, Lang::En) => "Must be a whole number, e.g. 25.".into(),
            (Issue::NotADayOrDate, Lang::Vi) => {
                "Ngày phải có dạng NNNN-TT-NN hoặc NN/TT/NNNN, ví dụ 2018-02-07 hoặc 07/02/2018.".into()
            }
            (Issue::NotADayOrDate, Lang::En) => {
                "Dates are written YYYY-MM-DD or dd/mm/yyyy, e.g. 2018-02-07 or 07/02/2018.".into()
            }
        }
    }
}

/// One problem as printed: where, then the Vietnamese wording, then the English.
pub fn describe(file: &str, problem: &Located) -> String {
    format!(
        "{file}:{}: {}: {}\n    {}",
        problem.at.line,
        problem.at.field,
        problem.issue.message(Lang::Vi),
        problem.issue.message(Lang::En)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_says_where_and_why_in_both_languages() {
        let problem = Located::new(
            &Spot::new(14, "organisations[0].committees[0].members[2].email"),
            Issue::Domain(Problem::InvalidEmail),
        );
        let text = describe("directory.yaml", &problem);
        assert_eq!(
            text,
            "directory.yaml:14: organisations[0].committees[0].members[2].email: \
             Địa chỉ email không hợp lệ.\n    This is not a valid email address."
        );
    }
}
