//! Reading a bundle case by case (issue 10). The document is read in large blocks into a
//! window; the top-level object and the `cases` array are walked here, byte by byte, exactly
//! as serde_json walks them; each value in them (`format`, `people`, `relations`, every case)
//! is found by its brackets and handed to serde_json as a slice: parsed strictly, then given
//! to a [`CaseSink`] before the next one is read. Memory holds the people, the relations and
//! one case (and a block or two of the file) — never the document.
//!
//! Errors are the same as for a document read whole (`parse.rs` phrases them): `PATH (case
//! NUMBER): reason (line L, column C)`, positions counted in the whole file. Where this
//! reader checks the syntax itself (between the values), it says what serde_json says, at
//! the position serde_json names (`tests/bundle_validate.rs` compares the two on broken
//! documents); inside a value, serde_json's own error is moved to the value's place in the
//! file.
//!
//! (Until issue 10's import measurements the document went through serde_json's reader,
//! which takes a file one byte at a time through every layer: half the reading thread's
//! time.)
//!
//! A JSON object's keys come in any order. The people and relations must be known before a
//! case can be judged, so when `cases` comes before `format`, `people` or `relations`, the
//! first pass skips it (checking its syntax only) and a second pass over the same
//! [`Source`] reads the cases — which is why a source can be opened again.

use std::io::{self, Read};

use serde::de::{self, Deserialize, DeserializeOwned, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

use super::BundleError;
use super::parse::{self, Step, Version};
use super::skim;
use crate::domain::limits::text_errors;
use crate::domain::model::{Case, Person, Relation};
/// The largest JSON text one case may take: far above any real case (a transcript holds at
/// most 100,000 characters), low enough that a runaway file cannot fill the memory.
pub const CASE_LIMIT: u64 = 64 * 1024 * 1024;
/// The same for `format`, `people` and `relations`, each.
pub const HEAD_LIMIT: u64 = 64 * 1024 * 1024;

/// The fields of a bundle, in the order they are checked for absence.
const FIELDS: &[&str] = &["format", "people", "relations", "cases"];

/// What comes before the cases: the version and the bundle's people and relations, parsed
/// (unknown fields and bad values refused) but not yet checked against anything.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    pub version: Version,
    pub people: Vec<Person>,
    pub relations: Vec<Relation>,
}

/// Whether to read on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Go,
    Stop,
}

/// Receives the bundle as it is read: the head once, then every case in file order (or the
/// first error found in it), with its index in `cases`.
pub trait CaseSink {
    type Error;
    fn head(&mut self, head: Head) -> Result<(), Self::Error>;
    fn case(&mut self, index: usize, case: Result<Case, BundleError>) -> Result<Flow, Self::Error>;
}

/// Bytes that can be read from their start more than once (see the module documentation).
pub trait Source {
    type Reader: io::BufRead;
    fn open(&mut self) -> io::Result<Self::Reader>;
}

impl<'a> Source for &'a [u8] {
    type Reader = &'a [u8];
    fn open(&mut self) -> io::Result<&'a [u8]> {
        Ok(self)
    }
}

impl<'a> Source for &'a std::fs::File {
    type Reader = io::BufReader<&'a std::fs::File>;
    fn open(&mut self) -> io::Result<Self::Reader> {
        use std::io::Seek;
        let mut f: &std::fs::File = self;
        f.seek(io::SeekFrom::Start(0))?;
        Ok(io::BufReader::with_capacity(1 << 17, f))
    }
}

/// Why reading stopped short.
#[derive(Debug)]
pub enum StreamError<E> {
    /// The document is not a valid bundle: where and why.
    Bundle(BundleError),
    /// The bytes could not be read.
    Io(io::Error),
    /// The sink refused to go on.
    Sink(E),
}

/// How reading ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every case was read.
    Finished,
    /// The sink said [`Flow::Stop`].
    Stopped,
}

/// The bounds of one value's JSON text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// One case.
    pub case: u64,
    /// `format`, `people`, `relations`, each; and a key.
    pub head: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            case: CASE_LIMIT,
            head: HEAD_LIMIT,
        }
    }
}

