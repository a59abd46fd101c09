use serde::{Deserialize, Serialize};

/// Where a programme stands. The whole lifecycle is drawn here; the approval and follow-up
/// steps that move a programme through the later states arrive with their own events.
///
/// ```text
/// draft → submitted → under_review → approved → in_preparation → held → followed_up → closed
///                          ↓   ↘ rejected
///                  changes_requested → (revise, resubmit) → submitted
/// any open state → postponed (new dates, resubmit) | cancelled
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Submitted,
    UnderReview,
    Approved,
    ChangesRequested,
    Rejected,
    InPreparation,
    Held,
    FollowedUp,
    Closed,
    Cancelled,
    Postponed,
}

impl Status {
    pub const ALL: [Status; 12] = [
        Status::Draft,
        Status::Submitted,
        Status::UnderReview,
        Status::Approved,
        Status::ChangesRequested,
        Status::Rejected,
        Status::InPreparation,
        Status::Held,
        Status::FollowedUp,
        Status::Closed,
        Status::Cancelled,
        Status::Postponed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::UnderReview => "under_review",
            Status::Approved => "approved",
            Status::ChangesRequested => "changes_requested",
            Status::Rejected => "rejected",
            Status::InPreparation => "in_preparation",
            Status::Held => "held",
            Status::FollowedUp => "followed_up",
            Status::Closed => "closed",
            Status::Cancelled => "cancelled",
            Status::Postponed => "postponed",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The planner may change the plan freely: nobody has been asked to approve it yet,
    /// or it came back to them.
    pub(crate) fn is_with_planner(self) -> bool {
        matches!(
            self,
            Status::Draft | Status::ChangesRequested | Status::Postponed
        )
    }

    /// Approval has been sought or given; changing the substance sends it back to draft.
    pub(crate) fn is_committed(self) -> bool {
        matches!(
            self,
            Status::Submitted | Status::UnderReview | Status::Approved | Status::InPreparation
        )
    }

    /// Nothing can change any more: the programme ended one way or another.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Rejected | Status::Closed | Status::Cancelled)
    }
}
