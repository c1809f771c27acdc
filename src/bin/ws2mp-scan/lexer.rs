//! The tokenizer: C and C++ source to identifiers, punctuation and literals, without
//! compiling. Comments, string and character literals (their contents), and the text of
//! `#if 0` blocks are skipped; `#include` and `#define` lines are recorded.

/// What a token is. Literals keep no text worth reading; punctuation is one character, or
/// `::` / `->`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Ident,
    Number,
    Literal,
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: Kind,
    pub text: &'a str,
    pub line: u32,
}

/// `#include <name>` (`angle`) or `#include "name"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Include {
    pub name: String,
    pub angle: bool,
    pub line: u32,
}

/// One file, tokenized.
#[derive(Debug, Default)]
pub struct Lexed<'a> {
    /// The program text outside directives (and outside `#if 0` blocks).
    pub tokens: Vec<Token<'a>>,
    /// The replacement lists of `#define`s: scanned for the names they use, kept apart so that
    /// a macro's braces do not confuse the declaration reader.
    pub macro_tokens: Vec<Token<'a>>,
    /// Names given to `#define`.
    pub defines: Vec<Token<'a>>,
    pub includes: Vec<Include>,
    /// Logical lines in the file.
    pub lines: u32,
}

/// One `#if` level: is its current branch read, and was a branch surely taken (`#if 1`)?
#[derive(Clone, Copy)]
struct Cond {
    active: bool,
    taken: bool,
}

struct Lexer<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    line: u32,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

impl<'a> Lexer<'a> {
    fn peek(&self, ahead: usize) -> u8 {
        *self.b.get(self.pos + ahead).unwrap_or(&0)
    }

    /// Skips backslash-newline splices at the current position.
    fn skip_splices(&mut self) {
        loop {
            if self.peek(0) == b'\\' && self.peek(1) == b'\n' {
                self.pos += 2;
                self.line += 1;
            } else if self.peek(0) == b'\\' && self.peek(1) == b'\r' && self.peek(2) == b'\n' {
                self.pos += 3;
                self.line += 1;
            } else {
                return;
            }
        }
    }

