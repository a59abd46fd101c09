//! How values read for people, in Vietnamese (the working language) and English: kinds,
//! decisions, rules, dates and times.

use chrono::{DateTime, NaiveDate, Utc};

use crate::Lang;
use crate::approval::{Decision, DecisionRule, StageStatus};
use crate::programme::{ProgrammeEvent, Verdict};
use crate::reminders::Rule;
use crate::values::{BudgetLine, Currency};

impl Rule {
    /// The heading of this rule's reminders in an email.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Rule::ApprovalPending, Lang::Vi) => "Chờ đồng chí cho ý kiến phê duyệt",
            (Rule::ApprovalPending, Lang::En) => "Waiting for your approval",
            (Rule::ApprovalEscalation, Lang::Vi) => "Ý kiến phê duyệt đang chậm",
            (Rule::ApprovalEscalation, Lang::En) => "Approvals running late",
            (Rule::TaskDue, Lang::Vi) => "Nhiệm vụ, hồ sơ đến hạn",
            (Rule::TaskDue, Lang::En) => "Tasks and documents due",
            (Rule::ReportDue, Lang::Vi) => "Báo cáo kết quả đến hạn",
            (Rule::ReportDue, Lang::En) => "Follow-up reports due",
            (Rule::ActionItemDue, Lang::Vi) => "Việc cần làm tiếp theo đến hạn",
            (Rule::ActionItemDue, Lang::En) => "Action items due",
            (Rule::AgreementReview, Lang::Vi) => "Sắp đến kỳ đánh giá thỏa thuận hợp tác",
            (Rule::AgreementReview, Lang::En) => "Agreement reviews coming up",
            (Rule::AgreementExpiry, Lang::Vi) => "Thỏa thuận hợp tác sắp hết hiệu lực",
            (Rule::AgreementExpiry, Lang::En) => "Agreements expiring",
        }
    }
}

impl Decision {
    pub fn label(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Decision::Approve { .. }, Lang::Vi) => "Đồng ý phê duyệt",
            (Decision::Approve { .. }, Lang::En) => "Approve",
            (Decision::RequestChanges { .. }, Lang::Vi) => "Đề nghị chỉnh sửa",
            (Decision::RequestChanges { .. }, Lang::En) => "Request changes",
            (Decision::Decline { .. }, Lang::Vi) => "Không đồng ý",
            (Decision::Decline { .. }, Lang::En) => "Decline",
        }
    }

    /// The comment or reason given with the decision, if any.
    pub fn note(&self) -> Option<&str> {
        match self {
            Decision::Approve { comment } => comment.as_deref(),
            Decision::RequestChanges { comment } => Some(comment),
            Decision::Decline { reason } => Some(reason),
        }
    }
}

/// A part of a programme's plan, as people call it wherever it is shown: the plan's
/// page, the approval page, the form, and the "what changed" lines of mails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanField {
    Title,
    Kind,
    Host,
    CoOrganisers,
    Partners,
    Schedule,
    Venue,
    BorderGate,
    Objectives,
    DelegationSize,
    Budget,
    Agreement,
    Coordinator,
}

impl PlanField {
    /// The part of the plan a field of `Plan` (as `PlanChanges::changed_fields` names it)
    /// belongs to; `None` for a name the plan does not have.
    pub fn of(field: &str) -> Option<PlanField> {
        Some(match field {
            "title" => PlanField::Title,
            "kind" => PlanField::Kind,
            "host_organisation" | "host_organisation_id" => PlanField::Host,
            "co_organisers" => PlanField::CoOrganisers,
            "partners" => PlanField::Partners,
            "schedule" => PlanField::Schedule,
            "venue" => PlanField::Venue,
            "border_gate" => PlanField::BorderGate,
            "objectives" => PlanField::Objectives,
            "expected_delegation_size" => PlanField::DelegationSize,
            "budget" => PlanField::Budget,
            "agreement_id" => PlanField::Agreement,
            "coordinator" => PlanField::Coordinator,
            _ => return None,
        })
    }

