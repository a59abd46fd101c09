use serde::Serialize;

use crate::programme::Status;

/// A business rejection: the command was understood but is not allowed. Infrastructure
/// failures never appear here; adapters keep those in their own error types.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("the input is invalid: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("a programme with this id already exists")]
    AlreadyExists,
    #[error("no such programme")]
    NotFound,
    #[error("{command} is not allowed while the programme is {status:?}")]
    NotAllowed {
        command: &'static str,
        status: Status,
    },
    /// An approval link that cannot be used, and why.
    #[error("approval link refused: {0:?}")]
    Link(LinkProblem),
    #[error("the approval round is no longer open")]
    RoundNotOpen,
}

/// Why an approval link was refused. Each has its own page telling the approver what
/// happened and how to get a new link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkProblem {
    /// No link with this token was ever issued (mistyped or forged).
    Unknown,
    /// A newer link was sent to the same person for the same stage.
    Replaced,
    Expired,
    /// This link already recorded a decision.
    Used,
    /// The stage was decided by others, or closed.
    StageClosed,
    /// The round ended: approved, sent back, declined or withdrawn.
    RoundClosed,
}

/// One problem with one input field, named by its JSON path (e.g. `partners[0].country`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        Self {
            field: field.into(),
            problem,
        }
    }
}

/// Why a field was refused. The variants are stable codes; `i18n` words them for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong { max: usize },
    OutOfRange { min: i64, max: i64 },
    EndBeforeStart,
    UnknownTimezone,
    Negative,
    TooManyDecimals { currency: String, max: u32 },
    InvalidEmail,
    InvalidCountry,
    TooMany { max: usize },
    NotLater,
    Unchanged,
    RequiredForSubmission,
    Unknown,
    NotADate,
    Duplicate,
    SecondChair,
    NeedsDecidingStage,
}
