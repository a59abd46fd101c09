//! An agreement's terms as typed into a form: kept as text so that a refused form shows
//! exactly what was typed, read into `AgreementTerms` with a message beside each field
//! that is wrong. The form shows two parties, ours and one partner; the other parties of
//! terms made through the API stay as they are.

use app::access::Action;
use chrono::{Datelike, Days, Months, NaiveDate};
use domain::agreement::{AgreementTerms, CadenceUnit, Party, Period, ReviewCadence};
use domain::labels::{NAMED_COUNTRIES, country_name};
use domain::values::Contact;
use domain::{Lang, Problem};
use projector::fold;
use uuid::Uuid;

use crate::agreement_layout::{Layout, Refusal};
use crate::agreement_words::agreement_words;
use crate::auth::{Organisation, SignedIn};
use crate::form::Form;
use crate::form_page::Field;
use crate::plan_input::{Errors, Values, date};
use crate::words::words;

/// The form's fields, in the order shown.
pub const FIELDS: [&str; 13] = [
    "title",
    "our_party",
    "partner_name",
    "partner_country",
    "partner_region",
    "areas",
    "start",
    "end",
    "review_every",
    "review_unit",
    "before_expiry",
    "coordinator_name",
    "coordinator_email",
];

/// The organisations the person keeps agreements for: the form offers these as ours.
pub fn keeping_for(user: &SignedIn) -> Vec<&Organisation> {
    let ids = user.actor.organisations_for(Action::KeepAgreements);
    user.organisations
        .iter()
        .filter(|o| ids.contains(&o.id))
        .collect()
}

/// The values of `names` as posted.
pub fn from_form(form: &Form, names: &[&'static str]) -> Values {
    names
        .iter()
        .map(|name| (*name, form.get(name).to_string()))
        .collect()
}

fn unit_value(unit: CadenceUnit) -> &'static str {
    match unit {
        CadenceUnit::Month => "month",
        CadenceUnit::Year => "year",
    }
}

/// A new agreement's form: the person's first organisation as ours, a partner in China,
/// a yearly review, and the person following it up.
pub fn defaults(user: &SignedIn) -> Values {
    let mut v = Values::new();
    if let Some(first) = keeping_for(user).first() {
        v.insert("our_party", first.id.to_string());
    }
    v.insert("partner_country", "CN".into());
    v.insert("review_every", "1".into());
    v.insert("review_unit", unit_value(CadenceUnit::Year).into());
    v.insert(
        "before_expiry",
        ReviewCadence::DEFAULT_BEFORE_EXPIRY_DAYS.to_string(),
    );
    v.insert("coordinator_name", user.name.clone());
    v.insert("coordinator_email", user.email.clone());
    v
}

/// The terms as the form shows them.
pub fn from_terms(terms: &AgreementTerms, layout: &Layout) -> Values {
    let mut v = Values::new();
    v.insert("title", terms.title.clone());
    if let Some(id) = layout.our_organisation {
        v.insert("our_party", id.to_string());
    }
    if let Some(partner) = terms.parties.get(layout.partner) {
        v.insert("partner_name", partner.name.clone());
        v.insert("partner_country", partner.country.clone());
        v.insert("partner_region", partner.region.clone().unwrap_or_default());
    }
    v.insert("areas", terms.areas.join("\n"));
    v.insert("start", terms.period.start.to_string());
    v.insert("end", terms.period.end.to_string());
    let cadence = terms.review_cadence;
    v.insert("review_every", cadence.every.to_string());
    v.insert("review_unit", unit_value(cadence.unit).into());
    v.insert("before_expiry", cadence.before_expiry_days.to_string());
    let coordinator = terms.coordinator.as_ref();
    v.insert(
        "coordinator_name",
        coordinator.map(|c| c.name.clone()).unwrap_or_default(),
    );
    v.insert(
        "coordinator_email",
        coordinator.map(|c| c.email.clone()).unwrap_or_default(),
    );
    v
}

/// The period after `period`, as long in whole months (at least one): what a renewal
/// most often agrees, for the person to change if not.
pub fn next_period(period: Period) -> Period {
    let start = period.end + Days::new(1);
    let months = (start.year() - period.start.year()) * 12 + start.month() as i32
        - period.start.month() as i32
        - i32::from(start.day() < period.start.day());
    let months = u32::try_from(months).unwrap_or(0).max(1);
    let end = start
        .checked_add_months(Months::new(months))
        .and_then(|d| d.pred_opt())
        .unwrap_or(start);
    Period { start, end }
}

fn typed<'a>(values: &'a Values, name: &str) -> &'a str {
    values.get(name).map_or("", |v| v.trim())
}

fn optional(text: &str) -> Option<String> {
    Some(text.to_owned()).filter(|t| !t.is_empty())
}

