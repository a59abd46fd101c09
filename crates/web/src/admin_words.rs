//! The words of the administrator's page, in Vietnamese and English.

use domain::Lang;
use domain::access::AccessRole;

pub struct AdminWords {
    pub title: &'static str,
    pub import: &'static str,
    pub committees: &'static str,
    pub no_committees: &'static str,
    pub rule: &'static str,
    pub chair: &'static str,
    pub member: &'static str,
    pub serves: &'static str,
    pub until_now: &'static str,
    pub substitutes: &'static str,
    pub stands_in_for: &'static str,
    pub routes: &'static str,
    pub no_routes: &'static str,
    pub every_kind: &'static str,
    pub other_organisation: &'static str,
    pub advisory: &'static str,
    pub users: &'static str,
    pub no_users: &'static str,
    pub reminders: &'static str,
    pub reminders_hint: &'static str,
    pub no_reminders: &'static str,
    pub rules: &'static str,
    pub rules_hint: &'static str,
    pub schedules: &'static str,
    pub off: &'static str,
    pub parked: &'static str,
    pub parked_none: &'static str,
    pub parked_some: &'static str,
}

const VI: AdminWords = AdminWords {
    title: "Quản trị đơn vị",
    import: "Nhập danh mục từ tệp",
    committees: "Các ban, hội đồng phê duyệt",
    no_committees: "Đơn vị chưa có ban, hội đồng nào.",
    rule: "Cách quyết định",
    chair: "Chủ trì",
    member: "Thành viên",
    serves: "Nhiệm kỳ",
    until_now: "nay",
    substitutes: "Người thay thế",
    stands_in_for: "thay",
    routes: "Quy trình phê duyệt",
    no_routes: "Đơn vị chưa có quy trình phê duyệt nào.",
    every_kind: "Mọi loại chương trình",
    other_organisation: "ban của đơn vị khác",
    advisory: "tham khảo ý kiến",
    users: "Người dùng và vai trò",
    no_users: "Chưa ai có vai trò ở đơn vị.",
    reminders: "Nhắc việc đã gửi",
    reminders_hint: "Những thư nhắc việc gần đây gửi tới người có vai trò ở đơn vị.",
    no_reminders: "Chưa có thư nhắc việc nào.",
    rules: "Quy tắc nhắc việc",
    rules_hint: "Quy tắc và giờ gửi được đặt trong cấu hình máy chủ, chung cho mọi đơn vị.",
    schedules: "Giờ gửi",
    off: "đang tắt",
    parked: "Sự kiện bị gác lại",
    parked_none: "Không có sự kiện nào bị gác lại: dữ liệu hiển thị theo kịp mọi thay đổi.",
    parked_some: "sự kiện không đưa được vào dữ liệu hiển thị và đã được gác lại cùng lý do; mọi thay đổi khác vẫn được cập nhật. Người vận hành máy chủ xem bằng `caunoi parked list` và áp dụng lại sau khi sửa bằng `caunoi parked retry`.",
};

const EN: AdminWords = AdminWords {
    title: "Organisation administration",
    import: "Import from a file",
    committees: "Approval committees",
    no_committees: "The organisation has no committees yet.",
    rule: "Decision rule",
    chair: "Chair",
    member: "Member",
    serves: "Serves",
    until_now: "now",
    substitutes: "Substitutes",
    stands_in_for: "stands in for",
    routes: "Approval routes",
    no_routes: "The organisation has no approval routes yet.",
    every_kind: "Every kind of programme",
    other_organisation: "another organisation's committee",
    advisory: "advisory",
    users: "Users and roles",
    no_users: "Nobody holds a role in the organisation yet.",
    reminders: "Reminders sent",
    reminders_hint: "The latest reminder emails to people with a role in the organisation.",
    no_reminders: "No reminders yet.",
    rules: "Reminder rules",
    rules_hint: "Rules and sending times are set in the server's settings, the same for every organisation.",
    schedules: "Sending times",
    off: "off",
    parked: "Parked events",
    parked_none: "No event is parked: what the pages show follows every change.",
    parked_some: "events could not be taken into what the pages show and were set aside with the reason; every other change still shows. The server's operator lists them with `caunoi parked list` and applies them again after a fix with `caunoi parked retry`.",
};

pub fn admin_words(lang: Lang) -> &'static AdminWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

pub fn role(role: AccessRole, lang: Lang) -> &'static str {
    match (role, lang) {
        (AccessRole::Planner, Lang::Vi) => "Cán bộ lập kế hoạch",
        (AccessRole::Planner, Lang::En) => "Planner",
        (AccessRole::Coordinator, Lang::Vi) => "Cán bộ điều phối đoàn",
        (AccessRole::Coordinator, Lang::En) => "Coordinator",
        (AccessRole::Approver, Lang::Vi) => "Người phê duyệt",
        (AccessRole::Approver, Lang::En) => "Approver",
        (AccessRole::Administrator, Lang::Vi) => "Quản trị viên",
        (AccessRole::Administrator, Lang::En) => "Administrator",
    }
}

pub fn mail_status(status: &str, lang: Lang) -> &'static str {
    match (status, lang) {
        ("pending", Lang::Vi) => "đang chờ gửi",
        ("pending", Lang::En) => "waiting to be sent",
        ("sent", Lang::Vi) => "đã gửi",
        ("sent", Lang::En) => "sent",
        ("failed", Lang::Vi) => "gửi không được",
        ("failed", Lang::En) => "failed",
        _ => "",
    }
}
