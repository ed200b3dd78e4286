//! The README's promises about the bundled sample stay true: the human-format example it
//! shows is exactly what `ownvoice check examples/sample.txt` prints.

use assert_cmd::Command;

#[test]
fn readme_example_is_real_output() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme.find("### The human format\n\n```\n").unwrap();
    let block = &readme[start..]
        .split("```")
        .nth(1)
        .unwrap()
        .trim_start_matches('\n');
    let output = Command::cargo_bin("ownvoice")
        .unwrap()
        .env(
            "OWNVOICE_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/ownvoice-cache"),
        )
        .args([
            "check",
            "--no-journal",
            "--color",
            "never",
            "examples/sample.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains(block),
        "README block:\n{block}\nactual output:\n{text}"
    );
    let summary = text.lines().last().unwrap();
    assert!(
        readme.contains(&format!("`{summary}`")),
        "README should quote: {summary}"
    );
}

#[test]
fn readme_names_every_setting_of_the_language_server() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme.find("## In your editor\n").unwrap();
    let end = start + readme[start..].find("\n## ").unwrap();
    let section = &readme[start..end];
    for name in ownvoice::lsp::SETTINGS {
        assert!(
            section.contains(&format!("`{name}`")),
            "{name} is not in the README"
        );
    }
    for file in [
        "neovim/ownvoice.lua",
        "helix/languages.toml",
        "vscode/settings.json",
        "emacs/ownvoice.el",
    ] {
        assert!(section.contains(file), "{file}");
        let path = format!("examples/editors/{file}");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("ownvoice") && text.contains("lsp"), "{path}");
    }
}
