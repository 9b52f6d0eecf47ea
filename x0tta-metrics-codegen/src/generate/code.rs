//! Rust source text for the per-family code, lexed once into tokens.
//!
//! Inside a proc macro every token `quote!` builds is a call through the
//! compiler's proc-macro bridge, made from code that runs unoptimized: for
//! a spec of 10,000 families, over a million calls and most of the
//! expansion's time. The same code written as text and handed to
//! `TokenStream::from_str` once is lexed by rustc's own (optimized) lexer.
//!
//! Text is where spec input could turn into code, so [`Code`] takes text
//! only in forms that cannot: the generator's own `&'static str`, the
//! identifiers validation produced (checked again here, character by
//! character), string literals through one escaping function, and numbers.
//! Anything else that is not an identifier poisons the text, and
//! [`Code::finish`] then returns a `compile_error!` instead of the code.

extern crate proc_macro;

use std::fmt::Write as _;
use std::str::FromStr;

use proc_macro2::{Literal, TokenStream, TokenTree};
use quote::quote;

/// Rust source text under construction; see the module's doc.
pub(crate) struct Code {
    text: String,
    /// Why the text must not be lexed, if something refused to go in.
    problem: Option<String>,
}

impl Code {
    pub(crate) fn with_capacity(bytes: usize) -> Self {
        Code {
            text: String::with_capacity(bytes),
            problem: None,
        }
    }

    /// The generator's own code: never spec text, hence `'static`. A space
    /// keeps it from joining a word that ends the text (`Table` `for`).
    pub(crate) fn push(&mut self, code: &'static str) -> &mut Self {
        if code
            .as_bytes()
            .first()
            .is_some_and(|&b| JOINS_A_WORD[b as usize])
        {
            self.space_after_word();
        }
        self.text.push_str(code);
        self
    }

    /// A space if the text ends with a word (or a `'`), which what comes
    /// next would otherwise join: `Table` `for`, `r` `#x`, `b` `'x'`.
    fn space_after_word(&mut self) {
        if let Some(&last) = self.text.as_bytes().last() {
            if WORD[last as usize] || last == b'\'' {
                self.text.push(' ');
            }
        }
    }

    /// An identifier: `[A-Za-z_][A-Za-z0-9_]*`, or that after `r#` (a raw
    /// identifier); a name validation produced always is. Anything else is
    /// refused (see the module's doc), whatever validation let through.
    pub(crate) fn ident(&mut self, name: &str) -> &mut Self {
        let bare = name.strip_prefix("r#").unwrap_or(name).as_bytes();
        let mut well_formed = !bare.is_empty() && !bare[0].is_ascii_digit();
        // A loop over a table rather than iterator adapters: this code
        // runs unoptimized inside the macro.
        let mut i = 0;
        while well_formed && i < bare.len() {
            well_formed = WORD[bare[i] as usize];
            i += 1;
        }
        if well_formed {
            self.space_after_word();
            self.text.push_str(name);
        } else if self.problem.is_none() {
            self.problem = Some(format!("{name:?} is not an identifier"));
        }
        self
    }

    /// An identifier of the generator's own, `prefix` then `number`
    /// (`__X0TTA_LABELS_3`).
    pub(crate) fn numbered(&mut self, prefix: &'static str, number: usize) -> &mut Self {
        let _ = write!(self.text, " {prefix}{number} ");
        self
    }

    /// `value` as a string literal: see [`str_lit`].
    pub(crate) fn str_lit(&mut self, value: &str) -> &mut Self {
        str_lit(value, &mut self.text);
        self
    }

    /// An unsuffixed integer literal, as `Literal::*_unsuffixed` prints it.
    pub(crate) fn int(&mut self, n: impl Into<i128>) -> &mut Self {
        let _ = write!(self.text, " {} ", n.into());
        self
    }

    /// [`Code::int`] of a `usize` (which has no `Into<i128>`).
    pub(crate) fn usize(&mut self, n: usize) -> &mut Self {
        let _ = write!(self.text, " {n} ");
        self
    }

    /// An unsuffixed float literal, as `Literal::f64_unsuffixed` prints it
    /// (`1.0`, `0.005`). A non-finite value has no literal: it poisons the
    /// text, where `Literal::f64_unsuffixed` would panic.
    pub(crate) fn f64(&mut self, f: f64) -> &mut Self {
        if !f.is_finite() {
            self.problem
                .get_or_insert_with(|| format!("{f} has no float literal"));
            return self;
        }
        self.text.push(' ');
        let start = self.text.len();
        let _ = write!(self.text, "{f}");
        if !self.text[start..].contains('.') {
            self.text.push_str(".0");
        }
        self.text.push(' ');
        self
    }

