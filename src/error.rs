//! Errors: where a data or rule file went wrong, and why.

use std::fmt;
use std::sync::Arc;

/// A place in a data or rule file: its name, byte offset, 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The file name as given to the builder (`gazetteers/people.tsv`, `<string>`).
    pub file: Arc<str>,
    /// Byte offset of the offending text in the file.
    pub offset: usize,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

/// A data or rule file's text without the byte-order mark some editors put first.
pub(crate) fn without_bom(source: &str) -> &str {
    source.strip_prefix('\u{feff}').unwrap_or(source)
}

/// A file's bytes as text, or the error naming the line and column of the first byte
/// that is not UTF-8.
pub(crate) fn utf8(file: &str, bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        // the valid prefix is text: the place is counted in it
        let before = String::from_utf8_lossy(&bytes[..at]);
        let loc = Location::of(&Arc::from(file), &before, at);
        Error::new(
            ErrorKind::Io(format!(
                "invalid UTF-8 (byte 0x{:02x}): data files are UTF-8",
                bytes[at]
            )),
            Some(loc),
        )
    })
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

impl Location {
    /// The location of byte `at` of a line: its 1-based number, its text and the byte
    /// offset where it starts in the file. Costs nothing beyond the line itself, so
    /// parsers can record locations for every record.
    pub(crate) fn in_line(
        file: &Arc<str>,
        line: usize,
        text: &str,
        line_start: usize,
        at: usize,
    ) -> Location {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        Location {
            file: file.clone(),
            offset: line_start + at,
            line,
            column: text[..at].chars().count() + 1,
        }
    }

    /// The location of byte `offset` of `source`, a file named `file`.
    pub(crate) fn of(file: &Arc<str>, source: &str, offset: usize) -> Location {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &source[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |p| p + 1);
        let column = source[line_start..offset].chars().count() + 1;
        Location { file: file.clone(), offset, line, column }
    }
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A gazetteer line does not follow the format (`gazetteers/FORMAT.md`). The
    /// message says which field is wrong and what was expected.
    Gazetteer(String),
    /// A rule file line does not follow the rule syntax. The message says what was
    /// expected at the column.
    Rule(String),
    /// Two gazetteer entries share one id.
    DuplicateId(String),
    /// An entry refers to an id that no loaded entry has.
    UnknownId(String),
    /// A data file could not be read.
    Io(String),
}

/// The error type of gazet: the kind of failure and, for data and rule files, where.
///
/// Display prints the place first, then the message, lower case and without a final
/// period: `gazetteers/people.tsv:14:9: unknown entity type "PERSN"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    location: Option<Location>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, location: Option<Location>) -> Error {
        Error { kind, location }
    }
    pub(crate) fn gazetteer(msg: impl Into<String>, location: Location) -> Error {
        Error::new(ErrorKind::Gazetteer(msg.into()), Some(location))
    }
    pub(crate) fn rule(msg: impl Into<String>, location: Location) -> Error {
        Error::new(ErrorKind::Rule(msg.into()), Some(location))
    }
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
    /// Where it went wrong, for errors in data and rule files.
    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Gazetteer(m) | ErrorKind::Rule(m) => f.write_str(m),
            ErrorKind::DuplicateId(id) => write!(f, "duplicate entity id \"{id}\""),
            ErrorKind::UnknownId(id) => write!(f, "unknown entity id \"{id}\""),
            ErrorKind::Io(m) => write!(f, "cannot read: {m}"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(loc) = &self.location {
            write!(f, "{loc}: ")?;
        }
        write!(f, "{}", self.kind)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_chars() {
        let f: Arc<str> = Arc::from("x.tsv");
        let src = "ab\ncdé\tX";
        let loc = Location::of(&f, src, src.find('X').unwrap());
        assert_eq!((loc.line, loc.column), (2, 5));
        let e = Error::gazetteer("unknown entity type \"PERSN\"", loc);
        assert_eq!(e.to_string(), "x.tsv:2:5: unknown entity type \"PERSN\"");
    }
}
