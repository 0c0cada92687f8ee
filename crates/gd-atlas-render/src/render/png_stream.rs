//! PNG encoding of a figure band by band, on the threads that painted the bands, with the
//! bytes of the one-thread encoder (issue 21: encoding overlapped with rasterising).
//!
//! Why this works: the `png` crate's fast mode (`Compression::Fast`, the figures' setting)
//! filters every row with `Sub`, which reads only the row itself, and hands each filtered row to
//! fdeflate in its own call. fdeflate writes one deflate block with a fixed code table and codes
//! each call's bytes as literals and runs of zeros that end with the call. So the compressed
//! stream is the header, then the bit strings of the rows one after the other, then the
//! end-of-block code and the Adler-32 of all filtered bytes. A band's rows can be filtered and
//! coded on its own thread into a bit string; joining the bands' bit strings in order (at bit
//! offsets, not byte ones) and combining their checksums gives the stream the one-thread encoder
//! writes, byte for byte (the tests compare the two on figures, noise and runs of zeros).
//!
//! The code table, the stream's header and the coding of literals and runs are fdeflate 0.3's
//! (MIT or Apache-2.0, `src/compress.rs`, `src/tables.rs`), copied because they are private
//! there. Anything the copy does not cover — a translucent pixel (tiny-skia's encoder then
//! demultiplies alpha) or a stream larger than stored blocks (the `png` crate then stores the
//! rows) — falls back to [`super::png::encode_png`] on the whole image.

/// fdeflate's literal/length code lengths (its `HUFFMAN_LENGTHS`): literals 0–255, end of
/// block 256, lengths 257–285.
const CODE_LENGTHS: [u8; 286] = [
    2, 3, 4, 5, 5, 6, 6, 7, 7, 7, 8, 8, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9, 10, 10, 10, 10, 10, 10, 10,
    10, 10, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
    12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
    12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
    12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
    12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
    12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
    12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
    12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 11, 11, 11, 11, 11, 11, 11,
    11, 11, 11, 10, 11, 10, 10, 10, 10, 10, 10, 10, 10, 10, 9, 9, 9, 9, 9, 8, 9, 8, 8, 8, 8, 8, 7,
    7, 7, 6, 6, 6, 5, 4, 3, 12, 12, 12, 9, 9, 11, 10, 11, 11, 10, 11, 11, 11, 11, 11, 11, 12, 11,
    12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 9,
];

/// Canonical codes of [`CODE_LENGTHS`], bit-reversed for deflate's least-significant-first order
/// (fdeflate's `compute_codes`).
const CODES: [u16; 286] = canonical_codes(&CODE_LENGTHS);

const fn canonical_codes(lengths: &[u8; 286]) -> [u16; 286] {
    let mut codes = [0u16; 286];
    let mut code = 0u32;
    let mut len = 1;
    while len <= 16 {
        let mut i = 0;
        while i < lengths.len() {
            if lengths[i] == len {
                codes[i] = (code as u16).reverse_bits() >> (16 - len);
                code += 1;
            }
            i += 1;
        }
        code <<= 1;
        len += 1;
    }
    codes
}

/// Deflate's length symbols 257–285: the shortest length of each.
const LENGTH_BASE: [u32; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
/// Extra bits of each length symbol.
const LENGTH_EXTRA: [u8; 29] =
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];

/// The zlib header and the block header with its code table, as fdeflate writes them: 53 bytes,
/// then the low 5 bits of the 54th.
const STREAM_HEADER: [u8; 54] = [
    120, 1, 237, 192, 3, 160, 36, 89, 150, 198, 241, 255, 119, 238, 141, 200, 204, 167, 114, 75,
    99, 174, 109, 219, 182, 109, 219, 182, 109, 219, 182, 109, 105, 140, 158, 150, 74, 175, 158,
    50, 51, 34, 238, 249, 118, 183, 106, 122, 166, 135, 59, 107, 213, 15,
];
const STREAM_HEADER_BITS: u64 = 53 * 8 + 5;

/// Bits written least-significant first, as deflate reads them.
#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    buffer: u64,
    /// Bits in `buffer` not yet in `bytes` (fewer than 32 between calls).
    pending: u32,
}

impl BitWriter {
    fn with_capacity(bytes: usize) -> BitWriter {
        BitWriter { bytes: Vec::with_capacity(bytes), ..Default::default() }
    }

