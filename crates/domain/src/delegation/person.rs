//! The personal data of one member of a delegation. It is checked here in plain form, but
//! it never enters an event: adapters seal it with the person's own key first (see
//! [`Sealed`]), so that deleting that key erases it everywhere, replays included.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{FieldError, Problem};
use crate::text::{clean, clean_optional};
use crate::values::{VIETNAM, check_text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
}

/// The travel document a member crosses the border with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Hộ chiếu phổ thông
    Passport,
    /// Hộ chiếu công vụ
    OfficialPassport,
    /// Hộ chiếu ngoại giao
    DiplomaticPassport,
    /// Giấy thông hành biên giới: issued by border provinces for crossings nearby.
    BorderPass,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub kind: DocumentKind,
    /// Upper-case letters and digits, as printed.
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_on: Option<NaiveDate>,
    pub expires_on: NaiveDate,
}

/// Who answers for a minor on the trip, and how to reach them.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Guardian {
    pub full_name: String,
    /// E.g. `Bố`, `Mẹ`, `Giáo viên chủ nhiệm`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// Everything personal about one member. Its `Debug` form hides every value, so that a
/// stray log line cannot leak it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonalDetails {
    /// As in the passport, with diacritics: `Nguyễn Thị Minh Khai`.
    pub full_name: String,
    /// The name in Chinese characters, for partner-facing lists: `阮氏明开`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chinese_name: Option<String>,
    /// Position in the delegation: `Trưởng đoàn`, `Thành viên`, `Phiên dịch`, `Học sinh`.
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    pub gender: Gender,
    pub date_of_birth: NaiveDate,
    /// ISO 3166-1 alpha-2, e.g. `VN`, `CN`.
    pub nationality: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Document>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dietary_notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medical_notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardian: Option<Guardian>,
    /// A parent's written consent for a minor to travel.
    #[serde(default)]
    pub parental_consent: bool,
}

impl std::fmt::Debug for PersonalDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PersonalDetails(<hidden>)")
    }
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Document(<hidden>)")
    }
}

impl std::fmt::Debug for Guardian {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Guardian(<hidden>)")
    }
}

/// Age of majority in Vietnam and China.
pub const ADULT_AGE: u32 = 18;

/// The oldest date of birth accepted.
const FIRST_BIRTH_YEAR: i32 = 1900;

impl PersonalDetails {
    /// Trims what people typed and writes document numbers and countries in upper case,
    /// without spaces, as they are printed.
    pub fn normalised(&self) -> PersonalDetails {
        PersonalDetails {
            full_name: clean(&self.full_name),
            chinese_name: clean_optional(self.chinese_name.as_deref()),
            role: clean(&self.role),
            organisation: clean_optional(self.organisation.as_deref()),
            gender: self.gender,
            date_of_birth: self.date_of_birth,
            nationality: clean(&self.nationality).to_uppercase(),
            document: self.document.as_ref().map(|d| Document {
                number: d
                    .number
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_uppercase(),
                ..d.clone()
            }),
            phone: clean_optional(self.phone.as_deref()),
            email: clean_optional(self.email.as_deref()),
            dietary_notes: clean_optional(self.dietary_notes.as_deref()),
            medical_notes: clean_optional(self.medical_notes.as_deref()),
            guardian: self.guardian.as_ref().map(|g| Guardian {
                full_name: clean(&g.full_name),
                relationship: clean_optional(g.relationship.as_deref()),
                phone: clean_optional(g.phone.as_deref()),
            }),
            parental_consent: self.parental_consent,
        }
    }

    /// Age in whole years on `day`.
    pub fn age_on(&self, day: NaiveDate) -> u32 {
        day.years_since(self.date_of_birth).unwrap_or(0)
    }

    pub fn is_minor_on(&self, day: NaiveDate) -> bool {
        self.age_on(day) < ADULT_AGE
    }

