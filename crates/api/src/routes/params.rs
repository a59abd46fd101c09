//! Reading query parameters, collecting every problem with its parameter's name so that
//! one 422 answer lists them all.

use std::collections::HashMap;

use chrono::NaiveDate;
use domain::{FieldError, Problem};
use uuid::Uuid;

pub struct Params {
    values: HashMap<String, String>,
    pub errors: Vec<FieldError>,
}

impl Params {
    pub fn new(values: HashMap<String, String>) -> Self {
        Params {
            values,
            errors: Vec::new(),
        }
    }

    /// The trimmed value, when given and not empty.
    pub fn text(&self, name: &str) -> Option<String> {
        self.values
            .get(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    pub fn parsed<T>(&mut self, name: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
        let text = self.text(name)?;
        let parsed = parse(&text);
        if parsed.is_none() {
            self.errors.push(FieldError::new(name, Problem::Unknown));
        }
        parsed
    }

    pub fn date(&mut self, name: &str) -> Option<NaiveDate> {
        let text = self.text(name)?;
        let parsed = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok();
        if parsed.is_none() {
            self.errors.push(FieldError::new(name, Problem::NotADate));
        }
        parsed
    }

    pub fn id(&mut self, name: &str) -> Option<Uuid> {
        self.parsed(name, |t| Uuid::parse_str(t).ok())
    }

    pub fn number(&mut self, name: &str, default: i64, min: i64, max: i64) -> i64 {
        match self.text(name).map(|v| v.parse::<i64>()) {
            None => default,
            Some(Ok(n)) if (min..=max).contains(&n) => n,
            Some(_) => {
                self.errors
                    .push(FieldError::new(name, Problem::OutOfRange { min, max }));
                default
            }
        }
    }

    pub fn flag(&mut self, name: &str) -> bool {
        self.parsed(name, |t| match t {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        })
        .unwrap_or(false)
    }

    /// The limit and offset of a page of results.
    pub fn page(&mut self) -> (i64, i64) {
        (
            self.number("limit", 50, 1, 200),
            self.number("offset", 0, 0, i64::from(i32::MAX)),
        )
    }
}
