//! Writing a whole file so that a reader sees the old text or the new one, never half: the new
//! text goes to a temporary file beside it (named after this process), renamed over it.

use std::io;
use std::path::Path;

/// Replaces `file`'s contents with `text` (creating it); the temporary file is removed when
/// the rename fails.
pub(crate) fn replace_file(file: &Path, text: &str) -> io::Result<()> {
    let mut tmp = file.as_os_str().to_owned();
    tmp.push(format!(".ws2mp-{}", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, file).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