    /// Every problem at once, each under `path`. `now` rules out births in the future.
    pub fn check(&self, path: &str, now: DateTime<Utc>, errors: &mut Vec<FieldError>) {
        // Sealed before it reaches the log, so checked here, in the clear, by the rules
        // every text and date keeps (see `crate::input`).
        if let Ok(value) = serde_json::to_value(self) {
            errors.extend(
                crate::input::check_values(&value)
                    .into_iter()
                    .map(|e| FieldError::new(format!("{path}.{}", e.field), e.problem)),
            );
        }
        let today = now.with_timezone(&VIETNAM).date_naive();
        check_text(
            &format!("{path}.full_name"),
            &self.full_name,
            200,
            true,
            errors,
        );
        if let Some(name) = &self.chinese_name {
            check_text(&format!("{path}.chinese_name"), name, 100, false, errors);
        }
        check_text(&format!("{path}.role"), &self.role, 100, true, errors);
        if let Some(organisation) = &self.organisation {
            check_text(
                &format!("{path}.organisation"),
                organisation,
                200,
                false,
                errors,
            );
        }
        if self.date_of_birth > today {
            errors.push(FieldError::new(
                format!("{path}.date_of_birth"),
                Problem::InTheFuture,
            ));
        } else if self.date_of_birth.year() < FIRST_BIRTH_YEAR {
            errors.push(FieldError::new(
                format!("{path}.date_of_birth"),
                Problem::OutOfRange {
                    min: FIRST_BIRTH_YEAR.into(),
                    max: today.year().into(),
                },
            ));
        }
        if !is_country_code(&self.nationality) {
            errors.push(FieldError::new(
                format!("{path}.nationality"),
                Problem::InvalidCountry,
            ));
        }
        if let Some(document) = &self.document {
            document.check(&format!("{path}.document"), errors);
        }
        if let Some(phone) = &self.phone {
            check_phone(&format!("{path}.phone"), phone, errors);
        }
        if let Some(email) = &self.email
            && (!email_address::EmailAddress::is_valid(email) || email.len() > 254)
        {
            errors.push(FieldError::new(
                format!("{path}.email"),
                Problem::InvalidEmail,
            ));
        }
        for (name, notes) in [
            ("dietary_notes", &self.dietary_notes),
            ("medical_notes", &self.medical_notes),
        ] {
            if let Some(notes) = notes {
                check_text(&format!("{path}.{name}"), notes, 1000, false, errors);
            }
        }
        if let Some(guardian) = &self.guardian {
            check_text(
                &format!("{path}.guardian.full_name"),
                &guardian.full_name,
                200,
                true,
                errors,
            );
            if let Some(relationship) = &guardian.relationship {
                check_text(
                    &format!("{path}.guardian.relationship"),
                    relationship,
                    100,
                    false,
                    errors,
                );
            }
            if let Some(phone) = &guardian.phone {
                check_phone(&format!("{path}.guardian.phone"), phone, errors);
            }
        }
    }
}

fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase())
}

/// Digits with the usual separators, optionally starting with `+`: `0912 345 678`,
/// `+86 871 3456 789`.
fn check_phone(path: &str, phone: &str, errors: &mut Vec<FieldError>) {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || " .-()".contains(c) || (c == '+' && i == 0));
    if !allowed || !(6..=15).contains(&digits) {
        errors.push(FieldError::new(path, Problem::InvalidPhone));
    }
}

impl Document {
    /// Passports of Vietnam and China carry one or two letters and seven or eight digits
    /// (`C1234567`, `E12345678`, `EA1234567`); border passes vary by province, so only
    /// their alphabet and length are checked.
    pub fn number_is_well_formed(&self) -> bool {
        let number = &self.number;
        let plain = number
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        match self.kind {
            DocumentKind::BorderPass => {
                plain
                    && (6..=12).contains(&number.len())
                    && number.chars().any(|c| c.is_ascii_digit())
            }
            _ => {
                let letters = number.chars().take_while(char::is_ascii_uppercase).count();
                let digits = number.len() - letters;
                plain
                    && (1..=2).contains(&letters)
                    && (7..=8).contains(&digits)
                    && number[letters..].chars().all(|c| c.is_ascii_digit())
            }
        }
    }

    fn check(&self, path: &str, errors: &mut Vec<FieldError>) {
        if self.number.is_empty() {
            errors.push(FieldError::new(format!("{path}.number"), Problem::Required));
        } else if !self.number_is_well_formed() {
            errors.push(FieldError::new(
                format!("{path}.number"),
                Problem::InvalidDocumentNumber,
            ));
        }
        if let Some(issued_on) = self.issued_on
            && self.expires_on <= issued_on
        {
            errors.push(FieldError::new(
                format!("{path}.expires_on"),
                Problem::ExpiresBeforeIssued,
            ));
        }
    }
}

/// Personal details sealed with the person's own key: `base64(nonce ‖ ciphertext)`, as
/// written by the adapter that holds the keys. The domain never opens it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Sealed(pub String);

impl std::fmt::Debug for Sealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sealed({} bytes)", self.0.len())
    }
}
