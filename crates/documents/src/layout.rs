//! The page and the type of every document: A4, the margins of Nghị định 30/2020
//! (top and bottom 20 mm, left 30 mm, right 15 mm), Times New Roman 14 pt justified, and
//! the few paragraph shapes the documents are made of. Sizes are in twentieths of a point
//! (twips) for the page and in half-points for type, as Word counts them.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType,
    Table, TableCell, TableLayoutType, TableRow, WidthType,
};

use crate::DocumentError;

/// A4 in twips.
const PAGE_WIDTH: u32 = 11_906;
const PAGE_HEIGHT: u32 = 16_838;
/// One millimetre in twips (1440 per inch).
const MM: f64 = 1440.0 / 25.4;
const fn mm(millimetres: u32) -> i32 {
    (millimetres as f64 * MM) as i32
}
const LEFT_MM: u32 = 30;
const RIGHT_MM: u32 = 15;
/// The width between the margins, which the tables share out.
pub const TEXT_WIDTH: usize = PAGE_WIDTH as usize - (mm(LEFT_MM) + mm(RIGHT_MM)) as usize;

/// Body type: 14 pt. Headings of the heading block: 13 pt. Recipients: 12 and 11 pt.
pub const BODY: usize = 28;
pub const HEADING: usize = 26;
pub const SMALL: usize = 24;
pub const SMALLER: usize = 22;

/// Times New Roman for Latin and Vietnamese; SimSun for Hanzi, which Word and LibreOffice
/// replace with a Chinese font the machine has.
pub fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
        .east_asia("SimSun")
}

/// A new A4 document with the type set.
pub fn page() -> Docx {
    Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(mm(20))
                .bottom(mm(20))
                .left(mm(LEFT_MM))
                .right(mm(RIGHT_MM))
                .header(mm(10))
                .footer(mm(10)),
        )
        .default_fonts(fonts())
        .default_size(BODY)
}

/// Packs the document into the bytes of a `.docx` file.
pub fn pack(docx: Docx) -> Result<Vec<u8>, DocumentError> {
    let mut bytes = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut bytes)
        .map_err(|e| DocumentError(e.to_string()))?;
    Ok(bytes.into_inner())
}

/// A run of text in the document's type.
pub fn run(text: impl Into<String>, size: usize) -> Run {
    Run::new().add_text(text).size(size).fonts(fonts())
}

fn spaced(paragraph: Paragraph, after: u32) -> Paragraph {
    paragraph.line_spacing(LineSpacing::new().before(0).after(after))
}

/// A body paragraph: justified, its first line indented 1 cm, 6 pt after.
pub fn body(text: impl Into<String>) -> Paragraph {
    spaced(
        Paragraph::new()
            .add_run(run(text, BODY))
            .align(AlignmentType::Both)
            .indent(None, Some(SpecialIndentType::FirstLine(mm(10))), None, None),
        120,
    )
}

/// A body paragraph that starts with a bold lead: "Thời gian: 20/5/2027".
pub fn labelled(label: &str, text: impl Into<String>) -> Paragraph {
    led(&format!("{label}: "), text)
}

/// A body paragraph that starts with `lead` in bold, as it is: "Điều 1. ".
pub fn led(lead: &str, text: impl Into<String>) -> Paragraph {
    spaced(
        Paragraph::new()
            .add_run(run(lead, BODY).bold())
            .add_run(run(text, BODY))
            .align(AlignmentType::Both)
            .indent(None, Some(SpecialIndentType::FirstLine(mm(10))), None, None),
        120,
    )
}

/// A bold section heading: "I. MỤC ĐÍCH, YÊU CẦU".
pub fn section(text: impl Into<String>) -> Paragraph {
    spaced(
        Paragraph::new()
            .add_run(run(text, BODY).bold())
            .align(AlignmentType::Both)
            .indent(None, Some(SpecialIndentType::FirstLine(mm(10))), None, None)
            .keep_next(true),
        120,
    )
}

/// A centred line, e.g. the title.
pub fn centred(text: impl Into<String>, size: usize) -> Paragraph {
    spaced(
        Paragraph::new()
            .add_run(run(text, size))
            .align(AlignmentType::Center),
        0,
    )
}

/// The document's title, bold and centred, with its subtitle (trích yếu) under it.
pub fn title(title: &str, subtitle: Option<&str>) -> Vec<Paragraph> {
    let mut lines = vec![spaced(
        Paragraph::new()
            .add_run(run("", BODY))
            .align(AlignmentType::Center),
        0,
    )];
    lines.push(spaced(
        Paragraph::new()
            .add_run(run(title, BODY).bold())
            .align(AlignmentType::Center)
            .keep_next(true),
        0,
    ));
    if let Some(subtitle) = subtitle {
        lines.push(spaced(
            Paragraph::new()
                .add_run(run(subtitle, BODY).bold())
                .align(AlignmentType::Center)
                .keep_next(true),
            0,
        ));
    }
    lines.push(centred("-----", BODY));
    lines
}

/// A cell of a borderless layout table, holding `lines`.
pub fn plain_cell(lines: Vec<Paragraph>, width: usize) -> TableCell {
    lines
        .into_iter()
        .fold(TableCell::new(), TableCell::add_paragraph)
        .width(width, WidthType::Dxa)
}

/// A table that only places things side by side: no borders, fixed columns.
pub fn layout_table(cells: Vec<TableCell>, widths: &[usize]) -> Table {
    Table::without_borders(vec![TableRow::new(cells)])
        .set_grid(widths.to_vec())
        .width(widths.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// A table of data with borders: a bold header row, then the rows. Columns are given in
/// twips and should add up to [`TEXT_WIDTH`].
pub fn grid(header: &[&str], rows: &[Vec<String>], widths: &[usize], size: usize) -> Table {
    let row = |texts: Vec<Paragraph>| {
        TableRow::new(
            texts
                .into_iter()
                .zip(widths)
                .map(|(p, w)| TableCell::new().add_paragraph(p).width(*w, WidthType::Dxa))
                .collect(),
        )
    };
    let mut table_rows = vec![row(header
        .iter()
        .map(|h| {
            Paragraph::new()
                .add_run(run(*h, size).bold())
                .align(AlignmentType::Center)
        })
        .collect())];
    for cells in rows {
        table_rows.push(row(cells
            .iter()
            .enumerate()
            .map(|(i, text)| {
                // The first column is the number (STT): centred, the rest to the left.
                let align = if i == 0 {
                    AlignmentType::Center
                } else {
                    AlignmentType::Left
                };
                Paragraph::new().add_run(run(text, size)).align(align)
            })
            .collect()));
    }
    Table::new(table_rows)
        .set_grid(widths.to_vec())
        .width(widths.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// A dotted blank for the office to fill in Word.
pub const BLANK: &str = "……………";

/// `value`, or a dotted blank when it is missing or empty.
pub fn or_blank(value: Option<&str>) -> String {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .unwrap_or(BLANK)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_width_leaves_the_vietnamese_margins() {
        // 210 mm − 30 mm − 15 mm = 165 mm ≈ 9354 twips.
        assert!((9340..9370).contains(&TEXT_WIDTH), "{TEXT_WIDTH}");
    }

    #[test]
    fn a_missing_value_is_a_dotted_blank() {
        assert_eq!(or_blank(None), BLANK);
        assert_eq!(or_blank(Some("  ")), BLANK);
        assert_eq!(or_blank(Some("15")), "15");
    }
}