/// Read the bundle in `source`, handing its head and cases to `sink` (see the module
/// documentation). A leading UTF-8 byte-order mark is skipped.
pub fn read_stream<S: Source, K: CaseSink>(
    source: &mut S,
    sink: &mut K,
) -> Result<Outcome, StreamError<K::Error>> {
    read_stream_within(source, sink, Limits::default())
}

/// [`read_stream`] with other bounds.
pub fn read_stream_within<S: Source, K: CaseSink>(
    source: &mut S,
    sink: &mut K,
    limits: Limits,
) -> Result<Outcome, StreamError<K::Error>> {
    let mut state = State {
        limits,
        sink,
        second: false,
        head: Parts::default(),
        path: Vec::new(),
        stopped: false,
        deferred: false,
        index: 0,
    };
    state.pass(source)?;
    if state.stopped {
        return Ok(Outcome::Stopped);
    }
    if state.deferred {
        state.second = true;
        state.index = 0;
        state.pass(source)?;
        if state.stopped {
            return Ok(Outcome::Stopped);
        }
    }
    Ok(Outcome::Finished)
}

/// serde_json's words for the syntax errors this reader finds itself, between the values
/// (its `ErrorCode`s, which it does not export).
const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_VALUE: &str = "EOF while parsing a value";
const EXPECTED_COLON: &str = "expected `:`";
const EXPECTED_LIST_COMMA_OR_END: &str = "expected `,` or `]`";
const EXPECTED_OBJECT_COMMA_OR_END: &str = "expected `,` or `}`";
const KEY_MUST_BE_A_STRING: &str = "key must be a string";
const TRAILING_CHARACTERS: &str = "trailing characters";
const TRAILING_COMMA: &str = "trailing comma";

/// How much is read from the source at a time.
const BLOCK: usize = 1 << 18;

/// A line and a column as serde_json counts them: the line from 1; the column is the number
/// of bytes between the line's start and the place, so the first byte of a line is at
/// column 1 and the place before it at column 0.
type Place = (u64, u64);

/// The part of the document in memory, and where its bytes stand in the file. Offsets are
/// counted from the start of the text (after a byte-order mark).
struct Window<R> {
    reader: R,
    buf: Vec<u8>,
    /// The offset of `buf[0]`.
    base: u64,
    /// The offset of the next byte to read.
    at: u64,
    eof: bool,
    /// Lines are counted up to this offset; `line` is the line there, `line_start` the offset
    /// where it began.
    counted: u64,
    line: u64,
    line_start: u64,
}

impl<R: Read> Window<R> {
    fn new(reader: R) -> Self {
        Window {
            reader,
            buf: Vec::new(),
            base: 0,
            at: 0,
            eof: false,
            counted: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// The offset just past the bytes in memory.
    fn end(&self) -> u64 {
        self.base + self.buf.len() as u64
    }

    fn get(&self, offset: u64) -> Option<u8> {
        let i = usize::try_from(offset.checked_sub(self.base)?).ok()?;
        self.buf.get(i).copied()
    }

    fn slice(&self, from: u64, to: u64) -> &[u8] {
        &self.buf[(from - self.base) as usize..(to - self.base) as usize]
    }

    /// Read another block, keeping the bytes from `keep` on (what came before it is let go
    /// once it is a block or more). False when the source has ended.
    fn more(&mut self, keep: u64) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        let done = (keep.min(self.at) - self.base) as usize;
        if done >= BLOCK {
            self.count_to(self.base + done as u64);
            self.buf.drain(..done);
            self.base += done as u64;
        }
        let len = self.buf.len();
        self.buf.resize(len + BLOCK, 0);
        loop {
            match self.reader.read(&mut self.buf[len..]) {
                Ok(0) => {
                    self.buf.truncate(len);
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.buf.truncate(len + n);
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.buf.truncate(len);
                    return Err(e);
                }
            }
        }
    }

    /// Skip whitespace; the next byte, not taken, or None at the end of the text.
    fn peek(&mut self) -> io::Result<Option<u8>> {
        loop {
            while let Some(b) = self.get(self.at) {
                if matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                    self.at += 1;
                } else {
                    return Ok(Some(b));
                }
            }
            if !self.more(self.at)? {
                return Ok(None);
            }
        }
    }

