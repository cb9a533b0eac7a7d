//! Reading a bundle case by case (issue 10): the document is read from a byte stream with
//! serde_json's reader, the top-level object and the `cases` array are walked by hand
//! (visitors), and each case is captured as its own JSON text, parsed strictly and handed to a
//! [`CaseSink`] before the next one is read. Memory holds the people, the relations and one
//! case — never the document.
//!
//! Errors are the same as for a document read whole (`parse.rs` phrases them): `PATH (case
//! NUMBER): reason (line L, column C)`, positions counted in the whole file.
//!
//! A JSON object's keys come in any order. The people and relations must be known before a
//! case can be judged, so when `cases` comes before `format`, `people` or `relations`, the
//! first pass skips it (checking its syntax only) and a second pass over the same
//! [`Source`] reads the cases — which is why a source can be opened again.

use std::cell::Cell;
use std::io::{self, Read};
use std::rc::Rc;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::Value;
use serde_json::value::RawValue;

use super::BundleError;
use super::parse::{self, Step, Version};
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
        track: Rc::new(Track::default()),
        second: false,
        head: Parts::default(),
        path: Vec::new(),
        fail: None,
        stopped: false,
        deferred: false,
        entered: false,
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

/// Where the reader is, as serde_json counts (line from 1; column = bytes since the last
/// newline, so the first byte of a line is column 1), and how much a section has taken.
#[derive(Default)]
struct Track {
    line: Cell<u64>,
    col: Cell<u64>,
    last: Cell<u8>,
    /// Record the position of the next byte that is not whitespace into `start`.
    armed: Cell<bool>,
    start: Cell<(u64, u64)>,
    taken: Cell<u64>,
    section_start: Cell<u64>,
    /// 0: no limit.
    section_limit: Cell<u64>,
    over: Cell<bool>,
}

impl Track {
    fn reset(&self) {
        self.line.set(1);
        self.col.set(0);
        self.last.set(b' ');
        self.armed.set(false);
        self.taken.set(0);
        self.section_limit.set(0);
        self.over.set(false);
    }

    /// Called as a value's deserialization begins: serde_json has already taken the first
    /// byte of an array element (to see that one follows), but only the colon before an
    /// object's value.
    fn mark_start(&self, limit: u64) {
        let last = self.last.get();
        if matches!(last, b' ' | b'\t' | b'\n' | b'\r' | b':') {
            self.armed.set(true);
            self.section_start.set(self.taken.get());
        } else {
            self.start.set((self.line.get(), self.col.get()));
            self.section_start.set(self.taken.get().saturating_sub(1));
        }
        self.section_limit.set(limit);
    }

    fn end_section(&self) {
        self.section_limit.set(0);
    }
}

/// The reader serde_json reads through: counts lines, columns and bytes.
struct Counting<R> {
    inner: R,
    track: Rc<Track>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let t = &*self.track;
        let (mut line, mut col) = (t.line.get(), t.col.get());
        for &b in &buf[..n] {
            if b == b'\n' {
                line += 1;
                col = 0;
            } else {
                col += 1;
            }
            if t.armed.get() && !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                t.armed.set(false);
                t.start.set((line, col));
            }
        }
        if n > 0 {
            t.last.set(buf[n - 1]);
        }
        t.line.set(line);
        t.col.set(col);
        let taken = t.taken.get() + n as u64;
        t.taken.set(taken);
        let limit = t.section_limit.get();
        if limit > 0 && taken - t.section_start.get() > limit {
            t.over.set(true);
            return Err(io::Error::other("section over its limit"));
        }
        Ok(n)
    }
}

/// A raw value and where it began.
struct Raw {
    text: Box<RawValue>,
    at: (u64, u64),
}

#[derive(Default)]
struct Parts {
    format: Option<Value>,
    version: Option<Version>,
    people: Option<Raw>,
    relations: Option<Raw>,
    delivered: bool,
}

/// A failure that is not serde's, kept while serde unwinds.
enum Fail<E> {
    Bundle(BundleError),
    Sink(E),
}

struct State<'s, K: CaseSink> {
    limits: Limits,
    sink: &'s mut K,
    track: Rc<Track>,
    /// The second pass reads only the cases.
    second: bool,
    head: Parts,
    /// Where the reader is, for errors.
    path: Vec<Step>,
    fail: Option<Fail<K::Error>>,
    stopped: bool,
    deferred: bool,
    entered: bool,
    index: usize,
}