    /// Appends the low `count` bits of `bits` (`count` ≤ 32; the higher bits must be zero).
    fn write(&mut self, bits: u64, count: u32) {
        debug_assert!(count <= 32 && bits >> count == 0);
        self.buffer |= bits << self.pending;
        self.pending += count;
        if self.pending >= 32 {
            self.bytes.extend_from_slice(&(self.buffer as u32).to_le_bytes());
            self.buffer >>= 32;
            self.pending -= 32;
        }
    }

    /// A literal or length symbol of the table.
    fn symbol(&mut self, symbol: usize) {
        self.write(CODES[symbol] as u64, CODE_LENGTHS[symbol] as u32);
    }

    /// The bits written, the last byte padded with zeros, and their number.
    fn into_bits(mut self) -> (Vec<u8>, u64) {
        let len = self.bytes.len() as u64 * 8 + self.pending as u64;
        let tail = self.pending.div_ceil(8) as usize;
        self.bytes.extend_from_slice(&self.buffer.to_le_bytes()[..tail]);
        (self.bytes, len)
    }

    /// Appends the first `len` bits of `bytes` (as [`BitWriter::into_bits`] gives them).
    fn append(&mut self, bytes: &[u8], len: u64) {
        let whole = (len / 8) as usize;
        let mut words = bytes[..whole].chunks_exact(4);
        for word in &mut words {
            self.write(u32::from_le_bytes([word[0], word[1], word[2], word[3]]) as u64, 32);
        }
        for &b in words.remainder() {
            self.write(b as u64, 8);
        }
        let rest = (len % 8) as u32;
        if rest > 0 {
            self.write((bytes[whole] & ((1u8 << rest) - 1)) as u64, rest);
        }
    }
}

/// A run of `run` zero bytes (≥ 1), as fdeflate codes it: one literal zero, then copies at
/// distance 1 (whose one-bit distance code is 0) of at most 258 bytes each.
fn write_zero_run(w: &mut BitWriter, mut run: u32) {
    w.symbol(0);
    run -= 1;
    while run >= 258 {
        w.write(CODES[285] as u64, CODE_LENGTHS[285] as u32 + 1);
        run -= 258;
    }
    if run > 4 {
        let k = LENGTH_BASE.iter().rposition(|&base| base <= run).unwrap_or(0);
        w.symbol(257 + k);
        w.write((run - LENGTH_BASE[k]) as u64, LENGTH_EXTRA[k] as u32 + 1);
    } else {
        // Literal zeros: the code of 0 is all zero bits.
        w.write(0, run * CODE_LENGTHS[0] as u32);
    }
}

/// Codes one call's bytes as fdeflate's `Compressor::write_data` does: eight bytes at a time,
/// runs of zero bytes as copies, everything else as literals; a run ends with the call.
fn write_data(w: &mut BitWriter, data: &[u8]) {
    let mut run = 0u32;
    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        if word == 0 {
            run += 8;
            continue;
        } else if run > 0 {
            let run_extra = word.trailing_zeros() / 8;
            write_zero_run(w, run + run_extra);
            if run_extra > 0 {
                run = word.leading_zeros() / 8;
                for &b in &chunk[run_extra as usize..8 - run as usize] {
                    w.symbol(b as usize);
                }
                continue;
            }
        }
        let run_start = word.leading_zeros() / 8;
        for &b in &chunk[..8 - run_start as usize] {
            w.symbol(b as usize);
        }
        run = run_start;
    }
    if run > 0 {
        write_zero_run(w, run);
    }
    for &b in chunks.remainder() {
        w.symbol(b as usize);
    }
}

/// The `Sub` filter of one RGBA row into `out`, filter-type byte first: each byte less the
/// byte of the pixel to its left.
fn sub_filter(row: &[u8], out: &mut Vec<u8>) {
    out.clear();
    out.push(1);
    out.extend_from_slice(&row[..4.min(row.len())]);
    out.extend(row.iter().skip(4).zip(row).map(|(cur, left)| cur.wrapping_sub(*left)));
}

/// Some consecutive rows of an opaque RGBA image, filtered and coded: a piece of the one
/// compressed stream.
pub struct CodedRows {
    /// The coded bits, the last byte padded with zeros, and their number.
    bits: Vec<u8>,
    len_bits: u64,
    /// Adler-32 of the filtered bytes, and their number.
    adler: u32,
    filtered_len: u64,
}

