use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

use crate::error::{FieldError, Problem};
use crate::text::{clean, clean_optional};
use crate::values::{BudgetLine, Contact, Partner, Schedule, check_count, check_text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeKind {
    DelegationVisit,
    Reception,
    OnlineConference,
    Seminar,
    MouSigning,
    Cultural,
    Childrens,
    TradePromotion,
    Other,
}

impl ProgrammeKind {
    pub const ALL: [ProgrammeKind; 9] = [
        ProgrammeKind::DelegationVisit,
        ProgrammeKind::Reception,
        ProgrammeKind::OnlineConference,
        ProgrammeKind::Seminar,
        ProgrammeKind::MouSigning,
        ProgrammeKind::Cultural,
        ProgrammeKind::Childrens,
        ProgrammeKind::TradePromotion,
        ProgrammeKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProgrammeKind::DelegationVisit => "delegation_visit",
            ProgrammeKind::Reception => "reception",
            ProgrammeKind::OnlineConference => "online_conference",
            ProgrammeKind::Seminar => "seminar",
            ProgrammeKind::MouSigning => "mou_signing",
            ProgrammeKind::Cultural => "cultural",
            ProgrammeKind::Childrens => "childrens",
            ProgrammeKind::TradePromotion => "trade_promotion",
            ProgrammeKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<ProgrammeKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// An old and a new value, as kept in every revision so that history reads without replay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Change<T> {
    pub from: T,
    pub to: T,
}

/// Deserialises a present field as `Some`, so that for a clearable field an explicit `null`
/// means "clear it" (`Some(None)`) while a missing field means "leave it" (`None`).
fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// One list of the plan's fields generates the plan, the patch a planner sends to revise
/// it, and the changes a revision records, so the three can never drift apart.
macro_rules! plan_fields {
    ($($(#[$doc:meta])* $field:ident : $ty:ty),* $(,)?) => {
        /// Everything a planner decides about a programme.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct Plan {
            $($(#[$doc])* pub $field: $ty,)*
        }

        /// The fields a revision changes; absent fields stay as they are.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct PlanPatch {
            $(
                #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
        }

        /// What one revision changed, field by field, with the old and new values.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
        pub struct PlanChanges {
            $(
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<Change<$ty>>,
            )*
        }

        impl PlanPatch {
            pub fn applied_to(&self, plan: &Plan) -> Plan {
                Plan {
                    $($field: self.$field.clone().unwrap_or_else(|| plan.$field.clone()),)*
                }
            }
        }

        impl PlanChanges {
            pub fn between(old: &Plan, new: &Plan) -> PlanChanges {
                PlanChanges {
                    $($field: (old.$field != new.$field).then(|| Change {
                        from: old.$field.clone(),
                        to: new.$field.clone(),
                    }),)*
                }
            }

            pub fn apply_to(&self, plan: &mut Plan) {
                $(if let Some(change) = &self.$field {
                    plan.$field = change.to.clone();
                })*
            }

            pub fn changed_fields(&self) -> Vec<&'static str> {
                let mut names = Vec::new();
                $(if self.$field.is_some() {
                    names.push(stringify!($field));
                })*
                names
            }

            pub fn is_empty(&self) -> bool {
                self.changed_fields().is_empty()
            }
        }
    };
}

plan_fields! {
    title: String,
    kind: ProgrammeKind,
    /// The organisation that plans and hosts, e.g. Tỉnh Đoàn Cao Bằng.
    host_organisation: String,
    /// The host as registered in the directory: its approval route is the one followed.
    /// Needed before submitting.
    host_organisation_id: Option<Uuid>,
    #[serde(default)]
    co_organisers: Vec<String>,
    partners: Vec<Partner>,
    schedule: Schedule,
    venue: Option<String>,
    border_gate: Option<String>,
    /// May be empty in a draft; required before submission.
    #[serde(default)]
    objectives: String,
    expected_delegation_size: u32,
    #[serde(default)]
    budget: Vec<BudgetLine>,
    /// The agreement (MOU) this programme carries out, if any.
    agreement_id: Option<Uuid>,
    coordinator: Option<Contact>,
}

pub const MAX_TITLE: usize = 200;
pub const MAX_DELEGATION: u32 = 2000;

impl Plan {
    /// Trims what people typed so that stray spaces never count as a change.
    pub fn normalised(&self) -> Plan {
        Plan {
            title: clean(&self.title),
            kind: self.kind,
            host_organisation: clean(&self.host_organisation),
            host_organisation_id: self.host_organisation_id,
            co_organisers: self.co_organisers.iter().map(|s| clean(s)).collect(),
            partners: self
                .partners
                .iter()
                .map(|p| Partner {
                    name: clean(&p.name),
                    country: clean(&p.country).to_uppercase(),
                    region: clean_optional(p.region.as_deref()),
                })
                .collect(),
            schedule: Schedule {
                timezone: clean(&self.schedule.timezone),
                ..self.schedule.clone()
            },
            venue: clean_optional(self.venue.as_deref()),
            border_gate: clean_optional(self.border_gate.as_deref()),
            objectives: clean(&self.objectives),
            expected_delegation_size: self.expected_delegation_size,
            budget: self
                .budget
                .iter()
                .map(|line| BudgetLine {
                    label: clean(&line.label),
                    ..line.clone()
                })
                .collect(),
            agreement_id: self.agreement_id,
            coordinator: self.coordinator.as_ref().map(|c| Contact {
                name: clean(&c.name),
                email: clean(&c.email),
            }),
        }
    }

    /// Every problem at once, so a form can show them all next to their fields.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_text("title", &self.title, MAX_TITLE, true, &mut errors);
        check_text(
            "host_organisation",
            &self.host_organisation,
            200,
            true,
            &mut errors,
        );
        check_count("co_organisers", &self.co_organisers, 20, &mut errors);
        for (i, name) in self.co_organisers.iter().enumerate() {
            check_text(&format!("co_organisers[{i}]"), name, 200, true, &mut errors);
        }
        if self.partners.is_empty() {
            errors.push(FieldError::new("partners", Problem::Required));
        }
        check_count("partners", &self.partners, 20, &mut errors);
        for (i, partner) in self.partners.iter().enumerate() {
            partner.check(&format!("partners[{i}]"), &mut errors);
        }
        self.schedule.check("schedule", &mut errors);
        if let Some(venue) = &self.venue {
            check_text("venue", venue, 300, false, &mut errors);
        }
        if let Some(gate) = &self.border_gate {
            check_text("border_gate", gate, 200, false, &mut errors);
        }
        check_text("objectives", &self.objectives, 5000, false, &mut errors);
        if !(1..=MAX_DELEGATION).contains(&self.expected_delegation_size) {
            errors.push(FieldError::new(
                "expected_delegation_size",
                Problem::OutOfRange {
                    min: 1,
                    max: MAX_DELEGATION.into(),
                },
            ));
        }
        check_count("budget", &self.budget, 100, &mut errors);
        for (i, line) in self.budget.iter().enumerate() {
            line.check(&format!("budget[{i}]"), &mut errors);
        }
        if let Some(coordinator) = &self.coordinator {
            coordinator.check("coordinator", &mut errors);
        }
        errors
    }

    /// What must be filled in before anyone is asked to approve the plan.
    pub fn missing_for_submission(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.objectives.is_empty() {
            errors.push(FieldError::new(
                "objectives",
                Problem::RequiredForSubmission,
            ));
        }
        if self.coordinator.is_none() {
            errors.push(FieldError::new(
                "coordinator",
                Problem::RequiredForSubmission,
            ));
        }
        if self.host_organisation_id.is_none() {
            errors.push(FieldError::new(
                "host_organisation_id",
                Problem::RequiredForSubmission,
            ));
        }
        errors
    }
}
