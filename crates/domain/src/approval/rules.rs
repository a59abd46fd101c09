use serde::{Deserialize, Serialize};

use super::committee::DecisionRule;

/// One member's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "choice", rename_all = "snake_case")]
pub enum Decision {
    /// An approval, with what the member (or an advisory committee) adds to it. Stored
    /// approvals from before comments were kept read as approvals without one.
    Approve {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
    },
    RequestChanges {
        comment: String,
    },
    Decline {
        reason: String,
    },
}

/// Where a stage stands given the decisions so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StageOutcome {
    Undecided,
    Approved,
    ChangesRequested,
    Declined,
}

/// A seat's state when the rule is weighed: whether it belongs to the chair, and its
/// decision if it has made one.
pub struct Seat<'a> {
    pub chair: bool,
    pub decision: Option<&'a Decision>,
}

/// Applies a committee's rule to its seats. A request for changes from anyone whose
/// decision counts sends the plan back at once: the planner must answer it before the
/// committee goes on. A stage is declined as soon as approval can no longer be reached.
pub fn weigh(rule: DecisionRule, seats: &[Seat<'_>]) -> StageOutcome {
    let deciding: Vec<&Seat<'_>> = match rule {
        DecisionRule::Chair => seats.iter().filter(|s| s.chair).collect(),
        _ => seats.iter().collect(),
    };
    let total = deciding.len();
    let (mut approve, mut undecided, mut changes) = (0, 0, 0);
    for seat in deciding {
        match seat.decision {
            None => undecided += 1,
            Some(Decision::Approve { .. }) => approve += 1,
            Some(Decision::RequestChanges { .. }) => changes += 1,
            Some(Decision::Decline { .. }) => {}
        }
    }
    if total == 0 {
        return StageOutcome::Undecided;
    }
    if changes > 0 {
        return StageOutcome::ChangesRequested;
    }
    let needed = match rule {
        DecisionRule::All => total,
        DecisionRule::Majority => total / 2 + 1,
        DecisionRule::AnyOne | DecisionRule::Chair => 1,
    };
    if approve >= needed {
        StageOutcome::Approved
    } else if approve + undecided < needed {
        StageOutcome::Declined
    } else {
        StageOutcome::Undecided
    }
}
