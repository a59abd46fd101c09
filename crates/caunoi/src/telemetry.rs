use std::io::IsTerminal;

use anyhow::{Context, Result};
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_otlp::{SpanExporter, WithExportConfig};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing::warn;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, Registry};

use crate::settings::{LogFormat, Settings};

/// Logging, and the export of spans to an OpenTelemetry collector when one is set.
/// Keep it until the process ends: `shutdown` sends the spans still buffered.
pub struct Telemetry {
    exporter: Option<SdkTracerProvider>,
}

pub fn init(settings: &Settings) -> Result<Telemetry> {
    // Colours only for a person at a terminal, never in files or log collectors.
    let logs = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    let logs: Box<dyn Layer<Registry> + Send + Sync> = match settings.log_format {
        LogFormat::Json => logs
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .boxed(),
        LogFormat::Text => logs.boxed(),
    };
    let exporter = settings
        .otlp_endpoint
        .as_deref()
        .map(span_exporter)
        .transpose()?;
    let spans = exporter.as_ref().map(|provider| {
        tracing_opentelemetry::layer()
            .with_tracer(provider.tracer("caunoi"))
            .with_filter(filter_of(settings))
    });
    tracing_subscriber::registry()
        .with(logs.with_filter(filter_of(settings)))
        .with(spans)
        .init();
    Ok(Telemetry { exporter })
}

/// The filter is not `Clone`, so each layer gets its own, read from the same setting.
fn filter_of(settings: &Settings) -> EnvFilter {
    EnvFilter::try_new(&settings.log).unwrap_or_else(|_| EnvFilter::new("info"))
}

fn span_exporter(endpoint: &str) -> Result<SdkTracerProvider> {
    let exporter = SpanExporter::builder()
        .with_http()
        .with_endpoint(endpoint)
        .build()
        .with_context(|| format!("otlp_endpoint: cannot export spans to {endpoint}"))?;
    Ok(SdkTracerProvider::builder()
        .with_batch_exporter(exporter)
        .with_resource(Resource::builder().with_service_name("caunoi").build())
        .build())
}

impl Telemetry {
    /// Sends the spans still buffered; a collector that is down costs those spans only.
    pub fn shutdown(self) {
        if let Some(provider) = self.exporter
            && let Err(error) = provider.shutdown()
        {
            warn!(%error, "spans not all exported");
        }
    }
}
