//! Delegation logistics at the largest size a programme plans: a roster of 2,000 members
//! uploaded at once and added one by one, each sealed with their own key, then opened and
//! exported.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use domain::programme::{Programme, ProgrammeCommand, Verdict};
use eventstore::{CommandMeta, EventStore};
use hdrhistogram::Histogram;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::access::Access;

pub struct RosterFigures {
    pub members: usize,
    pub import: Duration,
    pub singles: usize,
    pub singles_total: Duration,
    pub single_p50: Duration,
    pub single_p99: Duration,
    /// Opening the roster with its keys and working out its warnings.
    pub roster: Duration,
    pub exports: Vec<(&'static str, Duration, usize)>,
}

fn plan(size: usize, host: Uuid) -> Value {
    json!({
        "title": "Giao lưu hữu nghị thanh niên biên giới qua cửa khẩu Hữu Nghị",
        "kind": "delegation_visit",
        "host_organisation": "Tỉnh Đoàn Lạng Sơn",
        "host_organisation_id": host,
        "partners": [{"name": "Hội Hữu nghị Đối ngoại Quảng Tây", "country": "CN", "region": "Quảng Tây"}],
        "schedule": {"start": "2027-05-10", "end": "2027-05-12", "timezone": "Asia/Ho_Chi_Minh"},
        "border_gate": "Cửa khẩu quốc tế Hữu Nghị",
        "objectives": "Giao lưu nhân dân hai bên biên giới",
        "expected_delegation_size": size,
        "coordinator": {"name": "Hoàng Thị Mai", "email": "mai@example.vn"}
    })
}

fn roster_csv(members: usize) -> String {
    let mut file = String::from(
        "Họ và tên,Tên tiếng Trung,Giới tính,Ngày sinh,Quốc tịch,Chức vụ,Đơn vị công tác,Loại giấy tờ,Số hộ chiếu/giấy thông hành,Ngày cấp,Ngày hết hạn,Điện thoại\n",
    );
    for n in 0..members {
        file.push_str(&format!(
            "Hoàng Văn Thành {n},黄文成,Nam,15/08/1990,Việt Nam,Đoàn viên,Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn,Hộ chiếu phổ thông,C{n:07},01/02/2020,01/02/2030,0912{n:06}\n"
        ));
    }
    file
}

fn member(n: usize) -> Value {
    json!({
        "full_name": format!("Nguyễn Thị Lan {n}"),
        "role": "Đoàn viên",
        "organisation": "Tỉnh Đoàn Lạng Sơn",
        "gender": "female",
        "date_of_birth": "1996-03-26",
        "nationality": "VN",
        "document": {"kind": "passport", "number": format!("N{n:07}"), "expires_on": "2031-01-01"}
    })
}

async fn checked(response: reqwest::Response) -> Result<reqwest::Response> {
    let status = response.status();
    if !status.is_success() {
        let url = response.url().clone();
        bail!("{url} answered {status}: {}", response.text().await?);
    }
    Ok(response)
}

/// Ids of a new approved programme and of a delegation opened for it.
async fn approved_delegation(
    client: &reqwest::Client,
    base: &str,
    host: Uuid,
    store: &EventStore,
    members: usize,
) -> Result<String> {
    let created: Value = checked(
        client
            .post(format!("{base}/api/programmes"))
            .json(&plan(members, host))
            .send()
            .await?,
    )
    .await?
    .json()
    .await?;
    let programme: Uuid = created["id"].as_str().context("no id")?.parse()?;
    let round_id = Uuid::now_v7();
    let meta = CommandMeta {
        now: chrono::Utc::now(),
        actor: "caunoi-bench".into(),
        correlation_id: Uuid::now_v7().to_string(),
        causation_id: None,
    };
    for command in [
        ProgrammeCommand::Submit,
        ProgrammeCommand::StartReview { round_id },
        ProgrammeCommand::RecordReview {
            round_id,
            verdict: Verdict::Approved,
        },
    ] {
        store
            .execute::<Programme>(programme, None, &command, &meta)
            .await?;
    }
    let opened: Value = checked(
        client
            .post(format!("{base}/api/programmes/{programme}/delegations"))
            .json(&json!({"name": "Đoàn đại biểu Hội Hữu nghị tỉnh Lạng Sơn", "direction": "outgoing"}))
            .send()
            .await?,
    )
    .await?
    .json()
    .await?;
    Ok(opened["id"]
        .as_str()
        .context("no delegation id")?
        .to_string())
}

pub async fn run(
    base: &str,
    access: &Access,
    store: &EventStore,
    members: usize,
    singles: usize,
) -> Result<RosterFigures> {
    let client = access.client()?;
    let delegation =
        approved_delegation(&client, base, access.organisation, store, members).await?;
    let csv = roster_csv(members);
    let started = Instant::now();
    checked(
        client
            .post(format!(
                "{base}/api/delegations/{delegation}/members/import"
            ))
            .header("content-type", "text/csv")
            .body(csv)
            .send()
            .await?,
    )
    .await?;
    let import = started.elapsed();

    let started = Instant::now();
    let roster: Value = checked(
        client
            .get(format!("{base}/api/delegations/{delegation}"))
            .send()
            .await?,
    )
    .await?
    .json()
    .await?;
    let roster_time = started.elapsed();
    let opened = roster["members"].as_array().map_or(0, Vec::len);
    if opened != members {
        bail!("the roster shows {opened} members instead of {members}");
    }
    let mut exports = Vec::new();
    for export in [
        "roster.csv",
        "roster.xlsx",
        "itinerary.ics",
        "itinerary.html",
    ] {
        let started = Instant::now();
        let bytes = checked(
            client
                .get(format!("{base}/api/delegations/{delegation}/{export}"))
                .send()
                .await?,
        )
        .await?
        .bytes()
        .await?;
        exports.push((export, started.elapsed(), bytes.len()));
    }

    let one_by_one =
        approved_delegation(&client, base, access.organisation, store, singles).await?;
    let mut latencies = Histogram::<u64>::new(3)?;
    let started = Instant::now();
    for n in 0..singles {
        let sent = Instant::now();
        checked(
            client
                .post(format!("{base}/api/delegations/{one_by_one}/members"))
                .json(&member(n))
                .send()
                .await?,
        )
        .await?;
        latencies.record(sent.elapsed().as_micros() as u64)?;
    }
    Ok(RosterFigures {
        members,
        import,
        singles,
        singles_total: started.elapsed(),
        single_p50: Duration::from_micros(latencies.value_at_quantile(0.5)),
        single_p99: Duration::from_micros(latencies.value_at_quantile(0.99)),
        roster: roster_time,
        exports,
    })
}
