//! The words of the administrator's page for recording past programmes, in Vietnamese and
//! English.

use domain::Lang;

pub struct HistoryWords {
    pub title: &'static str,
    pub intro: &'static str,
    pub file: &'static str,
    pub check: &'static str,
    pub checked: &'static str,
    pub nothing_to_do: &'static str,
    pub record: &'static str,
    pub recorded: &'static str,
    pub not_yet_visible: &'static str,
    pub new: &'static str,
    pub unchanged: &'static str,
    pub programme: &'static str,
    pub host: &'static str,
    pub dates: &'static str,
    pub attendance: &'static str,
    pub see_figures: &'static str,
    pub see_programmes: &'static str,
    pub mistakes: &'static str,
    pub line: &'static str,
    pub too_large: &'static str,
    pub no_file: &'static str,
    pub wrong_format: &'static str,
    pub not_administered: &'static str,
    pub recorded_meanwhile: &'static str,
}

const VI: HistoryWords = HistoryWords {
    title: "Nhập các chương trình đã diễn ra",
    intro: "Tệp CSV, Excel (.xlsx) hoặc YAML theo mẫu của lệnh caunoi import-history (tối đa 1 MiB). Các chương trình được ghi nhận là lịch sử: đã kết thúc, không qua phê duyệt, không có nhắc việc. Tệp được kiểm tra trước; chưa ghi gì cho đến khi bấm Ghi nhận. Nhập lại cùng một tệp không thay đổi gì.",
    file: "Tệp (.csv, .xlsx, .yaml, .yml)",
    check: "Kiểm tra",
    checked: "Tệp hợp lệ. Các chương trình sẽ được ghi nhận:",
    nothing_to_do: "Mọi chương trình trong tệp đã được ghi nhận; không có gì để ghi.",
    record: "Ghi nhận",
    recorded: "Đã ghi nhận",
    not_yet_visible: "Đã lưu; các trang sẽ hiện trong giây lát.",
    new: "Mới",
    unchanged: "Đã có, không đổi",
    programme: "Chương trình",
    host: "Đơn vị chủ trì",
    dates: "Thời gian",
    attendance: "Số người dự",
    see_figures: "Xem số liệu",
    see_programmes: "Xem danh sách chương trình",
    mistakes: "Tệp có lỗi; chưa ghi gì. Xin sửa rồi tải lên lại:",
    line: "Dòng",
    too_large: "Tệp quá lớn: tối đa 1 MiB.",
    no_file: "Xin chọn một tệp.",
    wrong_format: "Tệp phải có đuôi .csv, .xlsx, .yaml hoặc .yml.",
    not_administered: "Tệp có chương trình của tổ chức mà bạn không phải quản trị viên; chưa ghi gì.",
    recorded_meanwhile: "Trong lúc đó, một chương trình của tệp vừa được người khác ghi nhận. Xin tải tệp lên và kiểm tra lại.",
};

const EN: HistoryWords = HistoryWords {
    title: "Import past programmes",
    intro: "A CSV, Excel (.xlsx) or YAML file in the format of caunoi import-history (at most 1 MiB). The programmes are recorded as history: over, without approval, without reminders. The file is checked first; nothing is recorded until you press Record. Importing the same file again changes nothing.",
    file: "File (.csv, .xlsx, .yaml, .yml)",
    check: "Check",
    checked: "The file is right. The programmes it would record:",
    nothing_to_do: "Every programme of the file is already recorded; nothing to record.",
    record: "Record",
    recorded: "Recorded",
    not_yet_visible: "Stored; the pages show it in a moment.",
    new: "New",
    unchanged: "Already recorded, unchanged",
    programme: "Programme",
    host: "Host",
    dates: "Dates",
    attendance: "Attendance",
    see_figures: "See the figures",
    see_programmes: "See the programmes",
    mistakes: "The file has mistakes; nothing was recorded. Fix them and upload it again:",
    line: "Line",
    too_large: "The file is too large: at most 1 MiB.",
    no_file: "Choose a file.",
    wrong_format: "The file must end in .csv, .xlsx, .yaml or .yml.",
    not_administered: "The file has programmes of an organisation you do not administer; nothing was recorded.",
    recorded_meanwhile: "Meanwhile someone else recorded a programme of the file. Upload the file and check it again.",
};

pub fn history_words(lang: Lang) -> &'static HistoryWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