    pub const fn label(self, lang: Lang) -> &'static str {
        use PlanField::*;
        match (self, lang) {
            (Title, Lang::Vi) => "Tên chương trình",
            (Title, Lang::En) => "Title",
            (Kind, Lang::Vi) => "Loại chương trình",
            (Kind, Lang::En) => "Kind of programme",
            (Host, Lang::Vi) => "Đơn vị chủ trì",
            (Host, Lang::En) => "Host organisation",
            (CoOrganisers, Lang::Vi) => "Đơn vị phối hợp",
            (CoOrganisers, Lang::En) => "Co-organisers",
            (Partners, Lang::Vi) => "Đối tác",
            (Partners, Lang::En) => "Partners",
            (Schedule, Lang::Vi) => "Thời gian",
            (Schedule, Lang::En) => "Dates",
            (Venue, Lang::Vi) => "Địa điểm",
            (Venue, Lang::En) => "Venue",
            (BorderGate, Lang::Vi) => "Cửa khẩu",
            (BorderGate, Lang::En) => "Border gate",
            (Objectives, Lang::Vi) => "Mục đích, nội dung",
            (Objectives, Lang::En) => "Objectives",
            (DelegationSize, Lang::Vi) => "Quy mô đoàn",
            (DelegationSize, Lang::En) => "Delegation size",
            (Budget, Lang::Vi) => "Kinh phí",
            (Budget, Lang::En) => "Budget",
            (Agreement, Lang::Vi) => "Thỏa thuận thực hiện",
            (Agreement, Lang::En) => "Agreement carried out",
            (Coordinator, Lang::Vi) => "Người điều phối",
            (Coordinator, Lang::En) => "Coordinator",
        }
    }
}

impl ProgrammeEvent {
    /// What happened, as a line of the programme's history.
    pub fn label(&self, lang: Lang) -> &'static str {
        use ProgrammeEvent::*;
        match (self, lang) {
            (Drafted(_), Lang::Vi) => "Tạo bản nháp",
            (Drafted(_), Lang::En) => "Drafted",
            (Revised(_), Lang::Vi) => "Chỉnh sửa",
            (Revised(_), Lang::En) => "Revised",
            (Submitted(_), Lang::Vi) => "Trình phê duyệt",
            (Submitted(_), Lang::En) => "Submitted",
            (ReviewStarted(_), Lang::Vi) => "Bắt đầu xin ý kiến",
            (ReviewStarted(_), Lang::En) => "Review started",
            (Reviewed(_), Lang::Vi) => "Có kết quả phê duyệt",
            (Reviewed(_), Lang::En) => "Review concluded",
            (Postponed(_), Lang::Vi) => "Hoãn",
            (Postponed(_), Lang::En) => "Postponed",
            (Cancelled(_), Lang::Vi) => "Hủy",
            (Cancelled(_), Lang::En) => "Cancelled",
            (Withdrawn(_), Lang::Vi) => "Rút hồ sơ",
            (Withdrawn(_), Lang::En) => "Withdrawn",
            (SubmissionRefused(_), Lang::Vi) => "Chưa thể trình",
            (SubmissionRefused(_), Lang::En) => "Submission refused",
            (PreparationStarted(_), Lang::Vi) => "Bắt đầu chuẩn bị",
            (PreparationStarted(_), Lang::En) => "Preparation started",
            (Held(_), Lang::Vi) => "Đã tổ chức",
            (Held(_), Lang::En) => "Held",
            (FollowedUp(_), Lang::Vi) => "Đã báo cáo kết quả",
            (FollowedUp(_), Lang::En) => "Followed up",
            (Closed(_), Lang::Vi) => "Kết thúc",
            (Closed(_), Lang::En) => "Closed",
            (RecordedFromHistory(_), Lang::Vi) => "Ghi nhận từ tư liệu lịch sử",
            (RecordedFromHistory(_), Lang::En) => "Recorded from history",
        }
    }

    /// The reason or comment a person gave with it, if any.
    pub fn note(&self) -> Option<&str> {
        match self {
            ProgrammeEvent::Revised(e) => e.reason.as_deref(),
            ProgrammeEvent::Postponed(e) => Some(&e.reason),
            ProgrammeEvent::Cancelled(e) => Some(&e.reason),
            ProgrammeEvent::Withdrawn(e) => Some(&e.reason),
            ProgrammeEvent::SubmissionRefused(e) => Some(&e.reason),
            ProgrammeEvent::Reviewed(e) => match &e.verdict {
                Verdict::Approved => None,
                Verdict::ChangesRequested { comment } => Some(comment),
                Verdict::Declined { reason } => Some(reason),
            },
            _ => None,
        }
    }
}

impl DecisionRule {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (DecisionRule::All, Lang::Vi) => "tất cả thành viên đồng ý",
            (DecisionRule::All, Lang::En) => "every member approves",
            (DecisionRule::Majority, Lang::Vi) => "quá nửa số thành viên đồng ý",
            (DecisionRule::Majority, Lang::En) => "a majority approves",
            (DecisionRule::AnyOne, Lang::Vi) => "một thành viên đồng ý là đủ",
            (DecisionRule::AnyOne, Lang::En) => "any one member approves",
            (DecisionRule::Chair, Lang::Vi) => "người chủ trì quyết định",
            (DecisionRule::Chair, Lang::En) => "the chair decides",
        }
    }
}

