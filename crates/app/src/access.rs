//! Who may do what: one table of role × action × relation to the organisation concerned
//! ([`RULES`]), and the acting person ([`Actor`]) it is checked against. Every door (the
//! JSON API, the pages, an API token) asks the same question here; docs/security.md shows
//! the same table, and a test keeps the two equal.

use domain::access::AccessRole;
use projector::fold;
use uuid::Uuid;

/// What a person asks to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// See a programme: its plan, history, approvals, delegations (counts only) and report.
    SeeProgramme,
    /// Draft, revise, submit or withdraw a programme.
    PlanProgramme,
    /// Postpone or cancel a programme, or send its approval mail again.
    ManageProgramme,
    /// Prepare a delegation: open it, its members, checklist, itinerary, lodging, transport.
    RunDelegation,
    /// Read the members' personal data (names, birth dates, passports, guardians), on a
    /// page or in an export; or forget a member.
    SeePersonalData,
    /// Write the follow-up report and keep its action items.
    RunFollowUp,
    /// Send a follow-up report back, or accept it.
    ReviewFollowUp,
    /// Draft, sign, review, renew and end agreements.
    KeepAgreements,
    /// See an organisation's record and its annual review.
    SeeOrganisation,
    /// Keep an organisation's committees, members, substitutes and approval routes.
    KeepDirectory,
    /// Grant and revoke roles, and see who holds them.
    KeepRoles,
    /// Register a new organisation, import a directory, read the local outbox.
    Administer,
}

impl Action {
    pub const ALL: [Action; 12] = [
        Action::SeeProgramme,
        Action::PlanProgramme,
        Action::ManageProgramme,
        Action::RunDelegation,
        Action::SeePersonalData,
        Action::RunFollowUp,
        Action::ReviewFollowUp,
        Action::KeepAgreements,
        Action::SeeOrganisation,
        Action::KeepDirectory,
        Action::KeepRoles,
        Action::Administer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::SeeProgramme => "see_programme",
            Action::PlanProgramme => "plan_programme",
            Action::ManageProgramme => "manage_programme",
            Action::RunDelegation => "run_delegation",
            Action::SeePersonalData => "see_personal_data",
            Action::RunFollowUp => "run_follow_up",
            Action::ReviewFollowUp => "review_follow_up",
            Action::KeepAgreements => "keep_agreements",
            Action::SeeOrganisation => "see_organisation",
            Action::KeepDirectory => "keep_directory",
            Action::KeepRoles => "keep_roles",
            Action::Administer => "administer",
        }
    }
}

/// How the organisation a person acts for stands to what they act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relation {
    /// It hosts the programme, is a party to the agreement, or is the organisation itself.
    Own,
    /// It co-organises the programme.
    CoOrganiser,
    /// Neither.
    Other,
}

use AccessRole::{Administrator, Approver, Coordinator, Planner};
use Action::*;

/// Which role may do what, for its own organisation's things (`own`) and for those it
/// co-organises (`co`). Nobody acts for an organisation they hold no role in; whatever is
/// not here is refused.
pub const RULES: &[(Action, AccessRole, Reach)] = &[
    (SeeProgramme, Planner, Reach::OwnAndCoOrganised),
    (SeeProgramme, Coordinator, Reach::OwnAndCoOrganised),
    (SeeProgramme, Approver, Reach::OwnAndCoOrganised),
    (SeeProgramme, Administrator, Reach::OwnAndCoOrganised),
    (PlanProgramme, Planner, Reach::Own),
    (PlanProgramme, Administrator, Reach::Own),
    (ManageProgramme, Planner, Reach::Own),
    (ManageProgramme, Administrator, Reach::Own),
    (RunDelegation, Coordinator, Reach::OwnAndCoOrganised),
    (RunDelegation, Administrator, Reach::Own),
    (SeePersonalData, Coordinator, Reach::OwnAndCoOrganised),
    (SeePersonalData, Administrator, Reach::Own),
    (RunFollowUp, Planner, Reach::Own),
    (RunFollowUp, Coordinator, Reach::Own),
    (RunFollowUp, Administrator, Reach::Own),
    (ReviewFollowUp, Approver, Reach::Own),
    (ReviewFollowUp, Administrator, Reach::Own),
    (KeepAgreements, Planner, Reach::Own),
    (KeepAgreements, Coordinator, Reach::Own),
    (KeepAgreements, Administrator, Reach::Own),
    (SeeOrganisation, Planner, Reach::Own),
    (SeeOrganisation, Coordinator, Reach::Own),
    (SeeOrganisation, Approver, Reach::Own),
    (SeeOrganisation, Administrator, Reach::Own),
    (KeepDirectory, Administrator, Reach::Own),
    (KeepRoles, Administrator, Reach::Own),
    (Administer, Administrator, Reach::Own),
];

