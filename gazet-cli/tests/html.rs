//! `--format html` rendered in headless Chromium: the page's DOM after its script ran.
//!
//! Chromium is Debian's `chromium` (`.ci/run` installs it when missing; `CHROMIUM`
//! names another binary). Without it the test says so and passes, except under CI
//! (`CI` set), where a missing browser is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

/// The DOM of `page` (a file URL with its query) after load, as Chromium prints it.
fn dump_dom(browser: &Path, url: &str, profile: &Path) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_page_highlights_entities_and_marks_the_evidence_of_a_relation() {
    let Some(browser) = chromium() else {
        assert!(std::env::var_os("CI").is_none(), "CI must have chromium (.ci/run installs it)");
        eprintln!("chromium not found: skipped");
        return;
    };
    let d = std::env::temp_dir().join(format!("gazet-html-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("dir");
    let text = "De Russen kunnen ons helpen met Noord-Korea, zei Trump <b>niet</b> & Poetin zweeg.";
    std::fs::write(d.join("a.txt"), text).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_gazet"))
        .args(["extract", "a.txt", "--format", "html", "-o", "pages"])
        .current_dir(&d)
        .output()
        .expect("gazet runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let page = d.join("pages/a.txt.html");
    let profile = d.join("profile");
    let url = format!("file://{}?rel=0", page.display());
    let dom = dump_dom(&browser, &url, &profile);
    // entities highlighted by type, name and id on hover
    assert!(
        dom.contains("<mark class=\"PERSON\" title=\"Donald Trump (person:donald-trump)\">"),
        "{dom}"
    );
    assert!(dom.contains("<mark class=\"COUNTRY\""), "{dom}");
    // the text's markup is text, not markup
    assert!(dom.contains("&lt;b&gt;niet&lt;/b&gt; &amp;"), "{dom}");
    // the script marked the evidence of relation 0, and only inside it
    let first = dom.find("class=\"rel on\"").map(|i| &dom[i..]).unwrap_or("");
    assert!(first.contains("Russia —could help with→ North Korea"), "{dom}");
    let marked: String = dom
        .split("<span data-b=")
        .skip(1)
        .filter(|s| s.contains("class=\"ev\""))
        .filter_map(|s| s.split_once('>').map(|(_, rest)| rest.split('<').next().unwrap_or("")))
        .collect();
    assert!(marked.contains("kunnen ons helpen met"), "evidence marked: {marked:?}");
    assert!(!marked.contains("Poetin zweeg"), "only the evidence: {marked:?}");
    // the index links the page
    let index = std::fs::read_to_string(d.join("pages/index.html")).expect("index");
    assert!(index.contains("<a href=\"a.txt.html\">a.txt</a>"), "{index}");
}