impl StageStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        use StageStatus::*;
        match (self, lang) {
            (Waiting, Lang::Vi) => "chưa đến lượt",
            (Waiting, Lang::En) => "waiting",
            (CarriedOver, Lang::Vi) => "đã phê duyệt ở vòng trước",
            (CarriedOver, Lang::En) => "approved in an earlier round",
            (Open, Lang::Vi) => "đang xin ý kiến",
            (Open, Lang::En) => "asking",
            (Approved, Lang::Vi) => "đã phê duyệt",
            (Approved, Lang::En) => "approved",
            (ChangesRequested, Lang::Vi) => "đề nghị chỉnh sửa",
            (ChangesRequested, Lang::En) => "changes requested",
            (Declined, Lang::Vi) => "không đồng ý",
            (Declined, Lang::En) => "declined",
            (Closed, Lang::Vi) => "đã đóng",
            (Closed, Lang::En) => "closed",
        }
    }
}

/// A calendar day the way people write it: 21/11/2023 in Vietnamese, 21 Nov 2023 in
/// English.
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => date.format("%d/%m/%Y").to_string(),
        Lang::En => date.format("%-d %b %Y").to_string(),
    }
}

/// A moment in Vietnam's time, e.g. "14:30 ngày 21/11/2023 (giờ Việt Nam)".
pub fn format_time_in_vietnam(at: DateTime<Utc>, lang: Lang) -> String {
    let local = at.with_timezone(&crate::values::VIETNAM);
    match lang {
        Lang::Vi => local
            .format("%H:%M ngày %d/%m/%Y (giờ Việt Nam)")
            .to_string(),
        Lang::En => local
            .format("%H:%M on %-d %b %Y (Vietnam time)")
            .to_string(),
    }
}

/// A timezone as people say it ("giờ Việt Nam", "giờ Bắc Kinh"): a raw id such as
/// "Asia/Ho_Chi_Minh" reads like a place in Hồ Chí Minh City. Zones without a common name
/// keep their id.
pub fn zone_name(zone: &str, lang: Lang) -> String {
    let named = match zone {
        "Asia/Ho_Chi_Minh" | "Asia/Saigon" => Some(("giờ Việt Nam", "Vietnam time")),
        "Asia/Shanghai" | "Asia/Chongqing" | "Asia/Harbin" | "PRC" => {
            Some(("giờ Bắc Kinh", "Beijing time"))
        }
        "Asia/Hong_Kong" => Some(("giờ Hồng Kông", "Hong Kong time")),
        "Asia/Vientiane" => Some(("giờ Lào", "Laos time")),
        "Asia/Phnom_Penh" => Some(("giờ Campuchia", "Cambodia time")),
        "Asia/Bangkok" => Some(("giờ Thái Lan", "Thailand time")),
        "Asia/Seoul" => Some(("giờ Hàn Quốc", "Korea time")),
        "Asia/Tokyo" => Some(("giờ Nhật Bản", "Japan time")),
        _ => None,
    };
    match (named, lang) {
        (Some((vi, _)), Lang::Vi) => vi.to_owned(),
        (Some((_, en)), Lang::En) => en.to_owned(),
        (None, _) => zone.to_owned(),
    }
}

/// A country by name, from its two-letter code, for the countries the organisations deal
/// with; other codes stay as they are.
/// The countries named in words, in the order forms offer them: Vietnam, then its
/// neighbours and partners.
pub const NAMED_COUNTRIES: [&str; 10] =
    ["VN", "CN", "LA", "KH", "TH", "KR", "JP", "RU", "HK", "TW"];

pub fn country_name(code: &str, lang: Lang) -> String {
    let named = match code.to_ascii_uppercase().as_str() {
        "VN" => Some(("Việt Nam", "Vietnam")),
        "CN" => Some(("Trung Quốc", "China")),
        "LA" => Some(("Lào", "Laos")),
        "KH" => Some(("Campuchia", "Cambodia")),
        "TH" => Some(("Thái Lan", "Thailand")),
        "KR" => Some(("Hàn Quốc", "South Korea")),
        "JP" => Some(("Nhật Bản", "Japan")),
        "RU" => Some(("Nga", "Russia")),
        "HK" => Some(("Hồng Kông (Trung Quốc)", "Hong Kong (China)")),
        "TW" => Some(("Đài Loan (Trung Quốc)", "Taiwan (China)")),
        _ => None,
    };
    match (named, lang) {
        (Some((vi, _)), Lang::Vi) => vi.to_owned(),
        (Some((_, en)), Lang::En) => en.to_owned(),
        (None, _) => code.to_owned(),
    }
}

