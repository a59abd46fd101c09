//! Reads of the agreements and follow-up read models, and the figures and annual review
//! built on them with the programmes. Always through the views of the active generation.

mod agreements;
mod annual_review;
mod figures;
mod reports;

pub use agreements::{
    AgreementDetail, AgreementEntry, AgreementFilter, LOOK_AHEAD_DAYS, ReviewDue, ReviewRow,
    agreement, expiring, register, reviews_due,
};
pub use annual_review::{AnnualReview, OrganisationInfo, ReviewedProgramme, annual_review};
pub use figures::{FigureFilter, FigureRow, Grouping, figures};
pub use reports::{
    ActionItemEntry, ActionItemFilter, ActionItemViewer, ReportDetail, ReportDue, action_items,
    report, reports_due,
};
