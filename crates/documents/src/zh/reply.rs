//! 复函: the letter accepting a partner's invitation, from the plan.

use docx_rs::{AlignmentType, Paragraph, SpecialIndentType};
use domain::programme::Plan;

use super::title;
use super::words::{self, DEAR, REPLY_CLOSING, REPLY_DETAILS, REPLY_RECEIVED, REPLY_WISH};
use crate::DocumentError;
use crate::heading::{Issuer, Signing};
use crate::layout::{BLANK, BODY, pack, page, run};

fn paragraph(text: impl Into<String>) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(560)), None, None)
        .add_run(run(text, BODY))
}

fn right(text: impl Into<String>) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Right)
        .add_run(run(text, BODY))
}

pub fn reply_letter_zh(
    issuer: &Issuer,
    signing: &Signing,
    plan: &Plan,
) -> Result<Vec<u8>, DocumentError> {
    let partner = plan
        .partners
        .first()
        .map(|p| p.name.as_str())
        .unwrap_or(BLANK);
    let place = plan
        .venue
        .as_deref()
        .or(plan.partners.first().and_then(|p| p.region.as_deref()))
        .unwrap_or(BLANK);
    let dates = words::dates(plan.schedule.start, plan.schedule.end);
    let docx = page()
        .add_paragraph(title(words::REPLY_LETTER))
        .add_paragraph(Paragraph::new().add_run(run("", BODY)))
        .add_paragraph(Paragraph::new().add_run(run(format!("{DEAR}{partner}："), BODY).bold()))
        .add_paragraph(paragraph(REPLY_RECEIVED))
        .add_paragraph(paragraph(words::reply_body(
            plan.expected_delegation_size,
            &dates,
            place,
            &plan.title,
        )))
        .add_paragraph(paragraph(REPLY_DETAILS))
        .add_paragraph(paragraph(REPLY_WISH))
        .add_paragraph(paragraph(REPLY_CLOSING[0]))
        .add_paragraph(Paragraph::new().add_run(run(REPLY_CLOSING[1], BODY)))
        .add_paragraph(Paragraph::new().add_run(run("", BODY)))
        .add_paragraph(right(issuer.name.clone()))
        .add_paragraph(right(words::date(signing.date)));
    pack(docx)
}
