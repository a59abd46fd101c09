//! The words of the follow-up pages (agreements, action items, yearly figures), in
//! Vietnamese and English.

use domain::Lang;
use domain::agreement::AgreementStatus;
use domain::followup::ActionStatus;
use domain::i18n::capitalised;

pub struct FollowUpWords {
    pub agreements: &'static str,
    pub action_items: &'static str,
    pub figures: &'static str,
    pub signed_on: &'static str,
    pub expires_on: &'static str,
    pub next_review: &'static str,
    pub no_agreements: &'static str,
    pub programme: &'static str,
    pub owner: &'static str,
    pub due: &'static str,
    pub no_action_items: &'static str,
    pub year: &'static str,
    pub programmes: &'static str,
    pub delegations: &'static str,
    pub delegates: &'static str,
    pub chart_title: &'static str,
    pub figures_hint: &'static str,
    pub download_csv: &'static str,
    pub download_svg: &'static str,
    pub period: &'static str,
    pub period_from: &'static str,
    pub period_to: &'static str,
    pub show_period: &'static str,
    pub period_not_read: &'static str,
    pub annual_review: &'static str,
    pub open_review_of: &'static str,
    pub not_yet: &'static str,
    pub reviews_due: &'static str,
    pub review_due_on: &'static str,
    pub expiring: &'static str,
    pub reports_due: &'static str,
    pub report_due_on: &'static str,
    pub overdue: &'static str,
    pub report_not_begun: &'static str,
}

const VI: FollowUpWords = FollowUpWords {
    agreements: "Thỏa thuận hợp tác",
    action_items: "Việc cần triển khai",
    figures: "Số liệu theo năm",
    signed_on: "Ngày ký",
    expires_on: "Hết hiệu lực",
    next_review: "Kỳ rà soát tới",
    no_agreements: "Đơn vị chưa có thỏa thuận nào.",
    programme: "Chương trình",
    owner: "Người phụ trách",
    due: "Hạn",
    no_action_items: "Không có việc nào đang chờ triển khai.",
    year: "Năm",
    programmes: "Chương trình",
    delegations: "Đoàn",
    delegates: "Đại biểu",
    chart_title: "Số đại biểu theo năm",
    download_csv: "Tải bảng số liệu (CSV, mở bằng Excel)",
    download_svg: "Tải biểu đồ (SVG)",
    period: "Khoảng thời gian",
    period_from: "Từ ngày",
    period_to: "Đến ngày",
    show_period: "Xem số liệu",
    period_not_read: "Không đọc được khoảng thời gian đã chọn; đang hiện mười năm gần nhất.",
    annual_review: "Báo cáo tổng kết",
    open_review_of: "Năm",
    figures_hint: "Tính các chương trình đã tổ chức do đơn vị chủ trì; số đại biểu lấy theo báo cáo kết quả khi đã có.",
    not_yet: "chưa có",
    reviews_due: "Sắp đến kỳ rà soát",
    review_due_on: "Hạn rà soát",
    expiring: "Sắp hết hiệu lực",
    reports_due: "Báo cáo kết quả sắp đến hạn",
    report_due_on: "Hạn nộp báo cáo",
    overdue: "Đã quá hạn",
    report_not_begun: "chưa bắt đầu",
};

const EN: FollowUpWords = FollowUpWords {
    agreements: "Cooperation agreements",
    action_items: "Action items",
    figures: "Yearly figures",
    signed_on: "Signed",
    expires_on: "Expires",
    next_review: "Next review",
    no_agreements: "The organisation has no agreements yet.",
    programme: "Programme",
    owner: "Owner",
    due: "Due",
    no_action_items: "No action items are waiting.",
    year: "Year",
    programmes: "Programmes",
    delegations: "Delegations",
    delegates: "Delegates",
    chart_title: "Delegates by year",
    download_csv: "Download the figures (CSV, opens in Excel)",
    download_svg: "Download the chart (SVG)",
    period: "Period",
    period_from: "From",
    period_to: "To",
    show_period: "Show the figures",
    period_not_read: "The period chosen could not be read; showing the last ten years.",
    annual_review: "Annual review",
    open_review_of: "Year",
    figures_hint: "Counts the programmes the organisation hosted that took place; delegates as reported once a report exists.",
    not_yet: "none yet",
    reviews_due: "Reviews due",
    review_due_on: "Review due",
    expiring: "Expiring",
    reports_due: "Follow-up reports falling due",
    report_due_on: "Report due",
    overdue: "Overdue",
    report_not_begun: "not begun",
};

pub fn follow_up_words(lang: Lang) -> &'static FollowUpWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// A status as the domain words it, starting with a capital as a badge does.
pub fn agreement_status(status: &str, lang: Lang) -> String {
    AgreementStatus::parse(status).map_or_else(String::new, |s| capitalised(s.label(lang)))
}

pub fn action_status(status: &str, lang: Lang) -> String {
    ActionStatus::parse(status).map_or_else(String::new, |s| capitalised(s.label(lang)))
}
