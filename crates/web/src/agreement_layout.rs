//! Where the terms form's two parties (ours and one partner) sit among an agreement's
//! parties, and so beside which field of the form each of the domain's problems is said.

use axum::response::Response;
use domain::agreement::{AgreementTerms, Party};
use domain::{DomainError, FieldError, Lang};
use eventstore::ExecuteError;
use projector::fold;
use uuid::Uuid;

use crate::agreement_terms::keeping_for;
use crate::agreement_words::agreement_words;
use crate::auth::SignedIn;
use crate::pages;
use crate::plan_input::Errors;

/// The parties the form edits: none yet for a new agreement, or those of the terms being
/// revised or renewed, with where ours and the partner's sit among them. A seat past the
/// last party is one the form adds, ours first.
pub struct Layout {
    pub(crate) parties: Vec<Party>,
    pub(crate) ours: usize,
    /// The organisation ours is, among the person's, when the terms have it.
    pub(crate) our_organisation: Option<Uuid>,
    pub(crate) partner: usize,
}

impl Layout {
    /// A new agreement's: ours, then the partner.
    pub fn new() -> Layout {
        Layout::seated(vec![], None)
    }

    fn seated(parties: Vec<Party>, ours: Option<(usize, Uuid)>) -> Layout {
        let len = parties.len();
        let our_seat = ours.map_or(len, |(i, _)| i);
        Layout {
            partner: (0..len)
                .find(|i| *i != our_seat)
                .unwrap_or(len.max(our_seat + 1)),
            ours: our_seat,
            our_organisation: ours.map(|(_, id)| id),
            parties,
        }
    }

    /// Ours is the first party the person keeps agreements for (by its directory id, or
    /// by name when it has none); the partner is the first other one.
    pub fn of(terms: &AgreementTerms, user: &SignedIn) -> Layout {
        let keeping = keeping_for(user);
        let ours = terms.parties.iter().enumerate().find_map(|(i, party)| {
            keeping
                .iter()
                .find(|o| match party.organisation_id {
                    Some(id) => id == o.id,
                    None => fold(&party.name) == fold(&o.name),
                })
                .map(|o| (i, o.id))
        });
        Layout::seated(terms.parties.clone(), ours)
    }

    /// The form's field for a problem's path among the terms (`parties[1].country`),
    /// `fallback` for one the form has no field for.
    pub(crate) fn field_of(&self, path: &str, fallback: &'static str) -> &'static str {
        let path = path.strip_prefix("terms.").unwrap_or(path);
        if let Some(rest) = path.strip_prefix("parties[") {
            let (index, field) = rest.split_once(']').unwrap_or((rest, ""));
            let index = index.parse::<usize>().ok();
            return match field {
                _ if index == Some(self.ours) => "our_party",
                _ if index != Some(self.partner) => fallback,
                ".country" => "partner_country",
                ".region" => "partner_region",
                _ => "partner_name",
            };
        }
        let first = path.split(['.', '[']).next().unwrap_or("");
        match (first, path) {
            ("title", _) => "title",
            ("parties", _) => "our_party",
            ("areas", _) => "areas",
            (_, "period.start") => "start",
            ("period", _) => "end",
            (_, "review_cadence.before_expiry_days") => "before_expiry",
            ("review_cadence", _) => "review_every",
            (_, "coordinator.email") => "coordinator_email",
            ("coordinator", _) => "coordinator_name",
            _ => fallback,
        }
    }
}

/// Where the form shows a refused command: beside its fields, or the page of an outage.
pub struct Refusal<'a> {
    pub layout: &'a Layout,
    /// The form's fields beyond the terms', which the domain calls by the same names.
    pub own: &'a [&'static str],
    /// The field beside which a refusal about nothing on the form is said.
    pub fallback: &'static str,
}

impl<'a> Refusal<'a> {
    /// For the form of the terms alone.
    pub fn of_terms(layout: &'a Layout) -> Refusal<'a> {
        Refusal {
            layout,
            own: &[],
            fallback: "title",
        }
    }

    /// Adds the domain's problems to the form's errors, the first per field.
    pub(crate) fn add(&self, errors: &mut Errors, problems: &[FieldError], lang: Lang) {
        for problem in problems {
            let field = self
                .own
                .iter()
                .find(|name| **name == problem.field)
                .copied()
                .unwrap_or_else(|| self.layout.field_of(&problem.field, self.fallback));
            errors
                .entry(field)
                .or_insert_with(|| problem.problem.message(lang));
        }
    }

    /// Puts what a refused command means into `errors`; the page of an outage instead.
    pub fn of(&self, error: ExecuteError, lang: Lang, errors: &mut Errors) -> Option<Response> {
        match error {
            ExecuteError::Rejected(DomainError::Invalid(problems)) => {
                self.add(errors, &problems, lang);
            }
            ExecuteError::Rejected(other) => {
                errors.insert(self.fallback, other.message(lang));
            }
            ExecuteError::VersionConflict { .. } => {
                errors.insert(self.fallback, agreement_words(lang).stale.into());
            }
            other => return Some(pages::unavailable(lang, &other)),
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_of_the_partner_go_beside_its_own_cells() {
        let layout = Layout::new();
        for (path, field) in [
            ("parties[1].country", "partner_country"),
            ("parties[1].name", "partner_name"),
            ("terms.parties[1].region", "partner_region"),
            ("parties[0].name", "our_party"),
            ("parties[4].name", "title"),
            ("parties", "our_party"),
            ("period.start", "start"),
            ("period.end", "end"),
            ("review_cadence.every", "review_every"),
            ("review_cadence.before_expiry_days", "before_expiry"),
            ("coordinator.email", "coordinator_email"),
            ("coordinator", "coordinator_name"),
            ("areas[2]", "areas"),
            ("terms.title", "title"),
        ] {
            assert_eq!(layout.field_of(path, "title"), field, "{path}");
        }
    }

    fn party(name: &str, organisation: Option<u128>) -> Party {
        Party {
            name: name.into(),
            country: "VN".into(),
            region: None,
            organisation_id: organisation.map(Uuid::from_u128),
        }
    }

    /// Terms made through the API keep their other parties where they are; ours, when
    /// the terms lack it, is added after them.
    #[test]
    fn the_form_sits_its_two_parties_among_the_others() {
        let ours = (2, Uuid::from_u128(7));
        let parties = vec![
            party("Tỉnh Đoàn Hà Giang", None),
            party("Đoàn Thanh niên Quảng Tây", None),
            party("Tỉnh Đoàn Cao Bằng", Some(7)),
        ];
        let layout = Layout::seated(parties.clone(), Some(ours));
        assert_eq!((layout.ours, layout.partner), (2, 0));
        let layout = Layout::seated(parties[..1].to_vec(), None);
        assert_eq!((layout.ours, layout.partner), (1, 0));
        let layout = Layout::seated(parties[2..].to_vec(), Some((0, ours.1)));
        assert_eq!((layout.ours, layout.partner), (0, 1));
    }
}
