use std::collections::HashMap;

use domain::reminders::{Delivery, Rule};
use sqlx::PgPool;

/// Each person's choices, by address in lower case; people without any get the defaults
/// (a digest, every rule).
pub struct Choices {
    by_email: HashMap<String, (Delivery, Vec<Rule>)>,
}

impl Choices {
    pub async fn load(pool: &PgPool) -> Result<Self, sqlx::Error> {
        let rows: Vec<(String, String, Vec<String>)> =
            sqlx::query_as("SELECT email, delivery, opted_out FROM caunoi.reminder_preferences")
                .fetch_all(pool)
                .await?;
        let by_email = rows
            .into_iter()
            .map(|(email, delivery, opted_out)| {
                let delivery = if delivery == "single" {
                    Delivery::Single
                } else {
                    Delivery::Digest
                };
                let rules = opted_out.iter().filter_map(|r| Rule::parse(r)).collect();
                (email.to_lowercase(), (delivery, rules))
            })
            .collect();
        Ok(Self { by_email })
    }

    pub fn delivery(&self, email: &str) -> Delivery {
        self.by_email
            .get(&email.to_lowercase())
            .map_or(Delivery::Digest, |(delivery, _)| *delivery)
    }

    /// Whether the person wants reminders of this rule; approvals always reach them.
    pub fn wants(&self, email: &str, rule: Rule) -> bool {
        !rule.can_opt_out()
            || !self
                .by_email
                .get(&email.to_lowercase())
                .is_some_and(|(_, out)| out.contains(&rule))
    }
}