/// Filters and codes `rows` (whole rows of `width` RGBA pixels). `None` when a pixel is not
/// opaque: the whole image then takes tiny-skia's encoder, which demultiplies alpha.
pub fn code_rows(rows: &[u8], width: u32) -> Option<CodedRows> {
    if !rows.chunks_exact(4).all(|px| px[3] == 255) {
        return None;
    }
    let row_len = (width as usize * 4).max(4);
    let mut w = BitWriter::with_capacity(rows.len() / 12);
    let mut adler = simd_adler32::Adler32::new();
    let mut filtered = Vec::with_capacity(row_len + 1);
    let mut filtered_len = 0u64;
    for row in rows.chunks_exact(row_len) {
        sub_filter(row, &mut filtered);
        adler.write(&filtered);
        filtered_len += filtered.len() as u64;
        write_data(&mut w, &filtered);
    }
    let (bits, len_bits) = w.into_bits();
    Some(CodedRows { bits, len_bits, adler: adler.finish(), filtered_len })
}

/// zlib's `adler32_combine`: the Adler-32 of bytes whose checksum is `a` followed by `b_len`
/// bytes whose checksum is `b`.
fn adler32_combine(a: u32, b: u32, b_len: u64) -> u32 {
    const BASE: u64 = 65521;
    let rem = b_len % BASE;
    let (a1, a2) = (a as u64 & 0xffff, a as u64 >> 16);
    let (b1, b2) = (b as u64 & 0xffff, b as u64 >> 16);
    let sum1 = (a1 + b1 + BASE - 1) % BASE;
    let sum2 = (rem * a1 % BASE + a2 + b2 + BASE - rem) % BASE;
    (sum1 | (sum2 << 16)) as u32
}

/// The PNG of a `width`×`height` image from its coded pieces, top first, covering every row:
/// the bytes [`super::png::encode_png`] gives for the same pixels. `Ok(None)` when a piece is
/// missing (a band with a translucent pixel) or the `png` crate would have stored the rows
/// instead (a stream larger than its stored blocks): the caller then encodes the whole image.
pub fn assemble_png(
    width: u32,
    height: u32,
    pieces: &[Option<CodedRows>],
) -> Result<Option<Vec<u8>>, String> {
    let Some(pieces) = pieces.iter().map(Option::as_ref).collect::<Option<Vec<&CodedRows>>>()
    else {
        return Ok(None);
    };
    let filtered_len: u64 = pieces.iter().map(|p| p.filtered_len).sum();
    if filtered_len != height as u64 * (width as u64 * 4 + 1) {
        return Err(format!("PNG encoding failed: the bands hold {filtered_len} bytes of rows"));
    }
    let len_bits: u64 = pieces.iter().map(|p| p.len_bits).sum();
    let mut w = BitWriter::with_capacity((len_bits / 8) as usize + 64);
    w.append(&STREAM_HEADER, STREAM_HEADER_BITS);
    let mut adler = 1u32;
    for piece in &pieces {
        w.append(&piece.bits, piece.len_bits);
        adler = adler32_combine(adler, piece.adler, piece.filtered_len);
    }
    w.symbol(256);
    let mut zlib = w.into_bits().0;
    zlib.extend_from_slice(&adler.to_be_bytes());
    if zlib.len() > stored_size(filtered_len) {
        return Ok(None);
    }
    let failed = |e: png::EncodingError| format!("PNG encoding failed: {e}");
    let mut out = Vec::with_capacity(zlib.len() + 128);
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(failed)?;
    // As the `png` crate cuts the stream: IDAT chunks of at most 2³¹ − 1 bytes.
    for chunk in zlib.chunks(i32::MAX as usize) {
        writer.write_chunk(png::chunk::IDAT, chunk).map_err(failed)?;
    }
    writer.finish().map_err(failed)?;
    Ok(Some(out))
}