    fn count_to(&mut self, offset: u64) {
        if offset <= self.counted {
            return;
        }
        let from = (self.counted - self.base) as usize;
        let to = (offset - self.base) as usize;
        for i in memchr::memchr_iter(b'\n', &self.buf[from..to]) {
            self.line += 1;
            self.line_start = self.counted + i as u64 + 1;
        }
        self.counted = offset;
    }

    /// The place of `offset` (serde_json's position of an index: after the byte before it).
    /// Places are asked for in file order, within the bytes in memory.
    fn place(&mut self, offset: u64) -> Place {
        debug_assert!(offset >= self.counted && offset <= self.end());
        self.count_to(offset.min(self.end()));
        (self.line, offset.saturating_sub(self.line_start))
    }

    /// serde_json's place for an error at the next byte (its `peek_error`): that byte's own
    /// column, or the end of the text.
    fn peek_place(&mut self) -> Place {
        let at = if self.at < self.end() {
            self.at + 1
        } else {
            self.at
        };
        self.place(at)
    }

    /// Where the value that starts at the next byte (not whitespace) ends, bracket by
    /// bracket and string by string; its syntax is serde_json's to check. At most `limit`
    /// bytes are held for it.
    fn span(&mut self, limit: u64) -> io::Result<Span> {
        let start = self.at;
        let over = |i: u64| i - start > limit;
        let first = self.get(start).unwrap_or(b' ');
        if !matches!(first, b'{' | b'[' | b'"') {
            // A number or a word: up to the byte that cannot continue it. serde_json says
            // where it really ends (and whether the next byte is allowed there).
            let mut i = start;
            loop {
                while let Some(b) = self.get(i) {
                    if matches!(
                        b,
                        b' ' | b'\n'
                            | b'\t'
                            | b'\r'
                            | b','
                            | b']'
                            | b'}'
                            | b'{'
                            | b'['
                            | b'"'
                            | b':'
                    ) {
                        return Ok(Span::Found(i));
                    }
                    i += 1;
                    if over(i) {
                        return Ok(Span::Over);
                    }
                }
                if !self.more(start)? {
                    return Ok(Span::Found(i));
                }
            }
        }
        let mut closers: Vec<u8> = Vec::new();
        let mut in_string = false;
        let mut i = start;
        loop {
            let from = (i - self.base) as usize;
            let s = self.buf.get(from..).unwrap_or_default();
            let mut k = 0;
            while k < s.len() {
                if in_string {
                    match memchr::memchr2(b'"', b'\\', &s[k..]) {
                        None => k = s.len(),
                        Some(j) if s[k + j] == b'\\' => k += j + 2,
                        Some(j) => {
                            k += j + 1;
                            in_string = false;
                            if closers.is_empty() {
                                return Ok(self.found(start, i + k as u64, limit));
                            }
                        }
                    }
                    continue;
                }
                match s[k] {
                    b'"' => in_string = true,
                    b'{' => closers.push(b'}'),
                    b'[' => closers.push(b']'),
                    b @ (b'}' | b']') => {
                        if closers.pop() != Some(b) {
                            return Ok(Span::Broken(i + k as u64 + 1));
                        }
                        if closers.is_empty() {
                            return Ok(self.found(start, i + k as u64 + 1, limit));
                        }
                    }
                    _ => {}
                }
                k += 1;
            }
            // An escape's backslash may end the block: its byte is the next block's first.
            i += k as u64;
            if over(i) {
                return Ok(Span::Over);
            }
            if !self.more(start)? {
                return Ok(Span::Ended(self.end()));
            }
        }
    }