/// The message serde carries while a failure of ours unwinds.
const UNWIND: &str = "culpa: stopped reading";

impl<K: CaseSink> State<'_, K> {
    fn pass<S: Source>(&mut self, source: &mut S) -> Result<(), StreamError<K::Error>> {
        let mut reader = source.open().map_err(StreamError::Io)?;
        // The first buffer of a file or a slice holds its first three bytes (unless it is
        // shorter, and then it is no bundle either way). Skipped in the buffer, not chained
        // around the reader: serde_json reads a byte at a time, through every layer.
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
        self.track.reset();
        let counting = Counting {
            inner: reader,
            track: Rc::clone(&self.track),
        };
        let mut de = serde_json::Deserializer::from_reader(counting);
        self.entered = false;
        let result = de::Deserializer::deserialize_map(&mut de, Top(self))
            .and_then(|()| if self.stopped { Ok(()) } else { de.end() });
        match result {
            Ok(()) => Ok(()),
            Err(_) if self.stopped => Ok(()),
            Err(e) => Err(self.error(e)),
        }
    }

    fn error(&mut self, e: serde_json::Error) -> StreamError<K::Error> {
        match self.fail.take() {
            Some(Fail::Bundle(b)) => return StreamError::Bundle(b),
            Some(Fail::Sink(s)) => return StreamError::Sink(s),
            None => {}
        }
        let path = parse::render(&self.path);
        if self.track.over.get() {
            let what = if self.path.len() >= 2 {
                "case"
            } else {
                "value"
            };
            let limit = self.track.section_limit.get();
            let limit = if limit >= 1024 * 1024 {
                format!("{} MiB", limit / (1024 * 1024))
            } else {
                format!("{limit} bytes")
            };
            return StreamError::Bundle(BundleError::new(
                path,
                None,
                format!(
                    "this {what} is larger than the limit of {limit} of JSON text; no real record is this large: check that this is the file you meant"
                ),
            ));
        }
        let msg = parse::bare_message(&e);
        let reason = match e.classify() {
            serde_json::error::Category::Io => return StreamError::Io(e.into()),
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => format!(
                "invalid JSON at line {}, column {}: {msg}; fix the syntax there",
                e.line(),
                e.column()
            ),
            serde_json::error::Category::Data if !self.entered => {
                return StreamError::Bundle(parse::not_an_object());
            }
            serde_json::error::Category::Data => {
                let mut steps = self.path.clone();
                let why = parse::explain(&msg, &mut steps, None, 0);
                return StreamError::Bundle(BundleError::new(
                    parse::render(&steps),
                    None,
                    format!("{why} (line {}, column {})", e.line(), e.column()),
                ));
            }
        };
        StreamError::Bundle(BundleError::new(path, None, reason))
    }

    /// Stop serde with a failure of ours.
    fn unwind<E: de::Error>(&mut self, fail: Fail<K::Error>) -> E {
        self.fail = Some(fail);
        E::custom(UNWIND)
    }

    /// Parse the head and hand it to the sink (once).
    fn deliver_head<E: de::Error>(&mut self) -> Result<(), E> {
        if self.head.delivered {
            return Ok(());
        }
        self.head.delivered = true;
        match self.parse_head() {
            Ok(head) => self.sink.head(head).map_err(|e| self.unwind(Fail::Sink(e))),
            Err(b) => Err(self.unwind(Fail::Bundle(b))),
        }
    }

    fn parse_head(&mut self) -> Result<Head, BundleError> {
        let version = parse::check_format(self.head.format.as_ref())?;
        let none = &mut |_: &Value| None;
        fn text(r: &Option<Raw>) -> (&str, (u64, u64)) {
            r.as_ref().map_or(("[]", (1, 1)), |r| (r.text.get(), r.at))
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

/// Translate a position inside a value's own text (which began at `at` in the file) to the
/// file's.
fn shift(at: (u64, u64), line: usize, column: usize) -> (u64, u64) {
    if line <= 1 {
        (at.0, at.1 + (column as u64).saturating_sub(1))
    } else {
        (at.0 + line as u64 - 1, column as u64)
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
    let (line, column) = shift(at, inner.line(), inner.column());
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
    let raw: Value = serde_json::from_str(text).unwrap_or_default();
    parse::version_fields(&raw, i, version)?;
    if version == Version::V1 {
        parse::map_v1(&mut case);
    }
    if let Some(mut e) = text_errors(&raw, &format!("cases[{i}]")).into_iter().next() {
        e.case = Some(case.number.clone());
        return Err(e);
    }
    Ok(case)
}

/// The top-level object.
struct Top<'a, 's, K: CaseSink>(&'a mut State<'s, K>);

impl<'de, K: CaseSink> Visitor<'de> for Top<'_, '_, K> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a culpa bundle (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let st = self.0;
        st.entered = true;
        let mut seen = [false; 4];
        loop {
            st.path.clear();
            let track = Rc::clone(&st.track);
            track.mark_start(st.limits.head);
            let Some(key) = map.next_key::<String>()? else {
                break;
            };
            track.end_section();
            let Some(k) = FIELDS.iter().position(|f| *f == key) else {
                return Err(de::Error::unknown_field(&key, FIELDS));
            };
            if seen[k] {
                return Err(de::Error::duplicate_field(FIELDS[k]));
            }
            seen[k] = true;
            st.path.push(Step::Key(key.clone()));
            if st.second {
                if k == 3 {
                    map.next_value_seed(Cases(st))?;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
                continue;
            }
            match k {
                0 => {
                    track.mark_start(st.limits.head);
                    let v: Value = map.next_value()?;
                    track.end_section();
                    if let Err(e) = parse::check_format(Some(&v)) {
                        return Err(st.unwind(Fail::Bundle(e)));
                    }
                    st.head.format = Some(v);
                }
                1 | 2 => {
                    track.mark_start(st.limits.head);
                    let text: Box<RawValue> = map.next_value()?;
                    track.end_section();
                    let raw = Some(Raw {
                        text,
                        at: track.start.get(),
                    });
                    if k == 1 {
                        st.head.people = raw;
                    } else {
                        st.head.relations = raw;
                    }
                }
                _ if seen[..3].iter().all(|s| *s) => {
                    st.deliver_head()?;
                    map.next_value_seed(Cases(st))?;
                }
                _ => {
                    // The people are not known yet: the cases are read in a second pass.
                    st.deferred = true;
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        st.path.clear();
        st.track.end_section();
        if st.second {
            return Ok(());
        }
        if !seen[0] {
            return Err(st.unwind(Fail::Bundle(parse::check_format(None).expect_err("absent"))));
        }
        if let Some(k) = (1..4).find(|k| !seen[*k]) {
            return Err(de::Error::missing_field(FIELDS[k]));
        }
        st.deliver_head()
    }
}

/// The `cases` array.
struct Cases<'a, 's, K: CaseSink>(&'a mut State<'s, K>);

impl<'de, K: CaseSink> DeserializeSeed<'de> for Cases<'_, '_, K> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, K: CaseSink> Visitor<'de> for Cases<'_, '_, K> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let st = self.0;
        loop {
            st.path.truncate(1);
            st.path.push(Step::Index(st.index));
            if seq.next_element_seed(OneCase(&mut *st))?.is_none() {
                break;
            }
            st.index += 1;
        }
        st.path.truncate(1);
        Ok(())
    }
}

/// One element of `cases`.
struct OneCase<'a, 's, K: CaseSink>(&'a mut State<'s, K>);

impl<'de, K: CaseSink> DeserializeSeed<'de> for OneCase<'_, '_, K> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let st = self.0;
        let track = Rc::clone(&st.track);
        track.mark_start(st.limits.case);
        let text = <Box<RawValue> as de::Deserialize>::deserialize(d)?;
        track.end_section();
        let version = st.head.version.unwrap_or(Version::V2);
        let case = read_case(text.get(), track.start.get(), st.index, version);
        drop(text);
        match st.sink.case(st.index, case) {
            Ok(Flow::Go) => Ok(()),
            Ok(Flow::Stop) => {
                st.stopped = true;
                Err(de::Error::custom(UNWIND))
            }
            Err(e) => Err(st.unwind(Fail::Sink(e))),
        }
    }
}
