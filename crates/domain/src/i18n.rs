//! Human wording of business rejections, in Vietnamese (the working language) and English.

use crate::error::{DomainError, LinkProblem, Problem};
use crate::programme::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// Picks the first supported language in an `Accept-Language` header; Vietnamese
    /// unless English is preferred.
    pub fn from_accept_language(header: Option<&str>) -> Lang {
        let Some(header) = header else {
            return Lang::Vi;
        };
        let mut ranked: Vec<(f32, &str)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.trim().split(';');
                let tag = pieces.next()?.trim();
                let quality = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                Some((quality, tag))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (_, tag) in ranked {
            let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
            match primary.as_str() {
                "vi" => return Lang::Vi,
                "en" => return Lang::En,
                _ => {}
            }
        }
        Lang::Vi
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        use Problem::*;
        match (self, lang) {
            (Required, Lang::Vi) => "Trường này là bắt buộc.".into(),
            (Required, Lang::En) => "This field is required.".into(),
            (TooLong { max }, Lang::Vi) => format!("Không được dài quá {max} ký tự."),
            (TooLong { max }, Lang::En) => format!("Must be at most {max} characters."),
            (OutOfRange { min, max }, Lang::Vi) => format!("Phải nằm trong khoảng {min}–{max}."),
            (OutOfRange { min, max }, Lang::En) => format!("Must be between {min} and {max}."),
            (EndBeforeStart, Lang::Vi) => "Ngày kết thúc không được trước ngày bắt đầu.".into(),
            (EndBeforeStart, Lang::En) => "The end date cannot be before the start date.".into(),
            (UnknownTimezone, Lang::Vi) => {
                "Múi giờ không hợp lệ; hãy dùng tên IANA như Asia/Ho_Chi_Minh.".into()
            }
            (UnknownTimezone, Lang::En) => {
                "Unknown timezone; use an IANA name such as Asia/Ho_Chi_Minh.".into()
            }
            (Negative, Lang::Vi) => "Số tiền không được âm.".into(),
            (Negative, Lang::En) => "The amount cannot be negative.".into(),
            (TooManyDecimals { currency, max }, Lang::Vi) => {
                format!("{currency} chỉ cho phép tối đa {max} chữ số thập phân.")
            }
            (TooManyDecimals { currency, max }, Lang::En) => {
                format!("{currency} allows at most {max} decimal places.")
            }
            (InvalidEmail, Lang::Vi) => "Địa chỉ email không hợp lệ.".into(),
            (InvalidEmail, Lang::En) => "This is not a valid email address.".into(),
            (InvalidCountry, Lang::Vi) => {
                "Mã quốc gia phải gồm 2 chữ cái in hoa theo ISO 3166 (ví dụ VN, CN).".into()
            }
            (InvalidCountry, Lang::En) => {
                "The country must be a two-letter ISO 3166 code such as VN or CN.".into()
            }
            (TooMany { max }, Lang::Vi) => format!("Không được nhiều hơn {max} mục."),
            (TooMany { max }, Lang::En) => format!("At most {max} entries are allowed."),
            (NotLater, Lang::Vi) => "Ngày hoãn tới phải sau ngày bắt đầu hiện tại.".into(),
            (NotLater, Lang::En) => "A postponement must move the start to a later date.".into(),
            (Unchanged, Lang::Vi) => "Giá trị mới trùng với giá trị hiện tại.".into(),
            (Unchanged, Lang::En) => "The new value is the same as the current one.".into(),
            (RequiredForSubmission, Lang::Vi) => {
                "Cần điền trường này trước khi trình duyệt.".into()
            }
            (RequiredForSubmission, Lang::En) => {
                "This field must be filled in before the plan is submitted.".into()
            }
            (Unknown, Lang::Vi) => "Giá trị không được hỗ trợ.".into(),
            (Unknown, Lang::En) => "This value is not recognised.".into(),
            (NotADate, Lang::Vi) => "Ngày phải có dạng NNNN-TT-NN, ví dụ 2023-11-21.".into(),
            (NotADate, Lang::En) => "Dates are written YYYY-MM-DD, e.g. 2023-11-21.".into(),
            (Duplicate, Lang::Vi) => "Mục này đã có rồi.".into(),
            (Duplicate, Lang::En) => "This entry already exists.".into(),
            (SecondChair, Lang::Vi) => {
                "Trong cùng thời gian, mỗi ban chỉ có một người giữ vai trò chủ trì.".into()
            }
            (SecondChair, Lang::En) => "A committee has one chair at a time.".into(),
            (NeedsDecidingStage, Lang::Vi) => {
                "Quy trình cần ít nhất một bước có quyền quyết định (không chỉ xin ý kiến).".into()
            }
            (NeedsDecidingStage, Lang::En) => {
                "A route needs at least one stage that decides, not only advisory ones.".into()
            }
        }
    }
}

