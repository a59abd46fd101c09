//! The words of the read views the JSON API had before the pages: a delegation's
//! history, the checklist across delegations and the reminders sent to me, in Vietnamese
//! and English.

use domain::Lang;

pub struct ReadWords {
    pub checklist: &'static str,
    pub checklist_intro: &'static str,
    pub overdue: &'static str,
    pub due_soon: &'static str,
    pub later: &'static str,
    pub no_tasks: &'static str,
    pub delegation: &'static str,
    pub owner: &'static str,
    pub due: &'static str,
    pub reminders: &'static str,
    pub reminders_intro: &'static str,
    pub no_reminders: &'static str,
    pub reminder_choices: &'static str,
    pub late: &'static str,
}

const VI: ReadWords = ReadWords {
    checklist: "Việc cần làm của các đoàn",
    checklist_intro: "Các việc và hồ sơ chưa xong của những đoàn thuộc chương trình do đơn vị đồng chí tổ chức, hạn sớm nhất trước.",
    overdue: "Quá hạn",
    due_soon: "Đến hạn trong 7 ngày tới",
    later: "Hạn sau đó",
    no_tasks: "Không có việc nào.",
    delegation: "Đoàn",
    owner: "Người phụ trách",
    due: "Hạn",
    reminders: "Nhắc việc đã gửi cho tôi",
    reminders_intro: "Những thư nhắc việc gần đây nhất Cầu Nối gửi đến địa chỉ của đồng chí, mới nhất trước.",
    no_reminders: "Chưa có thư nhắc việc nào.",
    reminder_choices: "Chọn cách nhận thư nhắc việc",
    late: "đã quá hạn",
};

const EN: ReadWords = ReadWords {
    checklist: "Checklist across delegations",
    checklist_intro: "Open tasks and documents of the delegations of programmes your organisations run, soonest due first.",
    overdue: "Overdue",
    due_soon: "Due in the next 7 days",
    later: "Due later",
    no_tasks: "Nothing here.",
    delegation: "Delegation",
    owner: "Owner",
    due: "Due",
    reminders: "Reminders sent to me",
    reminders_intro: "The latest reminder mails Cầu Nối sent to your address, newest first.",
    no_reminders: "No reminders yet.",
    reminder_choices: "Choose how you get reminders",
    late: "overdue",
};

pub fn read_words(lang: Lang) -> &'static ReadWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