    /// Skips white space and comments. In a directive (`in_directive`), stops before a newline
    /// (returns true when one is next).
    fn skip_space(&mut self, in_directive: bool) -> bool {
        loop {
            self.skip_splices();
            match self.peek(0) {
                b'\n' => {
                    if in_directive {
                        return true;
                    }
                    self.pos += 1;
                    self.line += 1;
                }
                b' ' | b'\t' | b'\r' | 0x0b | 0x0c => self.pos += 1,
                b'/' if self.peek(1) == b'/' => {
                    // A line comment ends at a newline that is not spliced.
                    while self.pos < self.b.len() {
                        if self.peek(0) == b'\\' {
                            let at = self.pos;
                            self.skip_splices();
                            if self.pos == at {
                                self.pos += 1;
                            }
                            continue;
                        }
                        if self.peek(0) == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                b'/' if self.peek(1) == b'*' => {
                    self.pos += 2;
                    while self.pos < self.b.len() && !(self.peek(0) == b'*' && self.peek(1) == b'/')
                    {
                        if self.peek(0) == b'\n' {
                            self.line += 1;
                        }
                        self.pos += 1;
                    }
                    self.pos = (self.pos + 2).min(self.b.len());
                }
                _ => return self.pos >= self.b.len(),
            }
        }
    }

    /// A quoted literal starting at `pos` (the quote): ends at the matching quote, or at the end
    /// of the line when unterminated (text in `#if 0` blocks may hold a lone apostrophe).
    fn quoted(&mut self) {
        let quote = self.peek(0);
        self.pos += 1;
        while self.pos < self.b.len() {
            match self.peek(0) {
                b'\\' => {
                    if self.peek(1) == b'\n' {
                        self.line += 1;
                    }
                    self.pos += 2;
                }
                b'\n' => return,
                c if c == quote => {
                    self.pos += 1;
                    return;
                }
                _ => self.pos += 1,
            }
        }
        self.pos = self.b.len();
    }

    /// A C++ raw string `R"delim( ... )delim"`, `pos` at the quote.
    fn raw_string(&mut self) {
        let start = self.pos + 1;
        let Some(open) = self.src[start..].find('(') else {
            self.quoted();
            return;
        };
        let delim = format!("){}\"", &self.src[start..start + open]);
        let body = start + open + 1;
        let end = self.src[body..]
            .find(&delim)
            .map_or(self.b.len(), |i| body + i + delim.len());
        self.line += self.src[self.pos..end].matches('\n').count() as u32;
        self.pos = end;
    }

    /// The next token (after `skip_space`); None at the end.
    fn token(&mut self) -> Option<Token<'a>> {
        let start = self.pos;
        let line = self.line;
        let c = self.peek(0);
        if c == 0 && self.pos >= self.b.len() {
            return None;
        }
        let kind = if is_ident_start(c) {
            while is_ident_char(self.peek(0)) {
                self.pos += 1;
            }
            let word = &self.src[start..self.pos];
            let q = self.peek(0);
            if (q == b'"' || q == b'\'') && matches!(word, "L" | "u" | "U" | "u8") {
                self.quoted();
                Kind::Literal
            } else if q == b'"' && matches!(word, "R" | "LR" | "uR" | "UR" | "u8R") {
                self.raw_string();
                Kind::Literal
            } else {
                Kind::Ident
            }
        } else if c.is_ascii_digit() || (c == b'.' && self.peek(1).is_ascii_digit()) {
            self.pos += 1;
            loop {
                let d = self.peek(0);
                if is_ident_char(d) || d == b'.' {
                    self.pos += 1;
                } else if d == b'\'' && is_ident_char(self.peek(1)) {
                    self.pos += 2;
                } else if (d == b'+' || d == b'-')
                    && matches!(self.b[self.pos - 1], b'e' | b'E' | b'p' | b'P')
                {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            Kind::Number
        } else if c == b'"' || c == b'\'' {
            self.quoted();
            Kind::Literal
        } else {
            let two = (c, self.peek(1));
            self.pos += if two == (b':', b':') || two == (b'-', b'>') {
                2
            } else {
                // One character (a UTF-8 sequence stays whole).
                self.src[start..].chars().next().map_or(1, char::len_utf8)
            };
            Kind::Punct
        };
        Some(Token {
            kind,
            text: &self.src[start..self.pos],
            line,
        })
    }

    /// The rest of a directive line as raw text (for `#include`), up to the newline.
    fn rest_of_line(&mut self) -> &'a str {
        let start = self.pos;
        while self.pos < self.b.len() && self.peek(0) != b'\n' {
            self.pos += 1;
        }
        &self.src[start..self.pos]
    }
}

/// Tokenizes one file.
pub fn lex(src: &str) -> Lexed<'_> {
    let mut lx = Lexer {
        src,
        b: src.as_bytes(),
        pos: 0,
        line: 1,
    };
    let mut out = Lexed::default();
    let mut conds: Vec<Cond> = Vec::new();
    let mut line_start = true;
    loop {
        let before = lx.line;
        if lx.skip_space(false) {
            break;
        }
        if lx.line != before {
            line_start = true;
        }
        let skipping = conds.iter().any(|c| !c.active);
        if line_start && lx.peek(0) == b'#' {
            lx.pos += 1;
            directive(&mut lx, &mut out, &mut conds, skipping);
            line_start = true;
            continue;
        }
        line_start = false;
        let Some(tok) = lx.token() else { break };
        if !skipping {
            out.tokens.push(tok);
        }
    }
    out.lines = lx.line;
    out
}

/// The tokens of the rest of a directive line.
fn directive_tokens<'a>(lx: &mut Lexer<'a>) -> Vec<Token<'a>> {
    let mut toks = Vec::new();
    while !lx.skip_space(true) {
        match lx.token() {
            Some(t) => toks.push(t),
            None => break,
        }
    }
    toks
}

