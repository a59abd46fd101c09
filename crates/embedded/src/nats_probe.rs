//! Readiness check for nats-server: a TCP connect alone succeeds before
//! JetStream is usable, and the log line "Server is ready" would need log
//! parsing, so this speaks just enough of the NATS text protocol to ask the
//! JetStream API for account info and checks for a non-error answer.

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::OwnedReadHalf;

type Reader = BufReader<OwnedReadHalf>;

const REPLY_SUBJECT: &str = "_INBOX.caunoi_embedded_ready";

pub(crate) async fn jetstream_answers(port: u16, password: Option<&str>) -> Result<(), String> {
    let answer = request(port, password, "$JS.API.INFO", "").await?;
    check_answer(&answer, "io.nats.jetstream.api.v1.account_info_response")
}

const PLACEMENT_PROBE: &str = "CAUNOI_PLACEMENT_PROBE";

/// Servers of a new cluster answer before the JetStream meta group knows all of them; until
/// it does, a stream kept on every server is refused with "no suitable peers for
/// placement". Creating (and deleting) a small in-memory one is the check that matters.
pub(crate) async fn places_replicated_stream(port: u16, replicas: usize) -> Result<(), String> {
    let config = format!(
        "{{\"name\":\"{PLACEMENT_PROBE}\",\"subjects\":[\"caunoi_placement_probe\"],\
         \"storage\":\"memory\",\"num_replicas\":{replicas}}}"
    );
    let created = request(
        port,
        None,
        &format!("$JS.API.STREAM.CREATE.{PLACEMENT_PROBE}"),
        &config,
    )
    .await?;
    check_answer(&created, "io.nats.jetstream.api.v1.stream_create_response")?;
    let deleted = request(
        port,
        None,
        &format!("$JS.API.STREAM.DELETE.{PLACEMENT_PROBE}"),
        "",
    )
    .await?;
    check_answer(&deleted, "io.nats.jetstream.api.v1.stream_delete_response")
}

/// One request over a fresh connection: the answer's payload.
async fn request(
    port: u16,
    password: Option<&str>,
    subject: &str,
    payload: &str,
) -> Result<String, String> {
    let stream = TcpStream::connect(("127.0.0.1", port))
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);

    let info = read_line(&mut reader).await?;
    if !info.starts_with("INFO ") {
        return Err(format!("unexpected greeting {info:?}"));
    }
    // The password is letters and digits only (see `password::validate`), so it needs
    // no escaping in JSON.
    let credentials = password
        .map(|password| format!(",\"user\":\"{}\",\"pass\":\"{password}\"", crate::NATS_USER))
        .unwrap_or_default();
    let request = format!(
        "CONNECT {{\"verbose\":false,\"pedantic\":false,\"headers\":false,\"protocol\":1{credentials}}}\r\n\
         SUB {REPLY_SUBJECT} 1\r\n\
         PUB {subject} {REPLY_SUBJECT} {}\r\n{payload}\r\n",
        payload.len()
    );
    write
        .write_all(request.as_bytes())
        .await
        .map_err(|e| format!("send: {e}"))?;

    loop {
        let line = read_line(&mut reader).await?;
        if line == "PING" {
            write
                .write_all(b"PONG\r\n")
                .await
                .map_err(|e| format!("send: {e}"))?;
        } else if line.starts_with("-ERR") {
            return Err(line);
        } else if let Some(header) = line.strip_prefix("MSG ") {
            return read_payload(&mut reader, header).await;
        }
    }
}

async fn read_line(reader: &mut Reader) -> Result<String, String> {
    let mut line = String::new();
    match reader.read_line(&mut line).await {
        Ok(0) => Err("connection closed".to_owned()),
        Ok(_) => Ok(line.trim_end().to_owned()),
        Err(e) => Err(format!("read: {e}")),
    }
}

/// `header` is `<subject> <sid> [reply-to] <#bytes>`; the payload is followed
/// by CRLF.
async fn read_payload(reader: &mut Reader, header: &str) -> Result<String, String> {
    let size: usize = header
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("malformed MSG line {header:?}"))?;
    let mut payload = vec![0; size + 2];
    reader
        .read_exact(&mut payload)
        .await
        .map_err(|e| format!("read: {e}"))?;
    payload.truncate(size);
    Ok(String::from_utf8_lossy(&payload).into_owned())
}

/// A JetStream API answer of the `expected` type that carries no error.
fn check_answer(payload: &str, expected: &str) -> Result<(), String> {
    if payload.contains(expected) && !payload.contains("\"error\"") {
        Ok(())
    } else {
        Err(format!("JetStream not ready: {payload}"))
    }
}

#[cfg(test)]
mod tests {
    use super::check_answer;

    const ACCOUNT_INFO: &str = "io.nats.jetstream.api.v1.account_info_response";

    #[test]
    fn account_info_without_error_means_ready() {
        let ok =
            r#"{"type":"io.nats.jetstream.api.v1.account_info_response","memory":0,"streams":0}"#;
        assert!(check_answer(ok, ACCOUNT_INFO).is_ok());
    }

    #[test]
    fn jetstream_error_means_not_ready() {
        let error = r#"{"type":"io.nats.jetstream.api.v1.account_info_response","error":{"code":503,"description":"jetstream not enabled for account"}}"#;
        assert!(check_answer(error, ACCOUNT_INFO).is_err());
    }

    #[test]
    fn a_cluster_that_cannot_place_replicas_is_not_ready() {
        let refused = r#"{"type":"io.nats.jetstream.api.v1.stream_create_response","error":{"code":400,"err_code":10005,"description":"no suitable peers for placement"}}"#;
        assert!(check_answer(refused, "io.nats.jetstream.api.v1.stream_create_response").is_err());
    }
}