/// How far a rule reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    Own,
    OwnAndCoOrganised,
}

/// Whether someone holding `role` in an organisation may do `action` to something that
/// organisation stands to as `relation`.
pub fn permits(role: AccessRole, action: Action, relation: Relation) -> bool {
    RULES
        .iter()
        .filter(|(a, r, _)| *a == action && *r == role)
        .any(|(_, _, reach)| {
            matches!(
                (reach, relation),
                (_, Relation::Own) | (Reach::OwnAndCoOrganised, Relation::CoOrganiser)
            )
        })
}

/// One role a person holds in one organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seat {
    pub organisation_id: Uuid,
    /// The organisation's name in the directory, to recognise it among co-organisers,
    /// who are kept as names.
    pub organisation_name: String,
    pub role: AccessRole,
}

/// The person a request acts for: signed in, or by one of their API tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub email: String,
    pub name: String,
    pub seats: Vec<Seat>,
}

/// The organisations something belongs to, as far as access goes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subject {
    /// Organisations it is their own thing of (a programme's host, an agreement's parties,
    /// an organisation itself), by directory id.
    pub owners: Vec<Uuid>,
    /// Owners known by name only (a plan without a directory id).
    pub owner_names: Vec<String>,
    /// Co-organisers, by name.
    pub co_organisers: Vec<String>,
}

impl Subject {
    pub fn organisation(id: Uuid) -> Subject {
        Subject {
            owners: vec![id],
            ..Subject::default()
        }
    }

    fn relation_of(&self, seat: &Seat) -> Relation {
        let name = fold(&seat.organisation_name);
        if self.owners.contains(&seat.organisation_id)
            || self.owner_names.iter().any(|n| fold(n) == name)
        {
            Relation::Own
        } else if self.co_organisers.iter().any(|n| fold(n) == name) {
            Relation::CoOrganiser
        } else {
            Relation::Other
        }
    }
}

impl Actor {
    /// The organisations whose programmes the person sees in lists: every organisation
    /// they hold a role in that lets them see programmes.
    pub fn programmes_seen(&self) -> projector::queries::SeenBy {
        let seats = self
            .seats
            .iter()
            .filter(|seat| permits(seat.role, SeeProgramme, Relation::Own));
        projector::queries::SeenBy {
            organisation_ids: seats.clone().map(|seat| seat.organisation_id).collect(),
            names: seats
                .map(|seat| seat.organisation_name.clone())
                .filter(|name| !name.is_empty())
                .collect(),
        }
    }

    /// Action items the person sees in lists: those of their organisations' programmes,
    /// and their own, wherever they come from.
    pub fn action_items_seen(&self) -> projector::followup_queries::ActionItemViewer {
        projector::followup_queries::ActionItemViewer {
            hosts: self.organisations_for(SeeProgramme),
            email: self.email.clone(),
        }
    }

    /// Whether the person may do `action` to `subject`, through any of their seats.
    pub fn may(&self, action: Action, subject: &Subject) -> bool {
        self.seats
            .iter()
            .any(|seat| permits(seat.role, action, subject.relation_of(seat)))
    }

    /// Whether any of the person's organisations has a part in `subject` at all, so that
    /// a refusal can say "another organisation's" rather than "not your role".
    pub fn has_part_in(&self, subject: &Subject) -> bool {
        self.seats
            .iter()
            .any(|seat| subject.relation_of(seat) != Relation::Other)
    }

