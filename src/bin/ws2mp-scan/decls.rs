//! The names a file declares: macros, functions, typedefs, struct/union/enum/class tags, enum
//! constants and variables, read from tokens by a few conservative rules (no parsing). The
//! same reader gives ws2mp's provided names (from its headers) and a program's own names.

use crate::lexer::{Kind, Lexed, Token};
use std::collections::HashSet;

/// Keywords that are never names, and (second list) the ones that may start or be part of a
/// type, so that `unsigned long n;` declares `n`.
const KEYWORDS: &[&str] = &[
    "alignas",
    "alignof",
    "asm",
    "auto",
    "bool",
    "break",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "constexpr",
    "const_cast",
    "continue",
    "decltype",
    "default",
    "delete",
    "do",
    "double",
    "dynamic_cast",
    "else",
    "enum",
    "explicit",
    "export",
    "extern",
    "false",
    "float",
    "for",
    "friend",
    "goto",
    "if",
    "inline",
    "int",
    "long",
    "mutable",
    "namespace",
    "new",
    "noexcept",
    "nullptr",
    "operator",
    "private",
    "protected",
    "public",
    "register",
    "reinterpret_cast",
    "restrict",
    "return",
    "short",
    "signed",
    "sizeof",
    "static",
    "static_assert",
    "static_cast",
    "struct",
    "switch",
    "template",
    "this",
    "throw",
    "true",
    "try",
    "typedef",
    "typeid",
    "typename",
    "union",
    "unsigned",
    "using",
    "virtual",
    "void",
    "volatile",
    "wchar_t",
    "while",
    "_Bool",
    "_Static_assert",
    "__asm__",
    "__attribute__",
    "__inline",
    "__inline__",
    "__restrict",
    "__extension__",
    "__declspec",
    "co_await",
    "co_return",
    "co_yield",
    "char8_t",
    "char16_t",
    "char32_t",
    "override",
    "final",
    "__int64",
    "_int64",
];
const TYPE_WORDS: &[&str] = &[
    "auto",
    "bool",
    "char",
    "const",
    "double",
    "enum",
    "extern",
    "float",
    "inline",
    "int",
    "long",
    "mutable",
    "register",
    "short",
    "signed",
    "static",
    "struct",
    "class",
    "union",
    "unsigned",
    "void",
    "volatile",
    "wchar_t",
    "_Bool",
    "constexpr",
    "__inline",
    "__inline__",
    "char8_t",
    "char16_t",
    "char32_t",
    "typename",
    "__int64",
    "_int64",
];

pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

fn is_type_word(word: &str) -> bool {
    TYPE_WORDS.contains(&word)
}

/// A name token that may be a type or a declared name: an identifier that is not a keyword,
/// or a keyword that is part of a type.
fn typeish(t: &Token<'_>) -> bool {
    t.kind == Kind::Ident && (!is_keyword(t.text) || is_type_word(t.text))
}

fn plain_ident(t: &Token<'_>) -> bool {
    t.kind == Kind::Ident && !is_keyword(t.text)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Brace {
    /// File, namespace, `extern "C"`: declarations.
    Scope,
    /// struct/class/union bodies: declarations of members.
    Struct,
    /// An enum's constants.
    Enum,
    /// Function bodies, blocks, initialisers: statements.
    Body,
}

/// What `declared` collects.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Only declarations at file, namespace and struct level (ws2mp's headers: the locals of
    /// their inline functions are not provided names).
    Scope,
    /// Also the variables declared in function bodies (a program's own names).
    All,
}