fn directive<'a>(lx: &mut Lexer<'a>, out: &mut Lexed<'a>, conds: &mut Vec<Cond>, skipping: bool) {
    let line = lx.line;
    if lx.skip_space(true) {
        return; // a lone '#'
    }
    let Some(name) = lx.token() else { return };
    match name.text {
        "if" | "ifdef" | "ifndef" => {
            let toks = directive_tokens(lx);
            let value = constant(name.text, &toks);
            conds.push(Cond {
                active: value != Some(false),
                taken: value == Some(true),
            });
        }
        "elif" | "elifdef" | "elifndef" => {
            let toks = directive_tokens(lx);
            if let Some(c) = conds.last_mut() {
                if c.taken {
                    c.active = false;
                } else {
                    let value = constant("if", &toks);
                    c.active = value != Some(false);
                    c.taken = value == Some(true);
                }
            }
        }
        "else" => {
            directive_tokens(lx);
            if let Some(c) = conds.last_mut() {
                c.active = !c.taken;
            }
        }
        "endif" => {
            directive_tokens(lx);
            conds.pop();
        }
        "include" | "include_next" | "import" if !skipping => {
            lx.skip_space(true);
            let rest = lx.rest_of_line().trim();
            let (angle, close) = match rest.as_bytes().first() {
                Some(b'<') => (true, '>'),
                Some(b'"') => (false, '"'),
                _ => return,
            };
            if let Some(end) = rest[1..].find(close) {
                out.includes.push(Include {
                    name: rest[1..1 + end].to_string(),
                    angle,
                    line,
                });
            }
        }
        "define" if !skipping => {
            if lx.skip_space(true) {
                return;
            }
            let Some(macro_name) = lx.token() else { return };
            if macro_name.kind != Kind::Ident {
                directive_tokens(lx);
                return;
            }
            out.defines.push(macro_name);
            let mut body = directive_tokens(lx);
            // A function-like macro: `(` right after the name; its parameters are not uses,
            // in the list or in the body.
            if lx_params_follow(&macro_name, &body) {
                let close = body
                    .iter()
                    .position(|t| t.text == ")")
                    .map_or(body.len(), |i| i + 1);
                let params: Vec<&str> = body[..close]
                    .iter()
                    .filter(|t| t.kind == Kind::Ident)
                    .map(|t| t.text)
                    .collect();
                body.drain(..close);
                body.retain(|t| t.kind != Kind::Ident || !params.contains(&t.text));
            }
            out.macro_tokens.extend(body);
        }
        _ => {
            directive_tokens(lx);
        }
    }
}

/// Whether the replacement list starts with the parameter list: the `(` directly after the
/// name, with no space between (`#define F(x)` vs `#define F (x)`).
fn lx_params_follow(name: &Token<'_>, body: &[Token<'_>]) -> bool {
    body.first().is_some_and(|t| {
        t.text == "("
            && t.line == name.line
            && std::ptr::eq(t.text.as_ptr(), name.text[name.text.len()..].as_ptr())
    })
}

/// `#if 0` is false, `#if 1` true; anything else unknown (both branches are read).
fn constant(directive: &str, toks: &[Token<'_>]) -> Option<bool> {
    if directive != "if" || toks.len() != 1 || toks[0].kind != Kind::Number {
        return None;
    }
    match toks[0].text {
        "0" => Some(false),
        "1" => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idents(src: &str) -> Vec<&str> {
        lex(src)
            .tokens
            .iter()
            .filter(|t| t.kind == Kind::Ident)
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn comments_and_literals_are_skipped() {
        let src = "a /* WSAAsyncSelect */ b // GetMessage\n c \"PostMessage\" 'x' L\"w\" u8\"y\" d";
        assert_eq!(idents(src), ["a", "b", "c", "d"]);
    }

    #[test]
    fn raw_strings_and_splices() {
        let src = "x R\"(CreateWindow \" )\" y\n// comment \\\n continued\nz";
        assert_eq!(idents(src), ["x", "y", "z"]);
        let l = lex(src);
        assert_eq!(l.tokens.last().unwrap().line, 4);
    }

    #[test]
    fn if_zero_blocks_are_skipped() {
        let src = "a\n#if 0\nb don't\n#if X\nc\n#endif\n#else\nd\n#endif\n#if 1\ne\n#else\nf\n#endif\n#ifdef Y\ng\n#else\nh\n#endif\n";
        assert_eq!(idents(src), ["a", "d", "e", "g", "h"]);
    }

    #[test]
    fn includes_and_defines() {
        let src = "#include <WinSock2.h>\n  # include \"util.h\" // x\n#define F(a, b) WSAFoo(a) \\\n + b\n#define G (x)\n#if 0\n#include <no.h>\n#define H 1\n#endif\n";
        let l = lex(src);
        assert_eq!(
            l.includes,
            [
                Include {
                    name: "WinSock2.h".into(),
                    angle: true,
                    line: 1
                },
                Include {
                    name: "util.h".into(),
                    angle: false,
                    line: 2
                }
            ]
        );
        let defs: Vec<_> = l.defines.iter().map(|t| t.text).collect();
        assert_eq!(defs, ["F", "G"]);
        let body: Vec<_> = l.macro_tokens.iter().map(|t| (t.text, t.line)).collect();
        assert_eq!(
            body,
            [
                ("WSAFoo", 3),
                ("(", 3),
                (")", 3),
                ("+", 4),
                ("(", 5),
                ("x", 5),
                (")", 5)
            ]
        );
        assert!(l.tokens.is_empty());
    }

    #[test]
    fn punctuation_and_numbers() {
        let l = lex("a::b->c 1.5e+3 0x1F 1'000;");
        let texts: Vec<_> = l.tokens.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            ["a", "::", "b", "->", "c", "1.5e+3", "0x1F", "1'000", ";"]
        );
    }
}
