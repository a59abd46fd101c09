//! The words of the receipt for a decision.

use domain::Lang;

pub struct ReceiptWords {
    /// The subject's and the title's start.
    pub recorded: &'static str,
    /// "{yours}[{behalf}{member})]{as_member}{committee}{on_programme}{title}{recorded_at}{at}:".
    pub yours: &'static str,
    pub behalf: &'static str,
    pub as_member: &'static str,
    pub on_programme: &'static str,
    pub recorded_at: &'static str,
    pub not_yours: &'static str,
}

const VI: ReceiptWords = ReceiptWords {
    recorded: "Đã ghi nhận ý kiến",
    yours: "Ý kiến của đồng chí",
    behalf: " (thay mặt đồng chí ",
    as_member: " với tư cách thành viên ",
    on_programme: " về chương trình ",
    recorded_at: " đã được ghi nhận lúc ",
    not_yours: "Nếu đây không phải là ý kiến của đồng chí, xin báo ngay cho người lập kế hoạch.",
};

const EN: ReceiptWords = ReceiptWords {
    recorded: "Decision recorded",
    yours: "Your decision",
    behalf: " (on behalf of ",
    as_member: " as a member of ",
    on_programme: " on the programme ",
    recorded_at: " was recorded at ",
    not_yours: "If this is not your decision, tell the planner at once.",
};

pub fn receipt_words(lang: Lang) -> &'static ReceiptWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
