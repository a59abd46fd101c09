//! Every route the API and the pages declare has an access rule, and every rule names a
//! route that exists: a route added without a rule would be refused by the guard (fail
//! closed), and this test says which one before anybody meets the refusal.

use std::collections::BTreeSet;
use std::path::Path;

use compose::rules::ROUTES;

/// Where the routers are declared, from this crate's folder.
const ROUTERS: [&str; 2] = ["../api/src/routes/mod.rs", "../web/src/lib.rs"];
const METHODS: [&str; 5] = ["get", "post", "put", "delete", "patch"];

/// (METHOD, path) of every `.route("path", method(handler).method(handler))` in `source`.
fn declared_routes(source: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for declaration in source.split(".route(").skip(1) {
        let declaration = declaration.trim_start();
        let Some(rest) = declaration.strip_prefix('"') else {
            continue;
        };
        let Some(end) = rest.find('"') else {
            continue;
        };
        let path = &rest[..end];
        // The method router ends where the declaration does: at the next builder call.
        let methods = rest[end..]
            .split(['.', ' ', '\n', '(', ',', ')'])
            .filter(|word| METHODS.contains(word));
        for method in methods {
            found.push((method.to_uppercase(), path.to_owned()));
        }
    }
    found
}

fn all_declared() -> BTreeSet<(String, String)> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    ROUTERS
        .iter()
        .flat_map(|file| {
            let source = std::fs::read_to_string(here.join(file))
                .unwrap_or_else(|e| panic!("reading {file}: {e}"));
            declared_routes(&source)
        })
        .collect()
}

#[test]
fn the_parser_reads_one_and_chained_method_routers() {
    let source = r#"
        Router::new()
            .route("/api/a/{id}", get(handlers::detail))
            .route(
                "/api/b",
                post(agreements::draft).get(agreements::register),
            )
            .with_state(state)
    "#;
    assert_eq!(
        declared_routes(source),
        vec![
            ("GET".to_owned(), "/api/a/{id}".to_owned()),
            ("POST".to_owned(), "/api/b".to_owned()),
            ("GET".to_owned(), "/api/b".to_owned()),
        ]
    );
}

#[test]
fn every_declared_route_has_a_rule() {
    let declared = all_declared();
    assert!(
        declared.len() > 80,
        "the routers were read: {} routes",
        declared.len()
    );
    let ruled: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(method, path, _)| ((*method).to_owned(), (*path).to_owned()))
        .collect();
    let without_rule: Vec<_> = declared.difference(&ruled).collect();
    assert!(
        without_rule.is_empty(),
        "routes without an access rule in compose::rules::ROUTES: {without_rule:?}"
    );
}

#[test]
fn every_rule_names_a_declared_route_once() {
    let declared = all_declared();
    let mut seen = BTreeSet::new();
    for (method, path, _) in ROUTES {
        let key = ((*method).to_owned(), (*path).to_owned());
        assert!(seen.insert(key.clone()), "two rules for {key:?}");
        assert!(
            declared.contains(&key),
            "a rule for a route nobody declares: {key:?}"
        );
    }
}
