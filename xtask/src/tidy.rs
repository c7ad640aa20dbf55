//! Tidy checks of the whole tree, run with xtask's unit tests: no import
//! circle between the modules of any crate (ARCHITECTURE.md, "Invariants").
//!
//! A module's imports are its `use` declarations and the `crate::`,
//! `super::` and `self::` paths in its code (comments left out); an import
//! names the deepest module its path reaches. `mod` declarations and paths
//! through a module's own children are the module tree, not imports.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The source folder of every crate in the workspace.
const CRATES: [&str; 8] = [
    "src",
    "xtask/src",
    "newsroom/src",
    "harness/src",
    "bench/src",
    "bridge/src",
    "configure/src",
    "examples/leptos-app/src",
];

/// A crate's modules (`a::b`, the root as ``) and the modules each imports.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The module a file is, from its path below the crate's source folder.
fn module_of(relative: &Path) -> String {
    let mut parts: Vec<String> = relative.iter().map(|part| part.to_string_lossy().into_owned()).collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs");
        if !matches!(stem, "lib" | "main" | "mod") {
            parts.push(stem.to_owned());
        }
    }
    parts.join("::")
}

/// The paths `source` imports: each `use` tree flattened, and every
/// `crate::`/`super::`/`self::` path elsewhere; comments left out.
fn imported_paths(source: &str) -> BTreeSet<String> {
    let code: String =
        source.lines().map(|line| line.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n");
    let mut paths = Vec::new();
    let mut rest = code.as_str();
    while let Some(start) = rest.find("use ") {
        let before = rest[..start].chars().last();
        rest = &rest[start + 4..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let end = rest.find(';').unwrap_or(rest.len());
        flatten("", &rest[..end], &mut paths);
        rest = &rest[end..];
    }
    for prefix in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(prefix) {
            let start = from + at;
            let before = code[..start].chars().last();
            let path: String =
                code[start..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                paths.push(path.trim_end_matches(':').to_owned());
            }
            from = start + prefix.len();
        }
    }
    paths.into_iter().collect()
}

/// Appends the paths of the use tree `tree` (`a::{b, c::d}`) under `prefix`.
fn flatten(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    match tree.find('{') {
        Some(open) => {
            let head = tree[..open].trim().trim_end_matches("::");
            let inner = tree[open + 1..].trim_end().trim_end_matches('}');
            let prefix = join(prefix, head);
            let mut depth = 0;
            let mut item = String::new();
            for c in inner.chars().chain([',']) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        flatten(&prefix, &item, out);
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
        }
        None => {
            let path = tree.split(" as ").next().unwrap_or_default().trim().trim_end_matches("::*");
            if !path.is_empty() {
                out.push(join(prefix, path).trim_end_matches("::self").to_owned());
            }
        }
    }
}

fn join(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path.is_empty()) {
        (true, _) => path.to_owned(),
        (_, true) => prefix.to_owned(),
        _ => format!("{prefix}::{path}"),
    }
}

/// The deepest of `modules` that `path`, written in `module`, reaches.
fn resolve(module: &str, path: &str, modules: &BTreeSet<String>) -> Option<String> {
    let mut segments: Vec<&str> = if module.is_empty() { vec![] } else { module.split("::").collect() };
    let mut absolute: Vec<&str> = Vec::new();
    let mut rest = path.split("::").peekable();
    match rest.peek().copied() {
        Some("crate") => {
            rest.next();
        }
        Some("super") => {
            while rest.peek() == Some(&"super") {
                rest.next();
                segments.pop();
            }
            absolute = segments;
        }
        Some("self") => {
            rest.next();
            absolute = segments;
        }
        // `use child::…` in a module names its own child; anything else is another crate.
        Some(first) if modules.contains(&join(module, first)) => absolute = segments,
        _ => return None,
    }
    let mut deepest = absolute.join("::");
    for segment in rest {
        absolute.push(segment);
        let candidate = absolute.join("::");
        if modules.contains(&candidate) {
            deepest = candidate;
        } else {
            break;
        }
    }
    Some(deepest)
}

/// The import graph of the crate whose sources are in `dir`.
fn graph(dir: &Path) -> Graph {
    let mut files = Vec::new();
    rust_files(dir, &mut files);
    let sources: Vec<(String, String)> = files
        .iter()
        .map(|file| {
            let relative = file.strip_prefix(dir).unwrap_or(file);
            (module_of(relative), std::fs::read_to_string(file).unwrap_or_default())
        })
        .collect();
    let modules: BTreeSet<String> = sources.iter().map(|(module, _)| module.clone()).collect();
    let mut graph = Graph::new();
    for (module, source) in &sources {
        let imports = graph.entry(module.clone()).or_default();
        for path in imported_paths(source) {
            let Some(target) = resolve(module, &path, &modules) else { continue };
            // A module reaching into its own subtree (the root: anywhere) walks the module tree.
            let own = module.is_empty() || target == *module || target.starts_with(&format!("{module}::"));
            if !own {
                imports.insert(target);
            }
        }
    }
    graph
}

/// The circles of `graph`, each as the modules around it.
fn circles(graph: &Graph) -> Vec<Vec<String>> {
    fn visit(
        module: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        found: &mut Vec<Vec<String>>,
    ) {
        if let Some(at) = path.iter().position(|m| m == module) {
            found.push(path[at..].to_vec());
            return;
        }
        if !done.insert(module.to_owned()) {
            return;
        }
        path.push(module.to_owned());
        for next in graph.get(module).into_iter().flatten() {
            visit(next, graph, path, done, found);
        }
        path.pop();
    }
    let mut found = Vec::new();
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        visit(module, graph, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

#[test]
fn no_crate_has_an_import_circle() {
    let root = crate::root();
    let found: Vec<String> = CRATES
        .iter()
        .flat_map(|dir| {
            circles(&graph(&root.join(dir))).into_iter().map(move |circle| format!("{dir}: {}", circle.join(" → ")))
        })
        .collect();
    assert!(found.is_empty(), "import circles:\n{}", found.join("\n"));
}

#[test]
fn the_import_graph_follows_uses_supers_and_paths_and_finds_a_circle() {
    let modules: BTreeSet<String> = ["", "a", "b", "view", "view::rows", "view::item"].map(String::from).into();
    assert_eq!(resolve("view::rows", "super::item::Look", &modules).as_deref(), Some("view::item"));
    assert_eq!(resolve("view", "rows::rows", &modules).as_deref(), Some("view::rows"));
    assert_eq!(resolve("a", "crate::b::Thing", &modules).as_deref(), Some("b"));
    assert_eq!(resolve("a", "leptos::prelude", &modules), None, "another crate");
    let mut paths = Vec::new();
    flatten("", "crate::{a::{self, X}, b::Y as Z, view::*}", &mut paths);
    assert_eq!(paths, ["crate::a", "crate::a::X", "crate::b::Y", "crate::view"]);
    let source = "use crate::b; // crate::view is only mentioned\nfn f() { super::a::g(); \"http://crate::a\"; }";
    assert_eq!(imported_paths(source), ["crate::b", "super::a::g"].map(String::from).into());
    let graph: Graph = [("a", vec!["b"]), ("b", vec!["c"]), ("c", vec!["a"]), ("d", vec!["a"])]
        .map(|(m, to)| (m.to_owned(), to.into_iter().map(String::from).collect()))
        .into();
    assert_eq!(circles(&graph), [["a", "b", "c"]]);
}