/// Adds the names `lexed` declares to `out`; adds the names declared with type `SOCKET`
/// (variables, parameters, fields) to `sockets`.
pub fn declared<'a>(
    lexed: &Lexed<'a>,
    depth: Depth,
    out: &mut HashSet<&'a str>,
    sockets: &mut HashSet<&'a str>,
) {
    for d in &lexed.defines {
        out.insert(d.text);
    }
    let t = &lexed.tokens;
    let mut braces: Vec<Brace> = Vec::new();
    let mut parens = 0usize;
    // Where the current statement began (index after the last `;`, `{` or `}` at this level).
    let mut stmt = 0usize;
    let mut typedef_at: Option<(usize, usize)> = None; // (token index, brace depth)
    for i in 0..t.len() {
        let tok = &t[i];
        let top = *braces.last().unwrap_or(&Brace::Scope);
        let prev = if i > 0 { Some(&t[i - 1]) } else { None };
        let next = t.get(i + 1);
        if tok.kind == Kind::Ident {
            if tok.text == "SOCKET" {
                if let Some(n) = next.filter(|n| plain_ident(n)) {
                    sockets.insert(n.text);
                }
            }
            if tok.text == "typedef" && typedef_at.is_none() {
                typedef_at = Some((i, braces.len()));
            }
            if matches!(tok.text, "struct" | "union" | "class" | "enum") {
                let mut j = i + 1;
                if t.get(j)
                    .is_some_and(|n| n.text == "class" || n.text == "struct")
                {
                    j += 1; // enum class X
                }
                if let (Some(n), Some(after)) = (t.get(j), t.get(j + 1)) {
                    if plain_ident(n) && matches!(after.text, "{" | ":" | ";") {
                        out.insert(n.text);
                    }
                }
            }
            if !plain_ident(tok) {
                continue;
            }
            let next_text = next.map_or("", |n| n.text);
            let declares = parens == 0
                && match top {
                    Brace::Enum => prev.is_some_and(|p| p.text == "{" || p.text == ","),
                    Brace::Scope | Brace::Struct => {
                        (next_text == "(" && function_declarator(t, i, stmt))
                            // Variables and fields (not ws2mp's struct fields: no program
                            // uses those as plain names).
                            || ((top == Brace::Scope || depth == Depth::All)
                                && matches!(next_text, ";" | "=" | "[" | "," | ":")
                                && prev.is_some_and(|p| {
                                    (typeish(p) || matches!(p.text, "*" | "&" | ">"))
                                        && !matches!(p.text, "struct" | "union" | "class" | "enum")
                                })
                                && !t[stmt..i].iter().any(|s| s.text == "="))
                    }
                    Brace::Body => {
                        depth == Depth::All
                            && matches!(next_text, ";" | "=" | "[" | ",")
                            && local_declarator(t, i)
                    }
                };
            if declares {
                out.insert(tok.text);
            }
            continue;
        }
        match tok.text {
            "(" => parens += 1,
            ")" => parens = parens.saturating_sub(1),
            "{" => {
                let kind = brace_kind(&t[stmt..i]);
                braces.push(kind);
                parens = 0;
                stmt = i + 1;
            }
            "}" => {
                braces.pop();
                parens = 0;
                // `struct X { ... } x;` continues the statement; a function body ends one.
                stmt = i + 1;
            }
            ";" if parens == 0 => {
                if let Some((at, level)) = typedef_at {
                    if level == braces.len() {
                        typedef_names(&t[at + 1..i], out);
                        typedef_at = None;
                    }
                }
                stmt = i + 1;
            }
            _ => {}
        }
    }
}

