//! The words of the request to decide on a programme.

use domain::Lang;

pub struct RequestWords {
    /// The subject's and the title's start when the committee is asked for advice.
    pub advice: &'static str,
    /// The subject's and the title's start when the committee decides.
    pub approval: &'static str,
    /// "{behalf_asked}{behalf_for}{member}{behalf_while}{member}{behalf_away}", the part
    /// from `behalf_for` to the first member in bold.
    pub behalf_asked: &'static str,
    pub behalf_for: &'static str,
    pub behalf_while: &'static str,
    pub behalf_away: &'static str,
    /// After the committee asked for advice.
    pub advice_asked: &'static str,
    /// "{submitted_to}{committee}{for_approval}".
    pub submitted_to: &'static str,
    pub for_approval: &'static str,
    /// Before the number of a submission after the first: " ({submission}2)".
    pub submission: &'static str,
    pub programme: &'static str,
    pub kind: &'static str,
    pub host: &'static str,
    pub partners: &'static str,
    pub dates: &'static str,
    pub venue: &'static str,
    pub size: &'static str,
    /// How many people the delegation has.
    pub people: fn(u32) -> String,
    pub budget: &'static str,
    pub objectives: &'static str,
    pub changed: &'static str,
    /// A changed part of the plan that has no name of its own.
    pub other_field: &'static str,
    pub open: &'static str,
    /// Before the moment the link expires, which is followed by a full stop.
    pub fine_print: &'static str,
}

const VI: RequestWords = RequestWords {
    advice: "Xin ý kiến",
    approval: "Đề nghị phê duyệt",
    behalf_asked: "Đồng chí được đề nghị cho ý kiến ",
    behalf_for: "thay mặt đồng chí ",
    behalf_while: " trong thời gian đồng chí ",
    behalf_away: " vắng mặt.",
    advice_asked: " được xin ý kiến (ý kiến tham khảo, không mang tính quyết định) về chương trình sau:",
    submitted_to: "Chương trình sau được trình ",
    for_approval: " xem xét, phê duyệt:",
    submission: "trình lần ",
    programme: "Chương trình",
    kind: "Loại",
    host: "Đơn vị",
    partners: "Đối tác",
    dates: "Thời gian",
    venue: "Địa điểm",
    size: "Quy mô đoàn",
    people: |n| format!("{n} người"),
    budget: "Kinh phí",
    objectives: "Mục đích, nội dung",
    changed: "Những nội dung đã thay đổi so với lần trình trước",
    other_field: "Nội dung khác",
    open: "Xem kế hoạch và cho ý kiến",
    fine_print: "Mở đường liên kết chỉ để xem kế hoạch; ý kiến chỉ được ghi nhận khi đồng chí chọn và bấm nút xác nhận. Đường liên kết dành riêng cho đồng chí, dùng được một lần và hết hạn lúc ",
};

const EN: RequestWords = RequestWords {
    advice: "Advice requested",
    approval: "Approval requested",
    behalf_asked: "You are asked to decide ",
    behalf_for: "on behalf of ",
    behalf_while: " while ",
    behalf_away: " is away.",
    advice_asked: " is asked for its advice (for reference only, not a decision) on the following programme:",
    submitted_to: "The following programme is submitted to ",
    for_approval: " for approval:",
    submission: "submission ",
    programme: "Programme",
    kind: "Kind",
    host: "Organised by",
    partners: "Partners",
    dates: "Dates",
    venue: "Venue",
    size: "Delegation size",
    people: |n| match n {
        1 => "1 person".to_string(),
        n => format!("{n} people"),
    },
    budget: "Budget",
    objectives: "Objectives and content",
    changed: "What changed since the previous submission",
    other_field: "Other details",
    open: "See the plan and decide",
    fine_print: "Opening the link only shows the plan; your decision is recorded only when you choose it and press the confirm button. The link is yours alone, works once and expires at ",
};

pub fn request_words(lang: Lang) -> &'static RequestWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
