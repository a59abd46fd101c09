//! The OpenAPI description of the JSON API, served at `GET /api/openapi.json`: every
//! endpoint of the router with its path parameters and, for those that take one, the JSON
//! Schema of the request body as serde reads it (derived with schemars from the same
//! types), so that clients and tools (a fuzzer, a client generator) can be made from it.
//! A unit test keeps the table below equal to the router's endpoints.

use axum::Json;
use axum::response::IntoResponse;
use schemars::generate::{SchemaGenerator, SchemaSettings};
use schemars::{JsonSchema, Schema};
use serde_json::{Map, Value, json};

/// What an endpoint takes as its body.
enum Body {
    None,
    Json(fn(&mut SchemaGenerator) -> Schema),
    /// A delegation's list item, whose fields depend on the list in the path.
    AnyObject,
    /// A roster as CSV, or as JSON `{"members": [...]}`.
    Roster,
}

/// The query parameters an endpoint reads; all are optional text.
enum Query {
    None,
    /// The fields of the struct the handler reads its query into.
    Typed(fn() -> Vec<String>),
    /// The names the handler reads from its query one by one.
    Names(&'static [&'static str]),
}

struct Endpoint {
    method: &'static str,
    path: &'static str,
    body: Body,
    query: Query,
}

/// The query parameters of the figures over a period (JSON, CSV, SVG).
const FIGURES: &[&str] = &[
    "from",
    "to",
    "by",
    "measure",
    "organisation",
    "agreement",
    "partner",
];

/// What an official document may be given to fill in, and its format (docx or pdf).
const DOCUMENT: &[&str] = &[
    "number",
    "signer",
    "signer_title",
    "place",
    "date",
    "format",
];

/// The names of a query struct's fields, as serde reads them.
fn fields<T: JsonSchema>() -> Vec<String> {
    let schema = SchemaSettings::openapi3()
        .into_generator()
        .into_root_schema_for::<T>();
    schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|properties| properties.keys().cloned().collect())
        .unwrap_or_default()
}

fn schema<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    generator.subschema_for::<T>()
}

