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

struct Endpoint {
    method: &'static str,
    path: &'static str,
    body: Body,
}

fn schema<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    generator.subschema_for::<T>()
}

const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        method: "get",
        path: "/api/openapi.json",
        body: Body::None,
    },
    Endpoint {
        method: "post",
        path: "/api/agreements",
        body: Body::Json(schema::<domain::agreement::AgreementTerms>),
    },
    Endpoint {
        method: "get",
        path: "/api/agreements",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/agreements/reviews-due",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/agreements/expiring",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/agreements/{id}",
        body: Body::None,
    },
    Endpoint {
        method: "post",
        path: "/api/agreements/{id}/revise",
        body: Body::Json(schema::<super::agreements::ReviseRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/agreements/{id}/sign",
        body: Body::Json(schema::<super::agreements::SignRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/agreements/{id}/activate",
        body: Body::Json(schema::<super::agreements::VersionOnly>),
    },
    Endpoint {
        method: "post",
        path: "/api/agreements/{id}/reviews",
        body: Body::Json(schema::<super::agreements::OpenReviewRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/agreements/{id}/reviews/{review_id}/complete",
        body: Body::Json(schema::<super::agreements::CompleteReviewRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/agreements/{id}/renew",
        body: Body::Json(schema::<super::agreements::RenewRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/agreements/{id}/expire",
        body: Body::Json(schema::<super::agreements::VersionOnly>),
    },
    Endpoint {
        method: "post",
        path: "/api/agreements/{id}/terminate",
        body: Body::Json(schema::<super::agreements::TerminateRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/agreements/{id}/documents",
        body: Body::Json(schema::<super::agreements::DocumentRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/programmes/{id}/follow-up",
        body: Body::Json(schema::<super::follow_ups::ContentInput>),
    },
    Endpoint {
        method: "get",
        path: "/api/programmes/{id}/follow-up",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/follow-up-reports/due",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/follow-up-reports/{id}",
        body: Body::None,
    },
    Endpoint {
        method: "post",
        path: "/api/follow-up-reports/{id}/revise",
        body: Body::Json(schema::<super::follow_ups::ReviseRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/follow-up-reports/{id}/submit",
        body: Body::Json(schema::<super::follow_ups::VersionOnly>),
    },
    Endpoint {
        method: "post",
        path: "/api/follow-up-reports/{id}/return",
        body: Body::Json(schema::<super::follow_ups::ReturnRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/follow-up-reports/{id}/accept",
        body: Body::Json(schema::<super::follow_ups::VersionOnly>),
    },
    Endpoint {
        method: "post",
        path: "/api/follow-up-reports/{id}/action-items/{item_id}",
        body: Body::Json(schema::<super::follow_ups::ActionItemUpdate>),
    },
    Endpoint {
        method: "get",
        path: "/api/action-items",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/figures",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/figures.csv",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/figures.svg",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/organisations/{id}/annual-review/{year}",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/organisations/{id}/annual-review/{year}",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/healthz",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/readyz",
        body: Body::None,
    },
    Endpoint {
        method: "post",
        path: "/api/programmes",
        body: Body::Json(schema::<domain::programme::Plan>),
    },
    Endpoint {
        method: "get",
        path: "/api/programmes",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/programmes/{id}",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/programmes/{id}/history",
        body: Body::None,
    },
    Endpoint {
        method: "post",
        path: "/api/programmes/{id}/revise",
        body: Body::Json(schema::<super::programmes::ReviseRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/programmes/{id}/submit",
        body: Body::Json(schema::<super::programmes::SubmitRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/programmes/{id}/postpone",
        body: Body::Json(schema::<super::programmes::PostponeRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/programmes/{id}/cancel",
        body: Body::Json(schema::<super::programmes::CancelRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/programmes/{id}/withdraw",
        body: Body::Json(schema::<super::programmes::WithdrawRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/programmes/{id}/begin-preparation",
        body: Body::Json(schema::<super::programmes::SubmitRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/programmes/{id}/mark-held",
        body: Body::Json(schema::<super::programmes::SubmitRequest>),
    },
    Endpoint {
        method: "get",
        path: "/api/programmes/{id}/approvals",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/approvals/pending",
        body: Body::None,
    },
    Endpoint {
        method: "post",
        path: "/api/approvals/{round}/stages/{stage}/resend",
        body: Body::Json(schema::<super::approvals::ResendRequest>),
    },
    Endpoint {
        method: "get",
        path: "/api/reminders",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/reminders/preferences/{email}",
        body: Body::None,
    },
    Endpoint {
        method: "put",
        path: "/api/reminders/preferences/{email}",
        body: Body::Json(schema::<super::reminders::PreferencesRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/organisations",
        body: Body::Json(schema::<super::directory::RegisterRequest>),
    },
    Endpoint {
        method: "get",
        path: "/api/organisations",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/organisations/{id}",
        body: Body::None,
    },
    Endpoint {
        method: "post",
        path: "/api/organisations/{id}/committees",
        body: Body::Json(schema::<super::directory::CommitteeRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/organisations/{id}/committees/{committee}/members",
        body: Body::Json(schema::<super::directory::AddMemberRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/organisations/{id}/committees/{committee}/members/{member}/end",
        body: Body::Json(schema::<super::directory::EndMembershipRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/organisations/{id}/committees/{committee}/substitutes",
        body: Body::Json(schema::<super::directory::SubstituteRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/organisations/{id}/routes",
        body: Body::Json(schema::<super::directory::RouteRequest>),
    },
    Endpoint {
        method: "put",
        path: "/api/organisations/{id}/routes/{route}",
        body: Body::Json(schema::<super::directory::RouteRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/organisations/{id}/routes/{route}/retire",
        body: Body::Json(schema::<super::directory::VersionOnly>),
    },
    Endpoint {
        method: "get",
        path: "/api/users",
        body: Body::None,
    },
    Endpoint {
        method: "post",
        path: "/api/users/{email}/roles",
        body: Body::Json(schema::<super::users::GrantRequest>),
    },
    Endpoint {
        method: "delete",
        path: "/api/users/{email}/roles/{organisation}/{role}",
        body: Body::None,
    },
    Endpoint {
        method: "post",
        path: "/api/programmes/{id}/delegations",
        body: Body::Json(schema::<super::delegations::read::OpenRequest>),
    },
    Endpoint {
        method: "get",
        path: "/api/programmes/{id}/delegations",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/border-gates",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/checklist",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/delegations/{id}",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/delegations/{id}/history",
        body: Body::None,
    },
    Endpoint {
        method: "post",
        path: "/api/delegations/{id}/members",
        body: Body::Json(schema::<super::delegations::members::MemberRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/delegations/{id}/members/import",
        body: Body::Roster,
    },
    Endpoint {
        method: "put",
        path: "/api/delegations/{id}/members/{person_id}",
        body: Body::Json(schema::<super::delegations::members::MemberRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/delegations/{id}/members/{person_id}/remove",
        body: Body::Json(schema::<super::delegations::members::VersionOnly>),
    },
    Endpoint {
        method: "post",
        path: "/api/delegations/{id}/members/{person_id}/forget",
        body: Body::Json(schema::<crate::json_body::NoFields>),
    },
    Endpoint {
        method: "post",
        path: "/api/delegations/{id}/checklist/prefill",
        body: Body::Json(schema::<super::delegations::items::PrefillRequest>),
    },
    Endpoint {
        method: "post",
        path: "/api/delegations/{id}/checklist/{task_id}/status",
        body: Body::Json(schema::<super::delegations::items::StatusRequest>),
    },
    Endpoint {
        method: "get",
        path: "/api/delegations/{id}/roster.csv",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/delegations/{id}/roster.xlsx",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/delegations/{id}/itinerary.ics",
        body: Body::None,
    },
    Endpoint {
        method: "get",
        path: "/api/delegations/{id}/itinerary.html",
        body: Body::None,
    },
    Endpoint {
        method: "post",
        path: "/api/delegations/{id}/{list}",
        body: Body::AnyObject,
    },
    Endpoint {
        method: "put",
        path: "/api/delegations/{id}/{list}/{item_id}",
        body: Body::AnyObject,
    },
    Endpoint {
        method: "delete",
        path: "/api/delegations/{id}/{list}/{item_id}",
        body: Body::None,
    },
];

/// `GET /api/openapi.json`.
pub async fn serve() -> impl IntoResponse {
    Json(document())
}

fn path_parameters(path: &str) -> Vec<Value> {
    path.split('/')
        .filter_map(|part| part.strip_prefix('{')?.strip_suffix('}'))
        .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}))
        .collect()
}

fn request_body(body: &Body, generator: &mut SchemaGenerator) -> Option<Value> {
    let content = match body {
        Body::None => return None,
        Body::Json(schema) => json!({"application/json": {"schema": schema(generator)}}),
        Body::AnyObject => json!({"application/json": {"schema": {"type": "object"}}}),
        Body::Roster => json!({
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
            "parameters": path_parameters(endpoint.path),
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
        "components": {"schemas": schemas}
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
}
