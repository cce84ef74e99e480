//! `gazet graph`: the relations of many documents as one network.
//!
//! Reads the JSONL that `gazet extract` writes (error records are skipped) and merges
//! the relations into edges, one per relation type and ordered pair of arguments (the
//! first two; a meeting of three is three pairs already), with the number of documents
//! statements by modality, the first and last document date and a few evidence texts.
//! Nodes carry the entity's name and type. Output: a CSV edge list, GraphML (Gephi,
//! yEd) or DOT (Graphviz).
//!
//! ```text
//! gazet extract news/ -o news.jsonl && gazet graph news.jsonl --type meeting --format graphml -o meetings.graphml
//! source,target,type,count,asserted,possible,first_date,last_date,source_name,target_name,evidence
//! person:donald-trump,person:vladimir-putin,meeting,2,1,1,2017-07,2017-11,Donald Trump,Vladimir Putin,"…"
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::BufRead;
use std::path::PathBuf;

use serde_json::Value;

/// The output formats of `gazet graph`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    Csv,
    Graphml,
    Dot,
}

/// Which relations make edges.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub types: Vec<String>,
    pub modalities: Vec<String>,
    /// Document dates as written (`YYYY[-MM[-DD]]`), compared on the parts both give.
    pub since: Option<String>,
    pub until: Option<String>,
    pub evidences: usize,
}

/// One edge: a relation type between two entities, over all documents.
#[derive(Clone, Debug, Default)]
pub struct Edge {
    pub count: usize,
    pub by_modality: BTreeMap<String, usize>,
    pub first: Option<String>,
    pub last: Option<String>,
    pub evidences: Vec<String>,
}

/// The network: nodes (id → name, type) and edges ((type, source, target) → edge).
#[derive(Debug, Default)]
pub struct Graph {
    pub nodes: BTreeMap<String, (String, String)>,
    pub edges: BTreeMap<(String, String, String), Edge>,
    /// Lines that were not records of `gazet extract`.
    pub bad_lines: usize,
    pub documents: usize,
}

