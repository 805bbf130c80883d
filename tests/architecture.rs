//! The shape of the code, checked on its source so that a new screen or flow cannot drift
//! from it: the domain is pure, the application layer knows no UI, only one file names the
//! provider implementation, components never reach into pages, and no two files import each
//! other, directly or round a longer loop.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file below `dir`, with its text up to its unit tests (`#[cfg(test)]`), which
/// may use anything.
fn sources(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("the source folder is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read_to_string(&path).expect("a source file is UTF-8");
                let code = match text.find("#[cfg(test)]") {
                    Some(at) => text[..at].to_string(),
                    None => text,
                };
                files.insert(path, code);
            }
        }
    }
    files
}

fn relative(path: &Path) -> String {
    path.strip_prefix(src_dir())
        .expect("below src")
        .to_string_lossy()
        .replace('\\', "/")
}

/// The files below `folder` (relative to `src/`) whose code mentions any of `words`.
fn offenders(folder: &str, words: &[&str], except: &[&str]) -> Vec<String> {
    sources(&src_dir().join(folder))
        .into_iter()
        .filter(|(path, _)| !except.contains(&relative(path).as_str()))
        .filter_map(|(path, code)| {
            let found: Vec<&str> = words.iter().copied().filter(|w| code.contains(w)).collect();
            (!found.is_empty()).then(|| format!("{}: {}", relative(&path), found.join(", ")))
        })
        .collect()
}

#[test]
fn the_domain_is_pure() {
    let outside = [
        "crate::app",
        "crate::ui",
        "crate::storage",
        "crate::klarna",
        "leptos",
        "web_sys",
        "js_sys",
        "gloo",
        "wasm_bindgen",
        "Utc::now",
        "SystemTime",
        "Instant::now",
        "Local::now",
    ];
    assert_eq!(offenders("domain", &outside, &[]), Vec::<String>::new());
}

#[test]
fn the_application_layer_knows_no_ui_nor_which_provider_but_in_one_place() {
    let ui = [
        "crate::ui",
        "leptos",
        "web_sys",
        "js_sys",
        "Utc::now",
        "SystemTime",
    ];
    assert_eq!(offenders("app", &ui, &[]), Vec::<String>::new());
    assert_eq!(
        offenders("app", &["MockKlarna"], &["app/provider.rs"]),
        Vec::<String>::new()
    );
}

#[test]
fn the_ui_never_names_the_mock_provider() {
    assert_eq!(
        offenders("ui", &["MockKlarna", "klarna::mock"], &[]),
        Vec::<String>::new()
    );
}

/// The provider is reached through the facade's flows only: a page that called it itself
/// would be a flow the native tests do not cover, and would not await a real client.
#[test]
fn the_ui_never_calls_the_provider() {
    assert_eq!(
        offenders("ui", &["PaymentProvider", "ShopProvider"], &[]),
        Vec::<String>::new()
    );
}

#[test]
fn components_never_import_pages() {
    assert_eq!(
        offenders("ui/components", &["pages::"], &[]),
        Vec::<String>::new()
    );
}

/// serde_json reads and writes stored values one way: from and to bytes. Each other way (a
/// `&str` reader, a tree read or written in place, a writer other than a byte vector) builds
/// another copy of every stored type's reading or writing code into the app's download;
/// a tree is read and written by way of its text (`storage::json_tree`).
#[test]
fn serde_json_reads_and_writes_one_way() {
    let other_ways = [
        "serde_json::from_str",
        "serde_json::from_value",
        "serde_json::to_value",
        "serde_json::to_writer",
        "::deserialize(&",
    ];
    // Whole files of unit tests, and the catalog tool's tests, may use any way.
    let found: Vec<String> = offenders("", &other_ways, &["bin/catalog_json.rs"])
        .into_iter()
        .filter(|offender| !offender.contains("/tests/"))
        .collect();
    assert_eq!(found, Vec::<String>::new());
}

/// The module path of a file: `src/app/time.rs` is `app::time`, `src/domain/orders/mod.rs`
/// is `domain::orders`.
fn module_of(path: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative(path)
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_string)
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The paths after each `crate::` and `super::` in `code`, up to a `{` or the end of the path.
fn paths_in(code: &str) -> Vec<(bool, Vec<String>)> {
    let mut found = Vec::new();
    for head in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(head) {
            let start = from + at;
            from = start + head.len();
            let before = code[..start].chars().next_back();
            if before.is_some_and(|c| is_ident_char(c) || c == ':') {
                continue;
            }
            let mut segments = Vec::new();
            let mut rest = &code[start + head.len()..];
            loop {
                let end = rest.find(|c: char| !is_ident_char(c)).unwrap_or(rest.len());
                if end == 0 {
                    break;
                }
                segments.push(rest[..end].to_string());
                rest = &rest[end..];
                match rest.strip_prefix("::") {
                    Some(more) => rest = more,
                    None => break,
                }
            }
            found.push((head == "crate::", segments));
        }
    }
    found
}