/// The size of `raw` bytes in stored deflate blocks with the zlib wrapper, as fdeflate's
/// `StoredOnlyCompressor::compressed_size` counts it.
fn stored_size(raw: u64) -> usize {
    let raw = raw as usize;
    (raw.saturating_sub(1) / u16::MAX as usize) * (u16::MAX as usize + 5)
        + (raw % u16::MAX as usize + 5)
        + 6
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `png` crate's one-thread fast encoding of opaque RGBA pixels (what `encode_png` does
    /// for an opaque figure).
    fn one_thread(pixels: &[u8], width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Fast);
        let mut writer = encoder.write_header().expect("header");
        writer.write_image_data(pixels).expect("data");
        writer.finish().expect("finish");
        out
    }

    /// `pixels` coded in pieces of `rows_per_piece` rows and assembled.
    fn in_pieces(pixels: &[u8], width: u32, height: u32, rows_per_piece: usize) -> Option<Vec<u8>> {
        let pieces: Vec<Option<CodedRows>> = pixels
            .chunks(width as usize * 4 * rows_per_piece)
            .map(|rows| code_rows(rows, width))
            .collect();
        assemble_png(width, height, &pieces).expect("assembles")
    }

    /// A deterministic pseudo-random byte stream (xorshift).
    fn noise(len: usize, seed: u64) -> Vec<u8> {
        let mut s = seed;
        (0..len)
            .map(|_| {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                s as u8
            })
            .collect()
    }

    fn opaque(mut pixels: Vec<u8>) -> Vec<u8> {
        pixels.iter_mut().skip(3).step_by(4).for_each(|a| *a = 255);
        pixels
    }

    #[test]
    fn pieces_give_the_one_thread_bytes_on_every_kind_of_row() {
        // Flat rows (long zero runs after Sub), noise (literals only), and rows mixing flat
        // stretches of every length 1..300 bytes with noise (every run length and its cut at
        // an 8-byte word), at widths that are not multiples of 8 bytes' pixels.
        for (width, height) in [(1u32, 1u32), (3, 7), (97, 31), (640, 23)] {
            let len = (width * height * 4) as usize;
            let flat = opaque(vec![200; len]);
            let random = opaque(noise(len, 7 + width as u64));
            let mut mixed = noise(len, 99);
            let mut i = 0;
            let mut stretch = 1;
            while i < len {
                let end = (i + stretch).min(len);
                let v = mixed[i];
                mixed[i..end].iter_mut().for_each(|b| *b = v);
                i = end + 5;
                stretch = stretch % 300 + 1;
            }
            let mixed = opaque(mixed);
            for pixels in [&flat, &random, &mixed] {
                let expected = one_thread(pixels, width, height);
                for rows_per_piece in [1, 2, 5, height as usize] {
                    let got = in_pieces(pixels, width, height, rows_per_piece);
                    if got.is_none() {
                        // Stored instead: only when the fast code would be larger (noise).
                        assert!(expected.len() as u64 > len as u64, "{width}×{height}");
                        continue;
                    }
                    assert!(
                        got.as_deref() == Some(expected.as_slice()),
                        "{width}×{height} in pieces of {rows_per_piece} rows differ"
                    );
                }
            }
        }
    }

    #[test]
    fn a_translucent_piece_or_a_stored_stream_is_left_to_the_whole_image_encoder() {
        let mut pixels = opaque(vec![10; 16 * 4 * 4]);
        pixels[3] = 128;
        assert!(code_rows(&pixels, 16).is_none(), "a translucent pixel");
        assert_eq!(in_pieces(&pixels, 16, 4, 2), None);
        // Noise codes larger than stored blocks: the `png` crate stores it, so must we.
        let random = opaque(noise(64 * 64 * 4, 3));
        assert_eq!(in_pieces(&random, 64, 64, 16), None);
        // Pieces that do not cover the image are an error, not a short file.
        let flat = opaque(vec![0; 16 * 4 * 4]);
        let half = vec![code_rows(&flat[..16 * 4 * 2], 16)];
        assert!(assemble_png(16, 4, &half).is_err());
    }

    #[test]
    fn combined_checksums_are_the_checksum_of_the_whole() {
        let bytes = noise(200_000, 11);
        let whole = |b: &[u8]| {
            let mut a = simd_adler32::Adler32::new();
            a.write(b);
            a.finish()
        };
        for cut in [0, 1, 65_520, 65_521, 65_522, 131_042, 199_999, 200_000] {
            let (a, b) = bytes.split_at(cut);
            assert_eq!(
                adler32_combine(whole(a), whole(b), b.len() as u64),
                whole(&bytes),
                "cut at {cut}"
            );
        }
    }
}