/// Reads the typed terms into `layout`'s parties; every problem at once, by field.
pub fn read(values: &Values, user: &SignedIn, layout: &Layout) -> Result<AgreementTerms, Errors> {
    let lang = user.lang;
    let w = words(lang);
    let get = |name: &str| typed(values, name);
    let mut errors = Errors::new();
    for name in FIELDS {
        if get(name).contains(['<', '>']) {
            errors.insert(name, w.no_markup.into());
        }
    }
    let chosen = Uuid::parse_str(get("our_party")).ok();
    let organisation = keeping_for(user).into_iter().find(|o| Some(o.id) == chosen);
    let mut parties = layout.parties.clone();
    match organisation {
        None => {
            errors.insert("our_party", Problem::Required.message(lang));
        }
        // The same organisation as before keeps its party as it was written.
        Some(o) if layout.our_organisation == Some(o.id) => {}
        Some(o) => place(
            &mut parties,
            layout.ours,
            Party {
                name: o.name.clone(),
                country: "VN".into(),
                region: None,
                organisation_id: Some(o.id),
            },
        ),
    }
    let partner_name = get("partner_name");
    // A partner renamed is another organisation: its directory id does not follow it.
    let partner_id = layout
        .parties
        .get(layout.partner)
        .filter(|p| fold(&p.name) == fold(partner_name))
        .and_then(|p| p.organisation_id);
    place(
        &mut parties,
        layout.partner,
        Party {
            name: partner_name.to_owned(),
            country: get("partner_country").to_uppercase(),
            region: optional(get("partner_region")),
            organisation_id: partner_id,
        },
    );
    let mut day = |name: &'static str| {
        date(get(name)).unwrap_or_else(|| {
            errors.insert(name, w.not_a_date.into());
            NaiveDate::default()
        })
    };
    let period = Period {
        start: day("start"),
        end: day("end"),
    };
    let mut number = |name: &'static str| {
        get(name).parse::<u32>().unwrap_or_else(|_| {
            errors.insert(name, w.not_a_number.into());
            0
        })
    };
    let (every, before_expiry_days) = (number("review_every"), number("before_expiry"));
    let unit = match get("review_unit") {
        "month" => CadenceUnit::Month,
        "year" => CadenceUnit::Year,
        _ => {
            errors.insert("review_unit", Problem::Required.message(lang));
            CadenceUnit::Year
        }
    };
    let coordinator = match (
        optional(get("coordinator_name")),
        optional(get("coordinator_email")),
    ) {
        (None, None) => None,
        (name, email) => Some(Contact {
            name: name.unwrap_or_default(),
            email: email.unwrap_or_default(),
        }),
    };
    let terms = AgreementTerms {
        title: get("title").to_owned(),
        parties,
        areas: get("areas")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
        period,
        review_cadence: ReviewCadence {
            every,
            unit,
            before_expiry_days,
        },
        coordinator,
    }
    .normalised();
    Refusal::of_terms(layout).add(&mut errors, &terms.problems(), lang);
    if errors.is_empty() {
        Ok(terms)
    } else {
        Err(errors)
    }
}

/// Puts `party` in its seat, or adds it after the others when its seat is past them.
fn place(parties: &mut Vec<Party>, seat: usize, party: Party) {
    match parties.get_mut(seat) {
        Some(slot) => *slot = party,
        None => parties.push(party),
    }
}

/// The terms' fields of the form.
pub fn fields(user: &SignedIn, values: &Values, errors: &Errors) -> Vec<Field> {
    let lang = user.lang;
    let a = agreement_words(lang);
    let f = |name, label, input| Field::new(name, label, input, values, errors);
    let ours = keeping_for(user)
        .iter()
        .map(|o| (o.id.to_string(), o.name.clone()))
        .collect();
    let units = vec![
        (unit_value(CadenceUnit::Year).to_owned(), a.years.to_owned()),
        (
            unit_value(CadenceUnit::Month).to_owned(),
            a.months.to_owned(),
        ),
    ];
    vec![
        f("title", a.title, "text").required(),
        f("our_party", a.our_party, "select")
            .required()
            .options(ours),
        f("partner_name", a.partner_name, "text").required(),
        f("partner_country", a.partner_country, "select")
            .required()
            .options(countries(typed(values, "partner_country"), lang)),
        f("partner_region", a.partner_region, "text").hint(a.partner_region_hint),
        f("areas", a.areas, "textarea").hint(a.areas_hint),
        date_field(f("start", a.start, "date").required()),
        date_field(f("end", a.end, "date").required()),
        f("review_every", a.review_every, "number").required(),
        f("review_unit", a.review_unit, "select").options(units),
        f("before_expiry", a.before_expiry, "number"),
        f("coordinator_name", a.coordinator_name, "text")
            .required()
            .hint(a.coordinator_hint),
        f("coordinator_email", a.coordinator_email, "email").required(),
    ]
}

/// A date field shows a date typed as `21/11/2027` the way a date field reads it back
/// (`2027-11-21`), so that a refused form keeps it in browsers with a date picker.
pub fn date_field(mut field: Field) -> Field {
    if let Some(day) = date(&field.value) {
        field.value = day.to_string();
    }
    field
}

/// The named countries, and the one chosen when it is not among them.
fn countries(chosen: &str, lang: Lang) -> Vec<(String, String)> {
    let chosen = chosen.to_uppercase();
    let mut countries: Vec<(String, String)> = NAMED_COUNTRIES
        .iter()
        .map(|code| ((*code).to_owned(), country_name(code, lang)))
        .collect();
    if !chosen.is_empty() && !NAMED_COUNTRIES.contains(&chosen.as_str()) {
        countries.push((chosen.clone(), chosen));
    }
    countries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn a_renewal_is_offered_a_period_as_long_as_the_last() {
        let four_years = Period {
            start: day(2023, 11, 21),
            end: day(2027, 11, 20),
        };
        assert_eq!(
            next_period(four_years),
            Period {
                start: day(2027, 11, 21),
                end: day(2031, 11, 20)
            }
        );
        let calendar_year = Period {
            start: day(2024, 1, 1),
            end: day(2024, 12, 31),
        };
        assert_eq!(next_period(calendar_year).end, day(2025, 12, 31));
    }
}
