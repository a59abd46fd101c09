//! What an import file says, whatever its format: organisations with their committees,
//! members, substitutes and routes, every value still as written and with the place in the
//! file it came from, so that each problem can point at its line and field.

/// A place in the file: its line (the row, for CSV) and the field, named as the file
/// names it (`organisations[0].committees[1].members[2].email`, or a CSV column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    pub line: u64,
    pub field: String,
}

impl Spot {
    pub fn new(line: u64, field: impl Into<String>) -> Self {
        Self {
            line,
            field: field.into(),
        }
    }
}

/// A value as written, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub at: Spot,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationSpec {
    pub key: Text,
    pub name: Text,
    pub kind: Text,
    pub province: Option<Text>,
    pub committees: Vec<CommitteeSpec>,
    pub routes: Vec<RouteSpec>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitteeSpec {
    pub key: Text,
    pub name: Text,
    pub rule: Text,
    pub members: Vec<MemberSpec>,
    pub substitutes: Vec<SubstituteSpec>,
}

/// A member is known within their committee by their email address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberSpec {
    pub at: Spot,
    pub name: Text,
    pub email: Text,
    pub role: Text,
    pub serves_from: Text,
    pub serves_until: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubstituteSpec {
    pub at: Spot,
    /// The email address of the member stood in for.
    pub member: Text,
    pub name: Text,
    pub email: Text,
    pub from: Text,
    pub until: Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteSpec {
    pub key: Text,
    pub name: Text,
    /// Empty: the route applies to every kind.
    pub kinds: Vec<Text>,
    pub stages: Vec<StageSpec>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageSpec {
    /// `committee-key` for one of the organisation's own committees, or
    /// `organisation-key/committee-key` for another's.
    pub committee: Text,
    pub advisory: bool,
}
