//! The synthetic gazetteers of `../shared/bench/make_data.py` in gazet's format, shared
//! by the criterion benches and the throughput program.
//!
//! ```text
//! PER<TAB>Maria Jansen     →  entity  bench:1  PERSON  Maria Jansen
//!                             alias   *       name    Maria Jansen  ci,noinfl
//! ```

/// Converts `TYPE<TAB>name` lines to gazet entity records: PER → PERSON, LOC and CITY
/// → LOCATION (gazet's cities are LOCATION entries; COUNTRY ids are ISO codes, which
/// the bench data does not have), ORG → ORGANIZATION, EVENT → EVENT. The name is
/// repeated as an `alias` with flags `ci,noinfl`, which overrides the canonical name's
/// default case rule: matched in any case, no generated genitive, like FlashText
/// (case-insensitive) and spaCy's `LOWER` phrase matcher.
pub fn convert_bench_gazetteer(bench: &str) -> Result<String, String> {
    let mut out = String::with_capacity(bench.len() * 3);
    for (i, line) in bench.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (ty, name) = line
            .split_once('\t')
            .ok_or_else(|| format!("line {}: expected TYPE<TAB>name", i + 1))?;
        let ty = match ty {
            "PER" => "PERSON",
            "LOC" | "CITY" => "LOCATION",
            "ORG" => "ORGANIZATION",
            "EVENT" => "EVENT",
            other => return Err(format!("line {}: unknown type \"{other}\"", i + 1)),
        };
        let name = name.trim();
        out.push_str(&format!(
            "entity\tbench:{}\t{ty}\t{name}\nalias\t*\tname\t{name}\tci,noinfl\n",
            i + 1
        ));
    }
    Ok(out)
}
