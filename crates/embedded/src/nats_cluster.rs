//! Three (or more) nats-servers with JetStream, routed to each other on 127.0.0.1: what a
//! production cluster looks like, small enough for tests and benchmarks, with a way to
//! crash one server and bring it back on its own data.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::nats::ClusterMembership;
use crate::{EmbeddedError, NatsOptions, NatsProcess, ports};

/// Servers of a cluster wait for each other and elect a JetStream leader before they
/// answer; a restarted one also catches up first.
const READY_TIMEOUT: Duration = Duration::from_secs(60);
const CLUSTER_NAME: &str = "caunoi";

/// One server of the cluster: its ports and folder stay the same across restarts.
#[derive(Debug)]
struct Node {
    options: NatsOptions,
    membership: ClusterMembership,
    process: Option<NatsProcess>,
}

/// A JetStream cluster on 127.0.0.1; every server is killed if this is dropped without
/// [`NatsCluster::stop`].
#[derive(Debug)]
pub struct NatsCluster {
    nodes: Vec<Node>,
}

impl NatsCluster {
    /// Starts `size` servers, each with its store in `dir/<server name>` and its log in
    /// `dir/<server name>.log`, and returns once every one's JetStream API answers and a stream
    /// kept on all of them can be placed.
    pub async fn start(dir: &Path, size: usize) -> Result<Self, EmbeddedError> {
        let mut ports = Vec::with_capacity(size);
        for _ in 0..size {
            ports.push((ports::free_port()?, ports::free_port()?));
        }
        let nodes = (0..size)
            .map(|i| {
                let server_name = format!("{CLUSTER_NAME}-{}", i + 1);
                Node {
                    options: NatsOptions {
                        store_dir: dir.join(&server_name),
                        port: ports[i].0,
                        log_file: dir.join(format!("{server_name}.log")),
                        password: None,
                        // Three replicas keep an acknowledged event; fsync on every
                        // write would only slow the cluster.
                        durable: false,
                    },
                    membership: ClusterMembership {
                        server_name,
                        cluster_name: CLUSTER_NAME.to_owned(),
                        cluster_port: ports[i].1,
                        routes: (0..size).filter(|&j| j != i).map(|j| ports[j].1).collect(),
                    },
                    process: None,
                }
            })
            .collect();
        let mut cluster = Self { nodes };
        for node in &mut cluster.nodes {
            node.process = Some(NatsProcess::spawn(&node.options, Some(&node.membership))?);
        }
        // All are started already, so waiting for one after another costs no more than
        // waiting for them together.
        for node in &mut cluster.nodes {
            if let Some(process) = node.process.as_mut() {
                process.wait_ready(READY_TIMEOUT).await?;
            }
        }
        if let Some(process) = cluster.nodes[0].process.as_mut() {
            process.wait_placement(size, READY_TIMEOUT).await?;
        }
        Ok(cluster)
    }

    /// Every server's client URL, for a NATS client that moves to another server when
    /// one fails.
    pub fn urls(&self) -> Vec<String> {
        (0..self.nodes.len()).map(|i| self.node_url(i)).collect()
    }

    /// The client URLs comma-separated, as `NATS_URL` takes them.
    pub fn url(&self) -> String {
        self.urls().join(",")
    }

    /// The client URL of server `index` (from 0).
    pub fn node_url(&self, index: usize) -> String {
        format!("nats://127.0.0.1:{}", self.nodes[index].options.port)
    }

    /// The `server_name` of server `index`, as JetStream names stream leaders.
    pub fn server_name(&self, index: usize) -> &str {
        &self.nodes[index].membership.server_name
    }

    /// The index of the server called `name`.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.nodes
            .iter()
            .position(|node| node.membership.server_name == name)
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The store folder of server `index`, where its pid file is too.
    pub fn store_dir(&self, index: usize) -> &Path {
        &self.nodes[index].options.store_dir
    }

    /// Store folders of every server, for a supervisor that must find their pid files.
    pub fn store_dirs(&self) -> Vec<PathBuf> {
        self.nodes
            .iter()
            .map(|node| node.options.store_dir.clone())
            .collect()
    }

    /// Crashes server `index` with SIGKILL; its data stays for [`NatsCluster::restart`].
    pub async fn kill(&mut self, index: usize) -> Result<(), EmbeddedError> {
        let node = &mut self.nodes[index];
        if let Some(process) = node.process.take() {
            process.kill().await?;
            // A crash leaves the pid file behind, naming a pid the system may reuse.
            let pid_file = crate::nats_pid_file(&node.options.store_dir);
            std::fs::remove_file(&pid_file).map_err(EmbeddedError::path(pid_file))?;
        }
        Ok(())
    }

    /// Starts server `index` again on its ports and data, and waits until it answers.
    pub async fn restart(&mut self, index: usize) -> Result<(), EmbeddedError> {
        self.kill(index).await?;
        let node = &mut self.nodes[index];
        let mut process = NatsProcess::spawn(&node.options, Some(&node.membership))?;
        process.wait_ready(READY_TIMEOUT).await?;
        node.process = Some(process);
        Ok(())
    }

    /// Stops every server with SIGTERM.
    pub async fn stop(mut self) -> Result<(), EmbeddedError> {
        for node in &mut self.nodes {
            if let Some(process) = node.process.take() {
                process.stop().await?;
            }
        }
        Ok(())
    }
}