    fn found(&self, start: u64, end: u64, limit: u64) -> Span {
        if end - start > limit {
            Span::Over
        } else {
            Span::Found(end)
        }
    }
}

/// Where a value read from the window ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    /// Its brackets close before this offset (a number or a word: it ends at most here, the
    /// byte there, if any, is in memory).
    Found(u64),
    /// A bracket that closes nothing opened, just before this offset: the text up to here
    /// shows serde_json's error.
    Broken(u64),
    /// The text ends (at this offset) inside the value.
    Ended(u64),
    /// Longer than its limit.
    Over,
}

/// How long the value at the start of `bytes` is, by serde_json, or its syntax error there.
fn raw_len(bytes: &[u8]) -> Result<usize, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let raw = <&RawValue>::deserialize(&mut de)?;
    Ok(raw.get().len())
}

/// `(line, column)` inside a value's text, moved to the file: `before` is the place just
/// before the value's first byte.
fn place_in(before: Place, line: usize, column: usize) -> Place {
    if line <= 1 {
        (before.0, before.1 + column as u64)
    } else {
        (before.0 + line as u64 - 1, column as u64)
    }
}

/// The raw text of `format`, `people` or `relations` and where it began.
struct Raw {
    text: String,
    at: Place,
}

#[derive(Default)]
struct Parts {
    format: Option<Value>,
    version: Option<Version>,
    people: Option<Raw>,
    relations: Option<Raw>,
    delivered: bool,
}

struct State<'s, K: CaseSink> {
    limits: Limits,
    sink: &'s mut K,
    /// The second pass reads only the cases.
    second: bool,
    head: Parts,
    /// Where the reader is, for errors.
    path: Vec<Step>,
    stopped: bool,
    deferred: bool,
    index: usize,
}

/// A step of the walk: done, or why reading stopped.
type Walked<E> = Result<(), StreamError<E>>;

