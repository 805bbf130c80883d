//! Splits the app's wasm at its split points (src/ui/lazy_pages.rs, src/ui/lazy_flows.rs), so
//! the pages other than the catalog, and the flows that run the shop's events, load when first
//! needed, or fetched ahead, instead of with the catalog.
//!
//!     bnpl-wasm-split <raw.wasm> <out-dir> <main-js-name>
//!     bnpl-wasm-split --version
//!
//! `<raw.wasm>` is cargo's output, built with `-Clink-args=--emit-relocs` (without the
//! relocations the splitter cannot move code, and refuses). It writes:
//! - `<raw stem>_split.wasm` beside `<raw.wasm>`: the main module, still to go through
//!   `wasm-bindgen --keep-lld-exports --no-demangle` and wasm-opt;
//! - in `<out-dir>`: one `.wasm` chunk per split point (and one per group of code that
//!   several of them share), already bound (wasm-opt still shrinks them), and
//!   `__wasm_split.js`, the loader the main module imports to fetch a chunk;
//!
//! The loader fetches chunks relative to its own URL and imports `./<main-js-name>` (the
//! wasm-bindgen glue), so all of them must be served from one folder. scripts/trunk-post-build.sh
//! runs this as a Trunk `post_build` hook; scripts/setup.sh installs it with
//! `cargo install --path tools/wasm-split --locked`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The loader's file name: the main wasm imports it by this name, relative to the glue.
const LINK_NAME: &str = "./__wasm_split.js";

struct Args {
    input: PathBuf,
    out_dir: PathBuf,
    main_js: String,
}

fn parse_args() -> Result<Args, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag] if flag == "--version" => {
            // scripts/setup.sh compares this with tools/wasm-split/Cargo.toml.
            println!("bnpl-wasm-split {}", env!("CARGO_PKG_VERSION"));
            std::process::exit(0);
        }
        [input, out_dir, main_js] => Ok(Args {
            input: input.into(),
            out_dir: out_dir.into(),
            main_js: main_js.clone(),
        }),
        _ => Err("usage: bnpl-wasm-split <raw.wasm> <out-dir> <main-js-name>".into()),
    }
}

/// `dir/app.wasm` -> `dir/app_split.wasm`, where cargo-leptos's layout puts it too.
fn main_out_path(input: &Path) -> Result<PathBuf, String> {
    let stem = input
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(|| format!("{} has no file name", input.display()))?;
    Ok(input.with_file_name(format!("{stem}_split.wasm")))
}

fn run(args: Args) -> Result<(), String> {
    let input_wasm = std::fs::read(&args.input)
        .map_err(|e| format!("cannot read {}: {e}", args.input.display()))?;
    let main_out = main_out_path(&args.input)?;
    let main_module = format!("./{}", args.main_js);
    std::fs::create_dir_all(&args.out_dir)
        .map_err(|e| format!("cannot create {}: {e}", args.out_dir.display()))?;
    let split = wasm_split_cli_support::transform({
        let mut opts = wasm_split_cli_support::Options::new(&input_wasm);
        opts.output_dir = &args.out_dir;
        opts.main_out_path = &main_out;
        opts.link_name = LINK_NAME;
        opts.main_module = &main_module;
        opts
    })
    .map_err(|e| format!("splitting {} failed: {e:?}", args.input.display()))?;
    println!(
        "bnpl-wasm-split: {} -> {} and {} chunk(s) in {}",
        args.input.display(),
        main_out.display(),
        split.split_modules.len(),
        args.out_dir.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    match parse_args().and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bnpl-wasm-split: {message}");
            ExitCode::FAILURE
        }
    }
}
