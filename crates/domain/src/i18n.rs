//! Human wording of business rejections, in Vietnamese (the working language) and English.

use crate::agreement::AgreementStatus;
use crate::error::{DomainError, Entity, EntityState, LinkProblem, Problem};
use crate::followup::{ActionStatus, ReportStatus};
use crate::programme::{ProgrammeKind, Status};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
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
            (NotYet, Lang::Vi) => "Ngày này chưa đến.".into(),
            (NotYet, Lang::En) => "This date has not come yet.".into(),
            (NoApprovalRoute, Lang::Vi) => {
                "Tổ chức này chưa có quy trình phê duyệt cho loại chương trình này; hãy liên hệ quản trị viên.".into()
            }
            (NotYourOrganisation, Lang::Vi) => {
                "Đồng chí chỉ được làm việc này cho đơn vị mà mình có vai trò phù hợp.".into()
            }
            (NotYourOrganisation, Lang::En) => {
                "You may do this only for an organisation where you hold a suitable role.".into()
            }
            (CannotOptOut, Lang::Vi) => {
                "Không thể tắt nhắc việc về phê duyệt, vì người khác đang chờ ý kiến.".into()
            }
            (CannotOptOut, Lang::En) => {
                "Approval reminders cannot be turned off: others are waiting for the decision.".into()
            }
            (NoApprovalRoute, Lang::En) => {
                "This organisation has no approval route for this kind of programme; ask an administrator.".into()
            }
            (NotOver, Lang::Vi) => "Ngày này chưa qua.".into(),
            (NotOver, Lang::En) => "This day is not over yet.".into(),
            (TooFew { min }, Lang::Vi) => format!("Cần ít nhất {min} mục."),
            (TooFew { min }, Lang::En) => format!("At least {min} entries are needed."),
            (AfterPeriodEnd, Lang::Vi) => {
                "Ngày này nằm sau ngày hết hiệu lực của thỏa thuận.".into()
            }
            (AfterPeriodEnd, Lang::En) => {
                "This date is after the end of the agreement's period of validity.".into()
            }
            (BeforeSigning, Lang::Vi) => "Ngày này không được trước ngày ký thỏa thuận.".into(),
            (BeforeSigning, Lang::En) => {
                "This date cannot be before the agreement was signed.".into()
            }
            (NotAScheduledReview, Lang::Vi) => {
                "Ngày này không phải một kỳ đánh giá theo lịch của thỏa thuận, hoặc kỳ này đã được đánh giá.".into()
            }
            (NotAScheduledReview, Lang::En) => {
                "This is not one of the agreement's scheduled reviews, or that review was already held.".into()
            }
            (InvalidUrl, Lang::Vi) => {
                "Đường dẫn phải bắt đầu bằng http:// hoặc https:// và không có khoảng trắng.".into()
            }
            (InvalidUrl, Lang::En) => {
                "A link must start with http:// or https:// and contain no spaces.".into()
            }
            (NotEnded { end }, Lang::Vi) => format!(
                "Chương trình kết thúc ngày {}; chỉ lập được báo cáo kết quả từ ngày đó trở đi.",
                end.format("%d/%m/%Y")
            ),
            (NotEnded { end }, Lang::En) => format!(
                "The programme ends on {}; its follow-up report can be written from that day on.",
                end.format("%d/%m/%Y")
            ),
            (InTheFuture, Lang::Vi) => "Ngày này không thể ở tương lai.".into(),
            (InTheFuture, Lang::En) => "This date cannot be in the future.".into(),
            (ExpiresBeforeIssued, Lang::Vi) => "Ngày hết hạn phải sau ngày cấp.".into(),
            (ExpiresBeforeIssued, Lang::En) => "The expiry date must come after the issue date.".into(),
            (InvalidDocumentNumber, Lang::Vi) => {
                "Số giấy tờ không đúng định dạng: hộ chiếu gồm 1–2 chữ cái và 7–8 chữ số (ví dụ C1234567); giấy thông hành gồm 6–12 chữ cái, chữ số.".into()
            }
            (InvalidDocumentNumber, Lang::En) => {
                "This document number is malformed: a passport has 1–2 letters and 7–8 digits (e.g. C1234567); a border pass 6–12 letters and digits.".into()
            }
            (UnknownBorderGate, Lang::Vi) => {
                "Không có cửa khẩu này trong danh mục; hãy dùng mã cửa khẩu, ví dụ huu_nghi, lao_cai, mong_cai (xem GET /api/border-gates).".into()
            }
            (UnknownBorderGate, Lang::En) => {
                "This border gate is not in the list; use a gate code such as huu_nghi, lao_cai or mong_cai (see GET /api/border-gates).".into()
            }
            (InvalidPhone, Lang::Vi) => {
                "Số điện thoại không hợp lệ; chỉ gồm chữ số, có thể bắt đầu bằng +.".into()
            }
            (InvalidPhone, Lang::En) => {
                "This is not a valid phone number; use digits, optionally starting with +.".into()
            }
            (ControlCharacter, Lang::Vi) => {
                "Có ký tự điều khiển không hợp lệ (ví dụ ký tự NUL); hãy gõ lại nội dung.".into()
            }
            (ControlCharacter, Lang::En) => {
                "Contains a control character (such as NUL) that is not text; type it again.".into()
            }
            (LineBreak, Lang::Vi) => "Trường này chỉ được viết trên một dòng, không xuống dòng.".into(),
            (LineBreak, Lang::En) => "This field must be one line, without line breaks.".into(),
            (DateOutOfRange { min, max }, Lang::Vi) => {
                format!("Ngày phải nằm trong khoảng năm {min}–{max}.")
            }
            (DateOutOfRange { min, max }, Lang::En) => {
                format!("The date must be between the years {min} and {max}.")
            }
            (Forgotten, Lang::Vi) => {
                "Dữ liệu cá nhân của người này đã bị xóa vĩnh viễn theo yêu cầu.".into()
            }
            (Forgotten, Lang::En) => "This person's personal data was erased for good.".into(),
            (RecordedDifferently, Lang::Vi) => {
                "Đã có một chương trình được ghi nhận từ lịch sử với cùng mã (cùng tổ chức chủ trì và cùng khóa) nhưng nội dung khác; chương trình đã ghi nhận không sửa được qua lệnh nhập. Hãy sửa tệp cho khớp, hoặc dùng khóa mới cho một chương trình khác.".into()
            }
            (RecordedDifferently, Lang::En) => {
                "A past programme with the same id (same host and key) was already recorded with other details; importing never changes a recorded programme. Make the file match, or use a new key for another programme.".into()
            }
            (SidesNotTotal { total }, Lang::Vi) => {
                format!("Số người phía Việt Nam và phía đối tác cộng lại phải bằng tổng số {total}.")
            }
            (SidesNotTotal { total }, Lang::En) => {
                format!("The Vietnamese and the partner side must add up to the total of {total}.")
            }
            (RateRequired { currency }, Lang::Vi) => {
                format!("Cần ghi tỷ giá quy đổi từ {currency} sang đồng (VND) đã dùng.")
            }
            (RateRequired { currency }, Lang::En) => {
                format!("Give the rate used to count {currency} in đồng (VND).")
            }
            (NotInPlan, Lang::Vi) => "Kế hoạch không có dòng kinh phí này.".into(),
            (NotInPlan, Lang::En) => "The plan has no such budget line.".into(),
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

