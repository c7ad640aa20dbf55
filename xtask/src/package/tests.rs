use super::*;
use news_headlines::attributes::{Attribute, Syntax, ATTRIBUTES};
use news_headlines::manifest::{EVENTS, METHODS, TYPES};
use std::collections::BTreeMap;
use std::process::Command;

/// A folder under the system's temporary folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let path = std::env::temp_dir().join(format!("news-headlines-{name}-{}", std::process::id()));
        remove(&path).unwrap();
        fs::create_dir_all(&path).unwrap();
        Scratch(path)
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.0.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for file in listing(from) {
        fs::create_dir_all(to.join(&file).parent().unwrap()).unwrap();
        fs::copy(from.join(&file), to.join(&file)).unwrap();
    }
}

// ---- which files the package holds ----

const BUILT_LOADER: &str = r#"(()=>{const f=document.currentScript.src,b=new URL("./nh-0a1b.js",f).href,g=new URL('./nh-0a1b_bg.wasm',f).href;import(`./nh-0a1b.js`);new URL("./gone.js",f);new URL(`./${x}.js`,f)})();"#;

#[test]
fn the_package_holds_the_loader_and_the_files_it_references_and_no_compressed_sibling() {
    let dist = Scratch::new("dist-flat");
    dist.write(LOADER, BUILT_LOADER);
    for file in ["nh-0a1b.js", "nh-0a1b_bg.wasm", "nh-0a1b_bg.wasm.br", "nh-0a1b.js.gz", "index.html", "demo.css"] {
        dist.write(file, "x");
    }
    let loader = find_loader(&dist.0).unwrap();
    assert_eq!(loader, dist.0.join(LOADER));
    assert_eq!(loader_files(&loader).unwrap(), [LOADER, "nh-0a1b.js", "nh-0a1b_bg.wasm"]);
}

