//! The words of the follow-up report form and of the report's place on the programme
//! page, in Vietnamese and English.

use domain::Lang;
use domain::followup::ReportStatus;

pub struct ReportWords {
    pub report: &'static str,
    pub write: &'static str,
    pub revise: &'static str,
    pub not_begun: &'static str,
    pub due: &'static str,
    pub returned_comment: &'static str,
    pub outcomes: &'static str,
    pub attendance: &'static str,
    pub attendance_note: &'static str,
    pub lessons: &'static str,
    pub action_items: &'static str,
    pub action_items_hint: &'static str,
    pub item: &'static str,
    pub item_title: &'static str,
    pub owner_name: &'static str,
    pub owner_email: &'static str,
    pub due_on: &'static str,
    pub save: &'static str,
    pub save_and_submit: &'static str,
    pub accept: &'static str,
    pub accept_hint: &'static str,
    pub send_back: &'static str,
    pub send_back_comment: &'static str,
    pub item_status: &'static str,
    pub not_recorded: &'static str,
}

const VI: ReportWords = ReportWords {
    report: "Báo cáo kết quả",
    write: "Lập báo cáo kết quả",
    revise: "Sửa báo cáo kết quả",
    not_begun: "Chưa lập",
    due: "Hạn nộp",
    returned_comment: "Ý kiến khi trả lại",
    outcomes: "Kết quả đạt được",
    attendance: "Số người tham dự thực tế",
    attendance_note: "Thành phần tham dự",
    lessons: "Bài học kinh nghiệm",
    action_items: "Việc cần triển khai",
    action_items_hint: "Mỗi việc cần người phụ trách (họ tên và email) và hạn. Để trống cả dòng nếu không dùng.",
    item: "Việc",
    item_title: "Nội dung",
    owner_name: "Người phụ trách",
    owner_email: "Email người phụ trách",
    due_on: "Hạn",
    save: "Lưu bản nháp",
    save_and_submit: "Lưu và gửi báo cáo",
    accept: "Chấp nhận báo cáo",
    accept_hint: "Chương trình được khép lại sau khi báo cáo được chấp nhận.",
    send_back: "Trả lại để bổ sung",
    send_back_comment: "Ý kiến (cần bổ sung gì)",
    item_status: "Tình trạng",
    not_recorded: "Chưa ghi nhận được",
};

const EN: ReportWords = ReportWords {
    report: "Follow-up report",
    write: "Write the follow-up report",
    revise: "Revise the follow-up report",
    not_begun: "Not begun",
    due: "Due",
    returned_comment: "Comment when returned",
    outcomes: "Outcomes",
    attendance: "Actual attendance",
    attendance_note: "Who attended",
    lessons: "Lessons learned",
    action_items: "Action items",
    action_items_hint: "Each item needs an owner (name and email) and a due date. Leave a whole row empty when not used.",
    item: "Item",
    item_title: "What",
    owner_name: "Owner",
    owner_email: "Owner's email",
    due_on: "Due",
    save: "Save draft",
    save_and_submit: "Save and submit",
    accept: "Accept the report",
    accept_hint: "The programme is closed once its report is accepted.",
    send_back: "Send back for more",
    send_back_comment: "Comment (what is missing)",
    item_status: "Status",
    not_recorded: "Not recorded",
};

pub fn report_words(lang: Lang) -> &'static ReportWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

pub fn report_status(status: ReportStatus, lang: Lang) -> &'static str {
    let vi = lang == Lang::Vi;
    match (status, vi) {
        (ReportStatus::Draft, true) => "Đang soạn",
        (ReportStatus::Draft, false) => "Being written",
        (ReportStatus::Submitted, true) => "Đã gửi",
        (ReportStatus::Submitted, false) => "Submitted",
        (ReportStatus::Returned, true) => "Bị trả lại để sửa",
        (ReportStatus::Returned, false) => "Returned for changes",
        (ReportStatus::Accepted, true) => "Đã được chấp nhận",
        (ReportStatus::Accepted, false) => "Accepted",
    }
}
