//! The `gazet` command as a user runs it: real files in a temporary folder, the built
//! binary, its standard output, standard error and exit status. Texts are our own.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn gazet(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gazet"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

/// A fresh folder under the system's temporary directory.
fn folder(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("gazet-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

const DUMP: &str = concat!(
    r#"{"id": "a1", "text": "Premier Rutte sprak dinsdag in Den Haag met Poetin over Oekraïne.", "date": "2017-11-10"}"#,
    "\n",
    "{not json\n",
    r#"{"id": "a3", "body": "the text is in the wrong field"}"#,
    "\n\n",
    r#"{"id": "a5", "text": "   "}"#,
    "\n",
    r#"{"id": "a6", "text": "Trump will meet Xi in Beijing next week, the White House said."}"#,
    "\n",
);

#[test]
fn every_jsonl_record_gives_one_output_record() {
    let d = folder("records");
    std::fs::write(d.join("dump.jsonl"), DUMP).expect("write");
    let out = gazet(&["extract", "dump.jsonl", "--date-field", "date"], &d);
    assert_eq!(out.status.code(), Some(1), "some records failed: exit 1");
    let recs = lines(&out);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap_or("")).collect();
    assert_eq!(ids, ["a1", "dump.jsonl:2", "a3", "a5", "a6"]);
    let kinds: Vec<&str> =
        recs.iter().map(|r| r["error"]["kind"].as_str().unwrap_or("ok")).collect();
    assert_eq!(kinds, ["ok", "bad_json", "missing_text", "empty_text", "ok"]);
    assert_eq!(recs[1]["error"]["line"], 2);
    assert_eq!(recs[0]["date"], "2017-11-10");
    let names: Vec<&str> = recs[0]["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(names.contains(&"Vladimir Putin"), "{names:?}");
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("2 documents") && summary.contains("3 errors"), "{summary}");
}

#[test]
fn threads_keep_the_input_order() {
    let d = folder("order");
    let mut dump = String::new();
    for i in 0..300 {
        let text =
            if i % 3 == 0 { "Merkel ontving Macron in Berlijn." } else { "Xi visited Moscow." };
        dump.push_str(&format!("{{\"id\": \"n{i}\", \"text\": \"{text}\"}}\n"));
    }
    std::fs::write(d.join("many.jsonl"), dump).expect("write");
    let one = gazet(&["extract", "many.jsonl", "-j", "1"], &d);
    let two = gazet(&["extract", "many.jsonl", "-j", "2"], &d);
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(one.stdout, two.stdout, "the same records in the same order");
    let ids: Vec<String> =
        lines(&two).iter().map(|r| r["id"].as_str().unwrap_or("").to_string()).collect();
    let want: Vec<String> = (0..300).map(|i| format!("n{i}")).collect();
    assert_eq!(ids, want);
}

#[test]
fn directories_are_walked_in_order_and_tables_show_relations() {
    let d = folder("walk");
    std::fs::create_dir_all(d.join("in/later")).expect("dirs");
    std::fs::write(d.join("in/b.txt"), "De Russen kunnen ons helpen met Noord-Korea, zei Trump.")
        .expect("write");
    std::fs::write(d.join("in/later/a.txt"), "Biden flew to Tokyo on Sunday.").expect("write");
    std::fs::write(d.join("in/notes.md"), "not read").expect("write");
    let out = gazet(&["extract", "in", "--format", "table"], &d);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    let b = text.find("== in/b.txt").expect("b.txt");
    let a = text.find("== in/later/a.txt").expect("later/a.txt");
    assert!(b < a, "sorted walk: {text}");
    assert!(text.contains("Russia —could help with→ North Korea"), "{text}");
    assert!(!text.contains("notes.md"));
}

#[test]
fn json_is_one_array_and_output_files_are_written() {
    let d = folder("json");
    std::fs::write(d.join("one.txt"), "Poetin en Trump ontmoetten elkaar in Hamburg.")
        .expect("write");
    std::fs::write(d.join("blank.jsonl"), "\n\n").expect("write");
    let out = gazet(&["extract", "one.txt", "--format", "json", "-o", "out.json"], &d);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("out.json")).expect("out.json"))
            .expect("JSON");
    assert_eq!(v.as_array().map(Vec::len), Some(1));
    assert_eq!(v[0]["id"], "one.txt");
    let empty = gazet(&["extract", "blank.jsonl", "--format", "json"], &d);
    assert_eq!(String::from_utf8_lossy(&empty.stdout).trim(), "[]");
}

