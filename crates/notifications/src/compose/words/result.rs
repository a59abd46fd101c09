//! The words of the result of an approval round.

use domain::Lang;

pub struct ResultWords {
    pub title: &'static str,
    /// "{programme}{title} {headline}[{by}{committee})]."
    pub programme: &'static str,
    pub by: &'static str,
    pub approved: Outcome,
    pub changes_requested: Outcome,
    pub declined: Outcome,
    pub why: &'static str,
}

/// What is said of one way a round can end.
pub struct Outcome {
    /// The subject's start.
    pub subject: &'static str,
    pub headline: &'static str,
    pub next_step: &'static str,
}

const VI: ResultWords = ResultWords {
    title: "Kết quả phê duyệt",
    programme: "Chương trình ",
    by: " (theo ý kiến của ",
    approved: Outcome {
        subject: "Đã phê duyệt",
        headline: "đã được phê duyệt",
        next_step: "Có thể bắt đầu chuẩn bị đoàn và các thủ tục.",
    },
    changes_requested: Outcome {
        subject: "Cần chỉnh sửa",
        headline: "cần chỉnh sửa trước khi trình lại",
        next_step: "Hãy chỉnh sửa kế hoạch theo ý kiến trên rồi trình lại; các bước đã phê duyệt trước đó được giữ nếu những nội dung chính không đổi.",
    },
    declined: Outcome {
        subject: "Không được phê duyệt",
        headline: "không được phê duyệt",
        next_step: "Chương trình dừng tại đây.",
    },
    why: "Đồng chí nhận thư này vì là người lập kế hoạch hoặc người điều phối chương trình.",
};

const EN: ResultWords = ResultWords {
    title: "Approval result",
    programme: "The programme ",
    by: " (as decided by ",
    approved: Outcome {
        subject: "Approved",
        headline: "has been approved",
        next_step: "You can start preparing the delegation and the formalities.",
    },
    changes_requested: Outcome {
        subject: "Changes requested",
        headline: "needs changes before it is submitted again",
        next_step: "Please revise the plan as asked above and submit it again; the stages that approved it before keep their approval if its main points do not change.",
    },
    declined: Outcome {
        subject: "Not approved",
        headline: "was not approved",
        next_step: "The programme stops here.",
    },
    why: "You receive this email as the programme's planner or coordinator.",
};

pub fn result_words(lang: Lang) -> &'static ResultWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
