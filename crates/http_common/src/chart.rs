//! A bar chart as SVG, drawn on the server so that pages need no script and print well.

use askama::Template;

pub struct Bar {
    pub label: String,
    pub value: i64,
}

struct DrawnBar {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
    centre: f64,
    /// Cut short to fit under the bar; the whole label shows on hover.
    label: String,
    full_label: String,
    value: String,
}

struct Tick {
    y: f64,
    value: String,
}

#[derive(Template)]
#[template(path = "chart.svg", escape = "html")]
struct Chart {
    title: String,
    width: f64,
    height: f64,
    left: f64,
    right: f64,
    baseline: f64,
    bars: Vec<DrawnBar>,
    ticks: Vec<Tick>,
}

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 360.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 48.0;
const BOTTOM: f64 = 56.0;

/// A step of 1, 2 or 5 times a power of ten that splits `max` into about five parts.
fn nice_step(max: i64) -> i64 {
    let rough = (max.max(1) as f64 / 5.0).max(1.0);
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power);
    step as i64
}

/// Numbers as Vietnamese write them: 1.000 for a thousand.
pub fn vi_number(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    if n < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

fn short(label: &str) -> String {
    const MAX: usize = 16;
    if label.chars().count() <= MAX {
        label.to_string()
    } else {
        let cut: String = label.chars().take(MAX - 1).collect();
        format!("{cut}…")
    }
}

pub fn bar_chart(title: &str, bars: &[Bar]) -> String {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let step = nice_step(max);
    let top_value = ((max + step - 1) / step) * step;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let plot_width = WIDTH - LEFT - RIGHT;
    let slot = plot_width / bars.len().max(1) as f64;
    let scale = plot_height / top_value as f64;
    let baseline = HEIGHT - BOTTOM;
    let drawn = bars
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let height = bar.value.max(0) as f64 * scale;
            let width = slot * 0.7;
            let x = LEFT + slot * i as f64 + (slot - width) / 2.0;
            DrawnBar {
                x,
                y: baseline - height,
                width,
                height,
                centre: x + width / 2.0,
                label: short(&bar.label),
                full_label: bar.label.clone(),
                value: vi_number(bar.value),
            }
        })
        .collect();
    let ticks = (0..=top_value / step)
        .map(|k| Tick {
            y: baseline - (k * step) as f64 * scale,
            value: vi_number(k * step),
        })
        .collect();
    Chart {
        title: title.to_string(),
        width: WIDTH,
        height: HEIGHT,
        left: LEFT,
        right: WIDTH - RIGHT,
        baseline,
        bars: drawn,
        ticks,
    }
    .render()
    .expect("the chart template renders plain values")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_and_numbers_read_well() {
        assert_eq!(nice_step(1000), 200);
        assert_eq!(nice_step(7), 2);
        assert_eq!(nice_step(0), 1);
        assert_eq!(vi_number(987_654), "987.654");
        assert_eq!(vi_number(1000), "1.000");
        assert_eq!(vi_number(12), "12");
    }

    #[test]
    fn every_bar_is_drawn_with_its_value_and_labels_are_escaped() {
        let svg = bar_chart(
            "Số lượt đại biểu <theo năm>",
            &[
                Bar {
                    label: "2017".into(),
                    value: 160,
                },
                Bar {
                    label: "2018".into(),
                    value: 0,
                },
            ],
        );
        assert!(svg.starts_with("<svg"));
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 2);
        assert!(svg.contains("&#60;theo năm&#62;") || svg.contains("&lt;theo năm&gt;"));
        assert!(svg.contains(">160<"));
    }
}