    /// Whether the person may do `action` for at least one of their organisations: the
    /// gate of lists, which are then narrowed to what they may see.
    pub fn may_somewhere(&self, action: Action) -> bool {
        self.seats
            .iter()
            .any(|seat| permits(seat.role, action, Relation::Own))
    }

    /// The organisations for which the person may do `action` as their own.
    pub fn organisations_for(&self, action: Action) -> Vec<Uuid> {
        let mut ids: Vec<Uuid> = self
            .seats
            .iter()
            .filter(|seat| permits(seat.role, action, Relation::Own))
            .map(|seat| seat.organisation_id)
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// Whether any of the person's organisations hosts or co-organises `subject`.
    pub fn sees(&self, subject: &Subject) -> bool {
        self.may(Action::SeeProgramme, subject)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seat(role: AccessRole, id: u128, name: &str) -> Seat {
        Seat {
            organisation_id: Uuid::from_u128(id),
            organisation_name: name.into(),
            role,
        }
    }

    fn actor(seats: Vec<Seat>) -> Actor {
        Actor {
            email: "a@example.vn".into(),
            name: "A".into(),
            seats,
        }
    }

    #[test]
    fn nobody_acts_for_an_organisation_they_hold_no_role_in() {
        for action in Action::ALL {
            for role in AccessRole::ALL {
                assert!(
                    !permits(role, action, Relation::Other),
                    "{action:?} {role:?}"
                );
            }
        }
    }

    #[test]
    fn co_organisers_are_recognised_by_name_whatever_the_accents() {
        let coordinator = actor(vec![seat(Coordinator, 2, "Tỉnh Đoàn Lạng Sơn")]);
        let subject = Subject {
            owners: vec![Uuid::from_u128(999)],
            owner_names: vec![],
            co_organisers: vec!["tinh doan lang son".into()],
        };
        assert!(coordinator.may(RunDelegation, &subject));
        assert!(coordinator.may(SeePersonalData, &subject));
        assert!(!coordinator.may(PlanProgramme, &subject));
        assert!(!coordinator.may(RunFollowUp, &subject));
    }

    #[test]
    fn a_planner_plans_only_for_their_own_organisation() {
        let planner = actor(vec![seat(Planner, 1, "Tỉnh Đoàn Cao Bằng")]);
        let own = Subject::organisation(Uuid::from_u128(1));
        let other = Subject::organisation(Uuid::from_u128(3));
        assert!(planner.may(PlanProgramme, &own));
        assert!(!planner.may(PlanProgramme, &other));
        assert!(!planner.may(SeePersonalData, &own));
        assert!(!planner.may_somewhere(KeepRoles));
    }

    /// docs/security.md shows the rules to people; it must say what the code does.
    #[test]
    fn the_table_in_the_security_docs_is_the_rule_table() {
        let doc = include_str!("../../../docs/security.md");
        let table = doc
            .split("<!-- rules:begin -->")
            .nth(1)
            .and_then(|rest| rest.split("<!-- rules:end -->").next())
            .expect("docs/security.md marks its rule table");
        let roles = [Planner, Coordinator, Approver, Administrator];
        let mut expected = String::from(
            "| action | planner | coordinator | approver | administrator |\n|---|---|---|---|---|\n",
        );
        for action in Action::ALL {
            let cells: Vec<&str> = roles
                .iter()
                .map(|role| {
                    match RULES
                        .iter()
                        .find(|(a, r, _)| *a == action && r == role)
                        .map(|(_, _, reach)| *reach)
                    {
                        Some(Reach::Own) => "own",
                        Some(Reach::OwnAndCoOrganised) => "own, co-organised",
                        None => "—",
                    }
                })
                .collect();
            expected.push_str(&format!(
                "| `{}` | {} |\n",
                action.as_str(),
                cells.join(" | ")
            ));
        }
        assert_eq!(
            table.trim(),
            expected.trim(),
            "docs/security.md and RULES differ"
        );
    }
}