impl Status {
    pub fn label(self, lang: Lang) -> &'static str {
        use Status::*;
        match (self, lang) {
            (Draft, Lang::Vi) => "bản nháp",
            (Draft, Lang::En) => "draft",
            (Submitted, Lang::Vi) => "đã trình duyệt",
            (Submitted, Lang::En) => "submitted",
            (UnderReview, Lang::Vi) => "đang xem xét",
            (UnderReview, Lang::En) => "under review",
            (Approved, Lang::Vi) => "đã phê duyệt",
            (Approved, Lang::En) => "approved",
            (ChangesRequested, Lang::Vi) => "cần chỉnh sửa",
            (ChangesRequested, Lang::En) => "changes requested",
            (Rejected, Lang::Vi) => "bị từ chối",
            (Rejected, Lang::En) => "rejected",
            (InPreparation, Lang::Vi) => "đang chuẩn bị",
            (InPreparation, Lang::En) => "in preparation",
            (Held, Lang::Vi) => "đã tổ chức",
            (Held, Lang::En) => "held",
            (FollowedUp, Lang::Vi) => "đã báo cáo kết quả",
            (FollowedUp, Lang::En) => "followed up",
            (Closed, Lang::Vi) => "đã kết thúc",
            (Closed, Lang::En) => "closed",
            (Cancelled, Lang::Vi) => "đã hủy",
            (Cancelled, Lang::En) => "cancelled",
            (Postponed, Lang::Vi) => "tạm hoãn",
            (Postponed, Lang::En) => "postponed",
        }
    }
}

fn command_label(command: &str, lang: Lang) -> &str {
    match (command, lang) {
        ("draft", Lang::Vi) => "tạo bản nháp",
        ("revise", Lang::Vi) => "chỉnh sửa",
        ("submit", Lang::Vi) => "trình duyệt",
        ("postpone", Lang::Vi) => "hoãn",
        ("cancel", Lang::Vi) => "hủy",
        ("start_review", Lang::Vi) => "bắt đầu xem xét",
        ("record_review", Lang::Vi) => "ghi nhận kết quả phê duyệt",
        (other, _) => other,
    }
}

impl DomainError {
    /// The stable machine-readable code of this rejection.
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::Invalid(_) => "validation_failed",
            DomainError::AlreadyExists => "already_exists",
            DomainError::NotFound => "not_found",
            DomainError::NotAllowed { .. } => "not_allowed_in_status",
            DomainError::Link(LinkProblem::Unknown) => "link_unknown",
            DomainError::Link(LinkProblem::Replaced) => "link_replaced",
            DomainError::Link(LinkProblem::Expired) => "link_expired",
            DomainError::Link(LinkProblem::Used) => "link_used",
            DomainError::Link(LinkProblem::StageClosed) => "stage_closed",
            DomainError::Link(LinkProblem::RoundClosed) => "round_closed",
            DomainError::RoundNotOpen => "round_not_open",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DomainError::Invalid(_), Lang::Vi) => {
                "Dữ liệu chưa hợp lệ; xem lỗi ở từng trường.".into()
            }
            (DomainError::Invalid(_), Lang::En) => {
                "Some fields are invalid; see the message for each field.".into()
            }
            (DomainError::AlreadyExists, Lang::Vi) => "Chương trình này đã tồn tại.".into(),
            (DomainError::AlreadyExists, Lang::En) => "This programme already exists.".into(),
            (DomainError::NotFound, Lang::Vi) => "Không tìm thấy chương trình.".into(),
            (DomainError::NotFound, Lang::En) => "No such programme.".into(),
            (DomainError::NotAllowed { command, status }, Lang::Vi) => format!(
                "Không thể {} khi chương trình đang ở trạng thái “{}”.",
                command_label(command, lang),
                status.label(lang)
            ),
            (DomainError::NotAllowed { command, status }, Lang::En) => format!(
                "Cannot {} a programme that is {}.",
                command_label(command, lang),
                status.label(lang)
            ),
            (DomainError::Link(problem), lang) => problem.message(lang).into(),
            (DomainError::RoundNotOpen, Lang::Vi) => "Vòng phê duyệt này đã kết thúc.".into(),
            (DomainError::RoundNotOpen, Lang::En) => "This approval round has ended.".into(),
        }
    }
}

impl LinkProblem {
    /// What happened, and what to do next: approvers are not technical and often on a
    /// phone, so every refusal says how to get a working link.
    pub fn message(self, lang: Lang) -> &'static str {
        use LinkProblem::*;
        match (self, lang) {
            (Unknown, Lang::Vi) => {
                "Đường liên kết này không hợp lệ. Hãy mở lại đúng đường liên kết trong email, hoặc liên hệ người lập kế hoạch để được gửi lại."
            }
            (Unknown, Lang::En) => {
                "This link is not valid. Open the link from your email again, or ask the planner to send a new one."
            }
            (Replaced, Lang::Vi) => {
                "Đường liên kết này đã được thay bằng một đường liên kết mới hơn. Hãy dùng email gửi sau cùng."
            }
            (Replaced, Lang::En) => {
                "A newer link has replaced this one. Please use the most recent email."
            }
            (Expired, Lang::Vi) => {
                "Đường liên kết này đã hết hạn. Hãy liên hệ người lập kế hoạch để được gửi đường liên kết mới."
            }
            (Expired, Lang::En) => "This link has expired. Ask the planner to send you a new one.",
            (Used, Lang::Vi) => {
                "Ý kiến của đồng chí đã được ghi nhận bằng đường liên kết này; không cần thao tác thêm."
            }
            (Used, Lang::En) => {
                "Your decision was already recorded with this link; nothing more is needed."
            }
            (StageClosed, Lang::Vi) => {
                "Bước phê duyệt này đã có quyết định, nên không cần ý kiến thêm."
            }
            (StageClosed, Lang::En) => {
                "This approval stage has already been decided, so no further decision is needed."
            }
            (RoundClosed, Lang::Vi) => {
                "Vòng phê duyệt này đã kết thúc (đã phê duyệt, trả lại, từ chối hoặc rút). Nếu kế hoạch được trình lại, đồng chí sẽ nhận email mới."
            }
            (RoundClosed, Lang::En) => {
                "This approval round has ended (approved, sent back, declined or withdrawn). If the plan is submitted again, you will get a new email."
            }
        }
    }
}