#[test]
fn a_versioned_dist_packs_this_version_s_loader_with_its_folder_s_files() {
    let dist = Scratch::new("dist-versioned");
    let here = format!("news-headlines/{}", manifest::VERSION);
    for folder in [here.as_str(), "news-headlines/0.0.1"] {
        dist.write(&format!("{folder}/{LOADER}"), r#"new URL("./wasm/nh-9_bg.wasm",s);new URL("../shared.js",s)"#);
        dist.write(&format!("{folder}/wasm/nh-9_bg.wasm"), "x");
    }
    dist.write("news-headlines/shared.js", "x");
    let loader = find_loader(&dist.0).unwrap();
    assert_eq!(loader, dist.0.join(&here).join(LOADER));
    let refused = loader_files(&loader).unwrap_err();
    assert!(refused.contains("../shared.js, outside its folder"), "{refused}");

    dist.write(&format!("{here}/{LOADER}"), r#"new URL("./wasm/nh-9_bg.wasm",s);new URL("./wasm/../nh-9.js",s)"#);
    dist.write(&format!("{here}/nh-9.js"), "x");
    assert_eq!(loader_files(&loader).unwrap(), [LOADER, "nh-9.js", "wasm/nh-9_bg.wasm"]);
}

#[test]
fn a_referenced_folder_packs_every_file_in_it_but_compressed_siblings() {
    let dist = Scratch::new("dist-folder");
    dist.write(LOADER, r#"const w=new URL("./nh_bg.wasm",s),t=new URL("./i18n/",w);new URL("./",s)"#);
    for file in ["nh_bg.wasm", "i18n/index.json", "i18n/fr.json", "i18n/fr.json.gz", "i18n/ja.json.br", "demo.css"] {
        dist.write(file, "x");
    }
    let loader = find_loader(&dist.0).unwrap();
    assert_eq!(loader_files(&loader).unwrap(), [LOADER, "i18n/fr.json", "i18n/index.json", "nh_bg.wasm"]);
}

#[test]
fn a_dist_without_a_built_loader_is_refused() {
    let dist = Scratch::new("dist-unbuilt");
    assert!(find_loader(&dist.0).unwrap_err().contains("cargo xtask build"));
    dist.write(LOADER, r#"new URL("__GLUE__",s);new URL("__WASM__",s)"#);
    assert!(loader_files(&dist.0.join(LOADER)).unwrap_err().contains("references no .wasm"));
    dist.write(&format!("a/{LOADER}"), "x");
    assert!(find_loader(&dist.0).unwrap_err().contains("several"));
}

// ---- the declarations under `tsc --noEmit --strict` ----

/// A TypeScript expression for each value `attribute` documents, as HTML takes it.
fn values(attribute: &Attribute) -> Vec<String> {
    let quoted = |v: &str| format!("\"{v}\"");
    let mut values = match attribute.syntax {
        Syntax::Url => vec![quoted("/feeds/latest.json")],
        Syntax::Text => vec![quoted("some text")],
        Syntax::Language => vec![quoted("ar-SA")],
        Syntax::Integer { min, max } => vec![min.to_string(), quoted(&max.to_string())],
        Syntax::Seconds { min } => vec!["0".into(), min.to_string(), quoted("4.9")],
        Syntax::Keyword(keywords) => keywords.iter().map(|k| quoted(k)).collect(),
        Syntax::BrowsingContext => vec![quoted("_top"), quoted("news-window")],
    };
    values.extend(attribute.default_value().map(quoted));
    values
}

/// A TypeScript identifier for `name`.
fn ident(prefix: &str, name: &str) -> String {
    format!("{prefix}_{}", name.replace([':', '-'], "_"))
}

/// Every attribute at every value it documents, and every field of every
/// event's detail at its type.
fn every_attribute_and_event() -> String {
    let mut ts = String::from(
        "// Generated by xtask's package tests from the attribute and event tables.\n\
         import type { NewsHeadlinesAttributes } from \"news-headlines\";\n\n",
    );
    let required: Vec<String> =
        ATTRIBUTES.iter().filter(|a| a.is_required()).map(|a| format!("\"{}\": {}", a.name, values(a)[0])).collect();
    ts += &format!("const required = {{ {} }} as const;\n", required.join(", "));
    ts += "export const documented: NewsHeadlinesAttributes[] = [\n";
    for attribute in ATTRIBUTES {
        for value in values(attribute) {
            ts += &format!("  {{ ...required, \"{}\": {value} }},\n", attribute.name);
        }
    }
    ts += "];\n\n";
    for event in EVENTS {
        ts += &format!(
            "document.querySelector(\"news-headlines\")?.addEventListener(\"{}\", (event) => {{\n",
            event.name
        );
        for field in event.detail {
            let field_ident = ident("field", field.name);
            ts += &format!("  const {field_ident}: {} = event.detail.{};\n", field.ts_type, field.name);
            ts += &format!("  console.log({field_ident});\n");
        }
        ts += "});\n";
    }
    ts
}

/// One JSX element with every attribute JSX may set.
fn every_jsx_attribute() -> String {
    let props: Vec<String> = ATTRIBUTES
        .iter()
        .filter(|a| !METHODS.iter().any(|m| m.name == a.name))
        .map(|a| match values(a)[0].parse::<f64>() {
            Ok(_) => format!("{}={{{}}}", a.name, values(a)[0]),
            Err(_) => format!("{}={}", a.name, values(a)[0]),
        })
        .collect();
    format!(
        "// Generated by xtask's package tests from the attribute table.\n\
         export const everyAttribute = <news-headlines {} />;\n",
        props.join(" ")
    )
}

/// The generated wrong uses: a value outside each constrained attribute's
/// syntax, and a field no event's detail has.
fn wrong_attributes_and_events() -> String {
    let mut ts = String::from(
        "// Generated by xtask's package tests: each line marked `wrong:` must fail.\n\
         import type { NewsHeadlinesAttributes as A } from \"news-headlines\";\n",
    );
    for attribute in ATTRIBUTES {
        let wrong = match attribute.syntax {
            Syntax::Keyword(_) => "not-a-keyword",
            Syntax::Integer { .. } | Syntax::Seconds { .. } => "ten",
            Syntax::Url | Syntax::Text | Syntax::Language | Syntax::BrowsingContext => continue,
        };
        let name = attribute.name;
        ts += &format!("export const {}: A[\"{name}\"] = \"{wrong}\"; // wrong: \"{wrong}\"\n", ident("wrong", name));
    }
    for event in EVENTS {
        ts += &format!(
            "document.addEventListener(\"{}\", (event) => event.detail.notAField); // wrong: 'notAField'\n",
            event.name
        );
    }
    ts
}

/// A TypeScript project in a scratch folder: the package's `package.json`
/// and declarations (`package/`, generated by `cargo xtask codegen`) installed as `news-headlines`, with
/// `frameworks` the React and Preact stand-ins of `package/tests/stubs/`,
/// the files of `package/tests/` named and the `generated` ones.
fn typescript_project(name: &str, frameworks: bool, files: &[&str], generated: &[(&str, String)]) -> Scratch {
    let project = Scratch::new(name);
    let tests = root().join("package/tests");
    fs::create_dir_all(project.0.join("node_modules/news-headlines")).unwrap();
    for file in ["package.json", TYPES] {
        fs::copy(root().join("package").join(file), project.0.join("node_modules/news-headlines").join(file)).unwrap();
    }
    if frameworks {
        copy_dir(&tests.join("stubs"), &project.0.join("node_modules"));
    }
    for file in files {
        fs::copy(tests.join(file), project.0.join(file)).unwrap();
    }
    for (file, text) in generated {
        project.write(file, text);
    }
    let all: Vec<String> =
        files.iter().copied().chain(generated.iter().map(|(f, _)| *f)).map(|f| format!("\"{f}\"")).collect();
    project.write(
        "tsconfig.json",
        &format!(
            r#"{{
  "compilerOptions": {{
    "target": "es2022", "lib": ["es2022", "dom"], "module": "esnext", "moduleResolution": "bundler",
    "jsx": "react-jsx", "types": [], "skipLibCheck": false
  }},
  "files": [{}]
}}
"#,
            all.join(", ")
        ),
    );
    project
}

/// Runs `tsc --noEmit --strict` on the project: whether it passed, and its
/// errors by `(file, line)`, each with its continuation lines.
fn tsc(project: &Scratch) -> (bool, BTreeMap<(String, usize), String>) {
    let tsc = root().join("node_modules/.bin/tsc");
    assert!(tsc.exists(), "{} is missing: `npm ci` (cargo xtask test runs it) installs TypeScript", tsc.display());
    let output = Command::new(&tsc)
        .args(["--noEmit", "--strict", "--pretty", "false", "-p", "tsconfig.json"])
        .current_dir(&project.0)
        .env("PATH", setup::tool_path())
        .output()
        .unwrap();
    let mut errors: BTreeMap<(String, usize), String> = BTreeMap::new();
    let mut current = None;
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let located = line.split_once("): error ").and_then(|(place, _)| {
            let (file, position) = place.split_once('(')?;
            Some((file.to_owned(), position.split(',').next()?.parse::<usize>().ok()?))
        });
        match located {
            Some(key) => {
                errors.entry(key.clone()).or_default().push_str(line);
                current = Some(key);
            }
            None => {
                let key = current.clone().unwrap_or_else(|| ("(tsc)".to_owned(), 0));
                errors.entry(key).or_default().push_str(&format!("\n{line}"));
            }
        }
    }
    (output.status.success(), errors)
}

#[test]
fn typescript_accepts_the_documented_dom_uses_without_react_or_preact() {
    let files = ["consumer-dom.ts"];
    let project =
        typescript_project("types-dom", false, &files, &[("every-attribute.ts", every_attribute_and_event())]);
    let (passed, errors) = tsc(&project);
    assert!(passed && errors.is_empty(), "tsc rejects documented uses: {errors:#?}");
}

#[test]
fn typescript_accepts_the_element_in_react_and_preact_jsx() {
    let files = ["consumer-react.tsx", "consumer-preact.tsx"];
    let project = typescript_project("types-jsx", true, &files, &[("every-attribute.tsx", every_jsx_attribute())]);
    let (passed, errors) = tsc(&project);
    assert!(passed && errors.is_empty(), "tsc rejects documented uses: {errors:#?}");
}

#[test]
fn typescript_rejects_each_wrong_use_on_its_own_line() {
    let generated = wrong_attributes_and_events();
    let files = ["wrong.tsx", "wrong-preact.tsx"];
    let project = typescript_project("types-wrong", true, &files, &[("wrong-attributes.ts", generated)]);
    let mut expected: BTreeMap<(String, usize), String> = BTreeMap::new();
    for file in ["wrong.tsx", "wrong-preact.tsx", "wrong-attributes.ts"] {
        let text = fs::read_to_string(project.0.join(file)).unwrap();
        for (index, line) in text.lines().enumerate() {
            if let Some((_, mark)) = line.split_once("// wrong: ") {
                expected.insert((file.to_owned(), index + 1), mark.to_owned());
            }
        }
    }
    assert!(expected.len() > 15, "the wrong uses are marked: {expected:#?}");
    let (passed, errors) = tsc(&project);
    assert!(!passed, "tsc accepts the wrong uses");
    let unexpected: Vec<_> = errors.iter().filter(|(place, _)| !expected.contains_key(*place)).collect();
    assert!(unexpected.is_empty(), "errors on lines not marked wrong: {unexpected:#?}");
    for (place, mark) in &expected {
        let error = errors.get(place).unwrap_or_else(|| panic!("{place:?} type-checks, though wrong ({mark})"));
        assert!(error.contains(mark.as_str()), "{place:?}: the error does not name {mark}: {error}");
    }
}
