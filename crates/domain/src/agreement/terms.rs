use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{FieldError, Problem};
use crate::text::{clean, clean_optional};
use crate::values::{Contact, FIRST_YEAR, LAST_YEAR, check_count, check_text};

/// One side of an agreement, e.g. Tỉnh Đoàn Cao Bằng or the Youth League of Guangxi.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub name: String,
    /// ISO 3166-1 alpha-2, e.g. `VN` or `CN`.
    pub country: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The party as registered in the directory, when it is: its annual review lists the
    /// agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation_id: Option<Uuid>,
}

/// The period of validity: from its first day to its last day, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CadenceUnit {
    Month,
    Year,
}

/// How often the agreement is reviewed, counted from its signing, and how long before it
/// expires the last review takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewCadence {
    pub every: u32,
    pub unit: CadenceUnit,
    #[serde(default = "default_before_expiry_days")]
    pub before_expiry_days: u32,
}

impl ReviewCadence {
    /// How many days before expiry the last review falls when nobody says otherwise.
    pub const DEFAULT_BEFORE_EXPIRY_DAYS: u32 = 30;
}

fn default_before_expiry_days() -> u32 {
    ReviewCadence::DEFAULT_BEFORE_EXPIRY_DAYS
}

/// A file that belongs to the agreement: the signed text, a translation, minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentRef {
    pub title: String,
    /// Where the file is kept: a link, or a path in the organisation's file store.
    pub reference: String,
}

impl DocumentRef {
    pub fn normalised(&self) -> DocumentRef {
        DocumentRef {
            title: clean(&self.title),
            reference: clean(&self.reference),
        }
    }

    pub fn check(&self, path: &str, errors: &mut Vec<FieldError>) {
        check_text(&format!("{path}.title"), &self.title, 200, true, errors);
        check_text(
            &format!("{path}.reference"),
            &self.reference,
            1000,
            true,
            errors,
        );
    }
}

/// What the parties agree to, as drafted before signing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementTerms {
    pub title: String,
    pub parties: Vec<Party>,
    /// Areas of cooperation, e.g. digital transformation, OCOP products.
    #[serde(default)]
    pub areas: Vec<String>,
    pub period: Period,
    pub review_cadence: ReviewCadence,
    /// Who follows the agreement up and is reminded of its reviews and expiry.
    #[serde(default)]
    pub coordinator: Option<Contact>,
}

pub const MAX_MONTHS: u32 = 120;
pub const MAX_YEARS: u32 = 10;

impl AgreementTerms {
    pub fn normalised(&self) -> AgreementTerms {
        AgreementTerms {
            title: clean(&self.title),
            parties: self
                .parties
                .iter()
                .map(|p| Party {
                    name: clean(&p.name),
                    country: clean(&p.country).to_uppercase(),
                    region: clean_optional(p.region.as_deref()),
                    organisation_id: p.organisation_id,
                })
                .collect(),
            areas: self
                .areas
                .iter()
                .map(|a| clean(a))
                .filter(|a| !a.is_empty())
                .collect(),
            period: self.period,
            review_cadence: self.review_cadence,
            coordinator: self.coordinator.as_ref().map(|c| Contact {
                name: clean(&c.name),
                email: clean(&c.email),
            }),
        }
    }

    /// Every problem at once, each named by its JSON path.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_text("title", &self.title, 300, true, &mut errors);
        if self.parties.len() < 2 {
            errors.push(FieldError::new("parties", Problem::TooFew { min: 2 }));
        }
        check_count("parties", &self.parties, 20, &mut errors);
        for (i, party) in self.parties.iter().enumerate() {
            let path = format!("parties[{i}]");
            check_text(&format!("{path}.name"), &party.name, 200, true, &mut errors);
            let country_ok =
                party.country.len() == 2 && party.country.chars().all(|c| c.is_ascii_uppercase());
            if !country_ok {
                errors.push(FieldError::new(
                    format!("{path}.country"),
                    Problem::InvalidCountry,
                ));
            }
            if let Some(region) = &party.region {
                check_text(&format!("{path}.region"), region, 200, false, &mut errors);
            }
        }
        check_count("areas", &self.areas, 30, &mut errors);
        for (i, area) in self.areas.iter().enumerate() {
            check_text(&format!("areas[{i}]"), area, 300, true, &mut errors);
        }
        for (name, date) in [("start", self.period.start), ("end", self.period.end)] {
            if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
                errors.push(FieldError::new(
                    format!("period.{name}"),
                    Problem::OutOfRange {
                        min: FIRST_YEAR.into(),
                        max: LAST_YEAR.into(),
                    },
                ));
            }
        }
        if self.period.end < self.period.start {
            errors.push(FieldError::new("period.end", Problem::EndBeforeStart));
        }
        let cadence = &self.review_cadence;
        let max = match cadence.unit {
            CadenceUnit::Month => MAX_MONTHS,
            CadenceUnit::Year => MAX_YEARS,
        };
        if !(1..=max).contains(&cadence.every) {
            errors.push(FieldError::new(
                "review_cadence.every",
                Problem::OutOfRange {
                    min: 1,
                    max: max.into(),
                },
            ));
        }
        if cadence.before_expiry_days > 365 {
            errors.push(FieldError::new(
                "review_cadence.before_expiry_days",
                Problem::OutOfRange { min: 0, max: 365 },
            ));
        }
        match &self.coordinator {
            None => errors.push(FieldError::new("coordinator", Problem::Required)),
            Some(coordinator) => coordinator.check("coordinator", &mut errors),
        }
        errors
    }
}