impl Graph {
    /// Adds the records of one JSONL source.
    pub fn read(&mut self, src: impl BufRead, f: &Filter) -> std::io::Result<()> {
        for line in src.lines() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Value>(&line) {
                Ok(v) if v.get("error").is_some() => {}
                Ok(v) if v.get("relations").is_some() => self.add_document(&v, f),
                _ => self.bad_lines += 1,
            }
        }
        Ok(())
    }

    fn add_document(&mut self, doc: &Value, f: &Filter) {
        self.documents += 1;
        let date = doc["date"].as_str().map(str::to_string);
        // dates compare on what both give: "2017-11-10" is within `--until 2017-11`
        let cmp = |d: &str, bound: &str| {
            let k = d.len().min(bound.len());
            d.get(..k).cmp(&bound.get(..k))
        };
        let outside = |d: &Option<String>| match d {
            Some(d) => {
                f.since.as_ref().is_some_and(|s| cmp(d, s).is_lt())
                    || f.until.as_ref().is_some_and(|u| cmp(d, u).is_gt())
            }
            None => f.since.is_some() || f.until.is_some(),
        };
        if outside(&date) {
            return;
        }
        let names: BTreeMap<&str, (&str, &str)> = doc["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| Some((e["id"].as_str()?, (e["name"].as_str()?, e["type"].as_str()?))))
            .collect();
        for r in doc["relations"].as_array().into_iter().flatten() {
            let kind = r["type"].as_str().unwrap_or("");
            let modality = r["modality"].as_str().unwrap_or("");
            let wanted = |list: &[String], x: &str| list.is_empty() || list.iter().any(|l| l == x);
            let args: Vec<&str> = r["args"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| a["entity"].as_str())
                .collect();
            let [a, b, ..] = args.as_slice() else { continue };
            if !wanted(&f.types, kind) || !wanted(&f.modalities, modality) {
                continue;
            }
            for id in [a, b] {
                let (name, ty) = names.get(id).copied().unwrap_or((id, ""));
                self.nodes.entry(id.to_string()).or_insert((name.to_string(), ty.to_string()));
            }
            let e = self.edges.entry((kind.to_string(), a.to_string(), b.to_string())).or_default();
            e.count += 1;
            *e.by_modality.entry(modality.to_string()).or_insert(0) += 1;
            if let Some(d) = &date {
                if e.first.as_ref().is_none_or(|x| d < x) {
                    e.first = Some(d.clone());
                }
                if e.last.as_ref().is_none_or(|x| d > x) {
                    e.last = Some(d.clone());
                }
            }
            if let Some(t) = r["evidence"]["text"].as_str() {
                if e.evidences.len() < f.evidences && !e.evidences.iter().any(|x| x == t) {
                    e.evidences.push(t.to_string());
                }
            }
        }
    }

    /// The network in one of the output formats.
    pub fn render(&self, format: GraphFormat) -> String {
        match format {
            GraphFormat::Csv => self.csv(),
            GraphFormat::Graphml => self.graphml(),
            GraphFormat::Dot => self.dot(),
        }
    }

    fn modalities(&self) -> Vec<String> {
        let mut all: Vec<String> =
            self.edges.values().flat_map(|e| e.by_modality.keys().cloned()).collect();
        all.sort();
        all.dedup();
        all
    }

    fn csv(&self) -> String {
        let mods = self.modalities();
        let mut out = String::from("source,target,type,count");
        for m in &mods {
            let _ = write!(out, ",{}", csv_field(m));
        }
        out.push_str(",first_date,last_date,source_name,target_name,evidence\n");
        for ((kind, a, b), e) in &self.edges {
            let mut row = vec![a.clone(), b.clone(), kind.clone(), e.count.to_string()];
            row.extend(mods.iter().map(|m| e.by_modality.get(m).copied().unwrap_or(0).to_string()));
            row.push(e.first.clone().unwrap_or_default());
            row.push(e.last.clone().unwrap_or_default());
            row.push(self.name(a).to_string());
            row.push(self.name(b).to_string());
            row.push(e.evidences.join(" | "));
            let cells: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
            let _ = writeln!(out, "{}", cells.join(","));
        }
        out
    }

    fn graphml(&self) -> String {
        let mut out = String::from(concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
            "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n",
            "  <key id=\"ntype\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n",
            "  <key id=\"etype\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n",
            "  <key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"int\"/>\n",
            "  <key id=\"modality\" for=\"edge\" attr.name=\"modality\" attr.type=\"string\"/>\n",
            "  <key id=\"first\" for=\"edge\" attr.name=\"first_date\" attr.type=\"string\"/>\n",
            "  <key id=\"last\" for=\"edge\" attr.name=\"last_date\" attr.type=\"string\"/>\n",
            "  <key id=\"evidence\" for=\"edge\" attr.name=\"evidence\" attr.type=\"string\"/>\n",
            "  <graph id=\"gazet\" edgedefault=\"directed\">\n",
        ));
        for (id, (name, ty)) in &self.nodes {
            let _ = writeln!(
                out,
                "    <node id=\"{}\"><data key=\"name\">{}</data><data key=\"ntype\">{}</data></node>",
                xml(id),
                xml(name),
                xml(ty)
            );
        }
        for (n, ((kind, a, b), e)) in self.edges.iter().enumerate() {
            let mods: Vec<String> = e.by_modality.iter().map(|(m, c)| format!("{m}:{c}")).collect();
            let _ = writeln!(
                out,
                "    <edge id=\"e{n}\" source=\"{}\" target=\"{}\"><data key=\"etype\">{}</data><data key=\"count\">{}</data><data key=\"modality\">{}</data><data key=\"first\">{}</data><data key=\"last\">{}</data><data key=\"evidence\">{}</data></edge>",
                xml(a),
                xml(b),
                xml(kind),
                e.count,
                xml(&mods.join(";")),
                xml(e.first.as_deref().unwrap_or("")),
                xml(e.last.as_deref().unwrap_or("")),
                xml(&e.evidences.join(" | "))
            );
        }
        out.push_str("  </graph>\n</graphml>\n");
        out
    }

    fn dot(&self) -> String {
        let mut out = String::from("digraph gazet {\n");
        for (id, (name, _)) in &self.nodes {
            let _ = writeln!(out, "  \"{}\" [label=\"{}\"];", dot(id), dot(name));
        }
        for ((kind, a, b), e) in &self.edges {
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{}\" [label=\"{} ({})\"];",
                dot(a),
                dot(b),
                dot(kind),
                e.count
            );
        }
        out.push_str("}\n");
        out
    }

    fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.nodes.get(id).map_or(id, |n| n.0.as_str())
    }
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// XML-escaped text.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A DOT string's content.
fn dot(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', " ")
}

/// Reads every input (`-`: standard input) into one graph.
pub fn build(inputs: &[PathBuf], f: &Filter) -> Result<Graph, String> {
    let mut g = Graph::default();
    for p in inputs {
        let res = if p.as_os_str() == "-" {
            g.read(std::io::stdin().lock(), f)
        } else {
            let file = std::fs::File::open(p).map_err(|e| format!("{}: {e}", p.display()))?;
            g.read(std::io::BufReader::new(file), f)
        };
        res.map_err(|e| format!("{}: {e}", p.display()))?;
    }
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_for_each_format() {
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(xml("<Trump & \"Xi\">"), "&lt;Trump &amp; &quot;Xi&quot;&gt;");
        assert_eq!(dot("say \"hi\""), "say \\\"hi\\\"");
    }
}
