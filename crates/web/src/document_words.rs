//! The words of the links to a programme's official documents (docs/documents.md), in
//! Vietnamese and English.

use domain::Lang;

pub struct DocumentWords {
    pub heading: &'static str,
    pub hint: &'static str,
    pub proposal: &'static str,
    pub plan: &'static str,
    pub report: &'static str,
    pub reply_zh: &'static str,
    /// The link to the báo cáo kết quả beside the follow-up report itself.
    pub report_download: &'static str,
    /// Why the form's link may not have what is typed yet.
    pub as_saved: &'static str,
}

const VI: DocumentWords = DocumentWords {
    heading: "Văn bản",
    hint: "Tải bản Word để điền số, người ký rồi in; bản PDF để xem nhanh.",
    proposal: "Tờ trình xin chủ trương",
    plan: "Kế hoạch tổ chức",
    report: "Báo cáo kết quả",
    reply_zh: "Thư trả lời nhận lời mời, tiếng Trung 复函",
    report_download: "Tải văn bản Báo cáo kết quả (Word)",
    as_saved: "theo bản đã lưu",
};

const EN: DocumentWords = DocumentWords {
    heading: "Documents",
    hint: "Download the Word file to fill in the number and the signer, then print; the PDF for a quick look.",
    proposal: "Proposal to the standing board (tờ trình)",
    plan: "Plan (kế hoạch)",
    report: "Report of results (báo cáo kết quả)",
    reply_zh: "Reply accepting the invitation, in Chinese 复函",
    report_download: "Download the report of results (báo cáo kết quả) as a Word file",
    as_saved: "as last saved",
};

pub fn document_words(lang: Lang) -> &'static DocumentWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
