# Recipes for working on Cầu Nối. `just --list` shows them all.

# Run every service in one process (embedded NATS and PostgreSQL unless configured).
up *args:
    deploy/local/up {{args}}

# Run every test against real NATS and PostgreSQL.
test *args:
    deploy/local/test {{args}}

# Formatting and lints, as CI checks them.
lint:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets --locked -- -D warnings

# Format the code.
fmt:
    cargo fmt --all

# Benchmarks on real servers started for the run (the current nats-server release, which can
# sync every write); prints each figure against its target and the peer's.
bench *args:
    deploy/local/install-deps
    cargo build --release --locked --bin caunoi --bin caunoi-bench
    PATH="$(deploy/local/current-nats):$PATH" target/release/caunoi-bench {{args}}

# Replay every event into fresh read models.
rebuild:
    cargo run --release --locked --bin caunoi -- rebuild
