use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How a standing committee reaches its decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionRule {
    /// Every member asked must approve.
    All,
    /// More than half of the members asked must approve.
    Majority,
    /// One approval is enough.
    AnyOne,
    /// Only the chair decides; the others may give their view.
    Chair,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Chair,
    Member,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Person {
    pub name: String,
    pub email: String,
}

/// A member of a committee for the dates they serve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Member {
    pub id: Uuid,
    pub person: Person,
    pub role: Role,
    pub serves_from: NaiveDate,
    /// The last day served; open-ended when not set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serves_until: Option<NaiveDate>,
}

impl Member {
    pub fn serves_on(&self, day: NaiveDate) -> bool {
        self.serves_from <= day && self.serves_until.is_none_or(|until| day <= until)
    }
}

/// Someone who decides for a member who is away, for a window of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Substitution {
    pub member_id: Uuid,
    pub substitute: Person,
    pub from: NaiveDate,
    pub until: NaiveDate,
}

/// A standing committee as it stands at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Committee {
    pub id: Uuid,
    pub name: String,
    pub rule: DecisionRule,
    pub members: Vec<Member>,
    #[serde(default)]
    pub substitutions: Vec<Substitution>,
}

/// One person asked to decide: a member, or a substitute deciding on a member's behalf.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Approver {
    /// The member whose seat this is; a substitute's decision counts as this member's.
    pub member_id: Uuid,
    /// Who is actually asked.
    pub person: Person,
    pub chair: bool,
    /// Set when `person` is a substitute: the member they stand in for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<Person>,
}

impl Committee {
    /// Who is asked when a stage opens on `day`: every member serving that day, each
    /// replaced by their substitute when one is named for that day.
    pub fn approvers_on(&self, day: NaiveDate) -> Vec<Approver> {
        self.members
            .iter()
            .filter(|member| member.serves_on(day))
            .map(|member| {
                let substitute = self
                    .substitutions
                    .iter()
                    .find(|s| s.member_id == member.id && s.from <= day && day <= s.until);
                Approver {
                    member_id: member.id,
                    person: substitute.map_or(member.person.clone(), |s| s.substitute.clone()),
                    chair: member.role == Role::Chair,
                    on_behalf_of: substitute.map(|_| member.person.clone()),
                }
            })
            .collect()
    }
}
