//! The one-year review of a memorandum of understanding (article of 22/3/2024): Thành
//! đoàn Lào Cai and the Youth League of Hà Khẩu county (Yunnan) signed an MOU for
//! 2023–2027 and reviewed it after one year, at a seminar in Lào Cai city on 22/3/2024.
//! The article gives neither the day of signing nor its place: the demo takes 22/3/2023
//! in Lào Cai city, so that the review falls one year after it.

use anyhow::{Result, bail};
use chrono::NaiveDate;
use domain::agreement::{
    Agreement, AgreementCommand, AgreementStatus, AgreementTerms, CadenceUnit, Party, Period,
    ReviewCadence,
};
use domain::reminders::{Delivery, PreferencesCommand, ReminderPreferences, Rule, preferences_id};
use domain::values::Contact;
use eventstore::{CommandMeta, EventStore};
use uuid::Uuid;

/// The key of the agreement's id (`demo::id`).
pub const KEY: &str = "agreement/thanh-doan-lao-cai/ha-khau/2023-2027";
const REVIEW_KEY: &str = "agreement/thanh-doan-lao-cai/ha-khau/2023-2027/review/2024";

const TITLE: &str = "Biên bản ghi nhớ hợp tác giữa Thành đoàn Lào Cai và Đoàn Thanh niên \
                     huyện Hà Khẩu giai đoạn 2023 – 2027";
/// The article's secretary of Thành đoàn Lào Cai, at an address of the example domain.
const COORDINATOR_NAME: &str = "Trương Thị Vân Anh";
const COORDINATOR_EMAIL: &str = "vananh@thanhdoanlaocai.example.vn";
const PLACE: &str = "Thành phố Lào Cai, tỉnh Lào Cai";
const FINDINGS: &str = "Tọa đàm “Phát huy tinh thần hữu nghị của tuổi trẻ, tăng cường kết nối \
     công tác thanh thiếu nhi xuyên biên giới” tại thành phố Lào Cai, hướng tới kỷ niệm 93 năm \
     Ngày thành lập Đoàn TNCS Hồ Chí Minh. Hai bên đánh giá kết quả giao lưu, hợp tác công tác \
     đoàn thanh niên và phong trào thiếu nhi sau 1 năm ký kết: năm 2023, Huyện đoàn Hà Khẩu cử \
     đoàn công tác sang dự tọa đàm “Phát huy truyền thống hữu nghị của tuổi trẻ, tăng cường kết \
     nối Đoàn - Đội xuyên biên giới” và chương trình giao lưu “Kết nối thanh niên”, tham gia \
     chương trình “Khăn hồng hữu nghị thiếu nhi biên giới Việt – Trung”; Thành đoàn Lào Cai cử \
     đoàn 27 đại biểu thiếu nhi sang thăm, giao lưu văn nghệ nhân dịp Quốc tế thiếu nhi 1/6. \
     Phát biểu: chị Trương Thị Vân Anh, Bí thư Thành đoàn Lào Cai; chị Tống Sảng, Bí thư Huyện \
     đoàn Hà Khẩu. Hai bên trao quà lưu niệm.";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

fn terms() -> AgreementTerms {
    AgreementTerms {
        title: TITLE.into(),
        parties: vec![
            Party {
                name: "Thành đoàn Lào Cai".into(),
                country: "VN".into(),
                region: Some("Lào Cai".into()),
                organisation_id: Some(importer::ids::organisation("thanh-doan-lao-cai")),
            },
            Party {
                name: "Đoàn Thanh niên huyện Hà Khẩu".into(),
                country: "CN".into(),
                region: Some("Vân Nam".into()),
                organisation_id: None,
            },
        ],
        areas: vec![
            "Giao lưu, hợp tác công tác đoàn thanh niên".into(),
            "Phong trào thiếu nhi xuyên biên giới".into(),
        ],
        period: Period {
            start: date(2023, 1, 1),
            end: date(2027, 12, 31),
        },
        review_cadence: ReviewCadence {
            every: 1,
            unit: CadenceUnit::Year,
            before_expiry_days: ReviewCadence::DEFAULT_BEFORE_EXPIRY_DAYS,
        },
        coordinator: Some(Contact {
            name: COORDINATOR_NAME.into(),
            email: COORDINATOR_EMAIL.into(),
        }),
    }
}

/// The next command of the story, from what is stored; none once the review is held.
fn next(state: &Agreement, id: Uuid, review_id: Uuid) -> Option<AgreementCommand> {
    let Some(record) = state.record() else {
        return Some(AgreementCommand::Draft { id, terms: terms() });
    };
    match record.status {
        AgreementStatus::Drafted => Some(AgreementCommand::Sign {
            signed_on: date(2023, 3, 22),
            place: PLACE.into(),
        }),
        AgreementStatus::Signed => Some(AgreementCommand::Activate),
        AgreementStatus::Active if record.reviews.is_empty() => {
            Some(AgreementCommand::OpenReview {
                review_id,
                due_on: Some(date(2024, 3, 22)),
                programme_id: None,
            })
        }
        AgreementStatus::UnderReview
            if record.open_review().map(|r| r.review_id) == Some(review_id) =>
        {
            Some(AgreementCommand::CompleteReview {
                review_id,
                held_on: date(2024, 3, 22),
                findings: FINDINGS.into(),
            })
        }
        _ => None,
    }
}

/// Records what is not stored yet; returns how many events were appended.
pub async fn load(store: &EventStore, meta: &CommandMeta) -> Result<u64> {
    let id = super::id(KEY);
    let review_id = super::id(REVIEW_KEY);
    // The reviews of 2025 and 2026, which the articles do not tell of, are left
    // unanswered: their coordinator is not reminded of them (nor of the later ones).
    let quiet = PreferencesCommand::Set {
        email: COORDINATOR_EMAIL.into(),
        delivery: Delivery::Digest,
        opted_out: vec![Rule::AgreementReview],
    };
    let mut events = store
        .execute::<ReminderPreferences>(preferences_id(COORDINATOR_EMAIL), None, &quiet, meta)
        .await?
        .appended
        .len() as u64;
    // Draft, sign, activate, open and complete the review: five steps at most.
    for _ in 0..5 {
        let loaded = store.load::<Agreement>(id).await?;
        let Some(command) = next(&loaded.state, id, review_id) else {
            return Ok(events);
        };
        let outcome = store
            .execute::<Agreement>(id, Some(loaded.version), &command, meta)
            .await?;
        if outcome.appended.is_empty() {
            bail!("the agreement {id} did not move on at “{}”", command.name());
        }
        events += outcome.appended.len() as u64;
    }
    Ok(events)
}
