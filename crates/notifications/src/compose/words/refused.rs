//! The words of the mail saying that a plan could not be sent for approval.

use domain::Lang;

pub struct RefusedWords {
    /// The subject's and the title's start.
    pub not_sent: &'static str,
    /// "{plan}{title}{returned}".
    pub plan: &'static str,
    pub returned: &'static str,
    pub why: &'static str,
}

const VI: RefusedWords = RefusedWords {
    not_sent: "Chưa thể trình duyệt",
    plan: "Kế hoạch ",
    returned: " đã được trả lại, chưa gửi đi xin phê duyệt:",
    why: "Đồng chí nhận thư này vì đã trình kế hoạch này.",
};

const EN: RefusedWords = RefusedWords {
    not_sent: "Not sent for approval",
    plan: "The plan ",
    returned: " was returned without being sent for approval:",
    why: "You receive this email because you submitted this plan.",
};

pub fn refused_words(lang: Lang) -> &'static RefusedWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
