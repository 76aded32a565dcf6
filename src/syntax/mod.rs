//! Bytes to lossless syntax tree. Parsing never fails: every problem becomes
//! a [`SyntaxError`] beside the tree, and the tree still holds every byte.

pub mod error;
pub mod line;
#[cfg(test)]
mod reference;
mod scan;
pub mod tree;

pub use error::{ErrorKind, SyntaxError};
pub use tree::{Line, LineKind, Node, Section, SyntaxTree};

use crate::source::Span;

/// The result of parsing: the tree and every syntax error, in file order.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Parsed {
    /// The lossless tree.
    pub tree: SyntaxTree,
    /// Syntax errors, in file order (corosync would report only the first).
    pub errors: Vec<SyntaxError>,
}

/// A section whose closing line has not been read yet.
struct OpenSection {
    /// Its opening line.
    open: Line,
    /// Where its children are being collected.
    children: Collecting,
}

/// Where the children of an open section are being collected.
enum Collecting {
    /// In a vector of their own, [`TreeBuilder::nodes`]; `outer` is the
    /// enclosing level's vector, put aside meanwhile.
    Own { outer: Vec<Node> },
    /// On the shared scratch stack, from `first_child` on. `outer` is the
    /// enclosing level's own vector if the scratch stack had to be swapped
    /// in for this section.
    Stacked { first_child: usize, outer: Option<Vec<Node>> },
}

/// The tree while it is being read. New nodes go to `nodes`: either the
/// shared scratch stack (the top level, then the children of each open
/// section, innermost last; a section's children are copied out when it
/// closes), or, for a section that follows a sibling section of the same
/// name, a vector of its own that starts with that sibling's number of
/// children (a nodelist's nodes): no copy, no growth.
struct TreeBuilder<'a> {
    src: &'a [u8],
    /// The sections not closed yet, innermost last.
    open: Vec<OpenSection>,
    /// Where new nodes go.
    nodes: Vec<Node>,
    /// The scratch stack while `nodes` is a section's own vector.
    scratch: Vec<Node>,
    /// The name and number of children of the last section closed at the
    /// current level.
    last_closed: (Span, usize),
    /// The text of the last line read.
    last_text: Span,
    /// Sections opened beyond [`MAX_DEPTH`] and not closed yet: their lines
    /// are kept as error nodes of the deepest section (see [`MAX_DEPTH`]).
    too_deep: u32,
}

/// The deepest nesting of sections the tree holds. corosync's parser
/// recurses once per section (`parse_section(..., depth + 1, ...)` in
/// `exec/coroparse.c`), but its 255-byte cmap path limit stops it long
/// before this: every level adds at least one byte (`.` or the name), so a
/// section at this depth always has a path of 255 bytes or more and
/// corosync refuses the file (`Start of section makes total cmap path too
/// long`, at depth 128 at the latest for one-byte names). Deeper lines are
/// kept byte for byte as [`Node::Error`] children of the deepest section,
/// with one `path-too-long` error at the first of them, so that nothing
/// above (cmap view, rules, formatter, renderers) ever recurses deeper.
pub const MAX_DEPTH: usize = 256;

