//! The YAML form of a history file: `programmes:`, a list of past programmes, every value
//! read as text with its line so that each problem is reported where it is written.

use serde::Deserialize;
use serde_saphyr::{SnippetMode, Spanned};

use super::{PartnerSpec, PastProgrammeSpec};
use crate::problem::{Issue, Located};
use crate::spec::{Spot, Text};

type Value = Spanned<String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    programmes: Vec<Programme>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Programme {
    key: Value,
    host: Value,
    title: Value,
    kind: Value,
    start: Value,
    end: Value,
    #[serde(default)]
    timezone: Option<Value>,
    #[serde(default)]
    place: Option<Value>,
    #[serde(default)]
    border_gate: Option<Value>,
    #[serde(default)]
    co_organisers: Vec<Value>,
    partners: Vec<Partner>,
    delegation_size: Value,
    attendance: Value,
    #[serde(default)]
    vietnamese_side: Option<Value>,
    #[serde(default)]
    partner_side: Option<Value>,
    #[serde(default)]
    outcomes: Option<Value>,
    #[serde(default)]
    agreement: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Partner {
    name: Value,
    #[serde(default)]
    country: Option<Value>,
    #[serde(default)]
    region: Option<Value>,
}

/// The programmes of a YAML file, or why it cannot be read (with the line).
pub(super) fn parse(text: &str) -> Result<Vec<PastProgrammeSpec>, Located> {
    let file: File = serde_saphyr::from_str(text).map_err(|error| {
        let line = error.location().map_or(1, |l| l.line());
        let options = serde_saphyr::render_options! { snippets: SnippetMode::Off };
        let detail = error.render_with_options(options);
        Located::new(&Spot::new(line, "yaml"), Issue::Malformed(detail))
    })?;
    Ok(file
        .programmes
        .into_iter()
        .enumerate()
        .map(|(i, p)| programme(p, &format!("programmes[{i}]")))
        .collect())
}

fn text(value: Value, field: String) -> Text {
    Text {
        value: value.value.trim().to_string(),
        at: Spot::new(value.referenced.line(), field),
    }
}

fn optional(value: Option<Value>, field: String) -> Option<Text> {
    value
        .map(|v| text(v, field))
        .filter(|t| !t.value.is_empty())
}

fn programme(p: Programme, path: &str) -> PastProgrammeSpec {
    let at = |name: &str| format!("{path}.{name}");
    PastProgrammeSpec {
        key: text(p.key, at("key")),
        host: text(p.host, at("host")),
        title: text(p.title, at("title")),
        kind: text(p.kind, at("kind")),
        start: text(p.start, at("start")),
        end: text(p.end, at("end")),
        timezone: optional(p.timezone, at("timezone")),
        place: optional(p.place, at("place")),
        border_gate: optional(p.border_gate, at("border_gate")),
        co_organisers: p
            .co_organisers
            .into_iter()
            .enumerate()
            .map(|(i, c)| text(c, at(&format!("co_organisers[{i}]"))))
            .collect(),
        partners: p
            .partners
            .into_iter()
            .enumerate()
            .map(|(i, partner)| {
                let path = at(&format!("partners[{i}]"));
                PartnerSpec {
                    name: text(partner.name, format!("{path}.name")),
                    country: optional(partner.country, format!("{path}.country")),
                    region: optional(partner.region, format!("{path}.region")),
                }
            })
            .collect(),
        delegation_size: text(p.delegation_size, at("delegation_size")),
        attendance: text(p.attendance, at("attendance")),
        vietnamese_side: optional(p.vietnamese_side, at("vietnamese_side")),
        partner_side: optional(p.partner_side, at("partner_side")),
        outcomes: optional(p.outcomes, at("outcomes")),
        agreement: optional(p.agreement, at("agreement")),
    }
}