/// The kind of the brace that follows the statement text `head`.
fn brace_kind(head: &[Token<'_>]) -> Brace {
    let has = |w: &str| head.iter().any(|t| t.text == w);
    if has("(") && !has("namespace") {
        // A function body (or a lambda, a control statement's block).
        return Brace::Body;
    }
    if has("=") {
        return Brace::Body;
    }
    if has("enum") {
        return Brace::Enum;
    }
    if has("namespace") || has("extern") {
        return Brace::Scope;
    }
    if has("struct") || has("union") || has("class") {
        return Brace::Struct;
    }
    // A block, `int x{3};`, an initialiser: statements, no declarations of interest.
    Brace::Body
}

/// At scope level, `name (` declares or defines a function when a type precedes the
/// (possibly qualified) name: `int f(`, `HANDLE WINAPI f(`, `char *f(`, `Foo::f(`.
fn function_declarator(t: &[Token<'_>], i: usize, stmt: usize) -> bool {
    if t[stmt..i].iter().any(|s| s.text == "=") {
        return false; // an initialiser's call
    }
    let mut j = i;
    // Walk back over `A::B::`.
    while j >= 2 && t[j - 1].text == "::" && t[j - 2].kind == Kind::Ident {
        j -= 2;
    }
    if j == 0 {
        return false;
    }
    let p = &t[j - 1];
    if typeish(p) || p.text == "*" || p.text == "&" || p.text == "~" {
        return true;
    }
    // A qualified name at the start of a statement: a constructor `Foo::Foo(`.
    j < i && j == stmt
}

/// In a function body, `T name;`/`T *name = ...`: a type, after a statement boundary, before
/// the name.
fn local_declarator(t: &[Token<'_>], i: usize) -> bool {
    let mut j = i;
    while j > 0 && matches!(t[j - 1].text, "*" | "&" | "const") {
        j -= 1;
    }
    // A template's arguments: `std::vector<int> v;`.
    if j > 0 && t[j - 1].text == ">" {
        let mut depth = 0;
        while j > 0 {
            j -= 1;
            match t[j].text {
                ">" => depth += 1,
                "<" => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                ";" | "{" | "}" => return false,
                _ => {}
            }
        }
    }
    let mut types = 0;
    while j > 0 && (typeish(&t[j - 1]) || t[j - 1].text == "::") {
        j -= 1;
        if t[j].text != "::" {
            types += 1;
        }
    }
    if types == 0 {
        return false;
    }
    if j == 0 {
        return true;
    }
    match t[j - 1].text {
        ";" | "{" | "}" => true,
        "(" => j >= 2 && t[j - 2].text == "for",
        _ => false,
    }
}

/// The names a typedef declares (`tokens` after `typedef`, up to the `;`).
fn typedef_names<'a>(tokens: &[Token<'a>], out: &mut HashSet<&'a str>) {
    // Split into declarators at top-level commas, leaving out brace contents.
    let mut depth = 0usize;
    let mut parts: Vec<Vec<&Token<'a>>> = vec![Vec::new()];
    let mut parens = 0usize;
    for t in tokens {
        match t.text {
            "{" => depth += 1,
            "}" => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            "(" => {
                parens += 1;
                parts.last_mut().unwrap().push(t);
            }
            ")" => {
                parens = parens.saturating_sub(1);
                parts.last_mut().unwrap().push(t);
            }
            "," if parens == 0 => parts.push(Vec::new()),
            _ => parts.last_mut().unwrap().push(t),
        }
    }
    for part in parts {
        if let Some(name) = declarator_name(&part) {
            out.insert(name);
        }
    }
}

/// The name in one declarator: inside the first parenthesised group that holds a `*` or `^`
/// (a pointer to function: `(WINAPI *PFN)(...)`), else the last identifier outside brackets
/// and parentheses.
fn declarator_name<'a>(part: &[&Token<'a>]) -> Option<&'a str> {
    if let Some(open) = part.iter().position(|t| t.text == "(") {
        let mut depth = 0;
        let mut close = part.len();
        for (k, t) in part.iter().enumerate().skip(open) {
            match t.text {
                "(" => depth += 1,
                ")" => {
                    depth -= 1;
                    if depth == 0 {
                        close = k;
                        break;
                    }
                }
                _ => {}
            }
        }
        let group = &part[open + 1..close];
        if group.iter().any(|t| t.text == "*" || t.text == "&") {
            return group.iter().rev().find(|t| plain_ident(t)).map(|t| t.text);
        }
    }
    let (mut parens, mut brackets) = (0, 0);
    let mut name = None;
    for t in part {
        match t.text {
            "(" => parens += 1,
            ")" => parens -= 1,
            "[" => brackets += 1,
            "]" => brackets -= 1,
            _ if parens == 0 && brackets == 0 && plain_ident(t) => name = Some(t.text),
            _ => {}
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexer::lex;

    fn names(src: &str, depth: Depth) -> (Vec<String>, Vec<String>) {
        let l = lex(src);
        let (mut out, mut socks) = (HashSet::new(), HashSet::new());
        declared(&l, depth, &mut out, &mut socks);
        let mut a: Vec<String> = out.into_iter().map(String::from).collect();
        let mut b: Vec<String> = socks.into_iter().map(String::from).collect();
        a.sort();
        b.sort();
        (a, b)
    }

    #[test]
    fn declarations() {
        let src = r#"
#define MAXC 10
#define CHECK(x) do { if (!(x)) Fail(#x); } while (0)
typedef struct Client { SOCKET sock; int n; } Client, *PClient;
typedef BOOL (WINAPI *PFN_X)(DWORD);
typedef char NAME[32];
enum Mode { MODE_A, MODE_B = 2 };
struct Tag;
static HANDLE CreateThread(LPVOID p, int n);
DWORD WINAPI Worker(LPVOID param)
{
    SOCKET s = accept(listener, NULL, NULL);
    WSADATA WSAData;
    char *p = GetThing(1), q;
    x = WSAFoo(s);
    return Bar(x);
}
int g_count = Compute(3);
void Srv::Run(int a) { Run2(a); std::vector<int> local_v; if (a < b > c) {} }
struct Holder { std::map<int, int> table_m; };
namespace net { int Send(SOCKET to, const char *b); }
extern "C" { int cfunc(void); }
"#;
        let (all, socks) = names(src, Depth::All);
        assert_eq!(
            all,
            [
                "CHECK",
                "Client",
                "CreateThread",
                "Holder",
                "MAXC",
                "MODE_A",
                "MODE_B",
                "Mode",
                "NAME",
                "PClient",
                "PFN_X",
                "Run",
                "Send",
                "Tag",
                "WSAData",
                "Worker",
                "cfunc",
                "g_count",
                "local_v",
                "n",
                "p",
                "s",
                "sock",
                "table_m"
            ]
        );
        assert_eq!(socks, ["s", "sock", "to"]);
        let (scope, _) = names(src, Depth::Scope);
        assert!(!scope.contains(&"WSAData".to_string()));
        assert!(scope.contains(&"Worker".to_string()));
        // ws2mp's struct fields are not provided names (Depth::Scope is for its headers).
        assert!(!scope.contains(&"sock".to_string()) && !scope.contains(&"table_m".to_string()));
    }

    #[test]
    fn asm_labelled_declarations() {
        let src = "int send(SOCKET s, const void *b, int n, int f) WS2MP_LABEL_(ws2mp_send);\n\
                   static inline int f(void) { int local = 1; return local; }";
        let (scope, _) = names(src, Depth::Scope);
        assert_eq!(scope, ["f", "send"]);
    }
}
