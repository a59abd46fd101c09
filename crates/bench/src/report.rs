use std::time::Instant;

pub fn rate(count: usize, started: Instant) -> f64 {
    count as f64 / started.elapsed().as_secs_f64()
}

/// One line of the final report: a figure, what it is compared with, and the target.
pub struct Line {
    pub name: String,
    pub value: String,
    pub against: String,
    pub target: String,
    pub met: Option<bool>,
}

pub fn print(lines: &[Line]) {
    println!();
    println!(
        "{:<44} {:>16}  {:<34} {:<20} result",
        "figure", "value", "compared with", "target"
    );
    for line in lines {
        let result = match line.met {
            Some(true) => "met",
            Some(false) => "MISSED",
            None => "",
        };
        println!(
            "{:<44} {:>16}  {:<34} {:<20} {result}",
            line.name, line.value, line.against, line.target
        );
    }
}