impl ProgrammeKind {
    pub fn label(self, lang: Lang) -> &'static str {
        use ProgrammeKind::*;
        match (self, lang) {
            (DelegationVisit, Lang::Vi) => "đoàn công tác",
            (DelegationVisit, Lang::En) => "delegation visit",
            (Reception, Lang::Vi) => "đón tiếp đoàn",
            (Reception, Lang::En) => "reception",
            (OnlineConference, Lang::Vi) => "hội nghị trực tuyến",
            (OnlineConference, Lang::En) => "online conference",
            (Seminar, Lang::Vi) => "tọa đàm",
            (Seminar, Lang::En) => "seminar",
            (MouSigning, Lang::Vi) => "ký kết thỏa thuận hợp tác",
            (MouSigning, Lang::En) => "MOU signing",
            (Cultural, Lang::Vi) => "giao lưu văn hóa, thể thao",
            (Cultural, Lang::En) => "cultural exchange",
            (Childrens, Lang::Vi) => "giao lưu thiếu nhi",
            (Childrens, Lang::En) => "children's exchange",
            (TradePromotion, Lang::Vi) => "xúc tiến thương mại",
            (TradePromotion, Lang::En) => "trade promotion",
            (Other, Lang::Vi) => "hoạt động khác",
            (Other, Lang::En) => "other",
        }
    }
}

