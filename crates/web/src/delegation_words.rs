//! The words of the coordinator's delegation page, in Vietnamese and English.

use domain::Lang;
use domain::delegation::{Direction, TaskStatus};

pub struct DelegationWords {
    pub delegations: &'static str,
    pub back_to_programme: &'static str,
    pub roster: &'static str,
    pub number: &'static str,
    pub full_name: &'static str,
    pub role: &'static str,
    pub organisation: &'static str,
    pub redacted: &'static str,
    pub no_members: &'static str,
    pub warnings: &'static str,
    pub no_warnings: &'static str,
    pub checklist: &'static str,
    pub owner: &'static str,
    pub due: &'static str,
    pub no_tasks: &'static str,
    pub itinerary: &'static str,
    pub no_itinerary: &'static str,
    pub responsible: &'static str,
    pub exports: &'static str,
    pub roster_csv: &'static str,
    pub roster_xlsx: &'static str,
    pub itinerary_ics: &'static str,
    pub itinerary_html: &'static str,
    pub members_count: &'static str,
    pub change_status: &'static str,
    pub unknown_task: &'static str,
    pub open_delegation: &'static str,
    pub delegation_name: &'static str,
    pub delegation_name_hint: &'static str,
    pub direction_label: &'static str,
    pub not_opened: &'static str,
}

const VI: DelegationWords = DelegationWords {
    delegations: "Đoàn của chương trình",
    back_to_programme: "Về chương trình",
    roster: "Danh sách đoàn",
    number: "STT",
    full_name: "Họ và tên",
    role: "Chức danh trong đoàn",
    organisation: "Đơn vị",
    redacted: "(thông tin cá nhân đã được xóa)",
    no_members: "Đoàn chưa có thành viên.",
    warnings: "Cảnh báo",
    no_warnings: "Không có cảnh báo.",
    checklist: "Việc cần làm",
    owner: "Người phụ trách",
    due: "Hạn",
    no_tasks: "Không có việc nào.",
    itinerary: "Lịch trình",
    no_itinerary: "Chưa có lịch trình.",
    responsible: "Phụ trách",
    exports: "Tải xuống",
    roster_csv: "Danh sách đoàn (CSV)",
    roster_xlsx: "Danh sách đoàn (Excel)",
    itinerary_ics: "Lịch trình cho lịch điện tử (ICS)",
    itinerary_html: "Lịch trình để in",
    members_count: "thành viên",
    change_status: "Tình trạng",
    unknown_task: "Không tìm thấy việc này trong danh sách việc cần làm của đoàn.",
    open_delegation: "Lập đoàn",
    delegation_name: "Tên đoàn",
    delegation_name_hint: "Ví dụ: Đoàn thiếu nhi tỉnh Lào Cai sang Hà Khẩu.",
    direction_label: "Chiều đi",
    not_opened: "Chưa lập được đoàn",
};

const EN: DelegationWords = DelegationWords {
    delegations: "The programme's delegations",
    back_to_programme: "Back to the programme",
    roster: "Roster",
    number: "No.",
    full_name: "Full name",
    role: "Role in the delegation",
    organisation: "Organisation",
    redacted: "(personal data erased)",
    no_members: "The delegation has no members yet.",
    warnings: "Warnings",
    no_warnings: "No warnings.",
    checklist: "Checklist",
    owner: "Owner",
    due: "Due",
    no_tasks: "No tasks.",
    itinerary: "Itinerary",
    no_itinerary: "No itinerary yet.",
    responsible: "Responsible",
    exports: "Downloads",
    roster_csv: "Roster (CSV)",
    roster_xlsx: "Roster (Excel)",
    itinerary_ics: "Itinerary for calendars (ICS)",
    itinerary_html: "Printable itinerary",
    members_count: "members",
    change_status: "Status",
    unknown_task: "This task is not on the delegation's checklist.",
    open_delegation: "Open a delegation",
    delegation_name: "Delegation's name",
    delegation_name_hint: "For example: the Lào Cai children's delegation to Hekou.",
    direction_label: "Direction",
    not_opened: "The delegation was not opened",
};

pub fn delegation_words(lang: Lang) -> &'static DelegationWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

pub fn task_status(status: TaskStatus, lang: Lang) -> &'static str {
    let vi = lang == Lang::Vi;
    match (status, vi) {
        (TaskStatus::Todo, true) => "Chưa làm",
        (TaskStatus::Todo, false) => "To do",
        (TaskStatus::InProgress, true) => "Đang làm",
        (TaskStatus::InProgress, false) => "In progress",
        (TaskStatus::Done, true) => "Đã xong",
        (TaskStatus::Done, false) => "Done",
        (TaskStatus::NotNeeded, true) => "Không cần",
        (TaskStatus::NotNeeded, false) => "Not needed",
    }
}

pub fn direction(direction: Direction, lang: Lang) -> &'static str {
    match (direction, lang) {
        (Direction::Outgoing, Lang::Vi) => "Đoàn ra",
        (Direction::Outgoing, Lang::En) => "Outgoing",
        (Direction::Incoming, Lang::Vi) => "Đoàn vào",
        (Direction::Incoming, Lang::En) => "Incoming",
    }
}