#[test]
fn usage_and_data_errors_exit_2() {
    let d = folder("usage");
    let missing = gazet(&["extract", "nowhere.txt"], &d);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nowhere.txt"));
    assert_eq!(gazet(&["extract", ".", "--lang", "fr"], &d).status.code(), Some(2));
    std::fs::write(d.join("bad.tsv"), "entity\tnot an id\tPERSON\tX\n").expect("write");
    std::fs::write(d.join("t.txt"), "Tekst.").expect("write");
    let bad = gazet(&["extract", "t.txt", "--gazetteer", "bad.tsv"], &d);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("bad.tsv:1"), "names the place");
}

#[test]
fn formats_for_other_tools() {
    let d = folder("formats");
    let text = "In Zürich sprak Poetin dinsdag met Trump.";
    std::fs::write(d.join("z.txt"), text).expect("write");
    // JSON with character offsets slices like Python
    let out = gazet(&["extract", "z.txt", "--offsets", "chars"], &d);
    let rec = &lines(&out)[0];
    let m = rec["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["name"] == "Vladimir Putin")
        .map(|e| e["mentions"][0].clone())
        .expect("Putin");
    let (s, e) =
        (m["start"].as_u64().unwrap_or(0) as usize, m["end"].as_u64().unwrap_or(0) as usize);
    assert_eq!(text.chars().skip(s).take(e - s).collect::<String>(), "Poetin");
    // CoNLL
    let conll = gazet(&["extract", "z.txt", "--format", "conll"], &d);
    let c = String::from_utf8_lossy(&conll.stdout);
    assert!(c.contains("Zürich B-LOC\n") && c.contains("Poetin B-PER\n"), "{c}");
    // spaCy
    let sp = gazet(&["extract", "z.txt", "--format", "spacy"], &d);
    let v = &lines(&sp)[0];
    assert_eq!(v["text"], text);
    assert!(v["ents"].as_array().is_some_and(|a| a.len() >= 3));
    // brat: files in the -o folder, and an error without it
    let brat = gazet(&["extract", "z.txt", "--format", "brat", "-o", "ann"], &d);
    assert_eq!(brat.status.code(), Some(0));
    let ann = std::fs::read_to_string(d.join("ann/z.txt.ann")).expect("ann file");
    assert!(ann.contains("\tPERSON 16 22\tPoetin"), "{ann}");
    assert!(ann.lines().any(|l| l.starts_with("R1\tmeeting Arg1:T")), "{ann}");
    assert_eq!(std::fs::read_to_string(d.join("ann/z.txt.txt")).ok().as_deref(), Some(text));
    assert_eq!(gazet(&["extract", "z.txt", "--format", "brat"], &d).status.code(), Some(2));
}

#[test]
fn resume_continues_an_interrupted_run() {
    let d = folder("resume");
    let mut dump = String::new();
    for i in 0..120 {
        dump.push_str(&format!(
            "{{\"id\": \"r{i}\", \"text\": \"Rutte sprak met Macron over Mali ({i}).\"}}\n"
        ));
    }
    std::fs::write(d.join("in.jsonl"), &dump).expect("write");
    assert_eq!(gazet(&["extract", "in.jsonl", "-o", "full.jsonl"], &d).status.code(), Some(0));
    let full = std::fs::read_to_string(d.join("full.jsonl")).expect("full");
    // a run killed after 50 records, in the middle of the 51st
    let cut: usize = full.split_inclusive('\n').take(50).map(str::len).sum();
    std::fs::write(d.join("part.jsonl"), &full[..cut + 17]).expect("write");
    let resumed = gazet(&["extract", "in.jsonl", "-o", "part.jsonl", "--resume"], &d);
    assert_eq!(resumed.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&resumed.stderr).contains("50 records were already done"));
    assert_eq!(std::fs::read_to_string(d.join("part.jsonl")).expect("part"), full);
    // other inputs than the interrupted run's: refused
    std::fs::write(d.join("other.jsonl"), dump.replace("\"r49\"", "\"x49\"")).expect("write");
    std::fs::write(d.join("part2.jsonl"), &full[..cut]).expect("write");
    let wrong = gazet(&["extract", "other.jsonl", "-o", "part2.jsonl", "--resume"], &d);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("cannot resume"));
}