impl TreeBuilder<'_> {
    /// Opens a section.
    #[inline]
    fn open(&mut self, open: Line) {
        let (last_name, last_len) = self.last_closed;
        let name = tree::section_name(&open);
        let children = if last_len > 0 && self.src.get(name.range()) == self.src.get(last_name.range()) {
            Collecting::Own { outer: std::mem::replace(&mut self.nodes, Vec::with_capacity(last_len)) }
        } else if let Collecting::Own { .. } =
            self.open.last().map_or(&Collecting::Stacked { first_child: 0, outer: None }, |s| &s.children)
        {
            let outer = std::mem::replace(&mut self.nodes, std::mem::take(&mut self.scratch));
            Collecting::Stacked { first_child: self.nodes.len(), outer: Some(outer) }
        } else {
            Collecting::Stacked { first_child: self.nodes.len(), outer: None }
        };
        self.last_closed = (Span::new(0, 0), 0);
        self.open.push(OpenSection { open, children });
    }

    /// Closes the innermost open section with `close` and adds it to the
    /// enclosing level; gives `close` back if no section is open.
    #[inline]
    fn close(&mut self, close: Option<Line>) -> Result<(), Option<Line>> {
        let Some(OpenSection { open, children }) = self.open.pop() else {
            return Err(close);
        };
        let children = match children {
            Collecting::Own { outer } => {
                let mut children = std::mem::replace(&mut self.nodes, outer);
                // A guess far too large gives its room back.
                if children.capacity() > 2 * children.len() + 8 {
                    children.shrink_to_fit();
                }
                children
            }
            Collecting::Stacked { first_child, outer } => {
                let children = self.nodes.split_off(first_child);
                if let Some(outer) = outer {
                    self.scratch = std::mem::replace(&mut self.nodes, outer);
                }
                children
            }
        };
        self.last_closed = (tree::section_name(&open), children.len());
        self.nodes.push(Node::Section(Box::new(Section { open, children, close })));
        Ok(())
    }
}

impl line::LineSink for TreeBuilder<'_> {
    // Inlined into every place the scanner hands over a line, most of which
    // know the line's kind: the match below then costs nothing there.
    #[inline(always)]
    fn line(&mut self, line: Line, errors: &mut Vec<SyntaxError>) {
        self.last_text = line.text;
        if self.too_deep > 0 {
            self.too_deep_line(line);
            return;
        }
        let node = match line.kind {
            LineKind::Blank | LineKind::Comment { .. } => Node::Trivia(line),
            LineKind::Pair { .. } => Node::Pair(line),
            LineKind::Invalid => Node::Error(line),
            LineKind::Open { .. } if self.open.len() < MAX_DEPTH => {
                self.open(line);
                return;
            }
            LineKind::Open { .. } => {
                self.start_too_deep(line, errors);
                return;
            }
            LineKind::Close { brace } => match self.close(Some(line)) {
                Ok(()) => return,
                Err(line) => {
                    report_unexpected_close(errors, brace);
                    match line {
                        Some(line) => Node::Error(line),
                        None => return,
                    }
                }
            },
        };
        self.nodes.push(node);
    }
}

impl TreeBuilder<'_> {
    /// An opening line at [`MAX_DEPTH`]: kept as an error node, reported once.
    #[cold]
    #[inline(never)]
    fn start_too_deep(&mut self, line: Line, errors: &mut Vec<SyntaxError>) {
        errors.push(too_deep_error(&line));
        self.too_deep = 1;
        self.nodes.push(Node::Error(line));
    }

    /// A line inside a section opened beyond [`MAX_DEPTH`]: kept as an
    /// error node; braces are counted so that the deepest section closes at
    /// its own `}`.
    #[cold]
    #[inline(never)]
    fn too_deep_line(&mut self, line: Line) {
        match line.kind {
            LineKind::Open { .. } => self.too_deep += 1,
            LineKind::Close { .. } => self.too_deep -= 1,
            _ => {}
        }
        self.nodes.push(Node::Error(line));
    }
}

/// The error at the first section opened beyond [`MAX_DEPTH`].
pub(crate) fn too_deep_error(line: &Line) -> SyntaxError {
    SyntaxError::new(
        ErrorKind::PathTooLong,
        line.text,
        "Start of section makes total cmap path too long",
        format!("sections nested more than {MAX_DEPTH} deep"),
    )
    .with_help(format!(
        "corosync refuses cmap paths of 255 bytes or more, so no section can be nested this deep; \
         corolint keeps the lines below depth {MAX_DEPTH} as they are and does not read them"
    ))
}

#[cold]
#[inline(never)]
fn report_unexpected_close(errors: &mut Vec<SyntaxError>, brace: u32) {
    errors.push(
        SyntaxError::new(
            ErrorKind::UnexpectedCloseBrace,
            Span::byte(brace),
            "Unexpected closing brace",
            "no open section to close",
        )
        .with_help("remove this `}` or add the missing `name {` line above"),
    );
}

