//! Where each browser engine and its WebDriver live on Debian, and what
//! brings them (Debian packages, a driver built by `cargo install`, a virtual
//! display): the one place the end-to-end tests, the bench and `xtask`
//! (which installs them) read these from. Never a test tool's own browser
//! download.

use std::path::{Path, PathBuf};

/// The environment variable that picks the engine of an end-to-end run.
pub const ENGINE_VARIABLE: &str = "NEWS_HEADLINES_ENGINE";

/// A browser engine the end-to-end suite runs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Debian's Chromium (Blink), driven by chromedriver.
    Chromium,
    /// Debian's Firefox ESR (Gecko), driven by geckodriver from crates.io.
    Firefox,
    /// WebKitGTK's MiniBrowser (WebKit, the engine of Safari), driven by
    /// WebKitWebDriver on a virtual X display.
    WebKit,
}

/// A WebDriver server that `cargo install` builds (Debian has none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CargoDriver {
    /// The crate, which is also the binary's name.
    pub krate: &'static str,
    /// The exact version installed.
    pub version: &'static str,
}

impl Engine {
    /// Every engine, in the order the suite runs them.
    pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::WebKit];

    /// The engine's name, as `NEWS_HEADLINES_ENGINE` and the screenshots spell it.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::WebKit => "webkit",
        }
    }

    /// The engine named `name` (see [`Engine::name`]).
    pub fn from_name(name: &str) -> Option<Engine> {
        Engine::ALL.into_iter().find(|engine| engine.name() == name)
    }

    /// The engine `NEWS_HEADLINES_ENGINE` names; Chromium when it is unset.
    pub fn from_env() -> Result<Engine, String> {
        match std::env::var(ENGINE_VARIABLE) {
            Err(_) => Ok(Engine::Chromium),
            Ok(name) => Engine::from_name(&name).ok_or_else(|| {
                let names: Vec<&str> = Engine::ALL.iter().map(|e| e.name()).collect();
                format!("{ENGINE_VARIABLE}={name}: not one of {names:?}")
            }),
        }
    }

    /// The browser binary.
    pub fn browser(self) -> PathBuf {
        match self {
            Engine::Chromium => PathBuf::from("/usr/bin/chromium"),
            Engine::Firefox => PathBuf::from("/usr/bin/firefox-esr"),
            Engine::WebKit => {
                PathBuf::from(format!("/usr/lib/{}-linux-gnu/webkit2gtk-4.1/MiniBrowser", std::env::consts::ARCH))
            }
        }
    }

    /// The WebDriver server.
    pub fn driver(self) -> PathBuf {
        match self {
            Engine::Chromium => PathBuf::from("/usr/bin/chromedriver"),
            Engine::Firefox => cargo_bin().join(GECKODRIVER.krate),
            Engine::WebKit => PathBuf::from("/usr/bin/WebKitWebDriver"),
        }
    }

    /// The Debian packages that bring the browser (and its driver, when
    /// Debian has it, and the virtual display, when it needs one).
    pub fn debian_packages(self) -> &'static [&'static str] {
        match self {
            Engine::Chromium => &["chromium", "chromium-driver"],
            Engine::Firefox => &["firefox-esr"],
            Engine::WebKit => &["webkit2gtk-driver", "xvfb", "xauth"],
        }
    }

    /// The driver `cargo install` builds, for engines whose driver Debian lacks.
    pub fn cargo_driver(self) -> Option<CargoDriver> {
        match self {
            Engine::Firefox => Some(GECKODRIVER),
            Engine::Chromium | Engine::WebKit => None,
        }
    }

    /// Whether the browser needs an X display: MiniBrowser has no headless
    /// mode, so WebKit's driver runs on its own virtual display ([`XVFB`]).
    pub fn needs_display(self) -> bool {
        self == Engine::WebKit
    }
}

/// What WebKitWebDriver answers once its browser is gone (MiniBrowser quit
/// or lost its automation connection). It has happened in one CI run, in the
/// middle of a test, and not in 15 runs of the same test since:
/// `cargo xtask test` runs a test that failed with only this once more.
pub const WEBKIT_SESSION_LOST: &str = "session deleted because of page crash or hang";

/// Where the harness appends what `engine`'s driver and browser print on
/// stderr, under the workspace's `target/`.
pub fn driver_log(target: &Path, engine: Engine) -> PathBuf {
    target.join("webdriver").join(format!("{}-driver.log", engine.name()))
}

/// The virtual X server (Debian's `xvfb`) the harness starts for engines
/// that need a display.
pub const XVFB: &str = "/usr/bin/Xvfb";

/// What the component tests of those engines run under (Debian's `xvfb`;
/// it needs [`XAUTH`], which `xvfb` only recommends).
pub const XVFB_RUN: &str = "/usr/bin/xvfb-run";

/// Debian's `xauth`, for [`XVFB_RUN`].
pub const XAUTH: &str = "/usr/bin/xauth";

/// geckodriver, Firefox's WebDriver, from crates.io.
const GECKODRIVER: CargoDriver = CargoDriver { krate: "geckodriver", version: "0.37.1" };

/// Where `cargo install` puts binaries: `$CARGO_HOME/bin`, else `~/.cargo/bin`.
pub fn cargo_bin() -> PathBuf {
    match std::env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home).join("bin"),
        None => PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo/bin"),
    }
}

/// Chromium's switches for headless runs on a machine without a network:
/// without the background-networking ones its connections are refused many
/// at a time.
pub const CHROMIUM_ARGS: [&str; 8] = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
];

/// Firefox's switches: headless, in the window size the tests use.
pub const FIREFOX_ARGS: [&str; 3] = ["-headless", "-width=1200", "-height=900"];

/// MiniBrowser's switch that lets WebKitWebDriver drive it.
pub const WEBKIT_ARGS: [&str; 1] = ["--automation"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_engine_is_named_by_what_the_environment_variable_says() {
        for engine in Engine::ALL {
            assert_eq!(Engine::from_name(engine.name()), Some(engine));
        }
        assert_eq!(Engine::from_name("safari"), None);
    }

    #[test]
    fn only_firefox_needs_a_cargo_built_driver_and_only_webkit_a_display() {
        let cargo: Vec<Engine> = Engine::ALL.into_iter().filter(|e| e.cargo_driver().is_some()).collect();
        assert_eq!(cargo, [Engine::Firefox]);
        assert!(Engine::Firefox.driver().starts_with(cargo_bin()));
        let displayed: Vec<Engine> = Engine::ALL.into_iter().filter(|e| e.needs_display()).collect();
        assert_eq!(displayed, [Engine::WebKit]);
        assert!(Engine::WebKit.debian_packages().contains(&"xvfb"));
    }
}