/// The days of a programme: one day, or a range.
pub fn format_dates(start: NaiveDate, end: NaiveDate, lang: Lang) -> String {
    if start == end {
        format_date(start, lang)
    } else {
        format!("{} – {}", format_date(start, lang), format_date(end, lang))
    }
}

/// An amount with the thousands separators of the language: 15.000.000 VND in
/// Vietnamese, 15,000,000 VND in English.
pub fn format_budget_line(line: &BudgetLine, lang: Lang) -> String {
    format!(
        "{}: {}",
        line.label,
        format_money(line.amount, line.currency, lang)
    )
}

/// An amount in its currency's minor units, grouped the way the language writes it:
/// 15.000.000 VND, 2.500,50 CNY in Vietnamese.
pub fn format_money(amount: rust_decimal::Decimal, currency: Currency, lang: Lang) -> String {
    format!(
        "{} {}",
        grouped(amount, currency.minor_units(), lang),
        currency.code()
    )
}

/// A number with `scale` decimals, its thousands grouped the way the language writes them.
fn grouped(amount: rust_decimal::Decimal, scale: u32, lang: Lang) -> String {
    let (thousands, decimal) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut amount = amount;
    amount.rescale(scale);
    let text = amount.to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(digit);
    }
    if !fraction.is_empty() {
        grouped.push(decimal);
        grouped.push_str(fraction);
    }
    grouped
}

/// An amount with its currency's sign, the way people write it: 1.234.567 ₫, 2.500,50 ¥
/// and 120,00 US$ in Vietnamese; 1,234,567 ₫, ¥2,500.50 and US$120.00 in English.
pub fn format_amount(amount: rust_decimal::Decimal, currency: Currency, lang: Lang) -> String {
    let text = format_money(amount, currency, lang);
    let number = text
        .strip_suffix(currency.code())
        .unwrap_or(&text)
        .trim_end();
    match (lang, currency) {
        (Lang::Vi, _) | (Lang::En, Currency::Vnd) => format!("{number} {}", currency.symbol()),
        (Lang::En, _) => format!("{}{number}", currency.symbol()),
    }
}

/// A sum in whole đồng: 1.234.567 ₫.
pub fn format_vnd(amount: i64, lang: Lang) -> String {
    format_amount(amount.into(), Currency::Vnd, lang)
}

/// An amount in another currency with the rate used: "500,00 US$ (tỷ giá 25.400 ₫) ≈
/// 12.700.000 ₫"; in đồng, just the amount.
pub fn format_money_in_vnd(money: &crate::followup::Money, lang: Lang) -> String {
    let amount = format_amount(money.amount, money.currency, lang);
    match (money.rate_to_vnd, money.in_vnd()) {
        (Some(rate), Some(vnd)) if money.currency != Currency::Vnd => format!(
            "{amount} ({}) ≈ {}",
            format_rate(rate, lang),
            format_amount(vnd, Currency::Vnd, lang)
        ),
        _ => amount,
    }
}

/// The rate an amount was counted in đồng at, with as many decimals as it was given:
/// "tỷ giá 3.450,5 ₫" in Vietnamese, "rate 3,450.5 ₫" in English.
pub fn format_rate(rate: rust_decimal::Decimal, lang: Lang) -> String {
    let word = match lang {
        Lang::Vi => "tỷ giá",
        Lang::En => "rate",
    };
    format!(
        "{word} {} {}",
        grouped(rate, rate.normalize().scale(), lang),
        Currency::Vnd.symbol()
    )
}

