//! What a reminder says about its deadline and why its recipient gets it. The deadlines
//! are read before anyone knows in which language each recipient reads, so they carry
//! these facts, and the mail words them in the recipient's language.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::labels::{format_date, format_time_in_vietnam};

/// A line about the deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Detail {
    /// A committee asked for the recipient's decision then.
    Asked {
        committee: String,
        since: DateTime<Utc>,
    },
    /// An approver of a committee has not decided since they were asked.
    NotDecided {
        approver: String,
        committee: String,
        since: DateTime<Utc>,
    },
    /// A programme's follow-up report is due by that day.
    ReportDue { on: NaiveDate },
    /// A task or an action item is to be done by that day.
    DoneBy { on: NaiveDate },
    /// An agreement is reviewed on that day.
    Review { on: NaiveDate },
    /// An agreement is in force until that day.
    Expires { on: NaiveDate },
}

/// Why the recipient gets the reminder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Reason {
    /// They sit on the committee asked, and have not decided.
    Approver { committee: String },
    /// They chair the committee whose member is late.
    Chair { committee: String },
    /// They submitted the plan.
    Submitter,
    /// The task or action item is theirs.
    Owner,
    /// They coordinate the programme.
    Coordinator,
    /// They follow the agreement.
    AgreementCoordinator,
}

impl Detail {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Detail::Asked { committee, since }, Lang::Vi) => format!(
                "{committee} đề nghị cho ý kiến từ {}.",
                format_time_in_vietnam(*since, lang)
            ),
            (Detail::Asked { committee, since }, Lang::En) => format!(
                "{committee} asked for your decision at {}.",
                format_time_in_vietnam(*since, lang)
            ),
            (
                Detail::NotDecided {
                    approver,
                    committee,
                    since,
                },
                Lang::Vi,
            ) => format!(
                "Đồng chí {approver} ({committee}) chưa cho ý kiến, được đề nghị từ {}.",
                format_time_in_vietnam(*since, lang)
            ),
            (
                Detail::NotDecided {
                    approver,
                    committee,
                    since,
                },
                Lang::En,
            ) => format!(
                "{approver} ({committee}) has not decided yet, asked at {}.",
                format_time_in_vietnam(*since, lang)
            ),
            (Detail::ReportDue { on }, Lang::Vi) => format!(
                "Báo cáo kết quả chương trình cần nộp trước ngày {}.",
                format_date(*on, lang)
            ),
            (Detail::ReportDue { on }, Lang::En) => format!(
                "The programme's follow-up report is due by {}.",
                format_date(*on, lang)
            ),
            (Detail::DoneBy { on }, Lang::Vi) => {
                format!("Hạn hoàn thành: {}.", format_date(*on, lang))
            }
            (Detail::DoneBy { on }, Lang::En) => format!("Due by {}.", format_date(*on, lang)),
            (Detail::Review { on }, Lang::Vi) => {
                format!("Kỳ đánh giá: {}.", format_date(*on, lang))
            }
            (Detail::Review { on }, Lang::En) => format!("Review on {}.", format_date(*on, lang)),
            (Detail::Expires { on }, Lang::Vi) => {
                format!("Hết hiệu lực sau ngày {}.", format_date(*on, lang))
            }
            (Detail::Expires { on }, Lang::En) => {
                format!("No longer in force after {}.", format_date(*on, lang))
            }
        }
    }
}

impl Reason {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Reason::Approver { committee }, Lang::Vi) => format!(
                "Đồng chí được đề nghị cho ý kiến với tư cách thành viên {committee} và chưa cho ý kiến."
            ),
            (Reason::Approver { committee }, Lang::En) => format!(
                "You were asked to decide as a member of {committee} and have not decided yet."
            ),
            (Reason::Chair { committee }, Lang::Vi) => {
                format!("Đồng chí là người chủ trì {committee}.")
            }
            (Reason::Chair { committee }, Lang::En) => format!("You chair {committee}."),
            (Reason::Submitter, Lang::Vi) => "Đồng chí là người trình kế hoạch này.".into(),
            (Reason::Submitter, Lang::En) => "You submitted this plan.".into(),
            (Reason::Owner, Lang::Vi) => "Đồng chí là người phụ trách việc này.".into(),
            (Reason::Owner, Lang::En) => "You are in charge of this.".into(),
            (Reason::Coordinator, Lang::Vi) => {
                "Đồng chí là người điều phối chương trình này.".into()
            }
            (Reason::Coordinator, Lang::En) => "You coordinate this programme.".into(),
            (Reason::AgreementCoordinator, Lang::Vi) => {
                "Đồng chí là người theo dõi thỏa thuận hợp tác này.".into()
            }
            (Reason::AgreementCoordinator, Lang::En) => {
                "You follow this cooperation agreement.".into()
            }
        }
    }
}
