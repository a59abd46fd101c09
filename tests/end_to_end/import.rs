//! `caunoi import` as administrators run it: the example files into a fresh stream, then
//! read back over the HTTP API; files with mistakes, which append nothing.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use eventstore::{EventStore, StoreConfig};
use serde_json::Value;
use testkit::TestEnv;

use super::{Caunoi, caunoi_command, free_port, position, server_env, wait_ready};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../deploy/examples")
        .join(name)
}

/// Runs `caunoi import <file>` on the test's servers and waits for it.
fn import(env: &TestEnv, file: &Path) -> Output {
    let here = std::env::current_dir().unwrap();
    caunoi_command(&here, &["import", file.to_str().unwrap()], &server_env(env))
        .output()
        .expect("run caunoi import")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

async fn store(env: &TestEnv) -> EventStore {
    EventStore::open(
        env.nats().await,
        StoreConfig::on_stream(env.stream.clone(), env.subject_prefix.clone()),
    )
    .await
    .unwrap()
}

async fn get(client: &reqwest::Client, url: String) -> Value {
    client.get(url).send().await.unwrap().json().await.unwrap()
}

/// The organisations listed over HTTP, once the read model has all `count` of them.
async fn organisations(client: &reqwest::Client, base: &str, count: usize) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let list = get(client, format!("{base}/api/organisations")).await;
        let items = list["items"].as_array().cloned().unwrap_or_default();
        if items.len() == count {
            return items;
        }
        assert!(Instant::now() < deadline, "listed: {list}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn named<'a>(items: &'a [Value], name: &str) -> &'a Value {
    items
        .iter()
        .find(|o| o["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {items:?}"))
}

#[tokio::test]
async fn the_example_directory_is_imported_once_and_shows_over_http() {
    let env = TestEnv::new().await;
    let store = store(&env).await;
    let http = free_port();
    let mut settings = server_env(&env);
    settings.push(("CAUNOI_HTTP_ADDR", format!("127.0.0.1:{http}")));
    let base = format!("http://127.0.0.1:{http}");
    let service = Caunoi::start(&["serve", "api", "projector"], &settings);
    wait_ready(&base).await;

    let first = import(&env, &example("directory.yaml"));
    assert!(first.status.success(), "{}", text(&first.stderr));
    let stdout = text(&first.stdout);
    assert!(
        stdout.contains("Tổ chức / organisations: 9 mới / new"),
        "{stdout}"
    );
    let appended = store.last_sequence().await.unwrap();
    assert_eq!(appended, 9 + 9 + 1 + 8, "{stdout}");
    // The list shows the organisations before their routes are projected: wait for all.
    let pool = env.pool().await;
    let deadline = Instant::now() + Duration::from_secs(60);
    while position(&pool).await < appended as i64 {
        assert!(Instant::now() < deadline, "the projection did not catch up");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // A planner of an imported organisation reads the directory, through a token.
    testkit::people::grant(
        &store,
        "tung@tinhdoancaobang.example.vn",
        "Nông Thanh Tùng",
        importer::ids::organisation("tinh-doan-cao-bang"),
        &[domain::access::AccessRole::Planner],
    )
    .await;
    let client = super::client_with_token(
        &testkit::people::api_token(&pool, "tung@tinhdoancaobang.example.vn").await,
    );
    let appended = appended + 1;
    let items = organisations(&client, &base, 9).await;
    let union = named(&items, "Tỉnh Đoàn Cao Bằng");
    assert_eq!(union["kind"], "provincial_youth_union");
    assert_eq!(union["province"], "Cao Bằng");
    assert_eq!(union["committees"], 1);
    assert_eq!(union["routes"], 2);
    let party = named(&items, "Tỉnh ủy Cao Bằng");
    let foreign_affairs = named(&items, "Sở Ngoại vụ tỉnh Cao Bằng");
    assert_eq!(
        named(&items, "Thành đoàn Lào Cai")["kind"],
        "city_youth_union"
    );
    assert_eq!(
        named(&items, "Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn")["routes"],
        1
    );

    let detail = get(
        &client,
        format!("{base}/api/organisations/{}", union["id"].as_str().unwrap()),
    )
    .await;
    let committee = &detail["committees"][0];
    assert_eq!(committee["name"], "Ban Thường vụ Tỉnh Đoàn Cao Bằng");
    assert_eq!(committee["rule"], "majority");
    assert_eq!(committee["members"].as_array().unwrap().len(), 6);
    assert_eq!(committee["members"][0]["person"]["name"], "Nông Thanh Tùng");
    assert_eq!(committee["members"][0]["role"], "chair");
    assert_eq!(committee["members"][4]["serves_until"], "2025-06-30");
    assert_eq!(
        committee["substitutions"][0]["substitute"]["name"],
        "Lương Văn Hiếu"
    );
    let routes = detail["routes"].as_array().unwrap();
    let abroad = routes
        .iter()
        .find(|r| r["name"] == "Đón, cử đoàn và ký kết với đối tác nước ngoài")
        .unwrap();
    assert_eq!(
        abroad["kinds"],
        serde_json::json!([
            "delegation_visit",
            "reception",
            "online_conference",
            "mou_signing"
        ])
    );
    let stages = abroad["stages"].as_array().unwrap();
    assert_eq!(stages[0]["committee_id"], committee["id"]);
    assert_eq!(stages[1]["organisation_id"], foreign_affairs["id"]);
    assert_eq!(stages[1]["advisory"], true);
    assert_eq!(stages[2]["organisation_id"], party["id"]);
    let general = routes
        .iter()
        .find(|r| r["name"] == "Quy trình chung của Tỉnh Đoàn Cao Bằng")
        .unwrap();
    assert_eq!(general["kinds"], serde_json::json!([]));

    // The same file again, and the CSV that says the same of two organisations: nothing.
    for file in ["directory.yaml", "committee-members.csv"] {
        let again = import(&env, &example(file));
        assert!(again.status.success(), "{}", text(&again.stderr));
        assert!(
            text(&again.stdout).contains("Đã ghi 0 sự kiện"),
            "{}",
            text(&again.stdout)
        );
        assert_eq!(store.last_sequence().await.unwrap(), appended, "{file}");
    }
    assert!(service.terminate().success());
}

const BROKEN: &str = "\
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
";

#[tokio::test]
async fn a_file_with_mistakes_reports_each_one_and_appends_nothing() {
    let env = TestEnv::new().await;
    let store = store(&env).await;
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("danh-muc.yaml");
    std::fs::write(&broken, BROKEN).unwrap();

    let output = import(&env, &broken);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    let name = broken.display().to_string();
    for (line, field, words) in [
        (15, "members[1].email", "Địa chỉ email không hợp lệ."),
        (
            16,
            "members[1].role",
            "mỗi ban chỉ có một người giữ vai trò chủ trì",
        ),
        (
            22,
            "members[2].serves_until",
            "Ngày kết thúc không được trước ngày bắt đầu.",
        ),
        (
            26,
            "routes[0].kinds[0]",
            "hãy dùng một trong: delegation_visit",
        ),
        (
            29,
            "routes[0].stages[1].committee",
            "Không tìm thấy ban “tinh-uy-cao-bang/thuong-truc”",
        ),
    ] {
        let wanted = format!("{name}:{line}: organisations[0].");
        let found = stderr
            .lines()
            .any(|l| l.starts_with(&wanted) && l.contains(field) && l.contains(words));
        assert!(found, "line {line} {field}: {stderr}");
    }
    assert!(
        stderr.contains("This is not a valid email address."),
        "{stderr}"
    );
    assert!(stderr.contains("5 lỗi; không ghi gì"), "{stderr}");
    assert_eq!(store.last_sequence().await.unwrap(), 0);

    // YAML that is not YAML is refused before any server is reached.
    let malformed = dir.path().join("hong.yml");
    std::fs::write(&malformed, "organisations:\n  - key: [tinh-doan\n").unwrap();
    let output = import(&env, &malformed);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("Tệp không đúng cú pháp"),
        "{}",
        text(&output.stderr)
    );

    // The same mistakes in CSV rows: each reported at its row and column.
    let csv = dir.path().join("thanh-vien.csv");
    std::fs::write(
        &csv,
        "organisation,organisation_kind,committee,rule,member_name,member_email,role,serves_from,serves_until\n\
         Thành đoàn Lào Cai,city_youth_union,Ban Thường vụ,majority,Lò Thị Hồng,hong.lt@thanhdoanlaocai.example.vn,chair,2022-08-01,\n\
         Thành đoàn Lào Cai,city_youth_union,Ban Thường vụ,majority,Vàng A Sử,su.va.example.vn,chair,2022-08-01,\n\
         Thành đoàn Lào Cai,thanh_doan,Ban Thường vụ,majority,Đỗ Thị Thanh Nga,nga.dtt@thanhdoanlaocai.example.vn,member,2022-08-01,2021-01-01\n",
    )
    .unwrap();
    let output = import(&env, &csv);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    let csv_name = csv.display().to_string();
    for wanted in [
        format!("{csv_name}:3: member_email:"),
        format!("{csv_name}:3: role:"),
        format!("{csv_name}:4: serves_until:"),
        format!("{csv_name}:4: organisation_kind:"),
    ] {
        assert!(stderr.contains(&wanted), "{wanted}: {stderr}");
    }
    assert_eq!(store.last_sequence().await.unwrap(), 0);
}