impl<K: CaseSink> State<'_, K> {
    fn pass<S: Source>(&mut self, source: &mut S) -> Walked<K::Error> {
        let mut reader = source.open().map_err(StreamError::Io)?;
        // The first buffer of a file or a slice holds its first three bytes (unless it is
        // shorter, and then it is no bundle either way).
        let bom = loop {
            match io::BufRead::fill_buf(&mut reader) {
                Ok(buf) => break buf.starts_with(&[0xEF, 0xBB, 0xBF]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(StreamError::Io(e)),
            }
        };
        if bom {
            io::BufRead::consume(&mut reader, 3);
        }
        let w = &mut Window::new(reader);
        self.path.clear();
        // The document is an object (serde_json's `deserialize_map`).
        match w.peek().map_err(StreamError::Io)? {
            Some(b'{') => w.at += 1,
            None => return Err(self.syntax(w.peek_place(), EOF_VALUE)),
            Some(_) => return Err(self.not_an_object(w)),
        }
        let mut seen = [false; 4];
        let mut first = true;
        loop {
            self.path.clear();
            let Some(next) = self.next_item(w, &mut first, b'}')? else {
                break;
            };
            if next != b'"' {
                return Err(self.syntax(w.peek_place(), KEY_MUST_BE_A_STRING));
            }
            let key = self.key(w)?;
            let Some(k) = FIELDS.iter().position(|f| *f == key) else {
                peek(w)?;
                let at = w.place(w.at);
                return Err(self.data(de::Error::unknown_field(&key, FIELDS), at));
            };
            if seen[k] {
                peek(w)?;
                let at = w.place(w.at);
                return Err(self.data(de::Error::duplicate_field(FIELDS[k]), at));
            }
            seen[k] = true;
            self.path.push(Step::Key(key));
            match peek(w)? {
                Some(b':') => w.at += 1,
                Some(_) => return Err(self.syntax(w.peek_place(), EXPECTED_COLON)),
                None => return Err(self.syntax(w.peek_place(), EOF_OBJECT)),
            }
            if self.second {
                if k == 3 {
                    self.cases(w, true)?;
                    if self.stopped {
                        return Ok(());
                    }
                } else {
                    self.value(w)?;
                }
                continue;
            }
            match k {
                0 => {
                    let raw = self.value(w)?;
                    let v = serde_json::from_str::<Value>(&raw.text).unwrap_or(Value::Null);
                    parse::check_format(Some(&v)).map_err(StreamError::Bundle)?;
                    self.head.format = Some(v);
                }
                1 => self.head.people = Some(self.value(w)?),
                2 => self.head.relations = Some(self.value(w)?),
                _ if seen[..3].iter().all(|s| *s) => {
                    self.deliver_head()?;
                    self.cases(w, true)?;
                    if self.stopped {
                        return Ok(());
                    }
                }
                _ => {
                    // The people are not known yet: the cases are read in a second pass.
                    self.deferred = true;
                    self.cases(w, false)?;
                }
            }
        }
        self.path.clear();
        if !self.second {
            if !seen[0] {
                return Err(StreamError::Bundle(
                    parse::check_format(None).expect_err("absent"),
                ));
            }
            if let Some(k) = (1..4).find(|k| !seen[*k]) {
                let at = w.place(w.at);
                return Err(self.data(de::Error::missing_field(FIELDS[k]), at));
            }
            self.deliver_head()?;
        }
        match peek(w)? {
            None => Ok(()),
            Some(_) => Err(self.syntax(w.peek_place(), TRAILING_CHARACTERS)),
        }
    }

    /// Find the next member of an object or element of an array (`close` is its closing
    /// bracket), as serde_json's `has_next_key` and `has_next_element` do: None at the
    /// closing bracket, which is taken; else the member's first byte, not taken. `first`:
    /// nothing was read in it yet.
    fn next_item<R: Read>(
        &self,
        w: &mut Window<R>,
        first: &mut bool,
        close: u8,
    ) -> Result<Option<u8>, StreamError<K::Error>> {
        let (comma_or_end, eof) = if close == b'}' {
            (EXPECTED_OBJECT_COMMA_OR_END, EOF_OBJECT)
        } else {
            (EXPECTED_LIST_COMMA_OR_END, EOF_LIST)
        };
        let mut next = peek(w)?;
        match next {
            Some(b) if b == close => {
                w.at += 1;
                return Ok(None);
            }
            Some(b',') if !*first => {
                w.at += 1;
                next = peek(w)?;
            }
            Some(_) if *first => *first = false,
            Some(_) => return Err(self.syntax(w.peek_place(), comma_or_end)),
            None => return Err(self.syntax(w.peek_place(), eof)),
        }
        match next {
            Some(b) if b == close => Err(self.syntax(w.peek_place(), TRAILING_COMMA)),
            Some(b) => Ok(Some(b)),
            None => Err(self.syntax(w.peek_place(), EOF_VALUE)),
        }
    }

    /// A key (the next byte is its opening quote).
    fn key<R: Read>(&mut self, w: &mut Window<R>) -> Result<String, StreamError<K::Error>> {
        let (start, end, before) = self.extent(w, self.limits.head)?;
        let key = serde_json::from_slice::<String>(w.slice(start, end))
            .map_err(|e| self.serde(e, before))?;
        w.at = end;
        Ok(key)
    }

    /// The value at the next byte, its syntax checked, as text.
    fn value<R: Read>(&mut self, w: &mut Window<R>) -> Result<Raw, StreamError<K::Error>> {
        let (start, end, before) = self.extent(w, self.limits.head)?;
        let bytes = w.slice(start, end);
        let len = raw_len(bytes).map_err(|e| self.serde(e, before))?;
        let text = std::str::from_utf8(&bytes[..len]).map_err(|_| self.unreadable(before))?;
        let raw = Raw {
            text: text.to_string(),
            at: (before.0, before.1 + 1),
        };
        w.at = start + len as u64;
        Ok(raw)
    }

    /// The bytes of the value at the next byte (through the one after a number or a word)
    /// and the place before it; an error if serde_json would find one where the value
    /// breaks off, or if the value is over `limit`.
    fn extent<R: Read>(
        &mut self,
        w: &mut Window<R>,
        limit: u64,
    ) -> Result<(u64, u64, Place), StreamError<K::Error>> {
        if peek(w)?.is_none() {
            return Err(self.syntax(w.peek_place(), EOF_VALUE));
        }
        let start = w.at;
        let before = w.place(start);
        match w.span(limit).map_err(StreamError::Io)? {
            Span::Found(end) => {
                // After a number or a word, serde_json looks at the next byte.
                let scalar = !matches!(w.get(start), Some(b'{' | b'[' | b'"'));
                let end = if scalar && w.get(end).is_some() {
                    end + 1
                } else {
                    end
                };
                Ok((start, end, before))
            }
            Span::Broken(end) | Span::Ended(end) => {
                Err(match raw_len(w.slice(start, end)) {
                    Err(e) => self.serde(e, before),
                    // Unreachable: serde_json refuses a bracket that closes nothing, and a
                    // value the text ends in.
                    Ok(_) => self.unreadable(before),
                })
            }
            Span::Over => {
                // A syntax error inside the part read is found first, as before the limit.
                let held = w.end().min(start + limit);
                match raw_len(w.slice(start, held)) {
                    Err(e) if e.classify() == serde_json::error::Category::Syntax => {
                        Err(self.serde(e, before))
                    }
                    _ => Err(self.over(limit)),
                }
            }
        }
    }

    /// The `cases` array: each case read and handed over, or (`reading` false, in a first
    /// pass that does not know the people yet) only its syntax checked.
    fn cases<R: Read>(&mut self, w: &mut Window<R>, reading: bool) -> Walked<K::Error> {
        match peek(w)? {
            Some(b'[') => w.at += 1,
            None => return Err(self.syntax(w.peek_place(), EOF_VALUE)),
            Some(_) => return Err(self.not_a_list(w)),
        }
        self.index = 0;
        let mut first = true;
        loop {
            self.path.truncate(1);
            self.path.push(Step::Index(self.index));
            if self.next_item(w, &mut first, b']')?.is_none() {
                break;
            }
            self.case(w, reading)?;
            if self.stopped {
                return Ok(());
            }
            self.index += 1;
        }
        self.path.truncate(1);
        Ok(())
    }

    /// One element of `cases`.
    fn case<R: Read>(&mut self, w: &mut Window<R>, reading: bool) -> Walked<K::Error> {
        let (start, end, before) = self.extent(w, self.limits.case)?;
        let at = (before.0, before.1 + 1);
        let version = self.head.version.unwrap_or(Version::V2);
        let bytes = w.slice(start, end);
        // A case, as it almost always is: parsed at once; its syntax is looked at apart
        // only when that fails (a syntax error comes first, as when read whole).
        let whole = bytes.first() == Some(&b'{') && reading;
        let mut next = end;
        let case = match whole.then(|| std::str::from_utf8(bytes).ok()).flatten() {
            Some(text) => match read_case(text, at, self.index, version) {
                Ok(case) => Ok(case),
                Err(e) => {
                    raw_len(bytes).map_err(|s| self.serde(s, before))?;
                    Err(e)
                }
            },
            None => {
                let len = raw_len(bytes).map_err(|e| self.serde(e, before))?;
                next = start + len as u64;
                if !reading {
                    w.at = next;
                    return Ok(());
                }
                let text =
                    std::str::from_utf8(&bytes[..len]).map_err(|_| self.unreadable(before))?;
                read_case(text, at, self.index, version)
            }
        };
        w.at = next;
        match self.sink.case(self.index, case) {
            Ok(Flow::Go) => Ok(()),
            Ok(Flow::Stop) => {
                self.stopped = true;
                Ok(())
            }
            Err(e) => Err(StreamError::Sink(e)),
        }
    }

    /// The document is not an object: serde_json's syntax error if the value has one (it
    /// reads a number, a word or a string to name it), else the refusal.
    fn not_an_object<R: Read>(&mut self, w: &mut Window<R>) -> StreamError<K::Error> {
        if w.get(w.at) == Some(b'[') {
            return StreamError::Bundle(parse::not_an_object());
        }
        let (start, end, before) = match self.extent(w, self.limits.head) {
            Ok(x) => x,
            Err(StreamError::Bundle(e)) if e.reason.starts_with("invalid JSON") => {
                return StreamError::Bundle(e);
            }
            Err(StreamError::Io(e)) => return StreamError::Io(e),
            Err(_) => return StreamError::Bundle(parse::not_an_object()),
        };
        let mut de = serde_json::Deserializer::from_slice(w.slice(start, end));
        match de::Deserializer::deserialize_map(&mut de, Refuse("a culpa bundle (a JSON object)")) {
            Err(e) if e.is_syntax() || e.is_eof() => self.serde(e, before),
            _ => StreamError::Bundle(parse::not_an_object()),
        }
    }

    /// `cases` is not an array: serde_json's "invalid type" for it.
    fn not_a_list<R: Read>(&mut self, w: &mut Window<R>) -> StreamError<K::Error> {
        let (start, end, before) = if w.get(w.at) == Some(b'{') {
            // Named without being read, as serde_json does.
            let start = w.at;
            (start, start + 1, w.place(start))
        } else {
            match self.extent(w, self.limits.head) {
                Ok(x) => x,
                Err(e) => return e,
            }
        };
        let mut de = serde_json::Deserializer::from_slice(w.slice(start, end));
        match de::Deserializer::deserialize_seq(&mut de, Refuse("a sequence")) {
            Ok(()) => self.unreadable(before),
            Err(e) => self.serde(e, before),
        }
    }

    /// A syntax error found here, in serde_json's words, at `at`.
    fn syntax(&self, at: Place, msg: &str) -> StreamError<K::Error> {
        StreamError::Bundle(BundleError::new(
            parse::render(&self.path),
            None,
            format!(
                "invalid JSON at line {}, column {}: {msg}; fix the syntax there",
                at.0, at.1
            ),
        ))
    }

    /// serde_json's error in a value whose first byte follows `before`.
    fn serde(&self, e: serde_json::Error, before: Place) -> StreamError<K::Error> {
        let at = place_in(before, e.line(), e.column());
        if e.is_data() {
            return self.data(e, at);
        }
        if e.is_io() {
            return StreamError::Io(e.into());
        }
        self.syntax(at, &parse::bare_message(&e))
    }

    /// A value of the wrong kind, a field unknown, twice or missing (serde's words, made
    /// the bundle's by `parse::explain`), at `at`.
    fn data(&self, e: serde_json::Error, at: Place) -> StreamError<K::Error> {
        let msg = parse::bare_message(&e);
        let mut steps = self.path.clone();
        let why = parse::explain(&msg, &mut steps, None, 0);
        StreamError::Bundle(BundleError::new(
            parse::render(&steps),
            None,
            format!("{why} (line {}, column {})", at.0, at.1),
        ))
    }

    /// Text that is not UTF-8 where serde_json let it pass (it checks strings it keeps).
    fn unreadable(&self, before: Place) -> StreamError<K::Error> {
        self.syntax(
            (before.0, before.1 + 1),
            "the value here is not valid UTF-8 text",
        )
    }

    fn over(&self, limit: u64) -> StreamError<K::Error> {
        let what = if self.path.len() >= 2 {
            "case"
        } else {
            "value"
        };
        let limit = if limit >= 1024 * 1024 {
            format!("{} MiB", limit / (1024 * 1024))
        } else {
            format!("{limit} bytes")
        };
        StreamError::Bundle(BundleError::new(
            parse::render(&self.path),
            None,
            format!(
                "this {what} is larger than the limit of {limit} of JSON text; no real record is this large: check that this is the file you meant"
            ),
        ))
    }

    /// Parse the head and hand it to the sink (once).
    fn deliver_head(&mut self) -> Walked<K::Error> {
        if self.head.delivered {
            return Ok(());
        }
        self.head.delivered = true;
        let head = self.parse_head().map_err(StreamError::Bundle)?;
        self.sink.head(head).map_err(StreamError::Sink)
    }

    fn parse_head(&mut self) -> Result<Head, BundleError> {
        let version = parse::check_format(self.head.format.as_ref())?;
        let none = &mut |_: &Value| None;
        fn text(r: &Option<Raw>) -> (&str, Place) {
            r.as_ref()
                .map_or(("[]", (1, 1)), |r| (r.text.as_str(), r.at))
        }
        let (people_text, at) = text(&self.head.people);
        let people: Vec<Person> = typed(people_text, at, vec![Step::Key("people".into())], none)?;
        let (relations_text, at) = text(&self.head.relations);
        let relations: Vec<Relation> = typed(
            relations_text,
            at,
            vec![Step::Key("relations".into())],
            none,
        )?;
        // No NUL, nothing over-long (`limits.rs`), named by the bundle's own path.
        for (value, path) in [
            (self.head.format.clone().unwrap_or_default(), "format"),
            (
                serde_json::from_str(people_text).unwrap_or_default(),
                "people",
            ),
            (
                serde_json::from_str(relations_text).unwrap_or_default(),
                "relations",
            ),
        ] {
            if let Some(e) = text_errors(&value, path).into_iter().next() {
                return Err(e);
            }
        }
        self.head.version = Some(version);
        Ok(Head {
            version,
            people,
            relations,
        })
    }
}

