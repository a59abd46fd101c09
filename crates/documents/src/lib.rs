//! Official documents as DOCX, from typed data: the papers a Youth Union or a Friendship
//! Association files (tờ trình, kế hoạch, quyết định cử đoàn, báo cáo kết quả, báo cáo tổng
//! kết) in the Vietnamese administrative layout, and the partner-facing Chinese ones
//! (代表团名单, 行程安排, 复函). Pure: no I/O, no clock; the caller gives the date.
//!
//! Every document is real paragraphs and tables, so the office edits it in Word: the
//! number, the signer and the signer's title are dotted blanks when not given.

mod annual_review;
mod decision;
mod facts;
mod heading;
mod layout;
mod plan;
mod proposal;
mod report;
mod report_money;
mod vi_date;
mod zh;

pub use annual_review::{Review, ReviewCount, ReviewProgramme, annual_review};
pub use decision::decision;
pub use heading::{Issuer, Signing};
pub use plan::plan;
pub use proposal::proposal;
pub use report::report;
pub use vi_date::{place_and_date, vietnamese_date};
pub use zh::{delegation_list_zh, itinerary_zh, reply_letter_zh};

/// The media type of a DOCX file.
pub const DOCX_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// Why a document could not be written. Only packing can fail; the data is never refused.
#[derive(Debug, thiserror::Error)]
#[error("could not pack the DOCX file: {0}")]
pub struct DocumentError(String);

/// A document a person can ask for, with the slug that names it in a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Tờ trình xin chủ trương, to the standing committee, from the plan.
    Proposal,
    /// Kế hoạch tổ chức, from the plan.
    Plan,
    /// Quyết định cử đoàn, with the delegation's members.
    Decision,
    /// Báo cáo kết quả, from the follow-up report.
    Report,
    /// Báo cáo tổng kết năm, from the annual review.
    AnnualReview,
    /// 代表团名单, bilingual.
    DelegationListZh,
    /// 行程安排, in China's time.
    ItineraryZh,
    /// 复函: accepting the partner's invitation.
    ReplyLetterZh,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Proposal,
        Kind::Plan,
        Kind::Decision,
        Kind::Report,
        Kind::AnnualReview,
        Kind::DelegationListZh,
        Kind::ItineraryZh,
        Kind::ReplyLetterZh,
    ];

    /// The name in a path: `/api/programmes/{id}/documents/proposal`.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Proposal => "proposal",
            Kind::Plan => "plan",
            Kind::Decision => "decision",
            Kind::Report => "report",
            Kind::AnnualReview => "annual-review",
            Kind::DelegationListZh => "delegation-list-zh",
            Kind::ItineraryZh => "itinerary-zh",
            Kind::ReplyLetterZh => "reply-letter-zh",
        }
    }

    pub fn parse(slug: &str) -> Option<Kind> {
        Self::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// The file's name as the office says it, e.g. `Tờ trình`, `代表团名单`.
    pub fn title(self) -> &'static str {
        match self {
            Kind::Proposal => "Tờ trình",
            Kind::Plan => "Kế hoạch",
            Kind::Decision => "Quyết định cử đoàn",
            Kind::Report => "Báo cáo kết quả",
            Kind::AnnualReview => "Báo cáo tổng kết",
            Kind::DelegationListZh => zh::words::DELEGATION_LIST,
            Kind::ItineraryZh => zh::words::ITINERARY,
            Kind::ReplyLetterZh => zh::words::REPLY_LETTER,
        }
    }

    /// The same name in ASCII, for clients that cannot read a UTF-8 file name.
    pub fn ascii_name(self) -> &'static str {
        match self {
            Kind::Proposal => "to-trinh",
            Kind::Plan => "ke-hoach",
            Kind::Decision => "quyet-dinh-cu-doan",
            Kind::Report => "bao-cao-ket-qua",
            Kind::AnnualReview => "bao-cao-tong-ket",
            Kind::DelegationListZh => "daibiaotuan-mingdan",
            Kind::ItineraryZh => "xingcheng-anpai",
            Kind::ReplyLetterZh => "fuhan",
        }
    }
}
