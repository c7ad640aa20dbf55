//! The npm package: the tarball `cargo xtask package` packed (in
//! `target/package/`), installed with npm into a temporary folder the way a
//! partner site installs it, its installed files served, and the widget
//! rendered from them.

use crate::{items, page, str_of, widget, FIRST_MIDDLE_EAST};
use harness::Harness;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the page finds the installed package.
const SERVED: &str = "/partner/node_modules/news-headlines";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The tarball `cargo xtask package` left in `target/package/`.
fn tarball() -> PathBuf {
    let dir = root().join("target/package");
    let found: Vec<PathBuf> = fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "tgz"))
        .collect();
    match found.as_slice() {
        [one] => one.clone(),
        _ => panic!(
            "{} should hold one tarball, not {found:?}: run `cargo xtask package` (`cargo xtask test` packs it \
             before the end-to-end tests)",
            dir.display()
        ),
    }
}

/// A partner project in a temporary folder, removed when dropped.
struct Project(PathBuf);

impl Drop for Project {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// `npm install`s the tarball into a new project, offline (a local tarball
/// without dependencies needs no registry) and without running scripts.
fn install(tarball: &Path) -> Project {
    let project = Project(std::env::temp_dir().join(format!("news-headlines-partner-{}", std::process::id())));
    let _ = fs::remove_dir_all(&project.0);
    fs::create_dir_all(&project.0).expect("the project folder");
    fs::write(project.0.join("package.json"), r#"{ "name": "partner-site", "private": true }"#).expect("package.json");
    let output = Command::new("npm")
        .args(["install", "--offline", "--ignore-scripts", "--no-audit", "--no-fund", "--no-package-lock"])
        .arg(tarball)
        .current_dir(&project.0)
        .output()
        .expect("npm runs");
    assert!(output.status.success(), "npm install {}: {}", tarball.display(), String::from_utf8_lossy(&output.stderr));
    project
}

/// Every file under `dir`, relative to it.
fn files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut folders = vec![PathBuf::new()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(dir.join(&folder)).expect("a readable folder").flatten() {
            let relative = folder.join(entry.file_name());
            if entry.path().is_dir() {
                folders.push(relative);
            } else {
                found.push(relative.to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    found
}

fn content_type(file: &str) -> &'static str {
    match file.rsplit('.').next() {
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        _ => "text/plain; charset=utf-8",
    }
}

/// The `detail` fields the installed manifest documents for `event`.
fn documented_detail(manifest: &Value, event: &str) -> Vec<String> {
    let events = manifest["modules"][0]["declarations"][0]["events"].as_array().expect("events");
    let event = events.iter().find(|e| e["name"] == event).unwrap_or_else(|| panic!("{event} is documented"));
    let text = event["type"]["text"].as_str().expect("a type");
    let fields = text.trim_start_matches("CustomEvent<{").trim_end_matches("}>");
    let mut names: Vec<String> =
        fields.split(';').filter_map(|f| f.split(':').next()).map(|f| f.trim().to_owned()).collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_packed_tarball_installs_with_npm_and_renders_from_the_installed_files() {
    let project = install(&tarball());
    let installed = project.0.join("node_modules/news-headlines");
    let package: Value = serde_json::from_slice(&fs::read(installed.join("package.json")).expect("package.json"))
        .expect("package.json is JSON");
    let entry = package["exports"]["."]["default"].as_str().expect("an entry").trim_start_matches("./").to_owned();
    assert_eq!(package["unpkg"].as_str(), Some(entry.as_str()), "CDNs serve the entry");

    // The shipped files are dist/'s, byte for byte (the tarball is not stale).
    let generated = ["package.json", "README.md", package["customElements"].as_str().expect("a manifest")];
    let types = package["types"].as_str().expect("types").trim_start_matches("./").to_owned();
    let shipped: Vec<String> =
        files(&installed).into_iter().filter(|f| !generated.contains(&f.as_str()) && *f != types).collect();
    assert!(shipped.iter().any(|f| f.ends_with(".wasm")) && shipped.contains(&entry), "{shipped:?}");
    let dist = root().join("dist");
    let loader_dir = files(&dist)
        .into_iter()
        .filter(|f| Path::new(f).file_name().is_some_and(|n| n == entry.as_str()))
        .filter(|f| fs::read(dist.join(f)).ok() == fs::read(installed.join(&entry)).ok())
        .map(|f| dist.join(f).parent().map(Path::to_path_buf).unwrap_or_default())
        .next()
        .expect("dist/ has the packed loader: run `cargo xtask package` again");
    for file in &shipped {
        assert_eq!(fs::read(loader_dir.join(file)).ok(), fs::read(installed.join(file)).ok(), "{file} as in dist/");
    }

    let h = Harness::start().await;
    for file in files(&installed) {
        let body = fs::read(installed.join(&file)).expect("an installed file");
        h.newsroom.add_asset(&format!("{SERVED}/{file}"), content_type(&file), body);
    }
    let head = format!(
        "<script>window.updates = []; document.addEventListener('news-headlines:update', (e) => updates.push(e.detail));\
         </script><script src=\"{SERVED}/{entry}\" async></script>"
    );
    let body = format!(
        "{}{}{}",
        widget(r#"src="/feeds/latest-middle-east.json" limit="4" refresh="0""#),
        widget(r#"src="/feeds/around-arab-news.json" heading="Around Arab News" limit="3""#),
        widget(r#"src="/feeds/around-arab-news.json" heading="Autour d'Arab News" limit="1" lang="fr""#),
    );
    h.open_page("/partner/index.html", &page(&head, &body)).await;
    let widgets = h.settled(3).await;
    let states = widgets.iter().map(|w| str_of(w, "state")).collect::<Vec<_>>();
    assert_eq!(states, ["ready", "ready", "ready"], "{widgets:#?}");
    assert_eq!(items(&widgets[0]).len(), 4);
    assert_eq!(str_of(&items(&widgets[0])[0], "title"), FIRST_MIDDLE_EAST);
    assert_eq!((str_of(&widgets[1], "heading"), items(&widgets[1]).len()), ("Around Arab News", 3));

    // Every file came from the package; of the phrase tables, only what the French widget needs.
    for file in &shipped {
        let needed = !file.starts_with("i18n/") || ["i18n/index.json", "i18n/fr.json"].contains(&file.as_str());
        let expected: &[u16] = if needed { &[200] } else { &[] };
        assert_eq!(h.answers(&format!("{SERVED}/{file}")), expected, "{file} from the installed package, if needed");
    }
    assert!(h.answers(&format!("/{entry}")).is_empty(), "nothing came from dist/");

    // The updates carry the detail the package's manifest documents, and refresh() fetches.
    let manifest: Value = serde_json::from_slice(&fs::read(installed.join(generated[2])).expect("the manifest"))
        .expect("the manifest is JSON");
    let updates = h.js("return window.updates;", vec![]).await;
    let first = updates[0].as_object().unwrap_or_else(|| panic!("an update event: {updates}"));
    let mut fields: Vec<String> = first.keys().cloned().collect();
    fields.sort();
    assert_eq!(fields, documented_detail(&manifest, "news-headlines:update"));
    let feed = "/feeds/latest-middle-east.json";
    let before = h.newsroom.requests(feed);
    h.js("document.querySelector('news-headlines').refresh();", vec![]).await;
    let started = std::time::Instant::now();
    while h.newsroom.requests(feed) == before {
        assert!(started.elapsed().as_secs() < 10, "refresh() fetched the feed");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    h.stop().await;
    drop(project);
}
