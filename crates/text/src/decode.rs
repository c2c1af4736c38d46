//! Bytes to text: lossy UTF-8 decoding that reports what it did.

use std::borrow::Cow;

/// The result of [`decode`].
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text; borrowed when the input was valid UTF-8.
    pub text: Cow<'a, str>,
    /// Byte offset of the first invalid byte, if the input was not valid
    /// UTF-8 (each invalid byte was replaced by U+001A, SUB).
    pub first_invalid: Option<usize>,
    /// Number of invalid sequences replaced.
    pub invalid_count: usize,
    /// Number of NUL bytes (they are treated as spaces).
    pub nul_count: usize,
    /// Whether the input looks like a binary file rather than text: more
    /// than 1 in 100 of its bytes are NUL, or more than 1 in 10 of its
    /// chars (and at least 4) were invalid UTF-8.
    pub looks_binary: bool,
}

impl Decoded<'_> {
    /// A one-line warning for the user, or `None` for clean text.
    pub fn warning(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(at) = self.first_invalid {
            parts.push(format!(
                "input is not valid UTF-8 (first bad byte at offset {at}; {} invalid sequence(s), read as spaces)",
                self.invalid_count
            ));
        }
        if self.nul_count > 0 {
            parts.push(format!("input holds {} NUL byte(s), read as spaces", self.nul_count));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// Decodes bytes as UTF-8, replacing each invalid byte with U+001A (SUB).
///
/// A one-byte replacement (rather than the usual 3-byte U+FFFD) keeps every
/// byte offset into the decoded text equal to the offset into the input, so
/// token spans (CoNLL-U `TokenRange`, evidence spans) point into the
/// original bytes. SUB is a control character, which the normaliser reads
/// as a space, so an invalid byte separates tokens.
///
/// Never fails and never allocates for valid input. A caller should print
/// [`Decoded::warning`] and may refuse input with [`Decoded::looks_binary`].
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    let nul_count = memchr::memchr_iter(0, bytes).count();
    let nul = nul_count * 100 > bytes.len();
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded {
            text: Cow::Borrowed(s),
            first_invalid: None,
            invalid_count: 0,
            nul_count,
            looks_binary: nul,
        },
        Err(e) => {
            let first = e.valid_up_to();
            let mut out = String::with_capacity(bytes.len() + 16);
            let mut count = 0;
            for chunk in bytes.utf8_chunks() {
                out.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    out.extend(std::iter::repeat_n('\u{1A}', chunk.invalid().len()));
                    count += 1;
                }
            }
            let chars = out.len().max(1);
            let looks_binary = nul || (count >= 4 && count * 10 > chars);
            Decoded {
                text: Cow::Owned(out),
                first_invalid: Some(first),
                invalid_count: count,
                nul_count,
                looks_binary,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_is_borrowed() {
        let d = decode(b"hello");
        assert!(matches!(d.text, Cow::Borrowed("hello")));
        assert!(d.warning().is_none());
        assert!(!d.looks_binary);
    }

    #[test]
    fn invalid_reports_offset() {
        let d = decode(b"ab\xffcd\xfe");
        assert_eq!(d.text, "ab\u{1A}cd\u{1A}");
        assert_eq!(d.text.len(), 6);
        assert_eq!(d.first_invalid, Some(2));
        assert_eq!(d.invalid_count, 2);
        assert!(d.warning().unwrap().contains("offset 2"));
    }

    #[test]
    fn nul_looks_binary() {
        assert!(decode(b"a\0b").looks_binary);
        let mut text = vec![b'a'; 1000];
        text[10] = 0;
        let d = decode(&text);
        assert!(!d.looks_binary);
        assert!(d.warning().unwrap().contains("1 NUL byte"));
    }
}
