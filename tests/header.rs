//! include/ws2mp.h must be exactly what the pinned cbindgen generates from the sources.
//! Set WS2MP_BLESS=1 to rewrite it.

use std::path::Path;

#[test]
fn generated_header_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(root.join("cbindgen.toml")).expect("cbindgen.toml");
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(root)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut generated);
    let path = root.join("include/ws2mp.h");
    let current = std::fs::read(&path).unwrap_or_default();
    if current != generated {
        if std::env::var_os("WS2MP_BLESS").is_some() {
            std::fs::write(&path, &generated).unwrap();
            return;
        }
        panic!(
            "include/ws2mp.h is stale: run `WS2MP_BLESS=1 cargo test --test header` and commit it"
        );
    }
}

/// Every macro in ws2mp.h is a Winsock name (or ws2mp's own, prefixed): a Rust-internal constant
/// leaking into the public header would collide with the user's names (`DATA`, `VERSION`, ...).
#[test]
fn header_defines_only_winsock_names() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let header = std::fs::read_to_string(root.join("include/ws2mp.h")).unwrap();
    const PREFIXES: &[&str] = &[
        "WSA", "WS2MP_", "FD_", "XP1_", "PFL_", "SO_", "SIO_", "IOC_", "JL_", "CF_", "SD_", "SG_",
        "MSG_",
    ];
    const NAMES: &[&str] = &[
        "SOCKET_ERROR",
        "INVALID_SOCKET",
        "WINSOCK_VERSION",
        "FROM_PROTOCOL_INFO",
        "BIGENDIAN",
        "LITTLEENDIAN",
        "SECURITY_PROTOCOL_NONE",
        "LAYERED_PROTOCOL",
        "BASE_PROTOCOL",
        "MAX_PROTOCOL_CHAIN",
        "PVD_CONFIG",
        "IP_DONTFRAGMENT",
    ];
    let strays: Vec<&str> = header
        .lines()
        .filter_map(|l| l.strip_prefix("#define "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| !PREFIXES.iter().any(|p| name.starts_with(p)) && !NAMES.contains(name))
        .collect();
    assert!(
        strays.is_empty(),
        "ws2mp.h defines names that are not Winsock's: {strays:?}"
    );
}

/// W functions whose string argument is not a NUL-terminated string on its own (a count goes
/// with it): the compat headers do not convert a `wchar_t` argument there.
const NOT_STRING_ARGUMENTS: &[&str] = &[
    "WideCharToMultiByte",
    "CompareStringW",
    "CompareStringOrdinal",
    "TextOutW",
    "StringCchCopyNW",
    "StringCbCopyNW",
    "StringCchCatNW",
    "StringCbCatNW",
    "StringCchCopyNExW",
    "StringCbCopyNExW",
    "StringCchCatNExW",
    "StringCbCatNExW",
    "StrCmpNIW",
    "StrCmpNW",
];

/// C runtime conversions that have both forms already (ws2mp_crt.h: the C library's `wchar_t`
/// one, and a `WCHAR` one by C++ overload or C `_Generic`): nothing to wrap.
const OWN_WCHAR_T_FORMS: &[&str] = &["_wtoi", "_wtol", "_wtoi64", "_wtoll", "_wtof"];

/// One function declared in ws2mp.h: its return type, name and parameters (as written).
struct Declaration {
    ret: String,
    name: String,
    params: Vec<String>,
}

/// The function declarations of ws2mp.h (statements of the form `type name(params);`).
fn declarations(header: &str) -> Vec<Declaration> {
    let mut out = Vec::new();
    let mut statement = String::new();
    for line in header.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("//") || line.starts_with('#') {
            continue;
        }
        statement.push(' ');
        statement.push_str(line);
        if !line.ends_with(';') && !line.ends_with('{') && !line.ends_with('}') {
            continue;
        }
        let s = std::mem::take(&mut statement);
        let s = s.trim();
        let Some(body) = s.strip_suffix(");") else {
            continue;
        };
        if s.starts_with("typedef") || s.contains('{') || s.contains('=') {
            continue;
        }
        let Some(open) = body.find('(') else { continue };
        let head = &body[..open];
        let Some(name) = head
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .next_back()
        else {
            continue;
        };
        out.push(Declaration {
            ret: head[..head.len() - name.len()].trim().to_owned(),
            name: name.to_owned(),
            params: split_params(&body[open + 1..]),
        });
    }
    out
}