/// File -> the files it imports from (through `crate::` and `super::` paths).
fn import_graph() -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let files = sources(&src_dir());
    let by_module: BTreeMap<Vec<String>, PathBuf> = files
        .keys()
        .map(|path| (module_of(path), path.clone()))
        .collect();
    let resolve = |parts: &[String]| -> Option<PathBuf> {
        (0..=parts.len())
            .rev()
            .find_map(|n| by_module.get(&parts[..n]).cloned())
    };
    files
        .iter()
        .map(|(path, code)| {
            let me = module_of(path);
            let is_module_root = matches!(
                path.file_name().and_then(|n| n.to_str()),
                Some("mod.rs" | "lib.rs" | "main.rs")
            );
            let imports = paths_in(code)
                .into_iter()
                .filter_map(|(from_crate, mut segments)| {
                    let mut base = if from_crate {
                        Vec::new()
                    } else if is_module_root {
                        me.clone()
                    } else {
                        me[..me.len().saturating_sub(1)].to_vec()
                    };
                    if !from_crate {
                        while segments.first().is_some_and(|s| s == "super") {
                            segments.remove(0);
                            base.pop();
                        }
                    }
                    base.extend(segments);
                    resolve(&base)
                })
                .filter(|target| target != path)
                .collect();
            (path.clone(), imports)
        })
        .collect()
}

/// The groups of files that import each other round a loop (strongly connected components
/// with more than one file), by Tarjan's algorithm.
fn import_cycles(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    struct Walk<'g> {
        graph: &'g BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        index: BTreeMap<&'g PathBuf, usize>,
        low: BTreeMap<&'g PathBuf, usize>,
        stack: Vec<&'g PathBuf>,
        groups: Vec<Vec<PathBuf>>,
    }
    impl<'g> Walk<'g> {
        fn visit(&mut self, file: &'g PathBuf) {
            let n = self.index.len();
            self.index.insert(file, n);
            self.low.insert(file, n);
            self.stack.push(file);
            for next in &self.graph[file] {
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[next].min(self.low[file]);
                    self.low.insert(file, low);
                } else if self.stack.contains(&next) {
                    let low = self.index[next].min(self.low[file]);
                    self.low.insert(file, low);
                }
            }
            if self.low[file] == self.index[file] {
                let mut group = Vec::new();
                while let Some(top) = self.stack.pop() {
                    group.push(top.clone());
                    if top == file {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    self.groups.push(group);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        groups: Vec::new(),
    };
    for file in graph.keys() {
        if !walk.index.contains_key(file) {
            walk.visit(file);
        }
    }
    walk.groups
}

#[test]
fn the_cycle_finder_finds_a_loop_and_a_straight_line_has_none() {
    let file = |name: &str| PathBuf::from(format!("/{name}.rs"));
    let graph = |edges: &[(&str, &str)]| {
        let mut graph: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
        for (from, to) in edges {
            graph.entry(file(to)).or_default();
            graph.entry(file(from)).or_default().insert(file(to));
        }
        graph
    };
    assert!(import_cycles(&graph(&[("a", "b"), ("b", "c"), ("a", "c")])).is_empty());
    assert_eq!(
        import_cycles(&graph(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])),
        vec![vec![file("a"), file("b"), file("c")]]
    );
    assert_eq!(
        paths_in(
            "use super::super::orders::{Order, X};\nlet y = crate::domain::money::Money::zero;"
        ),
        vec![
            (
                true,
                vec![
                    "domain".into(),
                    "money".into(),
                    "Money".into(),
                    "zero".into()
                ]
            ),
            (false, vec!["super".into(), "orders".into()]),
        ]
    );
}

#[test]
fn no_two_files_import_each_other_round_a_loop() {
    let graph = import_graph();
    assert!(
        graph.len() > 100,
        "the source tree was read: {} files",
        graph.len()
    );
    assert!(
        graph.values().map(BTreeSet::len).sum::<usize>() > 300,
        "imports were found"
    );
    let named: Vec<Vec<String>> = import_cycles(&graph)
        .iter()
        .map(|group| group.iter().map(|f| relative(f)).collect())
        .collect();
    assert_eq!(named, Vec::<Vec<String>>::new());
}
