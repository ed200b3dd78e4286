//! Tests of the LaTeX scanner on real documents and fragments.

use super::*;
use crate::input::prose::Kind;

/// The texts of the blocks, as the engines see them.
fn blocks(text: &str, extra: &[String]) -> Vec<String> {
    prose(text, extra)
        .blocks
        .iter()
        .map(|block| block.assemble(text).text)
        .collect()
}

/// The original text behind `needle` in the block whose text contains it; `None` when it
/// touches a placeholder.
fn original<'t>(text: &'t str, needle: &str) -> Option<&'t str> {
    let prose = prose(text, &[]);
    let assembled = prose
        .blocks
        .iter()
        .map(|block| block.assemble(text))
        .find(|assembled| assembled.text.contains(needle))
        .unwrap_or_else(|| panic!("no block contains {needle:?}"));
    let at = assembled.text.find(needle).unwrap();
    assembled
        .original(at..at + needle.len())
        .map(|span| &text[span])
}

const PAPER: &str = r"\documentclass{article}
\usepackage{amsmath}
% Preamble: these words is wrong, but they are never checked.
\newcommand{\R}{\mathbb{R}}
\title{A study of learner errors}
\begin{document}
\maketitle

\section{Introduction}\label{sec:intro}
Learners often confuse articles. The value of $x$ is small, as shown
in~\cite{smith2020}. % this comment are not prose
We call this the ``article gap''.

\begin{equation}
  y = x + 1 \quad \text{where the datas is noisy}
\end{equation}

Our method is \emph{simple} and fast.\footnote{The code is available online.}
It costs 5\% less.

\begin{figure}[t]
  \centering
  \includegraphics[width=\linewidth]{plot.pdf}
  \caption{Errors per essay.}
  \label{fig:errors}
\end{figure}

% ownvoice: off
This sentence are ignored.
% ownvoice: on
The end.
\end{document}
Text after the document are not checked.
";

#[test]
fn a_small_paper_has_exactly_its_prose_as_blocks() {
    assert_eq!(
        blocks(PAPER, &[]),
        [
            "Introduction",
            "Learners often confuse articles. The value of London is small, as shown\n\
             in London. We call this the \"article gap\".",
            "Our method is simple and fast.\nIt costs 5% less.",
            "The code is available online.",
            "Errors per essay.",
            "The end.",
        ]
    );
}

#[test]
fn spans_in_a_small_paper_point_at_the_original_words() {
    assert_eq!(original(PAPER, "small, as"), Some("small, as"));
    assert_eq!(original(PAPER, "in London"), None, "touches the \\cite");
    assert_eq!(original(PAPER, "of London"), None, "touches $x$");
    assert_eq!(original(PAPER, "\"article gap\""), Some("``article gap''"));
    assert_eq!(original(PAPER, "shown\nin "), Some("shown\nin~"));
    assert_eq!(original(PAPER, "5% less"), Some("5\\% less"));
    let simple = original(PAPER, "simple").unwrap();
    let at = simple.as_ptr() as usize - PAPER.as_ptr() as usize;
    assert_eq!(&PAPER[at - 6..at + 7], "\\emph{simple}");
    let footnote = original(PAPER, "code is available").unwrap();
    let at = footnote.as_ptr() as usize - PAPER.as_ptr() as usize;
    assert!(PAPER[..at].ends_with("\\footnote{The "));
}

#[test]
fn ignore_comments_make_a_suppression_and_no_prose() {
    let prose = prose(PAPER, &[]);
    let [suppression] = &prose.suppressions[..] else {
        panic!("one suppression expected: {:?}", prose.suppressions);
    };
    assert!(suppression.rules.is_empty());
    assert_eq!(
        &PAPER[suppression.span.clone()],
        "% ownvoice: off\nThis sentence are ignored.\n% ownvoice: on"
    );

    let text = "Before.\n%OwnVoice:OFF\nHidden words.\n\nMore hidden.\n";
    let prose = super::prose(text, &[]);
    assert_eq!(prose.suppressions[0].span, 8..text.len(), "never turned on");
    assert_eq!(blocks(text, &[]), ["Before."]);
}

#[test]
fn crlf_line_endings_keep_spans_right() {
    let text = PAPER.replace('\n', "\r\n");
    assert_eq!(
        blocks(&text, &[])[1],
        "Learners often confuse articles. The value of London is small, as shown\r\n\
         in London. We call this the \"article gap\"."
    );
    assert_eq!(blocks(&text, &[]).len(), 6);
    assert_eq!(original(&text, "small, as"), Some("small, as"));
    assert_eq!(original(&text, "5% less"), Some("5\\% less"));
    assert_eq!(original(&text, "It costs"), Some("It costs"));
}

