use std::collections::HashMap;

use chrono::{TimeZone, Utc};
use domain::directory::Directory;
use domain::{Aggregate, CommandContext, Problem};
use uuid::Uuid;

use super::{Count, Plan, Step, plan};
use crate::file::{Format, parse};
use crate::problem::Issue;

const EXAMPLE: &str = include_str!("../../../../deploy/examples/directory.yaml");
const EXAMPLE_CSV: &str = include_str!("../../../../deploy/examples/committee-members.csv");

fn context() -> CommandContext {
    CommandContext {
        now: Utc.with_ymd_and_hms(2025, 11, 25, 2, 0, 0).unwrap(),
        actor: "caunoi-import".into(),
    }
}

fn plan_text(format: Format, text: &str, states: &HashMap<Uuid, Directory>) -> Plan {
    let (orgs, problems) = parse(format, text.as_bytes());
    assert!(problems.is_empty(), "{problems:?}");
    plan(&orgs, states.clone(), context())
}

/// What the directory holds once `steps` are appended.
fn applied(steps: &[Step], mut states: HashMap<Uuid, Directory>) -> HashMap<Uuid, Directory> {
    for step in steps {
        let state = states.entry(step.organisation).or_default();
        let events = state.decide(&step.command, &context()).unwrap();
        for event in &events {
            *state = std::mem::take(state).evolve(event);
        }
    }
    states
}

#[test]
fn the_example_directory_is_new_and_right_and_importing_it_again_changes_nothing() {
    let first = plan_text(Format::Yaml, EXAMPLE, &HashMap::new());
    assert!(first.problems.is_empty(), "{:?}", first.problems);
    let new = |n| Count {
        new: n,
        unchanged: 0,
        changed: 0,
    };
    assert_eq!(first.tally.organisations, new(9));
    assert_eq!(first.tally.committees, new(9));
    assert_eq!(first.tally.members, new(30));
    assert_eq!(first.tally.substitutes, new(1));
    assert_eq!(first.tally.routes, new(8));
    // One event per organisation, committee, substitute and route: members come with
    // their committee.
    assert_eq!(first.steps.len(), 9 + 9 + 1 + 8);

    let states = applied(&first.steps, HashMap::new());
    let again = plan_text(Format::Yaml, EXAMPLE, &states);
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    assert!(again.steps.is_empty(), "{:?}", again.steps);
    assert_eq!(again.tally.members.unchanged, 30);
    assert_eq!(again.tally.routes.unchanged, 8);

    // The CSV example describes two of the same organisations the same way.
    let csv = plan_text(Format::Csv, EXAMPLE_CSV, &states);
    assert!(csv.problems.is_empty(), "{:?}", csv.problems);
    assert!(csv.steps.is_empty(), "{:?}", csv.steps);
    assert_eq!(csv.tally.members.unchanged, 6);
}

#[test]
fn an_extended_file_adds_only_what_is_new_and_replaces_a_changed_route() {
    let states = applied(
        &plan_text(Format::Yaml, EXAMPLE, &HashMap::new()).steps,
        HashMap::new(),
    );
    let extended = EXAMPLE
        .replacen(
            "          - name: Triệu Thị Yến",
            "          - name: Ma Thị Lụa\n            email: lua.mt@tinhdoancaobang.example.vn\n            role: member\n            serves_from: 2025-09-01\n          - name: Triệu Thị Yến",
            1,
        )
        .replacen(
            "            serves_from: 2022-09-15\n          - name: Lù Thị Dung",
            "            serves_from: 2022-09-15\n            serves_until: 2026-09-14\n          - name: Lù Thị Dung",
            1,
        )
        .replacen(
            "        name: Quy trình chung của Tỉnh Đoàn Hà Giang\n",
            "        name: Quy trình chung của Tỉnh Đoàn Hà Giang\n        kinds: [childrens]\n",
            1,
        );
    let plan = plan_text(Format::Yaml, &extended, &states);
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    assert_eq!(plan.tally.members.new, 1);
    assert_eq!(plan.tally.members.changed, 1, "a member's last day is set");
    assert_eq!(plan.tally.routes.changed, 1, "the route is replaced");
    assert_eq!(plan.steps.len(), 3);
}

