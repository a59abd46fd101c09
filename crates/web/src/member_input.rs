//! A member's personal details as typed into the form, kept as text so that a refused form
//! shows exactly what was typed, and read into the `PersonalDetails` that
//! `POST /api/delegations/{id}/members` takes. Each form field is named after the domain's
//! path with `_` for `.` (`guardian_full_name` for `guardian.full_name`), so that every
//! refusal of the domain lands beside its own field.

use chrono::{DateTime, NaiveDate, Utc};
use domain::delegation::{Document, DocumentKind, Gender, Guardian, PersonalDetails};
use domain::{FieldError, Lang, Problem};

use crate::delegation_words::member_words;
use crate::form::Form;
use crate::plan_input::{Errors, Values};
use crate::words::words;

/// The form's fields, in the order shown; the first is where a refusal about the member
/// as a whole is said.
pub const FIELDS: [&str; 19] = [
    "full_name",
    "chinese_name",
    "role",
    "organisation",
    "gender",
    "date_of_birth",
    "nationality",
    "document_kind",
    "document_number",
    "document_issued_on",
    "document_expires_on",
    "phone",
    "email",
    "dietary_notes",
    "medical_notes",
    "guardian_full_name",
    "guardian_relationship",
    "guardian_phone",
    "parental_consent",
];

pub const GENDERS: [(&str, Gender); 2] = [("female", Gender::Female), ("male", Gender::Male)];

pub const DOCUMENT_KINDS: [(&str, DocumentKind); 4] = [
    ("passport", DocumentKind::Passport),
    ("official_passport", DocumentKind::OfficialPassport),
    ("diplomatic_passport", DocumentKind::DiplomaticPassport),
    ("border_pass", DocumentKind::BorderPass),
];

pub fn from_form(form: &Form) -> Values {
    FIELDS
        .iter()
        .map(|name| (*name, form.get(name).to_string()))
        .collect()
}

/// A new member's form: most members travel on Vietnamese papers.
pub fn blank() -> Values {
    Values::from([("nationality", "VN".to_string())])
}

/// The member's stored details as the form shows them, dates as people write them.
pub fn from_details(details: &PersonalDetails) -> Values {
    let day = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    let text = |t: &Option<String>| t.clone().unwrap_or_default();
    let mut values = Values::from([
        ("full_name", details.full_name.clone()),
        ("chinese_name", text(&details.chinese_name)),
        ("role", details.role.clone()),
        ("organisation", text(&details.organisation)),
        ("gender", code(&GENDERS, details.gender).to_string()),
        ("date_of_birth", day(details.date_of_birth)),
        ("nationality", details.nationality.clone()),
        ("phone", text(&details.phone)),
        ("email", text(&details.email)),
        ("dietary_notes", text(&details.dietary_notes)),
        ("medical_notes", text(&details.medical_notes)),
        (
            "parental_consent",
            if details.parental_consent {
                "yes"
            } else {
                "no"
            }
            .to_string(),
        ),
    ]);
    if let Some(document) = &details.document {
        values.insert("document_kind", code(&DOCUMENT_KINDS, document.kind).into());
        values.insert("document_number", document.number.clone());
        values.insert(
            "document_issued_on",
            document.issued_on.map(day).unwrap_or_default(),
        );
        values.insert("document_expires_on", day(document.expires_on));
    }
    if let Some(guardian) = &details.guardian {
        values.insert("guardian_full_name", guardian.full_name.clone());
        values.insert("guardian_relationship", text(&guardian.relationship));
        values.insert("guardian_phone", text(&guardian.phone));
    }
    values
}

fn code<T: PartialEq + Copy>(choices: &[(&'static str, T)], value: T) -> &'static str {
    choices
        .iter()
        .find(|(_, choice)| *choice == value)
        .map_or("", |(code, _)| code)
}

/// The form field a domain problem is about: `members[0].details.document.number` and
/// `details.document.number` are `document_number`; a problem about the member as a
/// whole (`person_id`, `members`) is said beside the name.
pub fn field_of(path: &str) -> &'static str {
    let field = path
        .split_once("details.")
        .map_or(path, |(_, field)| field)
        .trim_start_matches('.')
        .replace('.', "_");
    FIELDS
        .iter()
        .find(|name| **name == field)
        .copied()
        .unwrap_or(FIELDS[0])
}

/// Adds the domain's problems to the form's errors, the first per field.
pub fn add_problems(errors: &mut Errors, problems: &[FieldError], lang: Lang) {
    for problem in problems {
        errors
            .entry(field_of(&problem.field))
            .or_insert_with(|| problem.problem.message(lang));
    }
}

/// `02/09/2015` as people write it, or `2015-09-02` as a date field sends it.
fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .ok()
}

/// Collects what could not be read as typed, each beside its field.
struct Reader<'a> {
    values: &'a Values,
    lang: Lang,
    errors: Errors,
}

