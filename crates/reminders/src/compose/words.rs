//! The words of the reminder emails, in Vietnamese and English. Each sentence that holds a
//! value is split around it, so that both languages fill the same template.

use domain::Lang;

pub struct ReminderWords {
    /// The HTML part's `lang`.
    pub code: &'static str,
    /// Before the rule and the title in the subject of a mail with one reminder.
    pub subject_one: &'static str,
    /// The subject of a digest of this many reminders.
    pub subject_many: fn(usize) -> String,
    pub title: &'static str,
    /// Before the recipient's name.
    pub dear: &'static str,
    /// Before the time of the run, which is followed by "):".
    pub intro: &'static str,
    pub why: &'static str,
    pub late: &'static str,
    pub open: &'static str,
    pub any_late: &'static str,
    pub preferences: &'static str,
    pub preferences_link: &'static str,
}

const VI: ReminderWords = ReminderWords {
    code: "vi",
    subject_one: "Nhắc việc",
    subject_many: |n| format!("Nhắc việc Cầu Nối: {n} việc cần đồng chí lưu ý"),
    title: "Nhắc việc Cầu Nối",
    dear: "Kính gửi đồng chí",
    intro: "Cầu Nối nhắc đồng chí những việc sau (tính đến ",
    why: "Lý do gửi",
    late: "Nhắc muộn: lẽ ra thư này đã được gửi sớm hơn nhưng hệ thống tạm ngừng hoạt động.",
    open: "Mở",
    any_late: "Một số nhắc việc đến muộn vì hệ thống nhắc việc đã tạm ngừng hoạt động; mỗi việc chỉ được nhắc một lần.",
    preferences: "Chọn cách nhận nhắc việc (gộp hoặc từng thư) hoặc tắt các loại nhắc việc không cần thiết (trừ phê duyệt)",
    preferences_link: "tùy chọn nhắc việc",
};

const EN: ReminderWords = ReminderWords {
    code: "en",
    subject_one: "Reminder",
    subject_many: |n| format!("Cầu Nối reminders: {n} things need your attention"),
    title: "Cầu Nối reminders",
    dear: "Dear",
    intro: "Cầu Nối reminds you of the following (as of ",
    why: "Why you get this",
    late: "Late: this reminder should have gone out earlier, but the system was down.",
    open: "Open",
    any_late: "Some reminders come late because the reminder service was down; each is sent only once.",
    preferences: "Choose how you get reminders (all in one email, or one email each) or turn off the kinds you do not need (approvals excepted)",
    preferences_link: "reminder preferences",
};

pub fn reminder_words(lang: Lang) -> &'static ReminderWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