#[test]
fn graph_merges_relations_across_documents() {
    let d = folder("graph");
    let docs = [
        ("g1", "2017-07-07", "Poetin en Trump ontmoetten elkaar vrijdag in Hamburg."),
        ("g2", "2017-11-08", "Trump en Poetin kunnen elkaar volgende week ontmoeten in Vietnam."),
        ("g3", "2018-03-01", "Macron bezocht Berlijn."),
    ];
    let dump: String = docs
        .iter()
        .map(|(id, date, text)| {
            format!("{{\"id\": \"{id}\", \"date\": \"{date}\", \"text\": \"{text}\"}}\n")
        })
        .collect();
    std::fs::write(d.join("in.jsonl"), dump).expect("write");
    let ex = gazet(&["extract", "in.jsonl", "--date-field", "date", "-o", "out.jsonl"], &d);
    assert_eq!(ex.status.code(), Some(0));
    let csv = gazet(&["graph", "out.jsonl", "--type", "meeting"], &d);
    assert_eq!(csv.status.code(), Some(0));
    let text = String::from_utf8_lossy(&csv.stdout);
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows[0].starts_with("source,target,type,count,"), "{text}");
    assert_eq!(rows.len(), 2, "one meeting edge over two documents: {text}");
    assert!(rows[1].contains(",meeting,2,") && rows[1].contains("2017-07-07,2017-11-08"), "{text}");
    assert!(!text.contains("visit"), "the type filter holds");
    let until = gazet(&["graph", "out.jsonl", "--type", "meeting", "--until", "2017-07"], &d);
    assert!(String::from_utf8_lossy(&until.stdout).contains(",meeting,1,"));
    let gml = gazet(&["graph", "out.jsonl", "--format", "graphml"], &d);
    let g = String::from_utf8_lossy(&gml.stdout);
    assert!(
        g.contains("<graphml") && g.contains(">Vladimir Putin</data>") && g.contains("visit"),
        "{g}"
    );
    let dot = gazet(&["graph", "out.jsonl", "--format", "dot"], &d);
    assert!(String::from_utf8_lossy(&dot.stdout).starts_with("digraph gazet {"));
    std::fs::write(d.join("bad.jsonl"), "not a record\n").expect("write");
    assert_eq!(gazet(&["graph", "bad.jsonl"], &d).status.code(), Some(1));
}

#[test]
fn check_reports_errors_with_places_and_warnings() {
    let d = folder("check");
    let mine = "entity\tperson:test-minister\tPERSON\tJan Testminister\nalias\t*\tname\tGeorgia\npost\tforeign minister\tcountry:NL\t2018-01-01\t2018-02-01\n";
    std::fs::write(d.join("mine.tsv"), mine).expect("write");
    let out = gazet(&["check", "mine.tsv"], &d);
    assert_eq!(out.status.code(), Some(0), "warnings only");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("mine.tsv:1:8: warning: alias \"Georgia\" is shared by country:GE"),
        "{text}"
    );
    assert!(text.contains("foreign minister of country:NL overlaps with"), "{text}");
    std::fs::write(d.join("bad.rules"), "rule nl/x/y\n  nonsense here\n").expect("write");
    let bad = gazet(&["check", "bad.rules", "mine.tsv"], &d);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stdout).contains("error: bad.rules:"), "names the file");
    std::fs::write(d.join("notes.txt"), "x").expect("write");
    assert_eq!(gazet(&["check", "notes.txt"], &d).status.code(), Some(2));
    // a slot whose role the relation type does not have
    let rule = "lang nl\nrule mijn/visit/rondgang = visit: <visitor:PERSON> ~3 ^rondgang ~3 <topic:PLACE>\n";
    std::fs::write(d.join("mijn.rules"), rule).expect("write");
    let roles = gazet(&["check", "mijn.rules"], &d);
    assert_eq!(roles.status.code(), Some(0));
    let text = String::from_utf8_lossy(&roles.stdout);
    assert!(text.contains("mijn.rules:2:6: warning: rule mijn/visit/rondgang: topic is not a role of visit (visitor, place)"), "{text}");
}

