//! Every Chinese (Simplified) word the partner-facing documents use, in one place, so a
//! translator reviews one file.

use chrono::{Datelike, NaiveDate};

pub const DELEGATION_LIST: &str = "代表团名单";
pub const ITINERARY: &str = "行程安排";
pub const REPLY_LETTER: &str = "复函";

/// The column headings of the delegation list, Vietnamese over Chinese.
pub const LIST_HEADINGS: [(&str, &str); 5] = [
    ("STT", "序号"),
    ("Họ và tên", "姓名"),
    ("Giới tính", "性别"),
    ("Chức vụ", "职务"),
    ("Đơn vị", "单位"),
];
pub const MALE: &str = "男";
pub const FEMALE: &str = "女";
pub const MEMBERS: &str = "代表团人数";
pub const PERSONS: &str = "人";

pub const ITINERARY_HEADINGS: [&str; 5] = ["日期", "时间", "活动内容", "地点", "负责"];
/// Said under the itinerary's title: every time is China's.
pub const TIMES_IN_BEIJING: &str = "（以下时间均为北京时间，UTC+8）";
pub const NO_ITEMS: &str = "详细行程另行通知。";

pub const DEAR: &str = "尊敬的";
pub const REPLY_RECEIVED: &str = "贵方邀请函收悉，谨致诚挚的谢意。";
pub const REPLY_ACCEPT: &str = "我方高兴地接受贵方邀请";
pub const REPLY_DETAILS: &str = "代表团名单、行程安排等具体事宜将另行函告。";
pub const REPLY_WISH: &str = "期待双方友好交流与合作取得新的成果，为越中传统友谊作出积极贡献。";
pub const REPLY_CLOSING: [&str; 2] = ["此致", "敬礼！"];

/// `2027年5月20日`.
pub fn date(day: NaiveDate) -> String {
    format!("{}年{}月{}日", day.year(), day.month(), day.day())
}

/// `2027年5月20日至22日`, or one day.
pub fn dates(start: NaiveDate, end: NaiveDate) -> String {
    if start == end {
        date(start)
    } else if start.year() == end.year() && start.month() == end.month() {
        format!("{}至{}日", date(start), end.day())
    } else {
        format!("{}至{}", date(start), date(end))
    }
}

/// The acceptance: `我方高兴地接受贵方邀请，将派代表团一行12人于…赴…参加“…”活动。`
pub fn reply_body(size: u32, dates: &str, place: &str, title: &str) -> String {
    format!("{REPLY_ACCEPT}，将派代表团一行{size}{PERSONS}于{dates}赴{place}参加“{title}”活动。")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_the_chinese_way() {
        let day = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
        assert_eq!(date(day(5, 20)), "2027年5月20日");
        assert_eq!(dates(day(5, 20), day(5, 22)), "2027年5月20日至22日");
        assert_eq!(dates(day(5, 31), day(6, 1)), "2027年5月31日至2027年6月1日");
    }
}