/// Parses corosync.conf bytes the way corosync 3.1.7 reads them.
///
/// Spans hold `u32` offsets. Callers refuse inputs of 4 GiB or more when
/// reading them ([`crate::source::check_input_len`]); given such a slice
/// anyway, `parse` does not panic: it reads only the first
/// [`crate::source::MAX_INPUT_LEN`] bytes (4 GiB - 1), so printing the tree
/// gives back that prefix.
pub fn parse(src: &[u8]) -> Parsed {
    parse_lines(src, line::lines(src))
}

/// [`parse`] over the lines `lines` yields (the lines of `src`).
#[inline]
fn parse_lines(src: &[u8], lines: line::Lines<'_>) -> Parsed {
    let mut errors = Vec::new();
    // The top level starts in a scratch vector sized for the worst case of
    // a realistic file (one node per 16 bytes); only the pages used are
    // touched. See the end of the function for why it is this large.
    let mut tree = TreeBuilder {
        src,
        open: Vec::new(),
        nodes: Vec::with_capacity(src.len() / 16 + 16),
        scratch: Vec::new(),
        last_closed: (Span::new(0, 0), 0),
        last_text: Span::new(0, 0),
        too_deep: 0,
    };
    lines.classify_each(&mut errors, &mut tree);

    if let Some(innermost) = tree.open.last() {
        let name = tree::section_name(&innermost.open);
        let name_text = crate::source::display_bytes(&src[name.range()]);
        errors.push(
            SyntaxError::new(ErrorKind::MissingCloseBrace, tree.last_text, "Missing closing brace", "file ends here")
                .with_related(innermost.open.text, format!("section `{name_text}` opened here is never closed"))
                .with_help(format!(
                    "add `}}` to close `{name_text}`; corosync reports this at the last line of the file"
                )),
        );
    }
    while tree.close(None).is_ok() {}
    // The top-level nodes move into a vector of their exact size and the
    // scratch vector is freed whole. (With glibc, a large scratch vector is
    // an mmap whose release raises the heap trim threshold, so a program
    // that parses again and again keeps reusing its heap instead of handing
    // it back and page-faulting it in on every parse.)
    let top = if tree.nodes.len() > src.len() / 16 + 16 {
        // The file had more top-level lines than the guess (blank lines,
        // comments): the vector grew by doubling, and a copy would hold both
        // at once. Give the spare room back in place instead.
        let mut nodes = std::mem::take(&mut tree.nodes);
        nodes.shrink_to_fit();
        nodes
    } else {
        let mut top = Vec::with_capacity(tree.nodes.len());
        top.append(&mut tree.nodes);
        top
    };

    Parsed { tree: SyntaxTree { nodes: top }, errors }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_structure() {
        let src = b"# c\ntotem {\n\tversion: 2\r\n  interface {\n linknumber: 0\n }\n}\nlogging {\n";
        let p = parse(src);
        assert_eq!(p.tree.print(src), src.to_vec());
        assert_eq!(p.tree.nodes.len(), 3);
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].kind, ErrorKind::MissingCloseBrace);
    }

    #[test]
    fn unexpected_close_is_kept() {
        let src = b"}\nfoo: bar\n";
        let p = parse(src);
        assert_eq!(p.errors[0].kind, ErrorKind::UnexpectedCloseBrace);
        assert_eq!(p.tree.print(src), src.to_vec());
    }

    /// Parses `src` with the parser and with the reference (the previous,
    /// scan-several-times implementation) and requires the same tree and errors.
    fn same_as_reference(src: &[u8]) -> Result<(), proptest::test_runner::TestCaseError> {
        let parsed = parse(src);
        let (tree, errors) = reference::parse(src);
        proptest::prop_assert_eq!(&parsed.tree, &tree, "tree differs for {:?}", String::from_utf8_lossy(src));
        proptest::prop_assert_eq!(&parsed.errors, &errors, "errors differ for {:?}", String::from_utf8_lossy(src));
        proptest::prop_assert_eq!(parsed.tree.print(src), src.to_vec());
        Ok(())
    }

    /// Pieces of lines that exercise every branch of the classifier.
    fn piece() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        prop_oneof![
            Just(b"{".to_vec()),
            Just(b"}".to_vec()),
            Just(b":".to_vec()),
            Just(b"#".to_vec()),
            Just(b"\n".to_vec()),
            Just(b"\r".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b" ".to_vec()),
            Just(b"\t".to_vec()),
            Just(b"\0".to_vec()),
            Just(b"=".to_vec()),
            Just(b"\\".to_vec()),
            Just(b"totem".to_vec()),
            Just(b"version".to_vec()),
            Just(b"10.0.0.1".to_vec()),
            Just(vec![0xA0]),
            any::<u8>().prop_map(|b| vec![b]),
            // Around corosync's 510-byte line limit (also with CR and NUL near it).
            (495usize..515).prop_map(|n| vec![b'x'; n]),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 2048, ..Default::default() })]

        #[test]
        fn same_as_reference_on_grammar_pieces(pieces in proptest::collection::vec(piece(), 0..40)) {
            same_as_reference(&pieces.concat())?;
        }

        #[test]
        fn same_as_reference_on_random_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
            same_as_reference(&bytes)?;
        }

        #[test]
        fn same_as_reference_on_config_lines(lines in proptest::collection::vec(config_line(), 0..120)) {
            same_as_reference(&lines.concat())?;
        }
    }

    /// Whole config lines: the shapes the scanner classifies from its masks
    /// and the ones next to them (blanks or CR at the end, a second colon,
    /// lengths around the 64-byte window, lines that cross a block), and
    /// sections that often share a name (the sibling-size guess).
    fn config_line() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        let name = proptest::sample::select(vec!["node", "interface", "totem", "nodelist", "n"]);
        prop_oneof![
            4 => ("[ \t]{0,6}", "[a-z_]{1,12}", "[ \t]{0,2}", "[ \t]{0,3}", "[a-z0-9.:{}]{0,70}", "[ \t\r]{0,2}")
                .prop_map(|(i, k, b, a, v, t)| format!("{i}{k}{b}:{a}{v}{t}\n").into_bytes()),
            3 => ("[ \t]{0,4}", name, "[ \t:]{0,2}", "[ \t\r]{0,2}")
                .prop_map(|(i, n, b, t)| format!("{i}{n}{b}{{{t}\n").into_bytes()),
            3 => ("[ \t]{0,4}", "[ \t\r]{0,2}").prop_map(|(i, t)| format!("{i}}}{t}\n").into_bytes()),
            1 => Just(b"\n".to_vec()),
            1 => ("[ \t]{0,4}", "[ -~]{0,90}").prop_map(|(i, c)| format!("{i}#{c}\n").into_bytes()),
            1 => "[ -~]{0,80}\n?".prop_map(String::into_bytes),
        ]
    }

    /// The parse of `src` with the masks of every arm: the portable one
    /// first, then SSE2 (x86_64) and what the CPU offers (AVX2 where it has it).
    fn same_on_every_mask_arm(src: &[u8]) -> Result<(), proptest::test_runner::TestCaseError> {
        use scan::Simd;
        let portable = parse_lines(src, line::lines_with(src, Simd::portable()));
        for simd in [Simd::default(), Simd::detect()] {
            let parsed = parse_lines(src, line::lines_with(src, simd));
            let shown = String::from_utf8_lossy(src);
            proptest::prop_assert_eq!(&parsed.tree, &portable.tree, "{:?}: tree differs for {:?}", simd, shown);
            proptest::prop_assert_eq!(&parsed.errors, &portable.errors, "{:?}: errors differ for {:?}", simd, shown);
        }
        Ok(())
    }

    /// Every real corpus file (the test fails without them) and the generated
    /// bench files parse the same with the portable masks as with SIMD.
    #[test]
    fn portable_and_simd_masks_parse_the_corpus_alike() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = root.join("testdata/corpus/real");
        let mut files: Vec<Vec<u8>> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("directory entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "conf"))
            .map(|p| std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
            .collect();
        assert!(files.len() >= 125, "{}: {} files, expected the 125 real ones", dir.display(), files.len());
        files.push(crate::bench_data::large_config(384, 8));
        files.push(crate::bench_data::small_cluster(7, 3, 5, 3000));
        for src in &files {
            if let Err(e) = same_on_every_mask_arm(src) {
                panic!("{e}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 512, ..Default::default() })]

        #[test]
        fn portable_and_simd_masks_parse_alike(lines in proptest::collection::vec(config_line(), 0..120),
                                               bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            same_on_every_mask_arm(&lines.concat())?;
            same_on_every_mask_arm(&bytes)?;
        }
    }

    #[test]
    fn same_as_reference_on_the_corpus_and_bench_files() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = vec![
            crate::bench_data::large_config(384, 8),
            crate::bench_data::small_cluster(7, 3, 5, 3000),
            std::fs::read(root.join("testdata/bench/pve-3node-qdevice.conf")).unwrap_or_default(),
        ];
        if let Ok(dir) = std::fs::read_dir(root.join("testdata/corpus/real")) {
            files.extend(dir.filter_map(Result::ok).filter_map(|e| std::fs::read(e.path()).ok()));
        }
        for src in &files {
            if let Err(e) = same_as_reference(src) {
                panic!("{e}");
            }
        }
    }

    #[test]
    fn same_as_reference_on_edge_lines() {
        let long = |n: usize| vec![b'x'; n];
        let cases: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"\n".to_vec(),
            b"\0".to_vec(),
            b"\r\0x\n".to_vec(),
            b"a\r\0{\n".to_vec(),
            b"a\0{\n}".to_vec(),
            b"a: b\0".to_vec(),
            b"totem {\0}\n}\n".to_vec(),
            b"totem {\n\0\n".to_vec(),
            b"}\n}\n".to_vec(),
            b"a {\nb {\nc {\n".to_vec(),
            b"  {  \n".to_vec(),
            b":{\n: x\n:x\n".to_vec(),
            // Same-named siblings with fewer, more and no children, nested, unclosed.
            b"a {\nn {\nk: 1\nk: 2\nk: 3\n}\nn {\nk: 1\n}\nn {\n}\nn {\nk: 1\nk: 2\nk: 3\nk: 4\nk: 5\n}\n}\n".to_vec(),
            b"n {\nn {\nn {\nk: 1\n}\n}\nn {\nk: 2\nn {\n}\n}\n}\nn {\nx {\ny: 1\n}\nx {\n".to_vec(),
            b"n {\nk: 1\n}\nn {\nk: 1\n}\n}\n}\nn {\nk: 2\n".to_vec(),
            [b"k: ".to_vec(), long(507), b"\n".to_vec()].concat(),
            [b"k: ".to_vec(), long(508), b"\n".to_vec()].concat(),
            [b"k: ".to_vec(), long(507), b"\r\n".to_vec()].concat(),
            [long(600), b"\0\n".to_vec()].concat(),
            [b"\0".to_vec(), long(600)].concat(),
            // Nesting beyond MAX_DEPTH: closed, unclosed, with extra closes.
            [b"a {\n".repeat(MAX_DEPTH + 40), b"k: v\n".to_vec(), b"}\n".repeat(MAX_DEPTH + 40)].concat(),
            [b"a {\n".repeat(MAX_DEPTH + 3), b"b {\n}\nk: v\n".to_vec(), b"}\n".repeat(MAX_DEPTH + 5)].concat(),
            b"{\n".repeat(3 * MAX_DEPTH),
        ];
        for src in &cases {
            if let Err(e) = same_as_reference(src) {
                panic!("{e}");
            }
        }
    }
}