#[test]
fn check_warns_of_common_word_aliases_and_duplicate_rules() {
    let d = folder("check-words");
    let mine = "entity	org:test-bank	ORGANIZATION	Testbank Nederland
alias	nl	short	bank	ci
alias	nl	short	Testbank
alias	en	abbr	TBN	cs
";
    std::fs::write(d.join("mine.tsv"), mine).expect("write");
    let out = gazet(&["check", "mine.tsv"], &d);
    assert_eq!(out.status.code(), Some(0), "warnings only");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "alias \"bank\" of org:test-bank matches in lower case and is a common nl word"
        ),
        "{text}"
    );
    // capitalised names and abbreviations are fine
    assert_eq!(text.matches("common").count(), 1, "{text}");
    // the same pattern as a bundled rule, whatever its spacing; a different one is not
    let rules = "lang nl\nrule mijn/meeting/x-y = meeting: <participant:PARTY>  ~10 <participant:PARTY+> ~12 ^@ontmoeten\nrule mijn/meeting/x-y-kort = meeting: <participant:PARTY> ~3 <participant:PARTY+> ~3 ^@ontmoeten\n";
    std::fs::write(d.join("mijn.rules"), rules).expect("write");
    let dup = gazet(&["check", "mijn.rules"], &d);
    let text = String::from_utf8_lossy(&dup.stdout);
    assert!(text.contains("mijn.rules:2:6: warning: rule mijn/meeting/x-y has the pattern of rule nl/meeting/x-y-ontmoeten"), "{text}");
    assert!(!text.contains("x-y-kort"), "{text}");
}

#[test]
fn spacy_patterns_become_a_gazetteer_the_extractor_uses() {
    let d = folder("patterns");
    let patterns = concat!(
        r#"{"label": "ORG", "pattern": "Koninklijke Vlootbond", "id": "vlootbond"}"#,
        "\n",
        r#"{"label": "ORG", "pattern": [{"LOWER": "kvb"}], "id": "vlootbond"}"#,
        "\n",
        r#"{"label": "CARDINAL", "pattern": "twee"}"#,
        "\n",
    );
    std::fs::write(d.join("p.jsonl"), patterns).expect("write");
    let imp = gazet(&["patterns", "import", "p.jsonl", "-o", "mine.tsv"], &d);
    assert_eq!(imp.status.code(), Some(1), "one pattern could not be imported");
    assert!(String::from_utf8_lossy(&imp.stderr).contains("p.jsonl:3"));
    std::fs::write(d.join("t.txt"), "De KVB protesteerde dinsdag bij de Koninklijke Vlootbond.")
        .expect("write");
    let out = gazet(&["extract", "t.txt", "--gazetteer", "mine.tsv"], &d);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let rec = &lines(&out)[0];
    let vb = rec["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["id"] == "org:vlootbond")
        .expect("the imported entry is found");
    assert_eq!(vb["mentions"].as_array().map(Vec::len), Some(2), "{vb}");
}

#[test]
fn rules_lists_the_rules_in_use_with_their_places() {
    let d = folder("rules");
    let out = gazet(&["rules", "--type", "meeting", "--lang", "nl"], &d);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().count() > 3, "{text}");
    for l in text.lines() {
        let cols: Vec<&str> = l.split('\t').collect();
        assert!(cols[0].starts_with("nl/meeting/") && cols[1] == "meeting", "{l}");
        assert!(cols[2].starts_with("gazetteers/rules/nl.rules:"), "{l}");
    }
}

