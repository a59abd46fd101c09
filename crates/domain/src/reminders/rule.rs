use serde::{Deserialize, Serialize};

/// What a reminder is about. The stable names are used in keys, settings and preferences.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// An approver has not decided yet.
    ApprovalPending,
    /// An approver has not decided for long: their committee's chair and the planner hear.
    ApprovalEscalation,
    /// A logistics task or document is due, or overdue: its owner and the coordinator.
    TaskDue,
    /// A follow-up report is due, or overdue: the planner.
    ReportDue,
    /// An action item is due, or overdue: its owner.
    ActionItemDue,
    /// An agreement's review date is near: the organisation's planners.
    AgreementReview,
    /// An agreement expires soon: the organisation's planners.
    AgreementExpiry,
}

impl Rule {
    pub const ALL: [Rule; 7] = [
        Rule::ApprovalPending,
        Rule::ApprovalEscalation,
        Rule::TaskDue,
        Rule::ReportDue,
        Rule::ActionItemDue,
        Rule::AgreementReview,
        Rule::AgreementExpiry,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Rule::ApprovalPending => "approval_pending",
            Rule::ApprovalEscalation => "approval_escalation",
            Rule::TaskDue => "task_due",
            Rule::ReportDue => "report_due",
            Rule::ActionItemDue => "action_item_due",
            Rule::AgreementReview => "agreement_review",
            Rule::AgreementExpiry => "agreement_expiry",
        }
    }

    pub fn parse(text: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// Approvals hold other people up: no one can opt out of their reminders.
    pub fn can_opt_out(self) -> bool {
        !matches!(self, Rule::ApprovalPending | Rule::ApprovalEscalation)
    }
}

/// When a rule fires. Deadlines with a due date use `lead_days` (and `overdue`);
/// things that wait (a pending approval) use `after_days` and `repeat_days`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct RuleSettings {
    pub enabled: bool,
    /// Days before the due date on which to remind, e.g. 7, 3 and 1.
    pub lead_days: Vec<u32>,
    /// Remind once more the day after the due date has passed.
    pub overdue: bool,
    /// First reminder after this many days of waiting.
    pub after_days: u32,
    /// Then again every this many days (0: only once).
    pub repeat_days: u32,
}

impl Default for RuleSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            lead_days: vec![],
            overdue: true,
            after_days: 0,
            repeat_days: 0,
        }
    }
}

/// The settings of every rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub approval_pending: RuleSettings,
    pub approval_escalation: RuleSettings,
    pub task_due: RuleSettings,
    pub report_due: RuleSettings,
    pub action_item_due: RuleSettings,
    pub agreement_review: RuleSettings,
    pub agreement_expiry: RuleSettings,
}

impl Default for Settings {
    fn default() -> Self {
        let due = |lead_days: Vec<u32>| RuleSettings {
            lead_days,
            ..RuleSettings::default()
        };
        Self {
            approval_pending: RuleSettings {
                after_days: 2,
                repeat_days: 2,
                ..RuleSettings::default()
            },
            approval_escalation: RuleSettings {
                after_days: 5,
                ..RuleSettings::default()
            },
            task_due: due(vec![7, 3, 1]),
            report_due: due(vec![7, 1]),
            action_item_due: due(vec![7, 1]),
            agreement_review: RuleSettings {
                overdue: false,
                ..due(vec![90, 30])
            },
            agreement_expiry: RuleSettings {
                overdue: false,
                ..due(vec![90, 30])
            },
        }
    }
}

impl Settings {
    pub fn of(&self, rule: Rule) -> &RuleSettings {
        match rule {
            Rule::ApprovalPending => &self.approval_pending,
            Rule::ApprovalEscalation => &self.approval_escalation,
            Rule::TaskDue => &self.task_due,
            Rule::ReportDue => &self.report_due,
            Rule::ActionItemDue => &self.action_item_due,
            Rule::AgreementReview => &self.agreement_review,
            Rule::AgreementExpiry => &self.agreement_expiry,
        }
    }
}