impl AgreementStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        use AgreementStatus::*;
        match (self, lang) {
            (Drafted, Lang::Vi) => "dự thảo",
            (Drafted, Lang::En) => "drafted",
            (Signed, Lang::Vi) => "đã ký, chưa đến ngày hiệu lực",
            (Signed, Lang::En) => "signed, not yet in force",
            (Active, Lang::Vi) => "đang có hiệu lực",
            (Active, Lang::En) => "in force",
            (UnderReview, Lang::Vi) => "đang đánh giá",
            (UnderReview, Lang::En) => "under review",
            (Renewed, Lang::Vi) => "đã ký lại, thay bằng thỏa thuận mới",
            (Renewed, Lang::En) => "renewed by a new agreement",
            (Expired, Lang::Vi) => "đã hết hiệu lực",
            (Expired, Lang::En) => "expired",
            (Terminated, Lang::Vi) => "đã chấm dứt",
            (Terminated, Lang::En) => "terminated",
        }
    }
}

impl ReportStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        use ReportStatus::*;
        match (self, lang) {
            (Draft, Lang::Vi) => "đang soạn",
            (Draft, Lang::En) => "being written",
            (Submitted, Lang::Vi) => "đã nộp, chờ duyệt",
            (Submitted, Lang::En) => "submitted",
            (Returned, Lang::Vi) => "bị trả lại để chỉnh sửa",
            (Returned, Lang::En) => "returned for changes",
            (Accepted, Lang::Vi) => "đã được chấp nhận",
            (Accepted, Lang::En) => "accepted",
        }
    }
}

impl ActionStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        use ActionStatus::*;
        match (self, lang) {
            (Open, Lang::Vi) => "chưa thực hiện",
            (Open, Lang::En) => "open",
            (InProgress, Lang::Vi) => "đang thực hiện",
            (InProgress, Lang::En) => "in progress",
            (Done, Lang::Vi) => "đã hoàn thành",
            (Done, Lang::En) => "done",
            (Dropped, Lang::Vi) => "không thực hiện nữa",
            (Dropped, Lang::En) => "dropped",
        }
    }
}