#[cfg(unix)]
#[test]
fn a_folder_linking_to_its_parent_is_read_once() {
    let d = folder("loop");
    std::fs::create_dir_all(d.join("in/sub")).expect("dirs");
    std::fs::write(d.join("in/sub/a.txt"), "Biden sprak met Xi.").expect("write");
    std::os::unix::fs::symlink(d.join("in"), d.join("in/sub/back")).expect("symlink");
    let out = gazet(&["extract", "in"], &d);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(lines(&out).len(), 1);
}

#[test]
fn odd_inputs_give_error_records_not_crashes() {
    let d = folder("odd");
    std::fs::write(d.join("bin.txt"), [0xff_u8, 0xfe, 0x00, 0x41]).expect("write");
    std::fs::write(d.join("empty.txt"), "").expect("write");
    let jsonl = "{\"id\": [1,2], \"text\": \"Poetin.\"}\n{\"text\": \"\\ud800\"}\n{\"text\": 42}\n[]\n\"just a string\"\n";
    std::fs::write(d.join("odd.jsonl"), jsonl).expect("write");
    let out = gazet(&["extract", "bin.txt", "empty.txt", "odd.jsonl", "-j", "2"], &d);
    assert_eq!(out.status.code(), Some(1));
    let recs = lines(&out);
    let kinds: Vec<&str> =
        recs.iter().map(|r| r["error"]["kind"].as_str().unwrap_or("ok")).collect();
    assert_eq!(
        kinds,
        [
            "not_utf8",
            "empty_text",
            "ok",
            "bad_json",
            "missing_text",
            "missing_text",
            "missing_text"
        ]
    );
}

#[test]
fn explain_shows_phrases_and_what_each_rule_did() {
    let d = folder("explain");
    let out = gazet(&["explain", "Rusland zou kunnen helpen met Noord-Korea.", "--lang", "nl"], &d);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("phrases: Russia (COUNTRY) · North Korea (COUNTRY)"), "{text}");
    assert!(text.contains("«helpen» nl/help/helpen-met: tried, matched (1 relation)"), "{text}");
    assert!(text.contains("tried, no match"), "{text}");
    std::fs::write(d.join("t.txt"), "Merkel spreekt met Macron.").expect("write");
    let file = gazet(&["explain", "t.txt"], &d);
    assert!(String::from_utf8_lossy(&file.stdout)
        .contains("sentence 0 [nl]: «Merkel spreekt met Macron.»"));
}

/// The `gazet` lines of the README's `sh` blocks, as a new user would paste them.
fn readme_commands() -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("README.md");
    let mut commands = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = line == "```sh";
            continue;
        }
        if in_sh && (line.starts_with("gazet ") || line.contains("| gazet ")) {
            commands.push(line.to_string());
        }
    }
    commands
}

#[test]
fn every_gazet_command_in_the_readme_runs_on_the_bundled_samples() {
    let d = folder("readme");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for sub in ["examples", "gazetteers"] {
        copy_tree(&root.join(sub), &d.join(sub));
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_gazet")).parent().expect("bin dir").to_path_buf();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let commands = readme_commands();
    assert!(commands.len() >= 10, "the README shows its commands: {commands:?}");
    for c in &commands {
        let out = Command::new("sh")
            .args(["-c", c])
            .current_dir(&d)
            .env("PATH", &path)
            .stdin(Stdio::null())
            .output()
            .expect("sh runs");
        assert_eq!(out.status.code(), Some(0), "{c}\n{}", String::from_utf8_lossy(&out.stderr));
    }
    assert!(d.join("pages/index.html").is_file());
    let graph = std::fs::read_to_string(d.join("meetings.graphml")).expect("graph written");
    assert!(graph.contains("person:donald-trump"), "{graph}");
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir").flatten() {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            copy_tree(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).expect("copy");
        }
    }
}

