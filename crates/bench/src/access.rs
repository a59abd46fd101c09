//! Who the benchmark acts as: the administrator of one organisation, with an API token,
//! set up at the console as the README sets up a script.

use anyhow::{Context, Result};
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};
use uuid::Uuid;

use crate::process::Caunoi;

/// The organisation's key in the imported directory; its id is made from it.
const KEY: &str = "tinh-doan-lang-son";
const EMAIL: &str = "do-hieu-nang@tinhdoanlangson.example.vn";
const DIRECTORY: &str = "organisations:
  - key: tinh-doan-lang-son
    name: Tỉnh Đoàn Lạng Sơn
    kind: provincial_youth_union
    province: Lạng Sơn
";

/// The organisation every programme of the benchmark is hosted by, known before it is
/// imported, so that events can be seeded for it first.
pub fn organisation() -> Uuid {
    importer::ids::organisation(KEY)
}

pub struct Access {
    pub organisation: Uuid,
    token: String,
}

impl Access {
    /// Imports the organisation, makes the benchmark's person its administrator and gives
    /// them an API token, through the `caunoi` commands run with `env`.
    pub fn grant(env: &[(&str, String)]) -> Result<Access> {
        let file = tempfile::Builder::new().suffix(".yaml").tempfile()?;
        std::fs::write(file.path(), DIRECTORY)?;
        let path = file.path().display().to_string();
        Caunoi::run(&["import", &path], env).context("importing the organisation")?;
        Caunoi::run(
            &[
                "grant-role",
                "--email",
                EMAIL,
                "--name",
                "Người đo hiệu năng",
                "--organisation",
                KEY,
                "--role",
                "administrator",
            ],
            env,
        )
        .context("granting the administrator role")?;
        let token = Caunoi::run(
            &[
                "api-token",
                "create",
                "--email",
                EMAIL,
                "--label",
                "caunoi-bench",
            ],
            env,
        )
        .context("making an API token")?;
        Ok(Access {
            organisation: organisation(),
            token: token.trim().to_owned(),
        })
    }

    /// An HTTP client that sends the token with every request.
    pub fn client(&self) -> Result<reqwest::Client> {
        Ok(self.client_builder()?.build()?)
    }

    pub fn client_builder(&self) -> Result<reqwest::ClientBuilder> {
        let mut value = HeaderValue::from_str(&format!("Bearer {}", self.token))?;
        value.set_sensitive(true);
        let headers = HeaderMap::from_iter([(AUTHORIZATION, value)]);
        Ok(reqwest::Client::builder().default_headers(headers))
    }
}
