//! One template for every form: its fields, each with its label, hint, typed value and
//! message.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use crate::auth::{Nav, SignedIn};
use crate::plan_input::{Errors, Values};
use crate::render::page;
use crate::texts::{Texts, texts};
use crate::words::{Words, words};

pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub hint: Option<&'static str>,
    /// `text`, `textarea`, `date`, `number`, `email` or `select`.
    pub input: &'static str,
    pub value: String,
    /// For a select: value, label, whether chosen.
    pub options: Vec<(String, String, bool)>,
    pub error: Option<String>,
    pub required: bool,
    /// For `group`: rows of fields shown together under the label (a plan's partners).
    pub rows: Vec<Vec<Field>>,
}

impl Field {
    pub fn new(
        name: &'static str,
        label: &'static str,
        input: &'static str,
        values: &Values,
        errors: &Errors,
    ) -> Field {
        Field {
            name,
            label,
            hint: None,
            input,
            value: values.get(name).cloned().unwrap_or_default(),
            options: vec![],
            error: errors.get(name).cloned(),
            required: false,
            rows: vec![],
        }
    }

    /// Rows of fields under one label, with the message about them all under `name`.
    pub fn group(
        name: &'static str,
        label: &'static str,
        rows: Vec<Vec<Field>>,
        errors: &Errors,
    ) -> Field {
        Field {
            rows,
            ..Field::new(name, label, "group", &Values::new(), errors)
        }
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn hint(mut self, hint: &'static str) -> Field {
        self.hint = Some(hint);
        self
    }

    pub fn options(mut self, options: Vec<(String, String)>) -> Field {
        let chosen = self.value.clone();
        self.options = options
            .into_iter()
            .map(|(value, label)| {
                let selected = value == chosen;
                (value, label, selected)
            })
            .collect();
        self
    }
}

#[derive(Template)]
#[template(path = "form.html")]
struct FormPage<'a> {
    t: &'static Texts,
    w: &'static Words,
    nav: Nav,
    heading: &'a str,
    action: &'a str,
    back: Option<&'a str>,
    failed: bool,
    version: Option<u64>,
    fields: Vec<Field>,
    submit_label: &'a str,
}

pub struct FormSpec<'a> {
    pub heading: &'a str,
    pub action: &'a str,
    pub back: Option<&'a str>,
    pub version: Option<u64>,
    pub submit_label: &'a str,
}

/// The form, with 422 when it comes back with problems.
pub fn render(user: &SignedIn, spec: FormSpec<'_>, fields: Vec<Field>) -> Response {
    let failed = fields.iter().any(|f| f.error.is_some());
    let status = if failed {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page(
        status,
        &FormPage {
            t: texts(user.lang),
            w: words(user.lang),
            nav: user.nav(),
            heading: spec.heading,
            action: spec.action,
            back: spec.back,
            failed,
            version: spec.version,
            fields,
            submit_label: spec.submit_label,
        },
    )
}
