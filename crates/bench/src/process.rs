use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

/// The `caunoi` binary built next to this one (`cargo build --release` builds both).
pub fn caunoi_binary() -> Result<PathBuf> {
    let here = std::env::current_exe()?;
    let binary = here.with_file_name("caunoi");
    if !binary.exists() {
        bail!(
            "{} is missing: build it first with `cargo build --release --bin caunoi`",
            binary.display()
        );
    }
    Ok(binary)
}

pub struct Caunoi {
    child: Child,
}

impl Caunoi {
    pub fn start(args: &[&str], env: &[(&str, String)]) -> Result<Caunoi> {
        let mut command = Command::new(caunoi_binary()?);
        command
            .args(args)
            .env("CAUNOI_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        for (key, value) in env {
            command.env(key, value);
        }
        Ok(Caunoi {
            child: command.spawn().context("starting caunoi")?,
        })
    }

    /// Runs a console command of `caunoi` to its end; returns what it printed on stdout.
    pub fn run(args: &[&str], env: &[(&str, String)]) -> Result<String> {
        let mut command = Command::new(caunoi_binary()?);
        command.args(args).env("CAUNOI_LOG", "warn");
        for (key, value) in env {
            command.env(key, value);
        }
        let output = command.output().context("running caunoi")?;
        if !output.status.success() {
            bail!(
                "caunoi {} exited with {}: {}",
                args.join(" "),
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
        }
        Ok(String::from_utf8(output.stdout)?)
    }

    /// The most memory the process has held so far (VmHWM), in MiB.
    pub fn peak_rss_mib(&self) -> Result<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))?;
        let kib: f64 = status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .context("no VmHWM in /proc status")?;
        Ok(kib / 1024.0)
    }

    pub fn terminate(mut self) -> Result<()> {
        kill(Pid::from_raw(self.child.id() as i32), Signal::SIGTERM)?;
        let status = self.child.wait()?;
        if !status.success() {
            bail!("caunoi exited with {status}");
        }
        Ok(())
    }

    /// Waits for the process to end, sampling its peak memory meanwhile.
    pub fn wait_with_peak_rss(mut self) -> Result<(Duration, f64)> {
        let started = Instant::now();
        let mut peak = 0.0_f64;
        loop {
            if let Ok(rss) = self.peak_rss_mib() {
                peak = peak.max(rss);
            }
            if let Some(status) = self.child.try_wait()? {
                if !status.success() {
                    bail!("caunoi exited with {status}");
                }
                return Ok((started.elapsed(), peak));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Caunoi {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