/// [`Window::peek`], its read error the reader's.
fn peek<R: Read, E>(w: &mut Window<R>) -> Result<Option<u8>, StreamError<E>> {
    w.peek().map_err(StreamError::Io)
}

/// A visitor that takes nothing: serde_json names what it found instead ("invalid type:
/// …, expected …").
struct Refuse(&'static str);

impl<'de> Visitor<'de> for Refuse {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// Parse `text` (which began at `at`, at path `prefix`) strictly as a `T`; an error names the
/// path, the case (`number` of the raw value), the reason and the file position.
fn typed<T: DeserializeOwned>(
    text: &str,
    at: (u64, u64),
    prefix: Vec<Step>,
    number: &mut dyn FnMut(&Value) -> Option<String>,
) -> Result<T, BundleError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let err = match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(v) => return Ok(v),
        Err(err) => err,
    };
    let raw: Option<Value> = serde_json::from_str(text).ok();
    let skip = prefix.len();
    let mut steps = prefix;
    steps.extend(parse::steps(err.path()));
    let inner = err.inner();
    let msg = parse::bare_message(inner);
    let why = parse::explain(&msg, &mut steps, raw.as_ref(), skip);
    // `at` is the value's first byte; `place_in` counts from the place before it.
    let (line, column) = place_in((at.0, at.1.saturating_sub(1)), inner.line(), inner.column());
    Err(BundleError {
        path: parse::render(&steps),
        case: raw.as_ref().and_then(number),
        reason: format!("{why} (line {line}, column {column})"),
    })
}

/// One case's text, strictly: the typed parse, the fields of its version, the `/1` mapping,
/// and the text limits (`limits.rs`).
fn read_case(text: &str, at: (u64, u64), i: usize, version: Version) -> Result<Case, BundleError> {
    let number = |v: &Value| v.get("number").and_then(Value::as_str).map(str::to_string);
    let steps = vec![Step::Key("cases".into()), Step::Index(i)];
    let mut case: Case = typed(text, at, steps, &mut |v| number(v))?;
    // The checks on the raw value, unless one walk of the text vouches that they pass.
    if !skim::clean(text, version) {
        let raw: Value = serde_json::from_str(text).unwrap_or_default();
        parse::version_fields(&raw, i, version)?;
        if let Some(mut e) = text_errors(&raw, &format!("cases[{i}]")).into_iter().next() {
            e.case = Some(case.number.clone());
            return Err(e);
        }
    }
    if version == Version::V1 {
        parse::map_v1(&mut case);
    }
    Ok(case)
}