/// A parameter list's parameters, split at the commas outside parentheses.
fn split_params(list: &str) -> Vec<String> {
    let mut params = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in list.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                params.push(list[start..i].trim().to_owned());
                start = i + 1;
            }
            _ => {}
        }
    }
    params.push(list[start..].trim().to_owned());
    params
}

/// A parameter's name: the identifier after `(*` for a function pointer, else the last one.
fn param_name(param: &str) -> &str {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    match param.find("(*") {
        Some(i) => param[i + 2..]
            .split(|c: char| !ident(c))
            .next()
            .unwrap_or(""),
        None => param
            .split(|c: char| !ident(c))
            .rfind(|s| !s.is_empty())
            .unwrap_or(""),
    }
}

/// The inline functions (`static inline type name(params) {`) a compat header defines before it
/// includes ws2mp_wchar_args.h.
fn inline_definitions(text: &str) -> Vec<Declaration> {
    let text = match text.find("#include \"ws2mp_wchar_args.h\"") {
        Some(end) => &text[..end],
        None => text,
    };
    let mut out = Vec::new();
    for (at, _) in text.match_indices("static inline ") {
        let rest = &text[at + "static inline ".len()..];
        let Some(open) = rest.find('(') else { continue };
        let head = rest[..open].trim();
        if head.contains(['\n', ';', '{', '}', '#']) {
            continue;
        }
        let Some(name) = head
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .next_back()
        else {
            continue;
        };
        let (mut depth, mut close) = (1, None);
        for (i, c) in rest.char_indices().skip(open + 1) {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(close) = close else { continue };
        if !rest[close + 1..].trim_start().starts_with('{') {
            continue;
        }
        let body = rest[open + 1..close]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        out.push(Declaration {
            ret: head[..head.len() - name.len()].trim().to_owned(),
            name: name.to_owned(),
            params: split_params(&body),
        });
    }
    out
}

/// `const uint16_t *name`, `LPCWSTR name`, `const WCHAR *name`: one string (not an array).
fn string_param(p: &str) -> bool {
    [
        "const uint16_t *",
        "LPCWSTR ",
        "STRSAFE_LPCWSTR ",
        "const WCHAR *",
    ]
    .iter()
    .filter_map(|t| p.strip_prefix(t))
    .any(|name| !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_'))
}

/// The functions to wrap among `candidates`: those with a string parameter, no `...`, none
/// that returns a pointer into its first (converted) argument, not listed in
/// `NOT_STRING_ARGUMENTS`, each name once.
fn to_wrap(candidates: Vec<Declaration>) -> Vec<Declaration> {
    let wide_pointer = |t: &str| {
        ["LPWSTR", "LPCWSTR", "PWSTR", "WCHAR *", "uint16_t *"]
            .iter()
            .any(|w| t.ends_with(w))
    };
    let mut names = std::collections::HashSet::new();
    candidates
        .into_iter()
        .filter(|d| !d.name.starts_with("ws2mp_") && !NOT_STRING_ARGUMENTS.contains(&&*d.name))
        .filter(|d| !OWN_WCHAR_T_FORMS.contains(&&*d.name))
        .filter(|d| d.params.iter().any(|p| string_param(p)))
        .filter(|d| !d.params.iter().any(|p| p == "..."))
        .filter(|d| !(wide_pointer(&d.ret) && d.params.first().is_some_and(|p| string_param(p))))
        .filter(|d| names.insert(d.name.clone()))
        .collect()
}

/// The functions the compat headers leave out for a program that targets an older Windows
/// (include/compat/ws2mp_winver.h, which renames them while ws2mp.h is read): name -> the
/// level macro under which they exist (`WS2MP_WINNT_VISTA`, ...).
fn version_gated(compat: &Path) -> std::collections::HashMap<String, String> {
    let text = std::fs::read_to_string(compat.join("ws2mp_winver.h")).unwrap();
    let mut gated = std::collections::HashMap::new();
    let mut level = None;
    // The renaming part: from `#elif !defined(WS2MP_WINVER_END_)` to the `#else` after it.
    let start = text
        .find("#elif !defined(WS2MP_WINVER_END_)")
        .expect("ws2mp_winver.h's renaming part");
    for line in text[start..].lines().skip(1) {
        if line.starts_with("#else") {
            break;
        }
        if let Some(l) = line.strip_prefix("#if !") {
            level = Some(l.trim().to_owned());
        } else if line.starts_with("#endif") {
            level = None;
        } else if let (Some(rest), Some(l)) = (line.strip_prefix("#define "), &level) {
            let mut words = rest.split_whitespace();
            if let (Some(name), Some(to)) = (words.next(), words.next()) {
                if to.starts_with("ws2mp_winver_hidden_") {
                    gated.insert(name.to_owned(), l.clone());
                }
            }
        }
    }
    gated
}

/// The C macros and the C++ templates that wrap `functions` (those in `gated` only under
/// their version level).
fn wrappers(
    functions: &[Declaration],
    gated: &std::collections::HashMap<String, String>,
) -> (String, String) {
    let mut c = String::new();
    let mut cpp = String::new();
    for d in functions {
        let level = gated.get(&d.name);
        if let Some(l) = level {
            c.push_str(&format!("#if {l}\n"));
            cpp.push_str(&format!("#if {l}\n"));
        }
        let args: Vec<String> = (0..d.params.len()).map(|i| format!("a{i}")).collect();
        let passed: Vec<String> = d
            .params
            .iter()
            .zip(&args)
            .map(|(p, a)| {
                if string_param(p) {
                    format!("WS2MP_WSTR_({a})")
                } else {
                    a.clone()
                }
            })
            .collect();
        c.push_str(&format!(
            "#define {}({}) ({})({})\n",
            d.name,
            args.join(", "),
            d.name,
            passed.join(", ")
        ));
        // C++: a template over the string parameters' types (so that NULL, an integer there,
        // is taken too); the native function wins when every argument already fits it.
        let mut types = Vec::new();
        let mut params = Vec::new();
        let mut call = Vec::new();
        for p in &d.params {
            let n = param_name(p);
            if string_param(p) {
                let t = format!("T{}", types.len());
                params.push(format!("{t} {n}"));
                call.push(format!("ws2mp_wstr_arg_({n}).p"));
                types.push(format!("class {t}"));
            } else {
                params.push(p.clone());
                call.push(n.to_owned());
            }
        }
        let ret = if d.ret == "void" { "" } else { "return " };
        cpp.push_str(&format!(
            "template <{}>\nstatic inline {} {}({})\n{{\n    {ret}{}({});\n}}\n",
            types.join(", "),
            d.ret,
            d.name,
            params.join(", "),
            d.name,
            call.join(", ")
        ));
        if level.is_some() {
            c.push_str("#endif\n");
            cpp.push_str("#endif\n");
        }
    }
    (c, cpp)
}

/// include/compat/ws2mp_wchar_args.h, generated from ws2mp.h's declarations and the compat
/// headers' inline W helpers. Each header that includes it at its end (after defining
/// `WS2MP_WCHAR_ARGS_FOR_<NAME>_H`) gets a part of its own with the wrappers of the helpers it
/// has just defined (a wrapper made earlier, while a program's first include is still reading
/// the header, would rename the definition); `<windows.h>`'s part also wraps ws2mp.h's
/// functions. The names of the headers that define wrappable helpers without including it are
/// returned too.
fn wchar_args_header(header: &str, compat: &Path) -> (String, Vec<String>) {
    let mut names: Vec<_> = std::fs::read_dir(compat)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "windows.h" && n != "ws2mp_wchar_args.h" && n.ends_with(".h"))
        .collect();
    names.sort();
    names.insert(0, "windows.h".to_owned());
    let mut out = WCHAR_ARGS_PREAMBLE.to_owned();
    let mut missing = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let gated = version_gated(compat);
    for name in names {
        let text = std::fs::read_to_string(compat.join(&name)).unwrap();
        let mut candidates = inline_definitions(&text);
        if name == "windows.h" {
            candidates.splice(0..0, declarations(header));
        }
        let functions: Vec<Declaration> = to_wrap(candidates)
            .into_iter()
            .filter(|d| seen.insert(d.name.clone()))
            .collect();
        if functions.is_empty() {
            continue;
        }
        if !text.contains("#include \"ws2mp_wchar_args.h\"") {
            missing.push(name);
            continue;
        }
        let (c, cpp) = wrappers(&functions, &gated);
        let tag = name.trim_end_matches(".h").to_uppercase();
        out.push_str(&format!(
            "\n/* <{name}>'s, once it has defined them. */\n\
             #if defined(WS2MP_WCHAR_ARGS_FOR_{tag}_H) && !defined(WS2MP_WCHAR_ARGS_DONE_{tag}_H)\n\
             #define WS2MP_WCHAR_ARGS_DONE_{tag}_H\n\
             #ifdef __cplusplus\nextern \"C++\" {{\n{cpp}}}\n#else\n{c}#endif\n#endif\n"
        ));
    }
    (out, missing)
}

const WCHAR_ARGS_PREAMBLE: &str = r#"/* Generated from include/ws2mp.h and the compat headers' inline W helpers by tests/header.rs
 * (`WS2MP_BLESS=1 cargo test --test header`): do not edit.
 *
 * W functions take the C library's wchar_t strings too. On Windows wchar_t and WCHAR are both
 * 16 bits, so programs pass L"..." literals, std::wstring::c_str() and a wmain's argv to the
 * W functions (InetPtonW(AF_INET, L"127.0.0.1", &a), GetAddrInfoW(L"localhost", L"80", ...)).
 * Here wchar_t is 32 bits: such an argument is converted to a WCHAR string first
 * (ws2mp_wchar_arg). C: each W function with a string parameter is a function-like macro that
 * picks the conversion by the argument's type (_Generic); the function's address and
 * `(InetPtonW)(...)` are untouched. C++: an overload takes either type (ws2mp_wstr_arg_).
 * -DWS2MP_NO_WCHAR_T_OVERLOADS turns this off. See docs/PORTING.md, section 6. */
#ifndef WS2MP_COMPAT_WCHAR_ARGS_H
#define WS2MP_COMPAT_WCHAR_ARGS_H

#ifdef __cplusplus
extern "C++" {
/* A string argument of a W function: a WCHAR string as it is, a wchar_t string converted. */
struct ws2mp_wstr_arg_ {
    const uint16_t *p;
    ws2mp_wstr_arg_(const uint16_t *s) : p(s) {}
    ws2mp_wstr_arg_(const wchar_t *s) : p(ws2mp_wchar_arg((const int32_t *)(const void *)s)) {}
    /* NULL and 0 (NULL is an integer constant in C++). */
    ws2mp_wstr_arg_(int) : p(0) {}
    ws2mp_wstr_arg_(long) : p(0) {}
#if __cplusplus >= 201103L
    ws2mp_wstr_arg_(decltype(nullptr)) : p(0) {}
#endif
};
}
#else
#define WS2MP_WSTR_(s)                                                                         \
    __extension__ _Generic((s),                                                                \
        wchar_t *: ws2mp_wchar_arg((const int32_t *)(const void *)(s)),                        \
        const wchar_t *: ws2mp_wchar_arg((const int32_t *)(const void *)(s)),                  \
        default: (s))
#endif
#endif /* WS2MP_COMPAT_WCHAR_ARGS_H */

/* The wrappers, in one part for each header, made when the header has included this file at
 * its end. */
"#;

#[test]
fn wchar_argument_wrappers_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let header = std::fs::read_to_string(root.join("include/ws2mp.h")).unwrap();
    let (generated, missing) = wchar_args_header(&header, &root.join("include/compat"));
    assert!(
        missing.is_empty(),
        "these compat headers define W helpers that take strings but do not include \
         ws2mp_wchar_args.h at their end (see windows.h's last lines): {missing:?}"
    );
    assert!(
        generated.contains("InetPtonW(a0, a1, a2)") && generated.contains("GetAddrInfoW("),
        "the generator found the W functions"
    );
    let path = root.join("include/compat/ws2mp_wchar_args.h");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current != generated {
        if std::env::var_os("WS2MP_BLESS").is_some() {
            std::fs::write(&path, &generated).unwrap();
            return;
        }
        panic!("include/compat/ws2mp_wchar_args.h is stale: run `WS2MP_BLESS=1 cargo test --test header` and commit it");
    }
}