#[test]
fn multi_byte_text_and_accents_map_back() {
    let text = "Le caf\\'e est tr{\\`e}s bon, 中文 $x$ ça va.\n\nNa\\\"{\\i}ve.";
    assert_eq!(
        blocks(text, &[]),
        ["Le café est très bon, 中文 London ça va.", "NaLondonve."]
    );
    assert_eq!(original(text, "café"), Some("caf\\'e"));
    assert_eq!(original(text, "très"), Some("tr{\\`e}s"));
    assert_eq!(original(text, "中文"), Some("中文"));
    assert_eq!(original(text, "ça va."), Some("ça va."));
}

#[test]
fn a_fragment_without_document_is_read_whole() {
    let text = "% A commented \\begin{document} does not count.\n\
                First paragraph.\n\n\\subsection*{Method}\nSecond paragraph.";
    assert_eq!(
        blocks(text, &[]),
        ["First paragraph.", "Method", "Second paragraph."]
    );
}

#[test]
fn display_math_inside_a_paragraph_is_a_placeholder() {
    let text = "The energy is\n\\[ E = mc^2 \\]\nwhere $m$ is the mass.\n\n\
                $$ z $$ Then it starts.";
    assert_eq!(
        blocks(text, &[]),
        [
            "The energy is\nLondon\nwhere London is the mass.",
            "Then it starts."
        ]
    );
}

#[test]
fn commands_that_are_not_prose_are_dropped_or_placeholders() {
    let text = "See Section~\\ref{sec:a} and \\url{http://a.org/%20x} for\n\
                \\vspace{2mm}\n\
                more.\\label{x} The \\texttt{main} function and \\verb|a{b| work. \
                Read \\href{http://b.org}{our \\textbf{guide}}, \\unknown[x]{y}{z}now.";
    assert_eq!(
        blocks(text, &[]),
        [
            "See Section London and London for\nmore. The London function and London work. \
             Read our guide, now."
        ]
    );
}

#[test]
fn items_tables_and_line_breaks_are_split_as_said() {
    let text = "\\begin{itemize}\n\\item First point is here.\n\\item[b)] Second point.\n\
                \\end{itemize}\n\
                \\begin{tabular}{|l|c|}\\hline\nMethod & Score \\\\\nOur model & 0.9 \\\\\n\
                \\end{tabular}\nA line\\\\ broken here, and \\newline again.";
    assert_eq!(
        blocks(text, &[]),
        [
            "First point is here.",
            "Second point.",
            "Method",
            "Score",
            "Our model",
            "A line broken here, and again.",
        ]
    );
}

#[test]
fn skipped_environments_and_comments_leave_no_words() {
    let text = "Code:\n\\begin{verbatim}\nthis are code\n\\end{verbatim}\n\
                \\begin{lstlisting}[language=C]\nint x;\n\\end{lstlisting}\n\
                Some text % a comment with words\n% a whole comment line\ngoes on.";
    assert_eq!(blocks(text, &[]), ["Code:", "Some text goes on."]);
}

#[test]
fn extra_commands_are_read_like_emph() {
    let text = "We \\highlight{really} mean it \\todo{not this}.";
    assert_eq!(blocks(text, &[]), ["We mean it ."]);
    let extra = ["highlight".to_string()];
    assert_eq!(blocks(text, &extra), ["We really mean it ."]);
}

#[test]
fn every_cut_of_a_text_gives_ordered_spans_on_character_boundaries() {
    let text = format!("{PAPER}Café 中文 \\'{{e}} \\verb|é| $é$ \\emph{{ü\r\n}}\\");
    let cuts = text.char_indices().map(|(at, _)| at);
    for at in cuts {
        for part in [&text[..at], &text[at..]] {
            for block in prose(part, &[]).blocks {
                let mut last_end = 0;
                for piece in block.pieces {
                    assert!(last_end <= piece.source.start, "{part:?}");
                    assert!(piece.source.start <= piece.source.end, "{part:?}");
                    assert!(part.is_char_boundary(piece.source.start), "{part:?}");
                    assert!(part.is_char_boundary(piece.source.end), "{part:?}");
                    last_end = piece.source.end;
                }
            }
        }
    }
}

#[test]
fn only_paragraphs_outside_lists_tables_and_headings_are_running_text() {
    let text = "\\section{introduction}\nfirst paragraph here.\n\n\\begin{itemize}\n\
                \\item an item.\n\\end{itemize}\n\\begin{tabular}{l}\na cell \\\\\n\
                \\end{tabular}\nlast paragraph\\footnote{a note.} ends.";
    let kinds: Vec<(String, Kind)> = prose(text, &[])
        .blocks
        .iter()
        .map(|block| (block.assemble(text).text, block.kind))
        .collect();
    let expected = [
        ("introduction", Kind::Fragment),
        ("first paragraph here.", Kind::Paragraph),
        ("an item.", Kind::Fragment),
        ("a cell", Kind::Fragment),
        ("last paragraph ends.", Kind::Paragraph),
        ("a note.", Kind::Fragment),
    ];
    assert_eq!(kinds, expected.map(|(text, kind)| (text.to_string(), kind)));
}
