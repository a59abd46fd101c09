//! The heading block (the issuing body and the number on the left, the motto and the
//! place and date on the right) and the signature block, as Youth Union bodies and
//! associations write them (Nghị định 30/2020/NĐ-CP, Hướng dẫn thể thức văn bản của Đoàn).

use chrono::NaiveDate;
use docx_rs::{AlignmentType, Docx, Paragraph, Table};
use domain::directory::OrganisationKind;

use crate::layout::{
    BLANK, BODY, HEADING, SMALL, SMALLER, TEXT_WIDTH, layout_table, or_blank, plain_cell, run,
};
use crate::vi_date::place_and_date;

/// Who issues the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// As registered: `Tỉnh Đoàn Lào Cai`, `Hội Hữu nghị Việt Nam – Trung Quốc tỉnh Lạng Sơn`.
    pub name: String,
    /// From the directory; when unknown it is read from the name.
    pub kind: Option<OrganisationKind>,
    /// `Lào Cai`: the place of the date line and of the Friendship Association's union.
    pub province: Option<String>,
}

/// What the office fills in when it signs. Each missing part is a dotted blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signing {
    /// The number alone (`15`); the document's code follows it (`-TTr/TĐTN`).
    pub number: Option<String>,
    /// The day written on the document, in Vietnam.
    pub date: NaiveDate,
    /// The place of the date line; the issuer's province when not given.
    pub place: Option<String>,
    pub signer_name: Option<String>,
    /// `BÍ THƯ`, `PHÓ BÍ THƯ`, `CHỦ TỊCH`.
    pub signer_title: Option<String>,
}

/// The family of the issuing body: it decides the motto, the number's shape and who the
/// signer signs for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    YouthUnion,
    Association,
    Other,
}

impl Issuer {
    fn family(&self) -> Family {
        use OrganisationKind::*;
        match self.kind {
            Some(ProvincialYouthUnion | CityYouthUnion | DistrictYouthUnion) => Family::YouthUnion,
            Some(FriendshipAssociation) => Family::Association,
            Some(PartyCommittee | GovernmentAgency) => Family::Other,
            None => {
                let name = self.name.to_lowercase();
                if name.contains("hữu nghị") {
                    Family::Association
                } else if name.contains("đoàn") {
                    Family::YouthUnion
                } else {
                    Family::Other
                }
            }
        }
    }

    /// The short name after the document's code: `TĐTN` for a provincial Youth Union.
    fn abbreviation(&self) -> &'static str {
        use OrganisationKind::*;
        match (self.kind, self.family()) {
            (Some(CityYouthUnion), _) => "ThĐTN",
            (Some(DistrictYouthUnion), _) => "HĐTN",
            (_, Family::YouthUnion) => "TĐTN",
            (_, Family::Association) => "HHN",
            _ => "……",
        }
    }

    /// The body the signer signs for (thẩm quyền ký): `TM. BAN THƯỜNG VỤ`.
    fn authority(&self) -> Option<&'static str> {
        match self.family() {
            Family::YouthUnion => Some("TM. BAN THƯỜNG VỤ"),
            Family::Association => Some("TM. BAN CHẤP HÀNH"),
            Family::Other => None,
        }
    }

    /// The province, for the Friendship Association's union and the date line.
    fn place(&self) -> Option<&str> {
        self.province
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
    }

    /// Where the date line says the document was made: the province, or else the place
    /// a Youth Union's name ends with (`Tỉnh Đoàn Lào Cai` → `Lào Cai`).
    fn date_place(&self) -> Option<&str> {
        self.place().or_else(|| {
            let name = self.name.trim();
            ["tỉnh đoàn ", "thành đoàn ", "huyện đoàn "]
                .iter()
                .find_map(|prefix| {
                    let head = name.get(..prefix.len())?;
                    (head.to_lowercase() == *prefix).then(|| name[prefix.len()..].trim())
                })
                .filter(|p| !p.is_empty())
        })
    }

    /// The left of the heading block, without the number.
    fn body_lines(&self) -> Vec<Paragraph> {
        let name = self.name.trim().to_uppercase();
        let line = |text: String| {
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(run(text, HEADING))
        };
        match self.family() {
            Family::YouthUnion => vec![
                line(name),
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(run("BAN THƯỜNG VỤ", HEADING).bold()),
                line("***".into()),
            ],
            Family::Association => {
                let union = match self.place() {
                    Some(province) => format!(
                        "LIÊN HIỆP CÁC TỔ CHỨC HỮU NGHỊ TỈNH {}",
                        province.to_uppercase()
                    ),
                    None => "LIÊN HIỆP CÁC TỔ CHỨC HỮU NGHỊ".into(),
                };
                vec![
                    line(union),
                    Paragraph::new()
                        .align(AlignmentType::Center)
                        .add_run(run(name, HEADING).bold()),
                    line("______".into()),
                ]
            }
            Family::Other => vec![
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(run(name, HEADING).bold()),
                line("______".into()),
            ],
        }
    }

    /// The number line: `Số: 15-TTr/TĐTN` for the Youth Union, `Số: 15/TTr-HHN` for others.
    pub fn number_line(&self, signing: &Signing, code: &str) -> String {
        let number = or_blank(signing.number.as_deref());
        match self.family() {
            Family::YouthUnion => format!("Số: {number}-{code}/{}", self.abbreviation()),
            _ => format!("Số: {number}/{code}-{}", self.abbreviation()),
        }
    }

    /// The right of the heading block: the motto.
    fn motto(&self) -> Vec<Paragraph> {
        let centred = || Paragraph::new().align(AlignmentType::Center);
        match self.family() {
            Family::YouthUnion => {
                vec![centred().add_run(run("ĐOÀN TNCS HỒ CHÍ MINH", 30).bold().underline("single"))]
            }
            _ => vec![
                centred().add_run(run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", HEADING).bold()),
                centred().add_run(
                    run("Độc lập - Tự do - Hạnh phúc", BODY)
                        .bold()
                        .underline("single"),
                ),
            ],
        }
    }
}

