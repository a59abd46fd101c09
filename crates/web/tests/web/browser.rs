//! A real headless Chromium driven over WebDriver (`chromedriver`), started on a free
//! port for one test and stopped when it is dropped.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

/// Phone and desktop, as CSS pixels of the viewport.
pub const PHONE: (u32, u32) = (390, 844);
pub const DESKTOP: (u32, u32) = (1280, 900);

/// The most a main page may weigh: its HTML and everything it loads.
pub const PAGE_BUDGET: u64 = 100 * 1024;

pub struct Browser {
    pub client: Client,
    driver: Child,
    port: u16,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Killing chromedriver would leave its Chromium running: asking it to shut down
        // closes the browser too.
        if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let _ = stream.write_all(
                b"GET /shutdown HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
            );
            let _ = stream.read_to_end(&mut Vec::new());
        }
        for _ in 0..50 {
            if matches!(self.driver.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn missing(what: &str) -> ! {
    panic!(
        "the browser tests need {what}: install the Debian packages `chromium` and \
         `chromium-driver` (deploy/local/install-deps does)"
    )
}

fn on_path(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|candidate| candidate.is_file())
    })
}

impl Browser {
    /// Starts chromedriver and a headless Chromium; fails the test, saying what to
    /// install, when either is missing.
    pub async fn start() -> Browser {
        let chromium = on_path("chromium").unwrap_or_else(|| missing("`chromium`"));
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|_| missing("`chromedriver`"));
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium,
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--hide-scrollbars",
                    "--lang=vi-VN",
                ],
                // Vietnamese first, as the pages' users have it.
                "prefs": { "intl.accept_languages": "vi-VN,vi" },
            }),
        );
        let mut browser = Browser {
            client: connect(port, capabilities).await,
            driver,
            port,
        };
        browser.size(DESKTOP).await;
        browser
    }

    /// Makes the viewport (not the window) `width` × `height` CSS pixels.
    pub async fn size(&mut self, (width, height): (u32, u32)) {
        let client = &self.client;
        client.set_window_size(width, height).await.unwrap();
        let inner = client
            .execute("return [window.innerWidth, window.innerHeight];", vec![])
            .await
            .unwrap();
        let (inner_w, inner_h) = (inner[0].as_u64().unwrap(), inner[1].as_u64().unwrap());
        let (dw, dh) = (u64::from(width) - inner_w, u64::from(height) - inner_h);
        if dw > 0 || dh > 0 {
            client
                .set_window_size(width + dw as u32, height + dh as u32)
                .await
                .unwrap();
        }
    }

    pub async fn open(&self, url: &str) {
        self.client.goto(url).await.unwrap();
    }

    pub async fn find(&self, css: &str) -> Element {
        let found = self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await;
        match found {
            Ok(element) => element,
            Err(e) => panic!("no {css} on {}: {e}", self.url().await),
        }
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap()
    }

    pub async fn url(&self) -> String {
        self.client.current_url().await.unwrap().to_string()
    }

    /// Types into a field, replacing what was there. Dates and times are set directly, as
    /// typing into those fields depends on the browser's locale.
    pub async fn fill(&self, name: &str, value: &str) {
        self.fill_at(&format!("[name=\"{name}\"]"), value).await;
    }

    /// Types into the field `css` finds, for a page with several forms of one shape.
    pub async fn fill_at(&self, css: &str, value: &str) {
        let field = self.find(css).await;
        let kind = field.attr("type").await.unwrap().unwrap_or_default();
        if kind == "date" || kind == "time" {
            let element = serde_json::to_value(&field).unwrap();
            self.client
                .execute(
                    "arguments[0].value = arguments[1];",
                    vec![element, json!(value)],
                )
                .await
                .unwrap();
        } else {
            field.clear().await.unwrap();
            field.send_keys(value).await.unwrap();
        }
    }

    pub async fn choose(&self, name: &str, value: &str) {
        self.choose_at(&format!("select[name=\"{name}\"]"), value)
            .await;
    }

    /// Picks `value` in the list `css` finds.
    pub async fn choose_at(&self, css: &str, value: &str) {
        self.find(css).await.select_by_value(value).await.unwrap();
    }

    /// Unfolds every folded part of the page (`<details>`), as a person opens the one
    /// they need; a folded field cannot be typed into.
    pub async fn unfold(&self) {
        self.client
            .execute(
                "document.querySelectorAll('details').forEach(d => d.open = true);",
                vec![],
            )
            .await
            .unwrap();
    }

    /// Clicks what `css` finds, on the same page (a checkbox, a choice).
    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap();
    }

    /// Presses a button and waits for the next page.
    pub async fn press(&self, css: &str) {
        let before = self.find("html").await;
        self.find(css).await.click().await.unwrap();
        for _ in 0..100 {
            if before.tag_name().await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("pressing {css} on {} led nowhere", self.url().await);
    }

    /// Reloads the page until `css` shows, for what other services change meanwhile.
    pub async fn reload_until(&self, css: &str) -> Element {
        for _ in 0..100 {
            if let Ok(found) = self.client.find(Locator::Css(css)).await {
                return found;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            self.client.refresh().await.unwrap();
        }
        panic!("{css} never showed on {}", self.url().await);
    }

    /// Saves the whole current page at phone and desktop widths, and checks on the phone that
    /// nothing is wider than the screen.
    pub async fn screenshots(&mut self, name: &str) {
        let dir = screenshot_dir();
        for (label, size) in [("phone", PHONE), ("desktop", DESKTOP)] {
            self.size(size).await;
            // The whole page, not just what fits on the screen.
            let tall = self
                .client
                .execute("return document.documentElement.scrollHeight;", vec![])
                .await
                .unwrap()
                .as_u64()
                .unwrap() as u32;
            self.size((size.0, tall.clamp(size.1, 8000))).await;
            let png = self.client.screenshot().await.unwrap();
            std::fs::write(dir.join(format!("{name}-{label}.png")), png).unwrap();
            self.size(size).await;
            let wide = self
                .client
                .execute(
                    "return document.documentElement.scrollWidth - window.innerWidth;",
                    vec![],
                )
                .await
                .unwrap();
            assert!(
                wide.as_i64().unwrap() <= 0,
                "{name} scrolls sideways by {wide}px at {label} width"
            );
            // The menu is one row, so the heading is not pushed down a phone's screen.
            let menu = self
                .client
                .execute(
                    "const nav = document.querySelector('nav.nav');
                     return nav ? Math.round(nav.getBoundingClientRect().height) : 0;",
                    vec![],
                )
                .await
                .unwrap();
            assert!(
                menu.as_i64().unwrap() <= 56,
                "{name}'s menu is {menu}px tall at {label} width: more than one row"
            );
        }
        self.size(DESKTOP).await;
    }

    /// Text drawn with less than WCAG AA contrast (4.5:1) against the background it
    /// sits on, as the browser computed both.
    pub async fn low_contrast(&self) -> Vec<String> {
        let found = self.client.execute(LOW_CONTRAST, vec![]).await.unwrap();
        serde_json::from_value(found).unwrap()
    }

    /// What the page weighs: its HTML and everything it loaded, decoded.
    pub async fn weight(&self) -> u64 {
        self.client
            .execute(
                "return performance.getEntriesByType('navigation')
                    .concat(performance.getEntriesByType('resource'))
                    .reduce((sum, e) => sum + e.decodedBodySize, 0);",
                vec![],
            )
            .await
            .unwrap()
            .as_u64()
            .unwrap()
    }
}

const LOW_CONTRAST: &str = r#"
const lum = (colour) => {
    const [r, g, b] = colour.match(/[\d.]+/g).slice(0, 3).map((v) => {
        v = Number(v) / 255;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const background = (el) => {
    for (; el; el = el.parentElement) {
        const c = getComputedStyle(el).backgroundColor;
        const parts = c.match(/[\d.]+/g);
        if (parts && (parts.length < 4 || Number(parts[3]) > 0)) return c;
    }
    return 'rgb(255, 255, 255)';
};
const low = [];
for (const el of document.querySelectorAll('body *')) {
    const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const style = getComputedStyle(el);
    if (!text || style.display === 'none' || style.visibility === 'hidden') continue;
    const [a, b] = [lum(style.color), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) {
        low.push(`${el.tagName}.${el.className}: ${style.color} on ${background(el)} = ${ratio.toFixed(2)}`);
    }
}
return low;
"#;

async fn connect(port: u16, capabilities: serde_json::Map<String, serde_json::Value>) -> Client {
    let url = format!("http://127.0.0.1:{port}");
    let mut last = None;
    for _ in 0..100 {
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&url)
            .await
        {
            Ok(client) => return client,
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start a headless Chromium: {last:?}");
}

/// `test-artifacts/screenshots/` at the workspace's root.
pub fn screenshot_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test-artifacts/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
