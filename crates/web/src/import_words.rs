//! The words of the administrator's import page, in Vietnamese and English.

use domain::Lang;

pub struct ImportWords {
    pub title: &'static str,
    pub intro: &'static str,
    pub file: &'static str,
    pub check: &'static str,
    pub checked: &'static str,
    pub nothing_to_do: &'static str,
    pub apply: &'static str,
    pub applied: &'static str,
    pub mistakes: &'static str,
    pub line: &'static str,
    pub kind: &'static str,
    pub new: &'static str,
    pub unchanged: &'static str,
    pub changed: &'static str,
    pub organisations: &'static str,
    pub committees: &'static str,
    pub members: &'static str,
    pub substitutes: &'static str,
    pub routes: &'static str,
    pub too_large: &'static str,
    pub no_file: &'static str,
    pub wrong_format: &'static str,
    pub not_administered: &'static str,
}

const VI: ImportWords = ImportWords {
    title: "Nhập danh mục từ tệp",
    intro: "Tệp YAML hoặc CSV theo mẫu của lệnh caunoi import (tối đa 1 MiB). Tệp được kiểm tra trước; chưa ghi gì cho đến khi bấm Ghi vào danh mục.",
    file: "Tệp (.yaml, .yml, .csv)",
    check: "Kiểm tra",
    checked: "Tệp hợp lệ. Những gì sẽ thay đổi:",
    nothing_to_do: "Danh mục đã đúng như tệp; không có gì để ghi.",
    apply: "Ghi vào danh mục",
    applied: "Đã ghi vào danh mục",
    mistakes: "Tệp có lỗi; chưa ghi gì. Xin sửa rồi tải lên lại:",
    line: "Dòng",
    kind: "Loại",
    new: "Mới",
    unchanged: "Không đổi",
    changed: "Thay đổi",
    organisations: "Tổ chức",
    committees: "Ban",
    members: "Thành viên",
    substitutes: "Người thay thế",
    routes: "Quy trình phê duyệt",
    too_large: "Tệp quá lớn: tối đa 1 MiB.",
    no_file: "Xin chọn một tệp.",
    wrong_format: "Tệp phải có đuôi .yaml, .yml hoặc .csv.",
    not_administered: "Bạn không phải quản trị viên của tổ chức này.",
};

const EN: ImportWords = ImportWords {
    title: "Import the directory from a file",
    intro: "A YAML or CSV file in the format of caunoi import (at most 1 MiB). The file is checked first; nothing is recorded until you press Apply.",
    file: "File (.yaml, .yml, .csv)",
    check: "Check",
    checked: "The file is right. What would change:",
    nothing_to_do: "The directory already says what the file says; nothing to apply.",
    apply: "Apply",
    applied: "Applied to the directory",
    mistakes: "The file has mistakes; nothing was recorded. Fix them and upload it again:",
    line: "Line",
    kind: "Kind",
    new: "New",
    unchanged: "Unchanged",
    changed: "Changed",
    organisations: "Organisations",
    committees: "Committees",
    members: "Members",
    substitutes: "Substitutes",
    routes: "Approval routes",
    too_large: "The file is too large: at most 1 MiB.",
    no_file: "Choose a file.",
    wrong_format: "The file must end in .yaml, .yml or .csv.",
    not_administered: "You are not an administrator of this organisation.",
};

pub fn import_words(lang: Lang) -> &'static ImportWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