impl Reader<'_> {
    fn text(&self, name: &str) -> String {
        self.values.get(name).map_or("", |v| v.trim()).to_string()
    }

    fn optional(&self, name: &str) -> Option<String> {
        Some(self.text(name)).filter(|t| !t.is_empty())
    }

    fn refuse(&mut self, name: &'static str, why: String) {
        self.errors.entry(name).or_insert(why);
    }

    fn date(&mut self, name: &'static str, required: bool) -> Option<NaiveDate> {
        let typed = self.text(name);
        if typed.is_empty() {
            if required {
                self.refuse(name, Problem::Required.message(self.lang));
            }
            return None;
        }
        let day = date(&typed);
        if day.is_none() {
            self.refuse(name, member_words(self.lang).not_a_date.into());
        }
        day
    }

    /// One of `choices` by its form value; anything else is refused, and `fallback`
    /// stands in for it.
    fn choice<T: Copy>(&mut self, name: &'static str, choices: &[(&str, T)], fallback: T) -> T {
        let typed = self.text(name);
        if let Some((_, choice)) = choices.iter().find(|(code, _)| *code == typed) {
            return *choice;
        }
        let why = if typed.is_empty() {
            Problem::Required.message(self.lang)
        } else {
            member_words(self.lang).choose_one.into()
        };
        self.refuse(name, why);
        fallback
    }
}

/// Reads the typed details. What cannot be read as typed (a date, a choice) is named
/// here; when anything is, the domain's own checks of the rest are added, so that the
/// person sees every problem at once. `now` rules out births in the future.
pub fn read(values: &Values, lang: Lang, now: DateTime<Utc>) -> Result<PersonalDetails, Errors> {
    let mut r = Reader {
        values,
        lang,
        errors: Errors::new(),
    };
    for name in FIELDS {
        if r.text(name).contains(['<', '>']) {
            r.refuse(name, words(lang).no_markup.into());
        }
    }
    let date_of_birth = r.date("date_of_birth", true);
    let has_document = [
        "document_number",
        "document_issued_on",
        "document_expires_on",
    ]
    .iter()
    .any(|name| !r.text(name).is_empty());
    let document = if has_document {
        let kind = r.choice("document_kind", &DOCUMENT_KINDS, DocumentKind::Passport);
        let issued_on = r.date("document_issued_on", false);
        let expires_on = r.date("document_expires_on", true);
        Some((kind, issued_on, expires_on))
    } else {
        None
    };
    let gender = r.choice("gender", &GENDERS, Gender::Female);
    let parental_consent = r.choice("parental_consent", &[("no", false), ("yes", true)], false);
    // Whatever was typed about a guardian is kept, so that a guardian without a name is
    // refused by the domain rather than dropped.
    let guardian = [
        "guardian_full_name",
        "guardian_relationship",
        "guardian_phone",
    ]
    .iter()
    .any(|name| !r.text(name).is_empty())
    .then(|| Guardian {
        full_name: r.text("guardian_full_name"),
        relationship: r.optional("guardian_relationship"),
        phone: r.optional("guardian_phone"),
    });
    // Stand-ins for dates that could not be read; their fields already say why.
    let today = now.date_naive();
    let details = PersonalDetails {
        full_name: r.text("full_name"),
        chinese_name: r.optional("chinese_name"),
        role: r.text("role"),
        organisation: r.optional("organisation"),
        gender,
        date_of_birth: date_of_birth.unwrap_or(today),
        nationality: r.text("nationality"),
        document: document.map(|(kind, issued_on, expires_on)| Document {
            kind,
            number: r.text("document_number"),
            issued_on,
            expires_on: expires_on.unwrap_or(today),
        }),
        phone: r.optional("phone"),
        email: r.optional("email"),
        dietary_notes: r.optional("dietary_notes"),
        medical_notes: r.optional("medical_notes"),
        guardian,
        parental_consent,
    };
    let mut errors = r.errors;
    if errors.is_empty() {
        return Ok(details);
    }
    let mut problems = Vec::new();
    details.normalised().check("", now, &mut problems);
    add_problems(&mut errors, &problems, lang);
    Err(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_of_the_domain_lands_beside_its_field() {
        for (path, field) in [
            ("members[0].details.document.number", "document_number"),
            ("details.guardian.full_name", "guardian_full_name"),
            (".date_of_birth", "date_of_birth"),
            ("members[0].person_id", "full_name"),
            ("person_id", "full_name"),
            ("members", "full_name"),
        ] {
            assert_eq!(field_of(path), field, "{path}");
        }
    }

    #[test]
    fn a_member_read_back_from_the_form_is_the_same() {
        let details = PersonalDetails {
            full_name: "Hoàng Thị Lan".into(),
            chinese_name: Some("黄氏兰".into()),
            role: "Học sinh".into(),
            organisation: None,
            gender: Gender::Female,
            date_of_birth: NaiveDate::from_ymd_opt(2015, 9, 2).unwrap(),
            nationality: "VN".into(),
            document: Some(Document {
                kind: DocumentKind::BorderPass,
                number: "LC000001".into(),
                issued_on: None,
                expires_on: NaiveDate::from_ymd_opt(2029, 3, 1).unwrap(),
            }),
            phone: None,
            email: None,
            dietary_notes: Some("Không ăn được lạc".into()),
            medical_notes: None,
            guardian: Some(Guardian {
                full_name: "Hoàng Văn Phụ".into(),
                relationship: Some("Bố".into()),
                phone: None,
            }),
            parental_consent: true,
        };
        let now = "2027-01-01T00:00:00Z".parse().unwrap();
        let read = read(&from_details(&details), Lang::Vi, now).unwrap();
        assert!(read == details, "read back differently");
    }
}