const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        method: "get",
        path: "/api/openapi.json",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/agreements",
        body: Body::Json(schema::<domain::agreement::AgreementTerms>),
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/agreements",
        body: Body::None,
        query: Query::Names(&["status", "organisation", "q", "limit", "offset"]),
    },
    Endpoint {
        method: "get",
        path: "/api/agreements/reviews-due",
        body: Body::None,
        query: Query::Names(&["until"]),
    },
    Endpoint {
        method: "get",
        path: "/api/agreements/expiring",
        body: Body::None,
        query: Query::Names(&["until"]),
    },
    Endpoint {
        method: "get",
        path: "/api/agreements/{id}",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/agreements/{id}/revise",
        body: Body::Json(schema::<super::agreements::ReviseRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/agreements/{id}/sign",
        body: Body::Json(schema::<super::agreements::SignRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/agreements/{id}/activate",
        body: Body::Json(schema::<super::agreements::VersionOnly>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/agreements/{id}/reviews",
        body: Body::Json(schema::<super::agreements::OpenReviewRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/agreements/{id}/reviews/{review_id}/complete",
        body: Body::Json(schema::<super::agreements::CompleteReviewRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/agreements/{id}/renew",
        body: Body::Json(schema::<super::agreements::RenewRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/agreements/{id}/expire",
        body: Body::Json(schema::<super::agreements::VersionOnly>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/agreements/{id}/terminate",
        body: Body::Json(schema::<super::agreements::TerminateRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/agreements/{id}/documents",
        body: Body::Json(schema::<super::agreements::DocumentRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/programmes/{id}/follow-up",
        body: Body::Json(schema::<super::follow_ups::ContentInput>),
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/programmes/{id}/follow-up",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/follow-up-reports/due",
        body: Body::None,
        query: Query::Names(&["as_of", "overdue"]),
    },
    Endpoint {
        method: "get",
        path: "/api/follow-up-reports/{id}",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/follow-up-reports/{id}/revise",
        body: Body::Json(schema::<super::follow_ups::ReviseRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/follow-up-reports/{id}/submit",
        body: Body::Json(schema::<super::follow_ups::VersionOnly>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/follow-up-reports/{id}/return",
        body: Body::Json(schema::<super::follow_ups::ReturnRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/follow-up-reports/{id}/accept",
        body: Body::Json(schema::<super::follow_ups::VersionOnly>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/follow-up-reports/{id}/action-items/{item_id}",
        body: Body::Json(schema::<super::follow_ups::ActionItemUpdate>),
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/action-items",
        body: Body::None,
        query: Query::Names(&[
            "status",
            "overdue",
            "due_before",
            "owner",
            "programme",
            "agreement",
            "organisation",
            "limit",
            "offset",
        ]),
    },
    Endpoint {
        method: "get",
        path: "/api/figures",
        body: Body::None,
        query: Query::Names(FIGURES),
    },
    Endpoint {
        method: "get",
        path: "/api/figures.csv",
        body: Body::None,
        query: Query::Names(FIGURES),
    },
    Endpoint {
        method: "get",
        path: "/api/figures.svg",
        body: Body::None,
        query: Query::Names(FIGURES),
    },
    Endpoint {
        method: "get",
        path: "/api/organisations/{id}/annual-review/{year}",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/organisations/{id}/personal-data-reads",
        body: Body::None,
        query: Query::Names(&["limit"]),
    },
    Endpoint {
        method: "get",
        path: "/organisations/{id}/annual-review/{year}",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/healthz",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/readyz",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/programmes",
        body: Body::Json(schema::<domain::programme::Plan>),
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/programmes",
        body: Body::None,
        query: Query::Typed(fields::<super::programmes::ListParams>),
    },
    Endpoint {
        method: "get",
        path: "/api/programmes/{id}",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/programmes/{id}/history",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/programmes/{id}/revise",
        body: Body::Json(schema::<super::programmes::ReviseRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/programmes/{id}/submit",
        body: Body::Json(schema::<super::programmes::SubmitRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/programmes/{id}/postpone",
        body: Body::Json(schema::<super::programmes::PostponeRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/programmes/{id}/cancel",
        body: Body::Json(schema::<super::programmes::CancelRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/programmes/{id}/withdraw",
        body: Body::Json(schema::<super::programmes::WithdrawRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/programmes/{id}/begin-preparation",
        body: Body::Json(schema::<super::programmes::SubmitRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/programmes/{id}/mark-held",
        body: Body::Json(schema::<super::programmes::SubmitRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/programmes/{id}/approvals",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/approvals/pending",
        body: Body::None,
        query: Query::Typed(fields::<super::approvals::PendingParams>),
    },
    Endpoint {
        method: "post",
        path: "/api/approvals/{round}/stages/{stage}/resend",
        body: Body::Json(schema::<super::approvals::ResendRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/reminders",
        body: Body::None,
        query: Query::Typed(fields::<super::reminders::ListParams>),
    },
    Endpoint {
        method: "get",
        path: "/api/tokens",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/tokens",
        body: Body::Json(schema::<super::tokens::NewToken>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/tokens/{id}/revoke",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/reminders/preferences/{email}",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "put",
        path: "/api/reminders/preferences/{email}",
        body: Body::Json(schema::<super::reminders::PreferencesRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/organisations",
        body: Body::Json(schema::<super::directory::RegisterRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/organisations",
        body: Body::None,
        query: Query::Typed(fields::<super::directory::ListParams>),
    },
    Endpoint {
        method: "get",
        path: "/api/organisations/{id}",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/organisations/{id}/committees",
        body: Body::Json(schema::<super::directory::CommitteeRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/organisations/{id}/committees/{committee}/members",
        body: Body::Json(schema::<super::directory::AddMemberRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/organisations/{id}/committees/{committee}/members/{member}/end",
        body: Body::Json(schema::<super::directory::EndMembershipRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/organisations/{id}/committees/{committee}/substitutes",
        body: Body::Json(schema::<super::directory::SubstituteRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/organisations/{id}/routes",
        body: Body::Json(schema::<super::directory::RouteRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "put",
        path: "/api/organisations/{id}/routes/{route}",
        body: Body::Json(schema::<super::directory::RouteRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/organisations/{id}/routes/{route}/retire",
        body: Body::Json(schema::<super::directory::VersionOnly>),
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/users",
        body: Body::None,
        query: Query::Typed(fields::<super::users::ListParams>),
    },
    Endpoint {
        method: "post",
        path: "/api/users/{email}/roles",
        body: Body::Json(schema::<super::users::GrantRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "delete",
        path: "/api/users/{email}/roles/{organisation}/{role}",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/programmes/{id}/delegations",
        body: Body::Json(schema::<super::delegations::read::OpenRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/programmes/{id}/delegations",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/border-gates",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/checklist",
        body: Body::None,
        query: Query::Typed(fields::<super::delegations::read::BoardParams>),
    },
    Endpoint {
        method: "get",
        path: "/api/delegations/{id}",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/delegations/{id}/history",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/delegations/{id}/members",
        body: Body::Json(schema::<super::delegations::members::MemberRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/delegations/{id}/members/import",
        body: Body::Roster,
        query: Query::None,
    },
    Endpoint {
        method: "put",
        path: "/api/delegations/{id}/members/{person_id}",
        body: Body::Json(schema::<super::delegations::members::MemberRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/delegations/{id}/members/{person_id}/remove",
        body: Body::Json(schema::<super::delegations::members::VersionOnly>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/delegations/{id}/members/{person_id}/forget",
        body: Body::Json(schema::<crate::json_body::NoFields>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/delegations/{id}/checklist/prefill",
        body: Body::Json(schema::<super::delegations::items::PrefillRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "post",
        path: "/api/delegations/{id}/checklist/{task_id}/status",
        body: Body::Json(schema::<super::delegations::items::StatusRequest>),
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/delegations/{id}/roster.csv",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/delegations/{id}/roster.xlsx",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/delegations/{id}/itinerary.ics",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/delegations/{id}/itinerary.html",
        body: Body::None,
        query: Query::None,
    },
    Endpoint {
        method: "get",
        path: "/api/delegations/{id}/documents/{kind}",
        body: Body::None,
        query: Query::Names(DOCUMENT),
    },
    Endpoint {
        method: "get",
        path: "/api/programmes/{id}/documents/{kind}",
        body: Body::None,
        query: Query::Names(DOCUMENT),
    },
    Endpoint {
        method: "get",
        path: "/api/organisations/{id}/annual-review/{year}/document",
        body: Body::None,
        query: Query::Names(DOCUMENT),
    },
    Endpoint {
        method: "post",
        path: "/api/delegations/{id}/{list}",
        body: Body::AnyObject,
        query: Query::None,
    },
    Endpoint {
        method: "put",
        path: "/api/delegations/{id}/{list}/{item_id}",
        body: Body::AnyObject,
        query: Query::None,
    },
    Endpoint {
        method: "delete",
        path: "/api/delegations/{id}/{list}/{item_id}",
        body: Body::None,
        query: Query::None,
    },
];

/// `GET /api/openapi.json`.
pub async fn serve() -> impl IntoResponse {
    Json(document())
}

fn parameters(endpoint: &Endpoint) -> Vec<Value> {
    let in_path = endpoint
        .path
        .split('/')
        .filter_map(|part| part.strip_prefix('{')?.strip_suffix('}'))
        .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}));
    let names: Vec<String> = match &endpoint.query {
        Query::None => Vec::new(),
        Query::Typed(fields) => fields(),
        Query::Names(names) => names.iter().map(|n| n.to_string()).collect(),
    };
    let in_query = names.into_iter().map(
        |name| json!({"name": name, "in": "query", "required": false, "schema": {"type": "string"}}),
    );
    in_path.chain(in_query).collect()
}

fn request_body(body: &Body, generator: &mut SchemaGenerator) -> Option<Value> {
    let content = match body {
        Body::None => return None,
        Body::Json(schema) => json!({"application/json": {"schema": schema(generator)}}),
        Body::AnyObject => json!({"application/json": {"schema": {"type": "object"}}}),
        Body::Roster => json!({
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                {"schema": {"type": "string", "format": "binary"}},
            "text/csv": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "object"}}
        }),
    };
    Some(json!({"required": true, "content": content}))
}

/// The whole description, OpenAPI 3.0.
pub fn document() -> Value {
    let mut generator = SchemaSettings::openapi3().into_generator();
    let mut paths = Map::new();
    for endpoint in ENDPOINTS {
        let mut operation = json!({
            "operationId": format!("{} {}", endpoint.method, endpoint.path),
            "parameters": parameters(endpoint),
            "responses": {
                "2XX": {"description": "Thành công. / Success."},
                "default": {
                    "description": "Lỗi, với mã ổn định và lời giải thích. / An error, with a stable code and a message.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                }
            }
        });
        if let Some(body) = request_body(&endpoint.body, &mut generator) {
            operation["requestBody"] = body;
        }
        let item = paths
            .entry(endpoint.path)
            .or_insert_with(|| Value::Object(Map::new()));
        item[endpoint.method] = operation;
    }
    let mut schemas = generator.take_definitions(true);
    schemas.insert("Error".into(), error_schema());
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Cầu Nối",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "API JSON của Cầu Nối: kế hoạch chương trình giao lưu, phê duyệt, đoàn, theo dõi sau chương trình. Xem README. / The JSON API of Cầu Nối; see the README."
        },
        "paths": paths,
        // Every endpoint but /healthz, /readyz and this description wants a person: an API
        // token (`POST /api/tokens`, `caunoi api-token create`) or a signed-in browser.
        "security": [{"token": []}],
        "components": {
            "schemas": schemas,
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}
        }
    })
}

fn error_schema() -> Value {
    json!({
        "type": "object",
        "required": ["code", "message"],
        "properties": {
            "code": {"type": "string"},
            "message": {"type": "string"},
            "fields": {"type": "array", "items": {
                "type": "object",
                "required": ["field", "code", "message"],
                "properties": {
                    "field": {"type": "string"},
                    "code": {"type": "string"},
                    "message": {"type": "string"}
                }
            }}
        }
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The (method, path) pairs of the router, read from its source.
    fn routed() -> BTreeSet<(String, String)> {
        let source = include_str!("mod.rs");
        let mut found = BTreeSet::new();
        for part in source.split(".route(").skip(1) {
            let path = part.split('"').nth(1).unwrap().to_string();
            let call = part.split(".route(").next().unwrap();
            for method in ["get", "post", "put", "delete"] {
                if call.contains(&format!("{method}(")) {
                    found.insert((method.to_string(), path.clone()));
                }
            }
        }
        found
    }

    #[test]
    fn the_description_lists_exactly_the_routers_endpoints() {
        let described: BTreeSet<(String, String)> = ENDPOINTS
            .iter()
            .map(|e| (e.method.to_string(), e.path.to_string()))
            .collect();
        assert_eq!(described, routed());
    }

    #[test]
    fn request_bodies_are_described_as_serde_reads_them() {
        let document = document();
        let plan = &document["components"]["schemas"]["Plan"];
        assert_eq!(plan["additionalProperties"], false, "{plan}");
        assert!(
            plan["required"]
                .as_array()
                .unwrap()
                .contains(&json!("title"))
        );
        let submit = &document["paths"]["/api/programmes/{id}/submit"]["post"];
        assert_eq!(submit["parameters"][0]["name"], "id");
        assert!(
            submit["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                .as_str()
                .unwrap()
                .starts_with("#/components/schemas/")
        );
        serde_json::to_string(&document).unwrap();
    }

    #[test]
    fn list_endpoints_describe_their_query_parameters() {
        let document = document();
        let names = |path: &str| -> Vec<String> {
            document["paths"][path]["get"]["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| p["in"] == "query")
                .map(|p| p["name"].as_str().unwrap().to_string())
                .collect()
        };
        for name in ["q", "organisation", "status"] {
            assert!(
                names("/api/programmes").contains(&name.to_string()),
                "{name}"
            );
        }
        assert_eq!(names("/api/approvals/pending"), ["email"]);
        assert!(names("/api/action-items").contains(&"owner".to_string()));
    }
}