const LEFT: usize = 4_600;
const RIGHT: usize = TEXT_WIDTH - LEFT;

/// The heading block as a borderless two-column table. `code` is the document's code:
/// `TTr` (tờ trình), `KH` (kế hoạch), `QĐ` (quyết định), `BC` (báo cáo).
pub fn heading_block(issuer: &Issuer, signing: &Signing, code: &str) -> Table {
    let mut left = issuer.body_lines();
    left.push(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run(issuer.number_line(signing, code), HEADING)),
    );
    let place = signing
        .place
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .or(issuer.date_place())
        .unwrap_or(BLANK);
    let mut right = issuer.motto();
    right.push(Paragraph::new().add_run(run("", HEADING)));
    right.push(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run(place_and_date(place, signing.date), BODY).italic()),
    );
    layout_table(
        vec![plain_cell(left, LEFT), plain_cell(right, RIGHT)],
        &[LEFT, RIGHT],
    )
}

/// The foot of the document: "Nơi nhận:" with its list on the left (12 and 11 pt), the
/// signature on the right.
pub fn signature_block(issuer: &Issuer, signing: &Signing, recipients: &[String]) -> Table {
    let mut left = vec![
        Paragraph::new().add_run(run("", SMALL)),
        Paragraph::new().add_run(run("Nơi nhận:", SMALL).bold().italic()),
    ];
    let last = recipients.len().saturating_sub(1);
    for (i, recipient) in recipients.iter().enumerate() {
        let end = if i == last { "." } else { ";" };
        left.push(Paragraph::new().add_run(run(format!("- {recipient}{end}"), SMALLER)));
    }
    let centred = || Paragraph::new().align(AlignmentType::Center);
    let mut right = vec![centred().add_run(run("", BODY))];
    if let Some(authority) = issuer.authority() {
        right.push(centred().add_run(run(authority, BODY).bold()));
    }
    right.push(
        centred().add_run(
            run(
                or_blank(signing.signer_title.as_deref()).to_uppercase(),
                BODY,
            )
            .bold(),
        ),
    );
    for _ in 0..4 {
        right.push(centred().add_run(run("", BODY)));
    }
    right.push(centred().add_run(run(or_blank(signing.signer_name.as_deref()), BODY).bold()));
    let left_width = TEXT_WIDTH / 2;
    layout_table(
        vec![
            plain_cell(left, left_width),
            plain_cell(right, TEXT_WIDTH - left_width),
        ],
        &[left_width, TEXT_WIDTH - left_width],
    )
}

/// A document in the Vietnamese layout: the heading block, the title, then `content`.
pub fn vietnamese_document(
    issuer: &Issuer,
    signing: &Signing,
    code: &str,
    title: &str,
    subtitle: Option<&str>,
) -> Docx {
    let docx = crate::layout::page().add_table(heading_block(issuer, signing, code));
    crate::layout::title(title, subtitle)
        .into_iter()
        .fold(docx, Docx::add_paragraph)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issuer(name: &str, kind: Option<OrganisationKind>) -> Issuer {
        Issuer {
            name: name.into(),
            kind,
            province: Some("Lào Cai".into()),
        }
    }

    fn signing(number: Option<&str>) -> Signing {
        Signing {
            number: number.map(Into::into),
            date: NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(),
            place: None,
            signer_name: None,
            signer_title: None,
        }
    }

    #[test]
    fn a_youth_union_numbers_the_union_way() {
        let union = issuer("Tỉnh Đoàn Lào Cai", None);
        assert_eq!(
            union.number_line(&signing(Some("15")), "TTr"),
            "Số: 15-TTr/TĐTN"
        );
        assert_eq!(
            union.number_line(&signing(None), "TTr"),
            format!("Số: {BLANK}-TTr/TĐTN")
        );
    }

    #[test]
    fn an_association_numbers_the_state_way_and_signs_for_its_committee() {
        let association = issuer(
            "Hội Hữu nghị Việt Nam – Trung Quốc tỉnh Lào Cai",
            Some(OrganisationKind::FriendshipAssociation),
        );
        assert_eq!(
            association.number_line(&signing(Some("3")), "BC"),
            "Số: 3/BC-HHN"
        );
        assert_eq!(association.authority(), Some("TM. BAN CHẤP HÀNH"));
        assert_eq!(association.family(), Family::Association);
    }

    #[test]
    fn a_youth_union_without_a_province_dates_from_its_name() {
        let union = Issuer {
            province: None,
            ..issuer("Thành đoàn Lào Cai", None)
        };
        assert_eq!(union.date_place(), Some("Lào Cai"));
        let unknown = Issuer {
            province: None,
            ..issuer("Ban Đối ngoại", None)
        };
        assert_eq!(unknown.date_place(), None);
    }
}