    /// One `#[doc]` attribute holding `markdown` (see [`super::doc`], whose
    /// rules it follows).
    pub(crate) fn doc(&mut self, markdown: &str) -> &mut Self {
        self.push("#[doc = ")
            .str_lit(&super::doc::doc_text(markdown))
            .push("]")
    }

    /// A path of tokens (the runtime crate's), printed; [`prints_as_lexed`]
    /// must hold for it, or it poisons the text.
    pub(crate) fn path(&mut self, path: &TokenStream) -> &mut Self {
        if prints_as_lexed(path) {
            let _ = write!(self.text, " {path} ");
        } else {
            self.problem
                .get_or_insert_with(|| format!("{path} cannot be written as text"));
        }
        self
    }

    /// Appends `other`, its problem included.
    pub(crate) fn append(&mut self, other: Code) -> &mut Self {
        self.text.push_str(&other.text);
        if self.problem.is_none() {
            self.problem = other.problem;
        }
        self
    }

    /// The text lexed, or a `compile_error!` saying why it could not be:
    /// either is a generator bug, reported where the macro was invoked.
    pub(crate) fn finish(self) -> TokenStream {
        let problem = match self.problem {
            Some(problem) => problem,
            None => match lex(&self.text) {
                Ok(tokens) => return tokens,
                Err(error) => format!("the generated code does not lex: {error}"),
            },
        };
        let message = Literal::string(&format!(
            "x0tta-metrics: internal error, please report it: {problem}"
        ));
        quote!(::core::compile_error!(#message);)
    }
}

/// `text` lexed by rustc itself inside a proc macro, else by proc-macro2.
///
/// proc-macro2's `from_str` lexes the text twice inside a proc macro: with
/// its own lexer first (unoptimized there, like all the macro's code: most
/// of the expansion's time again, see `benches/NOTES.md`), to rule out the
/// errors after which rustc used to abort, then with rustc's. rustc returns an error for
/// unbalanced delimiters, and the writer cannot produce the others (an
/// unterminated literal, an unknown character): its literals are escaped
/// and closed, its identifiers checked; a panic is still caught.
fn lex(text: &str) -> Result<TokenStream, String> {
    if proc_macro::is_available() {
        let lexed = std::panic::catch_unwind(|| proc_macro::TokenStream::from_str(text));
        return match lexed {
            Ok(Ok(tokens)) => Ok(tokens.into()),
            Ok(Err(error)) => Err(error.to_string()),
            Err(_) => Err("rustc's lexer panicked".to_string()),
        };
    }
    TokenStream::from_str(text).map_err(|error| error.to_string())
}

/// Whether `path` prints as text that lexes back to it, spans aside: only
/// identifiers and punctuation, no `$` (a `$crate` from a `macro_rules!`
/// wrapper prints as `$crate`, which lexes as `$` and `crate`).
pub(crate) fn prints_as_lexed(path: &TokenStream) -> bool {
    path.clone().into_iter().all(|tree| match tree {
        TokenTree::Ident(ident) => !ident.to_string().starts_with('$'),
        TokenTree::Punct(punct) => punct.as_char() != '$',
        _ => false,
    })
}

/// Writes `value` as a Rust string literal whose value is `value`, for any
/// input: quotes and backslashes escaped, and every character that is not
/// printable (control characters, NUL, CR, the bidirectional and other
/// format characters such as U+202E and U+2066 that rustc refuses
/// unescaped in a literal) written as an escape, as `char::escape_debug`
/// does. Spelled as `proc_macro2::Literal::string` spells it, so the
/// expansion reads the same as when `quote!` built it.
pub(crate) fn str_lit(value: &str, out: &mut String) {
    out.push_str(" \"");
    let bytes = value.as_bytes();
    // Runs of printable ASCII other than `"` and `\` are their own
    // spelling: copied whole, as this code runs unoptimized in the macro.
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        if PLAIN[bytes[i] as usize] {
            i += 1;
            continue;
        }
        out.push_str(&value[run..i]);
        // `i` starts a character: runs end before a non-ASCII byte.
        let c = value[i..].chars().next().unwrap_or_default();
        i += c.len_utf8();
        match c {
            // `\0` before an octal digit reads as an octal escape to
            // clippy; `\x00` cannot.
            '\0' if matches!(bytes.get(i), Some(b'0'..=b'7')) => out.push_str("\\x00"),
            '\0' => out.push_str("\\0"),
            // The headers hold a newline per line: spelled here rather than
            // through the general (and slower, unoptimized) escape below.
            '\n' => out.push_str("\\n"),
            c => out.extend(c.escape_debug()),
        }
        run = i;
    }
    out.push_str(&value[run..]);
    out.push_str("\" ");
}

/// The bytes a string literal holds as they are: printable ASCII but `"`
/// and `\` (`'` included: `escape_debug` would write `\'`, needless in a
/// string).
static PLAIN: [bool; 256] = {
    let mut plain = [false; 256];
    let mut b = b' ';
    while b <= b'~' {
        plain[b as usize] = b != b'"' && b != b'\\';
        b += 1;
    }
    plain
};

/// The first bytes of what would join a word before it into one token (or
/// a prefixed literal): a word, `#`, `'` or `"`.
static JOINS_A_WORD: [bool; 256] = {
    let mut joins = WORD;
    joins[b'#' as usize] = true;
    joins[b'\'' as usize] = true;
    joins[b'"' as usize] = true;
    joins
};

/// The bytes of an identifier after its first: ASCII letters, digits, `_`.
static WORD: [bool; 256] = {
    let mut word = [false; 256];
    let mut b: u8 = 0;
    while b < 128 {
        word[b as usize] = b.is_ascii_alphanumeric() || b == b'_';
        b += 1;
    }
    word
};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The value of the one string literal `code` lexes to.
    fn value(code: &str) -> String {
        let literal: syn::LitStr = syn::parse_str(code).expect("a string literal");
        literal.value()
    }

