//! The words of the API-token page, in Vietnamese and English.

use domain::Lang;

pub struct TokensWords {
    pub title: &'static str,
    pub intro: &'static str,
    pub new_token: &'static str,
    pub label: &'static str,
    pub label_hint: &'static str,
    pub days: &'static str,
    pub make: &'static str,
    pub made: &'static str,
    pub made_hint: &'static str,
    pub yours: &'static str,
    pub none: &'static str,
    pub made_on: &'static str,
    pub until: &'static str,
    pub last_used: &'static str,
    pub never_used: &'static str,
    pub live: &'static str,
    pub expired: &'static str,
    pub revoked: &'static str,
    pub revoke: &'static str,
    pub no_such_token: &'static str,
}

const VI: TokensWords = TokensWords {
    title: "Khoá API",
    intro: "Khoá API cho phép một chương trình (tập lệnh, bảng tính, hệ thống khác) dùng API JSON thay đồng chí, với đúng các vai trò đồng chí đang giữ. Gửi kèm mỗi yêu cầu: Authorization: Bearer <khoá>.",
    new_token: "Tạo khoá mới",
    label: "Dùng cho việc gì",
    label_hint: "Ví dụ: báo cáo hằng đêm (tối đa 100 ký tự).",
    days: "Số ngày có hiệu lực (1–366)",
    make: "Tạo khoá",
    made: "Khoá mới của đồng chí",
    made_hint: "Hãy sao chép và cất giữ ngay: khoá chỉ hiện một lần này, Cầu Nối chỉ lưu dấu băm của nó.",
    yours: "Các khoá của đồng chí",
    none: "Chưa có khoá nào.",
    made_on: "Tạo lúc",
    until: "Hết hạn",
    last_used: "Dùng lần cuối",
    never_used: "chưa dùng",
    live: "Đang dùng được",
    expired: "Đã hết hạn",
    revoked: "Đã thu hồi",
    revoke: "Thu hồi",
    no_such_token: "Không có khoá này, hoặc khoá đã bị thu hồi.",
};

const EN: TokensWords = TokensWords {
    title: "API tokens",
    intro: "An API token lets a program (a script, a spreadsheet, another system) use the JSON API on your behalf, with exactly the roles you hold. Send it with every request: Authorization: Bearer <token>.",
    new_token: "Make a new token",
    label: "What it is for",
    label_hint: "For example: nightly report (at most 100 characters).",
    days: "Days it works (1–366)",
    make: "Make the token",
    made: "Your new token",
    made_hint: "Copy it and keep it safe now: it is shown this once; Cầu Nối keeps only its hash.",
    yours: "Your tokens",
    none: "No tokens yet.",
    made_on: "Made",
    until: "Expires",
    last_used: "Last used",
    never_used: "never used",
    live: "Works",
    expired: "Expired",
    revoked: "Revoked",
    revoke: "Revoke",
    no_such_token: "There is no such token, or it was revoked already.",
};

pub fn tokens_words(lang: Lang) -> &'static TokensWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