#[test]
fn a_broken_file_reports_every_problem_where_it_is() {
    let broken = "\
organisations:
  - key: tinh-doan-cao-bang
    name: Tỉnh Đoàn Cao Bằng
    kind: provincial_youth_union
    committees:
      - key: btv
        name: Ban Thường vụ Tỉnh Đoàn Cao Bằng
        rule: majority
        members:
          - name: Nông Thanh Tùng
            email: tung.nt@tinhdoancaobang.example.vn
            role: chair
            serves_from: 2022-10-01
          - name: Hoàng Thị Thu Hà
            email: ha.htt(at)tinhdoancaobang.example.vn
            role: chair
            serves_from: 2022-10-01
          - name: Lục Văn Khánh
            email: khanh.lv@tinhdoancaobang.example.vn
            role: member
            serves_from: 2022-10-01
            serves_until: 2021-12-31
    routes:
      - key: chung
        name: Quy trình chung
        kinds: [hoi_nghi]
        stages:
          - committee: btv
          - committee: tinh-uy-cao-bang/thuong-truc
  - key: so-ngoai-vu-cao-bang
    name: Sở Ngoại vụ tỉnh Cao Bằng
    kind: so_ngoai_vu
";
    let plan = plan_text(Format::Yaml, broken, &HashMap::new());
    let found: Vec<(u64, &str, &Issue)> = plan
        .problems
        .iter()
        .map(|p| (p.at.line, p.at.field.as_str(), &p.issue))
        .collect();
    let field = |n: &str| format!("organisations[0].committees[0].members[{n}]");
    let expected = [
        (32, "organisations[1].kind".to_string()),
        (15, format!("{}.email", field("1"))),
        (22, format!("{}.serves_until", field("2"))),
        (16, format!("{}.role", field("1"))),
        (26, "organisations[0].routes[0].kinds[0]".to_string()),
        (
            29,
            "organisations[0].routes[0].stages[1].committee".to_string(),
        ),
    ];
    for (line, field) in &expected {
        assert!(
            found.iter().any(|(l, f, _)| l == line && f == field),
            "no problem at line {line}, {field}: {found:?}"
        );
    }
    assert_eq!(found.len(), expected.len(), "{found:?}");
    assert!(
        found
            .iter()
            .any(|(_, _, i)| **i == Issue::Domain(Problem::SecondChair))
    );
    assert!(
        found
            .iter()
            .any(|(_, _, i)| **i == Issue::Domain(Problem::InvalidEmail))
    );
    assert!(
        found
            .iter()
            .any(|(_, _, i)| **i == Issue::Domain(Problem::EndBeforeStart))
    );
    assert!(found.iter().any(
        |(_, _, i)| matches!(i, Issue::UnknownCommittee(r) if r == "tinh-uy-cao-bang/thuong-truc")
    ));
}

#[test]
fn what_exists_with_other_values_is_reported_and_keys_are_used_once() {
    let states = applied(
        &plan_text(Format::Yaml, EXAMPLE, &HashMap::new()).steps,
        HashMap::new(),
    );
    let renamed = EXAMPLE
        .replacen(
            "name: Tỉnh Đoàn Hà Giang",
            "name: Tỉnh Đoàn Hà Giang (cũ)",
            1,
        )
        .replacen("rule: all", "rule: majority", 1)
        .replacen("key: tinh-doan-quang-ninh", "key: tinh-doan-lang-son", 1);
    let plan = plan_text(Format::Yaml, &renamed, &states);
    let issues: Vec<&Issue> = plan.problems.iter().map(|p| &p.issue).collect();
    assert_eq!(plan.problems.len(), 3, "{:?}", plan.problems);
    assert!(issues.contains(&&Issue::Differs {
        existing: "Tỉnh Đoàn Hà Giang".into()
    }));
    assert!(issues.contains(&&Issue::Differs {
        existing: "all".into()
    }));
    assert!(issues.iter().any(|i| matches!(i, Issue::KeyTwice { .. })));
}