    fn written(value: &str) -> String {
        let mut out = String::new();
        str_lit(value, &mut out);
        out
    }

    const HOSTILE: &[&str] = &[
        "",
        "plain text",
        "\"quoted\" and \\back\\slashed\\",
        "\"); } fn evil() { (\"",
        "*/ /* // \n#[cfg(any())]",
        "tab\tnewline\ncarriage\rreturn",
        "nul\0 nul-then-digit\x007 then-eight\x008 trailing\0",
        "\u{202e}right-to-left override\u{202c}",
        "\u{2066}isolate\u{2069} \u{200b}zero width \u{feff}bom",
        "\u{7f}\u{1b}[31m escape",
        "non-BMP 🦀 𝔘 \u{10ffff}",
        "combining \u{301} at start: \u{301}a",
        "'single' quotes and `backticks`",
        "\u{85}next line\u{2028}line separator\u{2029}",
    ];

    #[test]
    fn hostile_strings_keep_their_value_and_quote_spelling() {
        for &s in HOSTILE {
            let ours = written(s);
            assert_eq!(value(&ours), s, "{ours}");
            // The same spelling as `Literal::string`, and so as `quote!`.
            assert_eq!(ours.trim(), Literal::string(s).to_string(), "{s:?}");
        }
    }

    #[test]
    fn format_and_control_characters_are_escaped() {
        for c in [
            '\u{202e}', '\u{2066}', '\0', '\r', '\u{7}', '\u{7f}', '\u{feff}',
        ] {
            let ours = written(&c.to_string());
            assert!(ours.is_ascii(), "{c:?} written as {ours}");
        }
    }

    #[test]
    fn numbers_print_as_literal_does() {
        const FLOATS: [f64; 8] = [
            0.0,
            1.0,
            0.005,
            1e-9,
            2.5e10,
            1e300,
            f64::MIN_POSITIVE,
            0.30000000000000004,
        ];
        let mut code = Code::with_capacity(0);
        code.int(-3i8).int(u32::MAX).usize(7);
        for f in FLOATS {
            code.f64(f);
        }
        let expected: Vec<String> = [
            Literal::i8_unsuffixed(-3),
            Literal::u32_unsuffixed(u32::MAX),
            Literal::usize_unsuffixed(7),
        ]
        .into_iter()
        .chain(FLOATS.map(Literal::f64_unsuffixed))
        .map(|l| l.to_string())
        .collect();
        assert_eq!(code.text.split_whitespace().collect::<Vec<_>>(), expected);
    }

    #[test]
    fn what_is_not_an_identifier_poisons_the_text() {
        for bad in ["", "r#", "1st", "a-b", "a b", "x\"y", "é", "r#r#x", "a::b"] {
            let mut code = Code::with_capacity(0);
            code.push("fn ").ident(bad).push("() {}");
            let out = code.finish().to_string();
            assert!(
                out.starts_with(":: core :: compile_error !"),
                "{bad:?}: {out}"
            );
        }
        let mut code = Code::with_capacity(0);
        code.push("fn ").ident("r#type").push("() {}");
        assert_eq!(code.finish().to_string(), "fn r#type () { }");
    }

    #[test]
    fn text_that_does_not_lex_is_a_compile_error_not_a_panic() {
        let mut code = Code::with_capacity(0);
        code.push("fn f() { ");
        assert!(code.finish().to_string().contains("compile_error"));
        let mut code = Code::with_capacity(0);
        code.f64(f64::NAN);
        assert!(code.finish().to_string().contains("compile_error"));
    }

    proptest! {
        #[test]
        fn any_string_keeps_its_value(s in any::<String>()) {
            let ours = written(&s);
            prop_assert_eq!(value(&ours), s.clone());
            prop_assert_eq!(ours.trim(), Literal::string(&s).to_string());
        }
    }
}
