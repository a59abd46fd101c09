//! Dates the way an administrative document writes them (Nghị định 30/2020/NĐ-CP): a day
//! below 10 and the months 1 and 2 take a leading zero, other months do not.

use chrono::{Datelike, NaiveDate};

/// `ngày 05 tháng 12 năm 2026`, `ngày 15 tháng 02 năm 2027`.
pub fn vietnamese_date(date: NaiveDate) -> String {
    let month = date.month();
    let month = if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    };
    format!("ngày {:02} tháng {month} năm {}", date.day(), date.year())
}

/// The line under the motto: `Lào Cai, ngày 05 tháng 12 năm 2026`.
pub fn place_and_date(place: &str, date: NaiveDate) -> String {
    format!("{place}, {}", vietnamese_date(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_zeros_follow_the_decree() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            vietnamese_date(day(2026, 12, 5)),
            "ngày 05 tháng 12 năm 2026"
        );
        assert_eq!(
            vietnamese_date(day(2027, 2, 15)),
            "ngày 15 tháng 02 năm 2027"
        );
        assert_eq!(vietnamese_date(day(2027, 3, 1)), "ngày 01 tháng 3 năm 2027");
        assert_eq!(
            place_and_date("Lào Cai", day(2026, 12, 5)),
            "Lào Cai, ngày 05 tháng 12 năm 2026"
        );
    }
}
