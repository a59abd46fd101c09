//! Checklists that Youth Union staff start from, by programme kind. Each entry falls due a
//! number of days before the delegation sets off, or before it crosses the border.

use uuid::Uuid;

use super::items::TaskKind;
use crate::programme::ProgrammeKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateEntry {
    pub kind: TaskKind,
    pub title: &'static str,
    /// Days before the departure (or the crossing) it falls due.
    pub days_before: u32,
    /// Due before the border crossing rather than before setting off.
    pub before_crossing: bool,
}

impl TemplateEntry {
    /// The id of the task this entry adds to delegation `delegation_id`: the same entry
    /// always gets the same id, so a template applied twice adds nothing the second time.
    pub fn task_id(&self, delegation_id: Uuid) -> Uuid {
        Uuid::new_v5(&delegation_id, self.title.as_bytes())
    }
}

const fn document(title: &'static str, days_before: u32) -> TemplateEntry {
    TemplateEntry {
        kind: TaskKind::Document,
        title,
        days_before,
        before_crossing: false,
    }
}

const fn task(title: &'static str, days_before: u32) -> TemplateEntry {
    TemplateEntry {
        kind: TaskKind::Task,
        title,
        days_before,
        before_crossing: false,
    }
}

const fn before_crossing(title: &'static str, days_before: u32) -> TemplateEntry {
    TemplateEntry {
        kind: TaskKind::Document,
        title,
        days_before,
        before_crossing: true,
    }
}

/// Going across the border: a working delegation, a cultural or trade visit.
const VISIT: &[TemplateEntry] = &[
    document("Thư mời của phía bạn", 30),
    document("Quyết định cử đoàn đi công tác", 20),
    task("Kiểm tra hộ chiếu, giấy thông hành của thành viên", 21),
    task("Mua bảo hiểm cho thành viên đoàn", 7),
    task("Chuẩn bị quà lưu niệm", 7),
    document("Đề cương phát biểu, tài liệu trao đổi", 3),
    before_crossing("Gửi danh sách đoàn cho Đồn Biên phòng cửa khẩu", 5),
];

/// Receiving partners: the invitation goes out from here.
const RECEPTION: &[TemplateEntry] = &[
    document("Gửi thư mời cho phía bạn", 30),
    document("Báo cáo Sở Ngoại vụ về việc đón đoàn", 15),
    document("Lịch trình chi tiết gửi phía bạn", 10),
    task("Bố trí nơi ở cho đoàn", 7),
    task("Bố trí phiên dịch", 7),
    task("Chuẩn bị quà lưu niệm", 5),
    before_crossing("Thông báo danh sách đoàn cho Đồn Biên phòng cửa khẩu", 3),
];

/// Children travel with guardians and parents' consent, as for Children's Day in Hekou.
const CHILDREN: &[TemplateEntry] = &[
    document("Thư mời của phía bạn", 30),
    document("Quyết định cử đoàn đi công tác", 20),
    document("Giấy đồng ý của cha mẹ cho các em tham gia", 14),
    document("Danh sách người phụ trách, giám hộ các em", 14),
    task("Làm giấy thông hành biên giới cho các em", 21),
    task("Mua bảo hiểm cho các em và người phụ trách", 7),
    task("Chuẩn bị tiết mục văn nghệ giao lưu", 7),
    task("Chuẩn bị quà lưu niệm", 7),
    before_crossing("Gửi danh sách đoàn cho Đồn Biên phòng cửa khẩu", 5),
];

/// Meetings where a delegation travels to sign or review: the papers to be signed matter.
const MEETING: &[TemplateEntry] = &[
    document("Thư mời của phía bạn", 30),
    document("Quyết định cử đoàn đi công tác", 20),
    document("Dự thảo văn bản ký kết (bản tiếng Việt và tiếng Trung)", 14),
    document("Đề cương phát biểu, tài liệu trao đổi", 3),
    task("Chuẩn bị quà lưu niệm", 7),
    before_crossing("Gửi danh sách đoàn cho Đồn Biên phòng cửa khẩu", 5),
];

/// Nobody crosses the border: connections and papers instead.
const ONLINE: &[TemplateEntry] = &[
    document("Thư mời, chương trình hội nghị", 14),
    task("Chuẩn bị đường truyền, thiết bị tại điểm cầu", 3),
    task("Chạy thử kết nối với phía bạn", 1),
    document("Đề cương phát biểu", 3),
];

/// The checklist to start from for a programme of this kind.
pub fn checklist_template(kind: ProgrammeKind) -> &'static [TemplateEntry] {
    match kind {
        ProgrammeKind::Reception => RECEPTION,
        ProgrammeKind::Childrens => CHILDREN,
        ProgrammeKind::OnlineConference => ONLINE,
        ProgrammeKind::MouSigning | ProgrammeKind::Seminar => MEETING,
        ProgrammeKind::DelegationVisit
        | ProgrammeKind::Cultural
        | ProgrammeKind::TradePromotion
        | ProgrammeKind::Other => VISIT,
    }
}