/// A run killed with SIGKILL part-way, then resumed: every input record is in the
/// output exactly once, in order, and the output equals an uninterrupted run's.
#[test]
fn a_killed_run_resumed_has_every_record_exactly_once() {
    let d = folder("killed");
    let mut dump = String::new();
    for i in 0..20_000 {
        let who = ["Rutte", "Macron", "Poetin", "Merkel"][i % 4];
        dump.push_str(&format!(
            "{{\"id\": \"k{i}\", \"text\": \"{who} sprak dinsdag in Brussel met Scholz over Oekraïne ({i}).\"}}\n"
        ));
    }
    std::fs::write(d.join("in.jsonl"), &dump).expect("write");
    let full = gazet(&["extract", "in.jsonl", "-o", "full.jsonl"], &d);
    assert_eq!(full.status.code(), Some(0));
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazet"))
        .args(["extract", "in.jsonl", "-j", "2", "-o", "part.jsonl"])
        .current_dir(&d)
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let part = d.join("part.jsonl");
    while std::fs::metadata(&part).map_or(0, |m| m.len()) < 20_000 {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.kill().ok(); // SIGKILL; a run already done is resumed with nothing left to do
    child.wait().expect("reaped");
    let resumed = gazet(&["extract", "in.jsonl", "-j", "2", "-o", "part.jsonl", "--resume"], &d);
    assert_eq!(resumed.status.code(), Some(0), "{}", String::from_utf8_lossy(&resumed.stderr));
    let out = std::fs::read_to_string(&part).expect("part");
    let ids: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON")["id"].to_string())
        .collect();
    let expected: Vec<String> = (0..20_000).map(|i| format!("\"k{i}\"")).collect();
    assert_eq!(ids, expected);
    assert_eq!(out, std::fs::read_to_string(d.join("full.jsonl")).expect("full"));
}

/// Every format over a folder of 2,000 generated articles: one record (or file) each.
#[test]
fn every_format_reads_a_folder_of_thousands_of_articles() {
    let d = folder("thousands");
    let news = d.join("news");
    for i in 0..2_000 {
        let sub = news.join(format!("{:02}", i % 20));
        std::fs::create_dir_all(&sub).expect("mkdir");
        let (a, b) = [("Rutte", "Macron"), ("Trump", "Xi"), ("Merkel", "Poetin")][i % 3];
        let text = format!(" date 2019-05-{:02}\n{a} sprak dinsdag met {b} over handel. Het gesprek duurde een uur ({i}).\n", i % 28 + 1);
        std::fs::write(sub.join(format!("a{i:04}.txt")), text).expect("write");
    }
    let count = |args: &[&str]| {
        let out = gazet(args, &d);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(count(&["extract", "news", "-j", "2"]).lines().count(), 2_000);
    assert_eq!(count(&["extract", "news", "--format", "spacy"]).lines().count(), 2_000);
    let json: serde_json::Value =
        serde_json::from_str(&count(&["extract", "news", "--format", "json"])).expect("one array");
    assert_eq!(json.as_array().map(Vec::len), Some(2_000));
    assert_eq!(count(&["extract", "news", "--format", "table"]).matches("\n== ").count(), 1_999);
    let conll = count(&["extract", "news", "--format", "conll"]);
    assert_eq!(conll.matches("-DOCSTART-").count(), 2_000);
    count(&["extract", "news", "--format", "brat", "-o", "brat"]);
    assert_eq!(std::fs::read_dir(d.join("brat")).expect("brat").count(), 4_000);
    count(&["extract", "news", "--format", "html", "-o", "pages"]);
    assert_eq!(std::fs::read_dir(d.join("pages")).expect("pages").count(), 2_001);
    count(&["extract", "news", "-o", "all.jsonl"]);
    let graph = count(&["graph", "all.jsonl", "--type", "meeting"]);
    assert!(graph.contains("person:mark-rutte"), "{graph}");
}
