//! Every document, written to a file and read back by real readers: python-docx (the
//! text of every paragraph and table cell) and LibreOffice (converted to PDF). Set
//! `CAUNOI_DOCUMENT_SAMPLES=/some/folder` to keep each DOCX and its PDF there.

mod readers;
mod samples;

use std::path::{Path, PathBuf};

use documents::Kind;
use readers::{docx_text, to_pdf};

fn folder() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let path = match std::env::var_os("CAUNOI_DOCUMENT_SAMPLES") {
        Some(kept) => {
            std::fs::create_dir_all(&kept).expect("the samples folder");
            PathBuf::from(kept)
        }
        None => temp.path().to_path_buf(),
    };
    (temp, path)
}

fn write(folder: &Path, kind: Kind) -> PathBuf {
    let path = folder.join(format!("{}.docx", kind.ascii_name()));
    std::fs::write(&path, samples::document(kind)).expect("write the document");
    path
}

/// What each document must say when read back: its title, the heading block, names and
/// words with their diacritics or in Hanzi.
fn expected(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Proposal => &[
            "TỈNH ĐOÀN LÀO CAI",
            "BAN THƯỜNG VỤ",
            "ĐOÀN TNCS HỒ CHÍ MINH",
            "Số: 15-TTr/TĐTN",
            "Lào Cai, ngày 05 tháng 12 năm 2026",
            "TỜ TRÌNH",
            "Kính gửi: Thường trực Tỉnh ủy Lào Cai",
            "Giao lưu thanh niên biên giới Lào Cai – Hà Khẩu",
            "Tổng cộng (VND)",
            "15.000.000 VND",
            "TM. BAN THƯỜNG VỤ",
            "Nơi nhận:",
        ],
        Kind::Plan => &[
            "KẾ HOẠCH",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "II. THỜI GIAN, ĐỊA ĐIỂM",
            "V. KINH PHÍ",
            "VI. TỔ CHỨC THỰC HIỆN",
            "Trương Thị Vân Anh",
            "Số: ……………-KH/TĐTN",
            // The agenda, each time in its own zone.
            "20/05/2027, 08:30–10:00 (giờ Việt Nam)",
            "20/05/2027, 14:00 (giờ Bắc Kinh)",
            // The agenda, each time in its own zone.
            "20/05/2027, 08:30–10:00 (giờ Việt Nam)",
            "20/05/2027, 14:00 (giờ Bắc Kinh)",
        ],
        Kind::Decision => &[
            "QUYẾT ĐỊNH",
            "Điều 1. Cử Đoàn công tác Tỉnh Đoàn Lào Cai gồm 3 đồng chí",
            "Điều 2. ",
            "Điều 3. ",
            "Họ và tên",
            "Năm sinh",
            "Nguyễn Thị Minh Khai",
            "1998",
            "Trưởng đoàn, Tỉnh Đoàn Lào Cai",
            "PHÓ BÍ THƯ",
            "Hoàng Văn Bình",
        ],
        Kind::Report => &[
            "BÁO CÁO",
            "I. KẾT QUẢ ĐẠT ĐƯỢC",
            "Ký kết biên bản ghi nhớ",
            "Trong đó: phía Việt Nam 9 người; phía đối tác 5 người",
            "II. KINH PHÍ, QUÀ TẶNG",
            "Quy đổi VNĐ",
            // A line in yuan: its budget, what was spent, and the đồng at the rate used.
            "Phí thông hành",
            "1.200,00 ¥",
            "1.150,00 ¥",
            "3.968.075 ₫ (tỷ giá 3.450,5 ₫)",
            // A line nothing was said of is unknown, not 0.
            "không rõ",
            "Ngoài dự toán",
            "Thuê phiên dịch",
            // Spent and budgeted, in đồng.
            "20.218.075 ₫",
            "27.640.600 ₫",
            "Tặng đối tác",
            "Tranh sơn mài Sa Pa",
            "6.000.000 ₫",
            "Nhận từ đối tác",
            "800,00 ¥ (tỷ giá 3.450,5 ₫) ≈ 2.760.400 ₫",
            "IV. NHIỆM VỤ TIẾP THEO",
            "Gửi ảnh tư liệu cho đối tác",
            "Số: ……………-BC/TĐTN",
        ],
        Kind::AnnualReview => &[
            "LIÊN HIỆP CÁC TỔ CHỨC HỮU NGHỊ TỈNH LẠNG SƠN",
            "HỘI HỮU NGHỊ VIỆT NAM – TRUNG QUỐC TỈNH LẠNG SƠN",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "BÁO CÁO TỔNG KẾT",
            "05/2027",
            "Lượt đại biểu",
            "TM. BAN CHẤP HÀNH",
        ],
        Kind::DelegationListZh => &[
            "代表团名单",
            "序号",
            "姓名",
            "性别",
            "职务",
            "单位",
            "Nguyễn Thị Minh Khai",
            "阮氏明开",
            "Nữ 女",
        ],
        Kind::ItineraryZh => &[
            "行程安排",
            "北京时间",
            "2027年5月20日",
            // 08:30 in Vietnam is 09:30 in China.
            "09:30—11:00",
            "Lễ đón đoàn",
        ],
        Kind::ReplyLetterZh => &[
            "复函",
            "尊敬的Đoàn Thanh niên huyện Hà Khẩu：",
            "贵方邀请函收悉",
            "2027年5月20日至22日",
            "此致",
            "2026年12月5日",
        ],
    }
}

#[test]
fn python_docx_reads_every_document() {
    let (_temp, folder) = folder();
    for kind in Kind::ALL {
        let path = write(&folder, kind);
        let text = docx_text(&path);
        for wanted in expected(kind) {
            assert!(
                text.contains(wanted),
                "{kind:?} lacks {wanted:?}; it reads:\n{text}"
            );
        }
    }
}

#[test]
fn the_decision_never_shows_a_passport_number() {
    let (_temp, folder) = folder();
    let text = docx_text(&write(&folder, Kind::Decision));
    assert!(!text.contains(samples::PASSPORT), "{text}");
    let list = docx_text(&write(&folder, Kind::DelegationListZh));
    assert!(!list.contains(samples::PASSPORT), "{list}");
}

#[test]
fn a_report_that_does_not_say_reads_unknown_never_nothing() {
    let (_temp, folder) = folder();
    let path = folder.join("bao-cao-ket-qua-khong-ro.docx");
    std::fs::write(&path, samples::report_saying_nothing_of_money()).expect("write it");
    let text = docx_text(&path);
    for wanted in [
        "Trong đó: phía Việt Nam không rõ; phía đối tác không rõ",
        "Báo cáo không nêu kinh phí thực chi.",
        "Báo cáo không nêu quà tặng, ủng hộ.",
    ] {
        assert!(text.contains(wanted), "lacks {wanted:?}; it reads:\n{text}");
    }
    assert!(
        !text.contains(" 0 người") && !text.contains(" 0 ₫"),
        "{text}"
    );
}

#[test]
fn libreoffice_converts_a_document_to_pdf() {
    let (_temp, folder) = folder();
    // Every kind when samples are kept (to look at them), one otherwise (it takes seconds).
    let kinds: &[Kind] = if std::env::var_os("CAUNOI_DOCUMENT_SAMPLES").is_some() {
        &Kind::ALL
    } else {
        &[Kind::Decision]
    };
    for kind in kinds {
        let pdf = to_pdf(&write(&folder, *kind));
        assert!(pdf.starts_with(b"%PDF"), "{kind:?} is not a PDF");
    }
}
