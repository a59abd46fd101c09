//! Reads the YAML form of an import file (see docs/import.md). Every value is read as
//! text with its place, so that a wrong value is reported where it is written, together
//! with every other problem, instead of stopping at the first.

use serde::Deserialize;
use serde_saphyr::{SnippetMode, Spanned};

use super::problem::{Issue, Located};
use super::spec::{
    CommitteeSpec, MemberSpec, OrganisationSpec, RouteSpec, Spot, StageSpec, SubstituteSpec, Text,
};

type Value = Spanned<String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    organisations: Vec<Organisation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Organisation {
    key: Value,
    name: Value,
    kind: Value,
    #[serde(default)]
    province: Option<Value>,
    #[serde(default)]
    committees: Vec<Committee>,
    #[serde(default)]
    routes: Vec<Route>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Committee {
    key: Value,
    name: Value,
    rule: Value,
    #[serde(default)]
    members: Vec<Member>,
    #[serde(default)]
    substitutes: Vec<Substitute>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Member {
    name: Value,
    email: Value,
    role: Value,
    serves_from: Value,
    #[serde(default)]
    serves_until: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Substitute {
    member: Value,
    name: Value,
    email: Value,
    from: Value,
    until: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Route {
    key: Value,
    name: Value,
    #[serde(default)]
    kinds: Vec<Value>,
    stages: Vec<Stage>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Stage {
    committee: Value,
    #[serde(default)]
    advisory: bool,
}

/// The organisations of a YAML file, or why it cannot be read (with the line).
pub fn parse(text: &str) -> Result<Vec<OrganisationSpec>, Located> {
    let file: File = serde_saphyr::from_str(text).map_err(|error| {
        let line = error.location().map_or(1, |l| l.line());
        let options = serde_saphyr::render_options! { snippets: SnippetMode::Off };
        let detail = error.render_with_options(options);
        Located::new(&Spot::new(line, "yaml"), Issue::Malformed(detail))
    })?;
    Ok(file
        .organisations
        .into_iter()
        .enumerate()
        .map(|(i, org)| organisation(org, &format!("organisations[{i}]")))
        .collect())
}

fn text(value: Value, field: String) -> Text {
    Text {
        value: value.value.trim().to_string(),
        at: Spot::new(value.referenced.line(), field),
    }
}

fn organisation(org: Organisation, path: &str) -> OrganisationSpec {
    OrganisationSpec {
        key: text(org.key, format!("{path}.key")),
        name: text(org.name, format!("{path}.name")),
        kind: text(org.kind, format!("{path}.kind")),
        province: org.province.map(|p| text(p, format!("{path}.province"))),
        committees: org
            .committees
            .into_iter()
            .enumerate()
            .map(|(i, c)| committee(c, &format!("{path}.committees[{i}]")))
            .collect(),
        routes: org
            .routes
            .into_iter()
            .enumerate()
            .map(|(i, r)| route(r, &format!("{path}.routes[{i}]")))
            .collect(),
    }
}

fn committee(committee: Committee, path: &str) -> CommitteeSpec {
    CommitteeSpec {
        key: text(committee.key, format!("{path}.key")),
        name: text(committee.name, format!("{path}.name")),
        rule: text(committee.rule, format!("{path}.rule")),
        members: committee
            .members
            .into_iter()
            .enumerate()
            .map(|(i, m)| {
                let path = format!("{path}.members[{i}]");
                MemberSpec {
                    at: Spot::new(m.name.referenced.line(), path.clone()),
                    name: text(m.name, format!("{path}.name")),
                    email: text(m.email, format!("{path}.email")),
                    role: text(m.role, format!("{path}.role")),
                    serves_from: text(m.serves_from, format!("{path}.serves_from")),
                    serves_until: m
                        .serves_until
                        .map(|u| text(u, format!("{path}.serves_until"))),
                }
            })
            .collect(),
        substitutes: committee
            .substitutes
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let path = format!("{path}.substitutes[{i}]");
                SubstituteSpec {
                    at: Spot::new(s.member.referenced.line(), path.clone()),
                    member: text(s.member, format!("{path}.member")),
                    name: text(s.name, format!("{path}.name")),
                    email: text(s.email, format!("{path}.email")),
                    from: text(s.from, format!("{path}.from")),
                    until: text(s.until, format!("{path}.until")),
                }
            })
            .collect(),
    }
}

fn route(route: Route, path: &str) -> RouteSpec {
    RouteSpec {
        key: text(route.key, format!("{path}.key")),
        name: text(route.name, format!("{path}.name")),
        kinds: route
            .kinds
            .into_iter()
            .enumerate()
            .map(|(i, k)| text(k, format!("{path}.kinds[{i}]")))
            .collect(),
        stages: route
            .stages
            .into_iter()
            .enumerate()
            .map(|(i, s)| StageSpec {
                committee: text(s.committee, format!("{path}.stages[{i}].committee")),
                advisory: s.advisory,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "\
organisations:
  - key: thanh-doan-lao-cai
    name: Thành đoàn Lào Cai
    kind: city_youth_union
    province: Lào Cai
    committees:
      - key: btv
        name: Ban Thường vụ Thành đoàn Lào Cai
        rule: majority
        members:
          - name: Lò Thị Hồng
            email: hong@thanhdoanlaocai.example.vn
            role: chair
            serves_from: 2022-10-01
    routes:
      - key: chung
        name: Quy trình chung
        kinds: [seminar, childrens]
        stages:
          - committee: btv
";

    #[test]
    fn every_value_keeps_its_line_and_field() {
        let orgs = parse(SMALL).unwrap();
        assert_eq!(orgs.len(), 1);
        let org = &orgs[0];
        assert_eq!(org.key.value, "thanh-doan-lao-cai");
        assert_eq!(org.name.value, "Thành đoàn Lào Cai");
        assert_eq!(org.name.at, Spot::new(3, "organisations[0].name"));
        let member = &org.committees[0].members[0];
        assert_eq!(member.serves_from.value, "2022-10-01");
        assert_eq!(member.email.at.line, 12);
        assert_eq!(
            member.email.at.field,
            "organisations[0].committees[0].members[0].email"
        );
        assert_eq!(member.serves_until, None);
        let route = &org.routes[0];
        assert_eq!(route.kinds[1].value, "childrens");
        assert_eq!(route.stages[0].committee.value, "btv");
        assert!(!route.stages[0].advisory);
    }

    #[test]
    fn broken_yaml_is_one_problem_with_its_line() {
        let broken = "organisations:\n  - key: a\n    name: [unclosed\n";
        let problem = parse(broken).unwrap_err();
        assert!(problem.at.line >= 3, "{problem:?}");
        assert!(matches!(problem.issue, Issue::Malformed(_)));
    }

    #[test]
    fn an_unknown_field_is_named() {
        let typo = "organisations:\n  - key: a\n    name: A\n    kind: party_committee\n    provice: Cao Bằng\n";
        let problem = parse(typo).unwrap_err();
        let Issue::Malformed(detail) = &problem.issue else {
            panic!("{problem:?}")
        };
        assert!(detail.contains("provice"), "{detail}");
        assert_eq!(problem.at.line, 5);
    }
}
