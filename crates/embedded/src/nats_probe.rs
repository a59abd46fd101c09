//! Readiness check for nats-server: a TCP connect alone succeeds before
//! JetStream is usable, and the log line "Server is ready" would need log
//! parsing, so this speaks just enough of the NATS text protocol to ask the
//! JetStream API for account info and checks for a non-error answer.

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::OwnedReadHalf;

type Reader = BufReader<OwnedReadHalf>;

const REPLY_SUBJECT: &str = "_INBOX.caunoi_embedded_ready";

pub(crate) async fn jetstream_answers(port: u16) -> Result<(), String> {
    let stream = TcpStream::connect(("127.0.0.1", port))
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);

    let info = read_line(&mut reader).await?;
    if !info.starts_with("INFO ") {
        return Err(format!("unexpected greeting {info:?}"));
    }
    let request = format!(
        "CONNECT {{\"verbose\":false,\"pedantic\":false,\"headers\":false,\"protocol\":1}}\r\n\
         SUB {REPLY_SUBJECT} 1\r\n\
         PUB $JS.API.INFO {REPLY_SUBJECT} 0\r\n\r\n"
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
            let payload = read_payload(&mut reader, header).await?;
            return check_account_info(&payload);
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

fn check_account_info(payload: &str) -> Result<(), String> {
    let is_account_info = payload.contains("io.nats.jetstream.api.v1.account_info_response");
    if is_account_info && !payload.contains("\"error\"") {
        Ok(())
    } else {
        Err(format!("JetStream not ready: {payload}"))
    }
}

#[cfg(test)]
mod tests {
    use super::check_account_info;

    #[test]
    fn account_info_without_error_means_ready() {
        let ok =
            r#"{"type":"io.nats.jetstream.api.v1.account_info_response","memory":0,"streams":0}"#;
        assert!(check_account_info(ok).is_ok());
    }

    #[test]
    fn jetstream_error_means_not_ready() {
        let error = r#"{"type":"io.nats.jetstream.api.v1.account_info_response","error":{"code":503,"description":"jetstream not enabled for account"}}"#;
        assert!(check_account_info(error).is_err());
    }
}
