//! Which LaTeX commands and environments the scanner knows, and what it does with them.
//!
//! Plain data: names without the backslash, looked up by the scanner in `commands.rs`. A
//! command that is in none of these tables has its arguments skipped.

/// Commands whose argument is a heading: it ends the paragraph and is a block of its own.
pub(super) const HEADINGS: &[&str] = &[
    "part",
    "chapter",
    "section",
    "subsection",
    "subsubsection",
    "paragraph",
    "subparagraph",
    "title",
];

/// Commands whose argument is a block of its own inside the paragraph, which goes on after it.
pub(super) const NOTES: &[&str] = &["footnote", "footnotetext", "caption", "marginpar"];

/// Commands whose argument is part of the surrounding sentence.
pub(super) const INLINE: &[&str] = &[
    "emph",
    "textbf",
    "textit",
    "textsc",
    "textsl",
    "textup",
    "textmd",
    "textrm",
    "textsf",
    "textnormal",
    "underline",
    "text",
    "mbox",
];

/// Commands whose last argument is part of the surrounding sentence, with how many arguments
/// (a link target, a colour, a column count) come before it.
pub(super) const INLINE_LAST: &[(&str, usize)] = &[
    ("href", 1),
    ("textcolor", 1),
    ("multicolumn", 2),
    ("multirow", 2),
];

/// Commands that stand for words which are not prose (a citation, a reference, code, a logo):
/// the command and its arguments become one placeholder.
pub(super) const PLACEHOLDERS: &[&str] = &[
    "cite",
    "citep",
    "citet",
    "citealp",
    "citeauthor",
    "citeyear",
    "parencite",
    "textcite",
    "autocite",
    "ref",
    "eqref",
    "pageref",
    "autoref",
    "cref",
    "Cref",
    "nameref",
    "url",
    "path",
    "texttt",
    "LaTeX",
    "TeX",
    "today",
];

/// Commands that take no argument: what follows them, braced or not, is still prose.
/// (Any other command we do not know has its arguments skipped.)
pub(super) const DECLARATIONS: &[&str] = &[
    "noindent",
    "indent",
    "centering",
    "raggedright",
    "raggedleft",
    "maketitle",
    "tableofcontents",
    "appendix",
    "newpage",
    "clearpage",
    "cleardoublepage",
    "smallskip",
    "medskip",
    "bigskip",
    "hline",
    "toprule",
    "midrule",
    "bottomrule",
    "bf",
    "it",
    "em",
    "rm",
    "sf",
    "sc",
    "sl",
    "bfseries",
    "itshape",
    "scshape",
    "upshape",
    "mdseries",
    "normalfont",
    "tiny",
    "scriptsize",
    "footnotesize",
    "small",
    "normalsize",
    "large",
    "Large",
    "LARGE",
    "huge",
    "Huge",
];

/// Math environments (also starred): skipped, or a placeholder inside a paragraph.
pub(super) const MATH_ENVIRONMENTS: &[&str] = &[
    "equation",
    "align",
    "alignat",
    "flalign",
    "gather",
    "multline",
    "eqnarray",
    "math",
    "displaymath",
];

/// Environments whose content is not prose at all (also starred).
pub(super) const SKIPPED_ENVIRONMENTS: &[&str] = &[
    "verbatim",
    "Verbatim",
    "lstlisting",
    "minted",
    "comment",
    "tikzpicture",
    "thebibliography",
    "filecontents",
];

/// List environments: each `\item` starts a block, and their blocks are items, not paragraphs.
pub(super) const LISTS: &[&str] = &["itemize", "enumerate", "description"];

/// Environments whose cells are blocks of their own, split at `&` and `\\`.
pub(super) const TABLES: &[&str] = &["tabular", "tabular*", "tabularx", "longtable"];

/// Environments with braced arguments that are not prose (a column spec, a width).
pub(super) const ENVIRONMENT_ARGUMENTS: &[(&str, usize)] = &[
    ("tabular", 1),
    ("tabular*", 2),
    ("tabularx", 2),
    ("longtable", 1),
    ("minipage", 1),
    ("multicols", 1),
    ("wrapfigure", 2),
];

/// Accent commands (`\'e`, `\"{o}`, `\c{c}`): the letters they go on, and the results.
pub(super) const ACCENTS: &[(&str, &str, &str)] = &[
    ("'", "aeiouyAEIOUY", "áéíóúýÁÉÍÓÚÝ"),
    ("`", "aeiouAEIOU", "àèìòùÀÈÌÒÙ"),
    ("^", "aeiouAEIOU", "âêîôûÂÊÎÔÛ"),
    ("\"", "aeiouyAEIOUY", "äëïöüÿÄËÏÖÜŸ"),
    ("~", "anoANO", "ãñõÃÑÕ"),
    ("c", "cC", "çÇ"),
];
