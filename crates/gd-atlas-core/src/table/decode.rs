//! Bytes → text for delimited tables. Excel on Chinese Windows saves "CSV" in GBK (a subset of
//! GB18030), newer Excel offers UTF-8 with a byte-order mark, and "Unicode text" is UTF-16 with a
//! mark. The encoding is detected, never asked: a byte-order mark decides; otherwise valid UTF-8 is
//! UTF-8, and anything else must decode strictly as GB18030 or the file is refused.

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE};

/// The text encoding a table was read in (shown in the join report).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf8Bom => "UTF-8 with BOM",
            Self::Utf16Le => "UTF-16LE",
            Self::Utf16Be => "UTF-16BE",
            Self::Gb18030 => "GBK/GB18030",
        }
    }
}

/// Why bytes are not text: the problem and the 1-based line where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    pub line: u64,
    pub problem: String,
}

/// Decodes a whole file; linear in its size.
pub fn decode_text(bytes: &[u8]) -> Result<(String, TextEncoding), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok((text.to_owned(), TextEncoding::Utf8Bom)),
            Err(e) => Err(DecodeError {
                line: line_at(rest, e.valid_up_to()),
                problem: "invalid UTF-8 after a UTF-8 byte-order mark".into(),
            }),
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_strict(UTF_16LE, rest, TextEncoding::Utf16Le, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_strict(UTF_16BE, rest, TextEncoding::Utf16Be, "UTF-16BE");
    }
    // Checked before UTF-8: ASCII text in UTF-16 is valid UTF-8 with a zero after every letter.
    if looks_like_utf16(bytes) {
        return Err(DecodeError {
            line: 1,
            problem: "holds zero bytes: UTF-16 without a byte-order mark, or not a text table; save it as \"CSV UTF-8\"".into(),
        });
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((text.to_owned(), TextEncoding::Utf8)),
        Err(e) => e,
    };
    decode_strict(GB18030, bytes, TextEncoding::Gb18030, "GBK/GB18030").map_err(|gbk| {
        // Neither: the line to look at is where the likelier encoding (the one that read
        // further) broke — a UTF-8 file with one bad byte on line 12 is not "broken on line 2".
        let utf8_line = line_at(bytes, utf8_error.valid_up_to());
        DecodeError {
            line: utf8_line.max(gbk.line),
            problem: "unknown text encoding: neither UTF-8, UTF-16 (with BOM) nor GBK/GB18030; save it as \"CSV UTF-8\"".into(),
        }
    })
}

/// Decodes without replacement characters: a malformed sequence is an error at its line.
fn decode_strict(
    encoding: &'static Encoding,
    bytes: &[u8],
    kind: TextEncoding,
    name: &str,
) -> Result<(String, TextEncoding), DecodeError> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity =
        decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(bytes.len() * 3);
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok((text, kind)),
        DecoderResult::Malformed(bad, extra) => {
            let at = read.saturating_sub(bad as usize + extra as usize);
            Err(DecodeError { line: line_at(bytes, at), problem: format!("invalid {name} bytes") })
        }
        // Cannot happen with a buffer of the maximal length; report rather than panic.
        DecoderResult::OutputFull => Err(DecodeError {
            line: line_at(bytes, read),
            problem: format!("{name} text too long to decode"),
        }),
    }
}

/// Text tables never hold a zero byte, but UTF-16 without a mark has one in every delimiter and
/// line feed (and a binary file has many).
fn looks_like_utf16(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(4096)].contains(&0)
}

/// The 1-based line of a byte offset (line feeds before it, plus one).
fn line_at(bytes: &[u8], offset: usize) -> u64 {
    bytes[..offset.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_encoding() {
        let text = "区县,GDP\n高要区,1\n";
        assert_eq!(decode_text(text.as_bytes()), Ok((text.to_string(), TextEncoding::Utf8)));
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode_text(&bom), Ok((text.to_string(), TextEncoding::Utf8Bom)));
        let (gbk, _, _) = GB18030.encode(text);
        assert_ne!(gbk.as_ref(), text.as_bytes());
        assert_eq!(decode_text(&gbk), Ok((text.to_string(), TextEncoding::Gb18030)));
        let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode_text(&utf16), Ok((text.to_string(), TextEncoding::Utf16Le)));
        let mut utf16be: Vec<u8> = vec![0xFE, 0xFF];
        utf16be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode_text(&utf16be), Ok((text.to_string(), TextEncoding::Utf16Be)));
    }

    #[test]
    fn refuses_undecodable_bytes_with_their_line() {
        // 0xFF is never valid in UTF-8 nor a GB18030 lead byte.
        let err = decode_text(b"a,b\nc,d\n\xFF\xFF,e\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.problem.contains("unknown text encoding"), "{}", err.problem);
        let bad_bom = decode_text(b"\xEF\xBB\xBFa\n\xC3(").unwrap_err();
        assert_eq!(bad_bom.line, 2);
        let no_bom_utf16: Vec<u8> =
            "名称,值\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let err = decode_text(&no_bom_utf16).unwrap_err();
        assert!(err.problem.contains("UTF-16"), "{}", err.problem);
        // ASCII in UTF-16 is valid UTF-8 (a zero after each letter) and still refused.
        let ascii_utf16: Vec<u8> =
            "name,lon\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert!(decode_text(&ascii_utf16).is_err_and(|e| e.problem.contains("UTF-16")));
        // UTF-8 with one bad byte on line 3: the line of that byte, not of the first character
        // GBK cannot read.
        let mut bytes = "名,值\n高要,1\nx".as_bytes().to_vec();
        bytes.extend([0xFF, b'\n']);
        assert_eq!(decode_text(&bytes).map_err(|e| e.line), Err(3));
    }

    #[test]
    fn never_panics_on_arbitrary_bytes() {
        let mut state = 0x2545_f491_u32;
        for len in 0..300 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    (state >> 24) as u8
                })
                .collect();
            let _ = decode_text(&bytes);
        }
    }
}
