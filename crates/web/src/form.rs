//! A posted form's fields, in order, repeats kept.

pub struct Form {
    pairs: Vec<(String, String)>,
}

impl Form {
    /// Reads an `application/x-www-form-urlencoded` body; an unreadable one has no fields.
    pub fn parse(body: &str) -> Form {
        Form {
            pairs: serde_urlencoded::from_str(body).unwrap_or_default(),
        }
    }

    /// A form from fields read otherwise (a multipart upload's).
    pub fn of(pairs: Vec<(String, String)>) -> Form {
        Form { pairs }
    }

    /// The first value of `name`, or "" when absent.
    pub fn get(&self, name: &str) -> &str {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Whether the form has a field `name`, even an empty one.
    pub fn has(&self, name: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == name)
    }
}