impl EntityState {
    fn entity(self) -> Entity {
        match self {
            EntityState::Agreement(_) => Entity::Agreement,
            EntityState::Report(_) => Entity::FollowUpReport,
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        match self {
            EntityState::Agreement(status) => status.label(lang),
            EntityState::Report(status) => status.label(lang),
        }
    }
}

fn command_label(command: &str, lang: Lang) -> &str {
    match (command, lang) {
        ("draft", Lang::Vi) => "tạo bản nháp",
        ("record_from_history", Lang::Vi) => "ghi nhận từ lịch sử",
        ("record_from_history", Lang::En) => "record from history",
        ("revise", Lang::Vi) => "chỉnh sửa",
        ("submit", Lang::Vi) => "trình duyệt",
        ("postpone", Lang::Vi) => "hoãn",
        ("cancel", Lang::Vi) => "hủy",
        ("start_review", Lang::Vi) => "bắt đầu xem xét",
        ("start_review", Lang::En) => "start the review of",
        ("record_review", Lang::Vi) => "ghi nhận kết quả phê duyệt",
        ("record_review", Lang::En) => "record the review of",
        ("withdraw", Lang::Vi) => "rút lại",
        ("refuse_submission", Lang::Vi) => "trả lại hồ sơ trình",
        ("refuse_submission", Lang::En) => "refuse the submission of",
        ("begin_preparation", Lang::Vi) => "bắt đầu chuẩn bị",
        ("begin_preparation", Lang::En) => "begin preparing",
        ("mark_held", Lang::Vi) => "ghi nhận đã tổ chức",
        ("mark_held", Lang::En) => "mark as held",
        ("record_follow_up", Lang::Vi) => "ghi nhận báo cáo kết quả",
        ("record_follow_up", Lang::En) => "record the follow-up of",
        ("close", Lang::Vi) => "kết thúc",
        ("sign", Lang::Vi) => "ký",
        ("activate", Lang::Vi) => "đưa vào hiệu lực",
        ("open_review", Lang::Vi) => "mở đợt đánh giá",
        ("open_review", Lang::En) => "open a review of",
        ("complete_review", Lang::Vi) => "ghi nhận kết quả đánh giá",
        ("complete_review", Lang::En) => "complete a review of",
        ("renew", Lang::Vi) => "ký lại",
        ("expire", Lang::Vi) => "ghi nhận hết hiệu lực",
        ("expire", Lang::En) => "record the expiry of",
        ("terminate", Lang::Vi) => "chấm dứt",
        ("attach_document", Lang::Vi) => "đính kèm tài liệu vào",
        ("attach_document", Lang::En) => "attach a document to",
        ("draft_report", Lang::Vi) => "lập báo cáo kết quả",
        ("draft_report", Lang::En) => "begin the follow-up report of",
        ("revise_report", Lang::Vi) => "chỉnh sửa",
        ("revise_report", Lang::En) => "revise",
        ("submit_report", Lang::Vi) => "nộp",
        ("submit_report", Lang::En) => "submit",
        ("return_report", Lang::Vi) => "trả lại",
        ("return_report", Lang::En) => "return",
        ("accept_report", Lang::Vi) => "chấp nhận",
        ("accept_report", Lang::En) => "accept",
        ("open_delegation", Lang::Vi) => "lập đoàn cho chương trình",
        ("open_delegation", Lang::En) => "open a delegation for",
        (other, _) => other,
    }
}

impl DomainError {
    /// The stable machine-readable code of this rejection.
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::Invalid(_) => "validation_failed",
            DomainError::AlreadyExists(_) => "already_exists",
            DomainError::NotFound(_) => "not_found",
            DomainError::NotAllowed { .. } => "not_allowed_in_status",
            DomainError::Link(LinkProblem::Unknown) => "link_unknown",
            DomainError::Link(LinkProblem::Replaced) => "link_replaced",
            DomainError::Link(LinkProblem::Expired) => "link_expired",
            DomainError::Link(LinkProblem::Used) => "link_used",
            DomainError::Link(LinkProblem::StageClosed) => "stage_closed",
            DomainError::Link(LinkProblem::RoundClosed) => "round_closed",
            DomainError::RoundNotOpen => "round_not_open",
            DomainError::NotAllowedIn { .. } => "not_allowed_in_status",
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
            (DomainError::AlreadyExists(entity), Lang::Vi) => {
                format!("{} này đã tồn tại.", capitalised(entity.label(lang)))
            }
            (DomainError::AlreadyExists(entity), Lang::En) => {
                format!("This {} already exists.", entity.label(lang))
            }
            (DomainError::NotFound(entity), Lang::Vi) => {
                format!("Không tìm thấy {}.", entity.label(lang))
            }
            (DomainError::NotFound(entity), Lang::En) => format!("No such {}.", entity.label(lang)),
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
            (DomainError::NotAllowedIn { command, state }, Lang::Vi) => format!(
                "Không thể {} {} khi đang ở trạng thái “{}”.",
                command_label(command, lang),
                state.entity().label(lang),
                state.label(lang)
            ),
            (DomainError::NotAllowedIn { command, state }, Lang::En) => format!(
                "Cannot {} this {} while it is {}.",
                command_label(command, lang),
                state.entity().label(lang),
                state.label(lang)
            ),
        }
    }
}

impl Entity {
    /// The noun in lower case, as it reads in the middle of a sentence.
    pub fn label(self, lang: Lang) -> &'static str {
        use Entity::*;
        match (self, lang) {
            (Programme, Lang::Vi) => "chương trình",
            (Programme, Lang::En) => "programme",
            (Organisation, Lang::Vi) => "tổ chức",
            (Organisation, Lang::En) => "organisation",
            (ApprovalRound, Lang::Vi) => "vòng phê duyệt",
            (ApprovalRound, Lang::En) => "approval round",
            (Agreement, Lang::Vi) => "thỏa thuận hợp tác",
            (Agreement, Lang::En) => "agreement",
            (FollowUpReport, Lang::Vi) => "báo cáo kết quả",
            (FollowUpReport, Lang::En) => "follow-up report",
            (Delegation, Lang::Vi) => "đoàn",
            (Delegation, Lang::En) => "delegation",
            (User, Lang::Vi) => "người dùng",
            (User, Lang::En) => "user",
            (ApiToken, Lang::Vi) => "mã API",
            (ApiToken, Lang::En) => "API token",
        }
    }
}

/// The first letter in upper case, for labels that start a sentence or a cell.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
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
