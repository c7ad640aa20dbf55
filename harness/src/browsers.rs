//! Where each browser engine and its WebDriver live on Debian, and which
//! packages bring them: the one place the end-to-end tests, the bench and
//! `xtask` (which installs them) read these from. Never a test tool's own
//! browser download.

/// The environment variable that picks the engine of an end-to-end run.
pub const ENGINE_VARIABLE: &str = "NEWS_HEADLINES_ENGINE";

/// A browser engine the end-to-end suite runs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Debian's Chromium, driven by chromedriver.
    Chromium,
}

impl Engine {
    /// Every engine, in the order the suite runs them.
    pub const ALL: [Engine; 1] = [Engine::Chromium];

    /// The engine's name, as `NEWS_HEADLINES_ENGINE` and the screenshots spell it.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
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
    pub fn browser(self) -> &'static str {
        match self {
            Engine::Chromium => "/usr/bin/chromium",
        }
    }

    /// The WebDriver server.
    pub fn driver(self) -> &'static str {
        match self {
            Engine::Chromium => "/usr/bin/chromedriver",
        }
    }

    /// The Debian packages that bring the browser and its driver.
    pub fn debian_packages(self) -> &'static [&'static str] {
        match self {
            Engine::Chromium => &["chromium", "chromium-driver"],
        }
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
