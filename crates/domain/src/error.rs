use serde::Serialize;

use crate::agreement::AgreementStatus;
use crate::followup::ReportStatus;
use crate::programme::Status;

/// A business rejection: the command was understood but is not allowed. Infrastructure
/// failures never appear here; adapters keep those in their own error types.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("the input is invalid: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("{0:?} already exists")]
    AlreadyExists(Entity),
    #[error("no such {0:?}")]
    NotFound(Entity),
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
    /// A command that an agreement or a follow-up report does not accept in its state.
    #[error("{command} is not allowed while it is {state:?}")]
    NotAllowedIn {
        command: &'static str,
        state: EntityState,
    },
}

/// The state of an aggregate other than a programme, for refusals that name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityState {
    Agreement(AgreementStatus),
    Report(ReportStatus),
}

/// What kind of thing a command was about, so that "not found" and "already exists" can
/// name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Programme,
    Organisation,
    ApprovalRound,
    Agreement,
    FollowUpReport,
    Delegation,
    User,
    /// A person's token for the JSON API.
    ApiToken,
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
    TooLong {
        max: usize,
    },
    OutOfRange {
        min: i64,
        max: i64,
    },
    EndBeforeStart,
    UnknownTimezone,
    Negative,
    TooManyDecimals {
        currency: String,
        max: u32,
    },
    InvalidEmail,
    InvalidCountry,
    TooMany {
        max: usize,
    },
    NotLater,
    Unchanged,
    RequiredForSubmission,
    Unknown,
    NotADate,
    Duplicate,
    SecondChair,
    NeedsDecidingStage,
    /// A date that has not come yet, e.g. marking a programme held before it starts.
    NotYet,
    /// The organisation has no approval route for this kind of programme.
    NoApprovalRoute,
    /// Reminders of approvals cannot be turned off.
    CannotOptOut,
    /// An organisation the person holds no role in that would let them do this.
    NotYourOrganisation,
    /// A day that is not over yet, e.g. recording an agreement's expiry on its last day.
    NotOver,
    TooFew {
        min: usize,
    },
    /// A date after the agreement's period of validity.
    AfterPeriodEnd,
    /// A date before the agreement was signed.
    BeforeSigning,
    /// Not one of the agreement's scheduled reviews, or one already reviewed.
    NotAScheduledReview,
    InvalidUrl,
    /// A follow-up report for a programme whose last day has not come.
    NotEnded {
        end: chrono::NaiveDate,
    },
    /// A date that cannot be in the future, such as a date of birth.
    InTheFuture,
    /// A travel document that expires on or before the day it was issued.
    ExpiresBeforeIssued,
    /// A passport or border-pass number that does not look like one.
    InvalidDocumentNumber,
    /// A border gate code that is not in the list of gates.
    UnknownBorderGate,
    InvalidPhone,
    /// The person's personal data was erased for good.
    Forgotten,
    /// A character that is not text: NUL, or another control character.
    ControlCharacter,
    /// A line break or tab in a one-line field such as a name or a title.
    LineBreak,
    /// A date outside the years a person could mean (see `input::FIRST_YEAR`).
    DateOutOfRange {
        min: i32,
        max: i32,
    },
    /// Another past programme was already recorded under this id with other details.
    RecordedDifferently,
    /// The attendance of both sides does not add up to the total.
    SidesNotTotal {
        total: u32,
    },
    /// An amount in another currency than the đồng, given without the rate used to count
    /// it in đồng.
    RateRequired {
        currency: String,
    },
    /// A follow-up report's spending under a budget line the programme's plan does not have.
    NotInPlan,
}