/// Given to the partner, or received from them.
pub fn gift_direction(direction: crate::followup::GiftDirection, lang: Lang) -> &'static str {
    use crate::followup::GiftDirection::*;
    match (direction, lang) {
        (Given, Lang::Vi) => "Tặng đối tác",
        (Given, Lang::En) => "Given to the partner",
        (Received, Lang::Vi) => "Nhận từ đối tác",
        (Received, Lang::En) => "Received from the partner",
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn dates_and_times_read_the_vietnamese_way_in_vietnams_time() {
        let day = NaiveDate::from_ymd_opt(2023, 11, 21).unwrap();
        assert_eq!(format_date(day, Lang::Vi), "21/11/2023");
        assert_eq!(format_date(day, Lang::En), "21 Nov 2023");
        let moment = Utc.with_ymd_and_hms(2023, 11, 20, 18, 5, 0).unwrap();
        assert_eq!(
            format_time_in_vietnam(moment, Lang::Vi),
            "01:05 ngày 21/11/2023 (giờ Việt Nam)"
        );
        assert_eq!(
            format_dates(day, day.succ_opt().unwrap(), Lang::Vi),
            "21/11/2023 – 22/11/2023"
        );
    }

    #[test]
    fn amounts_are_grouped_the_way_each_language_writes_them() {
        let line = |amount: rust_decimal::Decimal, currency| BudgetLine {
            label: "Quà lưu niệm".into(),
            amount,
            currency,
        };
        assert_eq!(
            format_budget_line(
                &line(
                    rust_decimal::Decimal::from(15_000_000),
                    crate::values::Currency::Vnd
                ),
                Lang::Vi
            ),
            "Quà lưu niệm: 15.000.000 VND"
        );
        assert_eq!(
            format_budget_line(
                &line(
                    rust_decimal::Decimal::new(125_050, 2),
                    crate::values::Currency::Cny
                ),
                Lang::En
            ),
            "Quà lưu niệm: 1,250.50 CNY"
        );
        assert_eq!(
            format_budget_line(
                &line(
                    rust_decimal::Decimal::from(950),
                    crate::values::Currency::Vnd
                ),
                Lang::Vi
            ),
            "Quà lưu niệm: 950 VND"
        );
    }

    #[test]
    fn amounts_carry_their_currencys_sign() {
        use crate::followup::Money;
        use rust_decimal::Decimal;
        assert_eq!(format_vnd(1_234_567, Lang::Vi), "1.234.567 ₫");
        assert_eq!(format_vnd(1_234_567, Lang::En), "1,234,567 ₫");
        assert_eq!(
            format_amount(Decimal::new(250_050, 2), Currency::Cny, Lang::Vi),
            "2.500,50 ¥"
        );
        assert_eq!(
            format_amount(Decimal::from(120), Currency::Usd, Lang::En),
            "US$120.00"
        );
        let money = Money {
            amount: Decimal::new(100_000, 2),
            currency: Currency::Cny,
            rate_to_vnd: Some(Decimal::new(34_505, 1)),
        };
        assert_eq!(
            format_money_in_vnd(&money, Lang::Vi),
            "1.000,00 ¥ (tỷ giá 3.450,5 ₫) ≈ 3.450.500 ₫"
        );
        let money = Money {
            rate_to_vnd: Some(Decimal::from(3450)),
            ..money
        };
        assert_eq!(
            format_money_in_vnd(&money, Lang::En),
            "¥1,000.00 (rate 3,450 ₫) ≈ 3,450,000 ₫"
        );
        assert_eq!(
            format_rate(Decimal::new(254_000, 1), Lang::Vi),
            "tỷ giá 25.400 ₫"
        );
    }

    /// Adding a field to the plan without a name for people fails here, not on a page.
    #[test]
    fn every_field_of_the_plan_has_a_label_in_both_languages() {
        let schema = schemars::schema_for!(crate::programme::Plan);
        let fields = schema.as_value()["properties"]
            .as_object()
            .expect("the plan is an object");
        assert!(fields.len() > 10);
        for field in fields.keys() {
            let part = PlanField::of(field).unwrap_or_else(|| panic!("{field} has no label"));
            assert_ne!(part.label(Lang::Vi), part.label(Lang::En), "{field}");
        }
    }

    #[test]
    fn zones_are_named_as_people_say_them_and_others_keep_their_id() {
        assert_eq!(zone_name("Asia/Ho_Chi_Minh", Lang::Vi), "giờ Việt Nam");
        assert_eq!(zone_name("Asia/Shanghai", Lang::Vi), "giờ Bắc Kinh");
        assert_eq!(zone_name("Asia/Shanghai", Lang::En), "Beijing time");
        assert_eq!(zone_name("Europe/Paris", Lang::Vi), "Europe/Paris");
    }

    #[test]
    fn countries_are_named_and_unknown_codes_kept() {
        assert_eq!(country_name("CN", Lang::Vi), "Trung Quốc");
        assert_eq!(country_name("la", Lang::En), "Laos");
        assert_eq!(country_name("FR", Lang::Vi), "FR");
    }
}
