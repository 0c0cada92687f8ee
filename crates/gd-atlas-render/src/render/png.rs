//! The PNG canvas: tiny-skia with antialiasing, even-odd fills, dashed strokes and glyph
//! outlines from the embedded font. Everything is drawn in logical pixels through a scale
//! transform of the device-pixel ratio, so a 4K figure has 4K detail, not tiny text.
//! Encoding uses tiny-skia's PNG encoder, which writes no timestamps: the same inputs give the
//! same bytes.

use std::sync::Mutex;

use tiny_skia::{
    FillRule, LineCap, LineJoin, Paint, Path, PathBuilder, Pixmap, PixmapMut, Stroke, StrokeDash,
    Transform,
};

use super::canvas::{Canvas, FillTag, HAlign, Polylines, TextRun};
use super::png_stream::{assemble_png, code_rows};
use super::text::{OutlineSink, Typeface};
use super::thin_stroke::ThinStroker;
use crate::scene::style::{Color, Dash, LineStyle};

pub struct PngCanvas {
    pub pixmap: Pixmap,
    transform: Transform,
    face: &'static Typeface,
}

fn paint(color: Color) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color_rgba8(color[0], color[1], color[2], color[3]);
    p.anti_alias = true;
    p
}

fn path_of(shape: &Polylines) -> Option<Path> {
    let mut pb = PathBuilder::new();
    for (range, closed) in &shape.parts {
        let pts = shape.part_points(range);
        let Some((first, rest)) = pts.split_first() else { continue };
        pb.move_to(first[0], first[1]);
        for p in rest {
            pb.line_to(p[0], p[1]);
        }
        if *closed {
            pb.close();
        }
    }
    pb.finish()
}

struct PathSink(PathBuilder);

impl OutlineSink for PathSink {
    fn move_to(&mut self, p: [f32; 2]) {
        self.0.move_to(p[0], p[1]);
    }
    fn line_to(&mut self, p: [f32; 2]) {
        self.0.line_to(p[0], p[1]);
    }
    fn quad_to(&mut self, c: [f32; 2], p: [f32; 2]) {
        self.0.quad_to(c[0], c[1], p[0], p[1]);
    }
    fn cubic_to(&mut self, c1: [f32; 2], c2: [f32; 2], p: [f32; 2]) {
        self.0.cubic_to(c1[0], c1[1], c2[0], c2[1], p[0], p[1]);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

/// A tiny-skia stroke for a scene line style. Dots are round caps on very short dashes, the
/// size of the window's dots (radius 0.6 × width).
pub fn stroke_for(style: &LineStyle) -> Stroke {
    let mut stroke =
        Stroke { width: style.width.max(0.1), line_join: LineJoin::Round, ..Stroke::default() };
    match style.dash {
        Dash::Solid => stroke.line_cap = LineCap::Round,
        Dash::Dashed { on, off } => {
            stroke.dash = StrokeDash::new(vec![on.max(0.1), off.max(0.1)], 0.0)
        }
        Dash::Dotted { spacing } => {
            stroke.width = style.width * 1.2;
            stroke.line_cap = LineCap::Round;
            stroke.dash = StrokeDash::new(vec![0.01, spacing.max(stroke.width + 0.5)], 0.0);
        }
    }
    stroke
}

impl PngCanvas {
    /// A transparent pixmap of `size_px`; `None` when the size is zero or too large to allocate.
    pub fn new(size_px: [u32; 2], dpr: f32, face: &'static Typeface) -> Option<PngCanvas> {
        let pixmap = Pixmap::new(size_px[0], size_px[1])?;
        Some(PngCanvas { pixmap, transform: Transform::from_scale(dpr, dpr), face })
    }
}

impl Canvas for PngCanvas {
    fn fill(&mut self, shape: &Polylines, color: Color, _tag: Option<FillTag>) {
        fill_on(&mut self.pixmap.as_mut(), self.transform, shape, color);
    }

    fn stroke(&mut self, shape: &Polylines, style: &LineStyle) {
        stroke_on(&mut self.pixmap.as_mut(), self.transform, shape, style);
    }

    fn text(&mut self, run: &TextRun) {
        text_on(&mut self.pixmap.as_mut(), self.transform, self.face, run);
    }
}

fn fill_on(pixmap: &mut PixmapMut, transform: Transform, shape: &Polylines, color: Color) {
    if let Some(path) = path_of(shape) {
        pixmap.fill_path(&path, &paint(color), FillRule::EvenOdd, transform, None);
    }
}

/// Lines at most this wide (device pixels) are joined with bevels instead of round joins: the
/// two differ by less than a third of a pixel at that width, and a round join is a curve that
/// tiny-skia flattens into many edges at every vertex — a third of a 4K figure's stroking time
/// on the county and city borders.
const BEVEL_BELOW_PX: f32 = 3.0;

fn stroke_on(pixmap: &mut PixmapMut, transform: Transform, shape: &Polylines, style: &LineStyle) {
    if let Some(path) = path_of(shape) {
        let mut stroke = stroke_for(style);
        if stroke.width * transform.sx.abs() <= BEVEL_BELOW_PX {
            stroke.line_join = LineJoin::Bevel;
        }
        pixmap.stroke_path(&path, &paint(style.color), &stroke, transform, None);
    }
}

fn text_on(pixmap: &mut PixmapMut, transform: Transform, face: &Typeface, run: &TextRun) {
    let width = face.width(run.text, run.size);
    let left = match run.align {
        HAlign::Left => run.pos_screen[0],
        HAlign::Center => run.pos_screen[0] - width / 2.0,
        HAlign::Right => run.pos_screen[0] - width,
    };
    let baseline = run.pos_screen[1] + face.baseline_offset(run.size);
    let mut sink = PathSink(PathBuilder::new());
    face.outline(run.text, run.size, [left, baseline], &mut sink);
    let Some(path) = sink.0.finish() else { return };
    if let Some((halo, halo_width)) = run.halo {
        let stroke = Stroke {
            width: 2.0 * halo_width,
            line_join: LineJoin::Round,
            line_cap: LineCap::Round,
            ..Stroke::default()
        };
        pixmap.stroke_path(&path, &paint(halo), &stroke, transform, None);
    }
    pixmap.fill_path(&path, &paint(run.color), FillRule::Winding, transform, None);
}

/// Rows `y0..` of a larger image, drawn straight into that image's pixels: the same drawing,
/// translated up by `y0` and clipped to the band. tiny-skia strokes a whole path before clipping
/// it, so solid strokes and text are first cut down to what can reach the band's rows: every
/// band would otherwise stroke every border of the figure.
struct BandCanvas<'a> {
    pixmap: PixmapMut<'a>,
    transform: Transform,
    face: &'static Typeface,
    /// The band's rows in logical pixels (the drawing's own space), top and bottom.
    rows_screen: [f32; 2],
    near: Polylines,
    thin: ThinStroker,
}

impl Canvas for BandCanvas<'_> {
    fn fill(&mut self, shape: &Polylines, color: Color, _tag: Option<FillTag>) {
        // tiny-skia builds and sorts the edges of a whole path before clipping it: cut to the
        // band first, each band handles about its own share of a coast's edges.
        rings_in_rows(shape, self.rows_screen, FILL_CLIP_MARGIN, &mut self.near);
        if !self.near.is_empty() {
            fill_on(&mut self.pixmap, self.transform, &self.near, color);
        }
    }

    fn stroke(&mut self, shape: &Polylines, style: &LineStyle) {
        // Dashes are left whole: cutting a line would restart its dash pattern at the cut.
        if style.dash != Dash::Solid {
            return stroke_on(&mut self.pixmap, self.transform, shape, style);
        }
        parts_near_rows(shape, self.rows_screen, style.width + 2.0, &mut self.near);
        if self.near.is_empty() {
            return;
        }
        let width_px = style.width.max(0.1) * self.transform.sx.abs();
        if THIN_STROKE_PX.contains(&width_px) {
            self.thin.stroke(&mut self.pixmap, self.transform, &self.near, width_px, style.color);
        } else {
            stroke_on(&mut self.pixmap, self.transform, &self.near, style);
        }
    }

    fn text(&mut self, run: &TextRun) {
        let reach = 2.0 * run.size + run.halo.map_or(0.0, |(_, w)| w);
        let y = run.pos_screen[1];
        if y + reach >= self.rows_screen[0] && y - reach <= self.rows_screen[1] {
            text_on(&mut self.pixmap, self.transform, self.face, run);
        }
    }
}

/// Solid strokes of these widths (device pixels) are painted by [`ThinStroker`] — the figures'
/// borders and lines. Wider ones (selection outlines) keep tiny-skia's stroker, and so do those
/// of a pixel or less, which tiny-skia draws as lighter hairlines (19 % less ink at one pixel:
/// `thin_stroke::tests`), so a small figure's faint lines keep their weight.
const THIN_STROKE_PX: std::ops::RangeInclusive<f32> = 1.0 + f32::EPSILON..=4.5;

/// How far (logical pixels) beyond a band's rows fills are cut: the antialiasing of the band's
/// own rows never sees the cut.
const FILL_CLIP_MARGIN: f32 = 2.0;

/// Each ring of `shape` cut to the rows `rows_screen` widened by `margin` (Sutherland–Hodgman
/// against the two horizontal lines), into `out`. Within those rows every point keeps its
/// winding number in every ring, so an even-odd fill of the cut rings paints the same pixels
/// there; what lay beyond the rows becomes edges along them, which enclose nothing. Rings wholly
/// inside are copied, rings wholly outside dropped. One pass over the points.
fn rings_in_rows(shape: &Polylines, rows_screen: [f32; 2], margin: f32, out: &mut Polylines) {
    out.clear();
    let (top, bottom) = (rows_screen[0] - margin, rows_screen[1] + margin);
    let mut cut: Vec<[f32; 2]> = Vec::new();
    let mut half: Vec<[f32; 2]> = Vec::new();
    for (range, _) in &shape.parts {
        let pts = shape.part_points(range);
        let (min_y, max_y) = pts
            .iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), p| (lo.min(p[1]), hi.max(p[1])));
        if max_y < top || min_y > bottom || pts.len() < 3 {
            continue;
        }
        if min_y >= top && max_y <= bottom {
            out.push_part(pts.iter().copied(), true);
            continue;
        }
        clip_ring_y(pts, top, true, &mut half);
        clip_ring_y(&half, bottom, false, &mut cut);
        if cut.len() >= 3 {
            out.push_part(cut.iter().copied(), true);
        }
    }
}

/// One Sutherland–Hodgman step: the closed ring `pts` cut to `y >= line` (`keep_below`, screen
/// y grows downwards) or `y <= line`, into `out`.
fn clip_ring_y(pts: &[[f32; 2]], line: f32, keep_below: bool, out: &mut Vec<[f32; 2]>) {
    out.clear();
    let inside = |p: [f32; 2]| if keep_below { p[1] >= line } else { p[1] <= line };
    let Some(&last) = pts.last() else { return };
    let mut prev = last;
    for &p in pts {
        match (inside(prev), inside(p)) {
            (true, true) => out.push(p),
            (true, false) => out.push(cross_y(prev, p, line)),
            (false, true) => {
                out.push(cross_y(prev, p, line));
                out.push(p);
            }
            (false, false) => {}
        }
        prev = p;
    }
}

/// Where segment ab meets the horizontal line `y` (a and b on opposite sides of it).
fn cross_y(a: [f32; 2], b: [f32; 2], y: f32) -> [f32; 2] {
    let t = (y - a[1]) / (b[1] - a[1]);
    [a[0] + t * (b[0] - a[0]), y]
}

/// The runs of consecutive segments of `shape` that come within `margin` of the rows
/// `rows_screen` (y, top and bottom), into `out`. A part kept whole keeps its closure; a cut
/// part ends on segments wholly beyond the margin, so the caps at its cuts are never seen. One
/// pass over the points.
fn parts_near_rows(shape: &Polylines, rows_screen: [f32; 2], margin: f32, out: &mut Polylines) {
    out.clear();
    let (top, bottom) = (rows_screen[0] - margin, rows_screen[1] + margin);
    let near = |a: [f32; 2], b: [f32; 2]| a[1].max(b[1]) >= top && a[1].min(b[1]) <= bottom;
    for (range, closed) in &shape.parts {
        let pts = shape.part_points(range);
        let segments = if *closed { pts.len() } else { pts.len() - 1 };
        let end = |i: usize| pts[(i + 1) % pts.len()];
        let mut i = 0;
        while i < segments {
            if !near(pts[i], end(i)) {
                i += 1;
                continue;
            }
            let start = i;
            while i < segments && near(pts[i], end(i)) {
                i += 1;
            }
            if start == 0 && i == segments {
                out.push_part(pts.iter().copied(), *closed);
            } else {
                out.push_part((start..=i).map(|k| pts[k % pts.len()]), false);
            }
        }
    }
}

/// Device rows of one band: the same for every machine, so a figure's pixels do not depend on
/// its number of cores (where a band is cut, a path's antialiasing can differ in a few pixels).
/// Small enough that a 4K band (1.9 MB) stays in the cache while it is painted and encoded, and
/// that 17 bands of a 4K figure share out evenly over the cores; large enough that replaying the
/// drawing once per band costs little (it is cut to the band first).
const BAND_ROWS: u32 = 128;

/// The rows of each band of an image `height` rows high, top first.
fn band_rows(height: u32) -> u32 {
    BAND_ROWS.min(height).max(1)
}

/// Paints a figure of `size_px` with `draw` on every core: the image is cut into horizontal
/// bands of [`BAND_ROWS`] rows, taken from a shared queue by one thread per core, and each band
/// replays the whole drawing clipped to its rows. Scan conversion — most of a 4K figure's time —
/// is split; path building is repeated per band and is cheap. Rows are shifted by whole pixels;
/// fills and text that cross a band's border are clipped by tiny-skia, which changes the
/// antialiasing of a few edge pixels (the 4K province figure with tiny-skia's strokes in 128-row
/// bands against one band: 969 of 8.3 million pixels, by at most 41 of 255 in one channel; in
/// the 540-row bands of two cores before, 482). `None` when the size is zero or too large.
pub fn paint_in_bands(
    size_px: [u32; 2],
    dpr: f32,
    face: &'static Typeface,
    draw: &(dyn Fn(&mut dyn Canvas) + Sync),
) -> Option<Pixmap> {
    let mut pixmap = new_figure_pixmap(size_px)?;
    let row_bytes = size_px[0] as usize * 4;
    let band_rows = band_rows(size_px[1]);
    let bands = pixmap
        .data_mut()
        .chunks_mut(row_bytes * band_rows as usize)
        .enumerate()
        .map(|(i, rows)| Band { index: i, y0: i as u32 * band_rows, rows: Rows::In(rows) })
        .collect();
    paint_bands_then(size_px, dpr, face, draw, bands, &|_| ())?;
    Some(pixmap)
}

/// The figure of [`paint_in_bands`] as PNG bytes, each band filtered and compressed by the
/// thread that painted it as soon as it is painted (`png_stream`), so encoding overlaps
/// rasterising and is split over the cores. The bands are painted in one buffer per thread,
/// reused from band to band: the figure's whole pixmap (33 MB at 4K) is never made, so its
/// fresh pages are never faulted in and zeroed, and each band is encoded while it is still in
/// the cache. The bytes are [`encode_png`]'s for the pixels [`paint_in_bands`] paints (tests);
/// an image `png_stream` does not cover (a translucent pixel) is painted again whole and
/// encoded by [`encode_png`]. `None` when the size is zero or too large to allocate.
pub fn paint_png_in_bands(
    size_px: [u32; 2],
    dpr: f32,
    face: &'static Typeface,
    draw: &(dyn Fn(&mut dyn Canvas) + Sync),
) -> Option<Result<Vec<u8>, String>> {
    let width = size_px[0];
    tiny_skia::IntSize::from_wh(size_px[0], size_px[1])?;
    let band_rows = band_rows(size_px[1]);
    let bands = (0..size_px[1].div_ceil(band_rows))
        .map(|i| Band {
            index: i as usize,
            y0: i * band_rows,
            rows: Rows::Own(band_rows.min(size_px[1] - i * band_rows)),
        })
        .collect();
    let pieces = paint_bands_then(size_px, dpr, face, draw, bands, &|rows| code_rows(rows, width))?;
    Some(match assemble_png(size_px[0], size_px[1], &pieces) {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => encode_png(&paint_in_bands(size_px, dpr, face, draw)?),
        Err(e) => Err(e),
    })
}

/// One band of a figure: its place in the image and where its pixels are painted.
struct Band<'a> {
    index: usize,
    /// Its first row in the image.
    y0: u32,
    rows: Rows<'a>,
}

/// Where a band is painted.
enum Rows<'a> {
    /// Straight into these rows of the figure's pixmap.
    In(&'a mut [u8]),
    /// Into the painting thread's own buffer, this many rows.
    Own(u32),
}

/// Paints `bands` of a figure of `size_px` with `draw`, one thread per core taking them from a
/// queue, and hands each band's finished rows to `then` on the thread that painted it; its
/// results come back in band order, top first. `None` when a band's buffer cannot be made.
fn paint_bands_then<T: Send>(
    size_px: [u32; 2],
    dpr: f32,
    face: &'static Typeface,
    draw: &(dyn Fn(&mut dyn Canvas) + Sync),
    mut bands: Vec<Band<'_>>,
    then: &(dyn Fn(&[u8]) -> T + Sync),
) -> Option<Vec<T>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let count = bands.len();
    // Taken from the end: the top band is the first whose result is needed.
    bands.reverse();
    let queue = Mutex::new(bands);
    let done: Mutex<Vec<(usize, T)>> = Mutex::new(Vec::with_capacity(count));
    let work = || {
        let mut own: Vec<u8> = Vec::new();
        while let Some(band) = queue.lock().ok().and_then(|mut q| q.pop()) {
            let rows: &mut [u8] = match band.rows {
                Rows::In(rows) => rows,
                Rows::Own(height) => {
                    // Cleared to transparent for each band, as a fresh pixmap is.
                    own.clear();
                    own.resize(size_px[0] as usize * 4 * height as usize, 0);
                    &mut own
                }
            };
            let result = paint_band(size_px[0], dpr, face, draw, band.y0, rows, then);
            if let (Some(result), Ok(mut done)) = (result, done.lock()) {
                done.push((band.index, result));
            }
        }
    };
    if threads == 1 || count == 1 {
        work();
    } else {
        std::thread::scope(|scope| {
            for _ in 0..threads.min(count) {
                scope.spawn(work);
            }
        });
    }
    let mut done = done.into_inner().ok()?;
    if done.len() != count {
        return None;
    }
    done.sort_by_key(|(i, _)| *i);
    Some(done.into_iter().map(|(_, result)| result).collect())
}

/// Paints the band of a `width`-pixel-wide figure whose first row is `y0` into `rows` (whole
/// rows) and hands them to `then`. `None` when `rows` is not a whole number of rows.
fn paint_band<T>(
    width: u32,
    dpr: f32,
    face: &'static Typeface,
    draw: &(dyn Fn(&mut dyn Canvas) + Sync),
    y0: u32,
    rows: &mut [u8],
    then: &(dyn Fn(&[u8]) -> T + Sync),
) -> Option<T> {
    let height = (rows.len() / (width as usize * 4).max(1)) as u32;
    let band = PixmapMut::from_bytes(rows, width, height)?;
    let transform = Transform::from_scale(dpr, dpr).post_translate(0.0, -(y0 as f32));
    let rows_screen = [y0 as f32 / dpr, (y0 + height) as f32 / dpr];
    let mut canvas = BandCanvas {
        pixmap: band,
        transform,
        face,
        rows_screen,
        near: Polylines::default(),
        thin: ThinStroker::default(),
    };
    draw(&mut canvas);
    Some(then(canvas.pixmap.data_mut()))
}

/// A transparent pixmap for a whole figure, on transparent huge pages where Linux offers them.
///
/// Why: every byte of a figure's pixmap is written (the white page), and the first write of each
/// fresh 4 KB page is a page fault in which the kernel zeroes it — 8,100 faults for a 4K figure,
/// measured at about 15 % of the whole export's CPU (`perf`, issue 21). With the pixmap on 2 MB
/// pages the kernel takes 17 faults. Only this buffer asks for huge pages: the allocator does
/// not (`mimalloc`'s `no_thp`), because heaps grown piecemeal paid for zeroing whole huge pages
/// they barely touched (BENCHMARKS.md, issue 21). `None` when the size is zero or too large.
pub fn new_figure_pixmap(size_px: [u32; 2]) -> Option<Pixmap> {
    let size = tiny_skia::IntSize::from_wh(size_px[0], size_px[1])?;
    let len = (size_px[0] as usize).checked_mul(4)?.checked_mul(size_px[1] as usize)?;
    // A zeroed allocation this large is fresh memory from the system, not yet touched: the
    // advice below applies before the first fault.
    let data = vec![0u8; len];
    advise_huge_pages(&data);
    Pixmap::from_vec(data, size)
}

/// Asks the kernel to back the whole 2 MB pages inside `data` with huge pages (`MADV_HUGEPAGE`).
/// Advice only: it changes no byte, and a kernel without transparent huge pages ignores it.
#[cfg(target_os = "linux")]
fn advise_huge_pages(data: &[u8]) {
    const HUGE: usize = 2 << 20;
    let start = (data.as_ptr() as usize).next_multiple_of(HUGE);
    let end = (data.as_ptr() as usize + data.len()) / HUGE * HUGE;
    if end > start {
        // SAFETY: the range lies inside `data`'s allocation, which this process owns; madvise
        // with MADV_HUGEPAGE neither reads nor writes it, nor unmaps or moves it.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_data: &[u8]) {}

/// Encodes a figure as PNG: the same pixels as `Pixmap::encode_png`, without its copy.
///
/// Why not just `encode_png`: it first copies the whole image to demultiply alpha (33 MB at
/// 4K), and zeroing that fresh memory was a tenth of a 4K export. A figure's page is opaque
/// white under everything, so its premultiplied pixels already are the straight RGBA a PNG
/// stores and are encoded in place; an image with any translucent pixel takes tiny-skia's way.
///
/// `Compression::Fast` (fdeflate) is the `png` crate's default since 0.17.11, and what
/// tiny-skia's encoder gets too; it is set here by name so that a change of that default cannot
/// slow the export unseen. On the 4K province figure zlib's default level would take several
/// times as long for a file about as large (`examples/export_phases.rs`, `BENCHMARKS.md`).
pub fn encode_png(pixmap: &Pixmap) -> Result<Vec<u8>, String> {
    let opaque = pixmap.data().chunks_exact(4).all(|px| px[3] == 255);
    if !opaque {
        return pixmap.encode_png().map_err(|e| format!("PNG encoding failed: {e}"));
    }
    let mut out = Vec::with_capacity(pixmap.data().len() / 8);
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(|e| format!("PNG encoding failed: {e}"))?;
    writer.write_image_data(pixmap.data()).map_err(|e| format!("PNG encoding failed: {e}"))?;
    writer.finish().map_err(|e| format!("PNG encoding failed: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    /// The straight RGBA pixels a PNG decodes to.
    fn decoded(bytes: &[u8]) -> Vec<u8> {
        let mut reader = png::Decoder::new(bytes).read_info().expect("a PNG");
        let mut pixels = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut pixels).expect("a frame");
        pixels.truncate(info.buffer_size());
        pixels
    }

    #[test]
    fn encodes_the_pixels_tiny_skia_would_in_place_or_through_its_copy() {
        let mut opaque = Pixmap::new(64, 48).expect("pixmap");
        opaque.fill(tiny_skia::Color::WHITE);
        let mut p = PathBuilder::new();
        p.move_to(3.0, 4.0);
        p.line_to(60.0, 40.0);
        p.line_to(10.0, 44.0);
        p.close();
        let path = p.finish().expect("path");
        opaque.fill_path(
            &path,
            &paint([200, 30, 30, 128]),
            FillRule::EvenOdd,
            Transform::identity(),
            None,
        );
        assert_eq!(
            decoded(&encode_png(&opaque).expect("png")),
            decoded(&opaque.encode_png().expect("png")),
            "opaque: the same pixels"
        );
        assert_eq!(
            decoded(&encode_png(&opaque).expect("png")),
            opaque.data(),
            "opaque: the pixmap's own bytes"
        );
        let mut clear = Pixmap::new(64, 48).expect("pixmap");
        clear.fill_path(
            &path,
            &paint([200, 30, 30, 128]),
            FillRule::EvenOdd,
            Transform::identity(),
            None,
        );
        assert_eq!(
            encode_png(&clear).expect("png"),
            clear.encode_png().expect("png"),
            "translucent: tiny-skia's way"
        );
    }

    use super::*;

    fn part_points(p: &Polylines) -> Vec<Vec<[f32; 2]>> {
        p.parts.iter().map(|(r, _)| p.part_points(r).to_vec()).collect()
    }

    #[test]
    fn a_band_strokes_only_the_segments_that_reach_it() {
        // A zigzag from y = 0 down to y = 100 and back up, as one open part.
        let mut shape = Polylines::default();
        shape
            .push_part([[0.0, 0.0], [10.0, 50.0], [20.0, 100.0], [30.0, 50.0], [40.0, 0.0]], false);
        let mut out = Polylines::default();
        parts_near_rows(&shape, [-10.0, 200.0], 1.0, &mut out);
        assert_eq!(out, shape, "a band holding the whole line strokes it whole");
        parts_near_rows(&shape, [80.0, 120.0], 1.0, &mut out);
        assert_eq!(part_points(&out), vec![vec![[10.0, 50.0], [20.0, 100.0], [30.0, 50.0]]]);
        parts_near_rows(&shape, [0.0, 10.0], 1.0, &mut out);
        assert_eq!(
            part_points(&out),
            vec![vec![[0.0, 0.0], [10.0, 50.0]], vec![[30.0, 50.0], [40.0, 0.0]]],
            "two runs, cut"
        );
        assert!(out.parts.iter().all(|(_, closed)| !closed));
        parts_near_rows(&shape, [150.0, 160.0], 1.0, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn fills_cut_to_a_band_paint_the_same_pixels_in_its_rows() {
        // A concave ring with a hole and a spike through several bands, filled whole and band by
        // band (every band cut to its rows): the bands' rows must match the whole image.
        let mut shape = Polylines::default();
        shape.push_part(
            [
                [5.0, 3.0],
                [90.0, 10.0],
                [60.0, 45.0],
                [95.0, 97.0],
                [50.0, 60.0],
                [8.0, 95.0],
                [30.0, 40.0],
            ],
            true,
        );
        shape.push_part([[40.0, 20.0], [60.0, 20.0], [55.0, 35.0]], true);
        shape.push_part([[0.0, 120.0], [10.0, 130.0], [5.0, 140.0]], true);
        let mut whole = Pixmap::new(100, 100).expect("pixmap");
        fill_on(&mut whole.as_mut(), Transform::identity(), &shape, [30, 60, 200, 200]);
        // Bands filled with the shape cut to their rows, and with the shape whole (tiny-skia
        // clips it): the same pixels. (Both may differ from the unbanded image in a few pixels
        // on band borders, where tiny-skia's clip changes the antialiasing.)
        let banded = |cut: bool| {
            let mut banded = Pixmap::new(100, 100).expect("pixmap");
            let mut out = Polylines::default();
            for y0 in (0..100u32).step_by(17) {
                let height = 17.min(100 - y0);
                let rows =
                    &mut banded.data_mut()[(y0 * 400) as usize..((y0 + height) * 400) as usize];
                let mut band = PixmapMut::from_bytes(rows, 100, height).expect("band");
                if cut {
                    rings_in_rows(
                        &shape,
                        [y0 as f32, (y0 + height) as f32],
                        FILL_CLIP_MARGIN,
                        &mut out,
                    );
                    assert!(out.parts.len() <= 2, "the ring far below is dropped");
                } else {
                    out = shape.clone();
                }
                fill_on(
                    &mut band,
                    Transform::from_translate(0.0, -(y0 as f32)),
                    &out,
                    [30, 60, 200, 200],
                );
            }
            banded
        };
        let (cut, uncut) = (banded(true), banded(false));
        let differing = |a: &Pixmap, b: &Pixmap| {
            a.pixels().iter().zip(b.pixels()).filter(|(a, b)| a != b).count()
        };
        assert_eq!(differing(&cut, &uncut), 0, "pixels differ between the cut and the whole fill");
        assert!(differing(&cut, &whole) <= 4, "{}", differing(&cut, &whole));
    }

    #[test]
    fn a_figure_pixmap_is_transparent_and_of_its_size_on_any_pages() {
        // 1000×1000 spans whole 2 MB pages (advised onto huge pages); 7×3 lies inside one.
        for size in [[1000, 1000], [7, 3]] {
            let mut pixmap = new_figure_pixmap(size).expect("allocates");
            assert_eq!([pixmap.width(), pixmap.height()], size);
            assert!(pixmap.data().iter().all(|&b| b == 0), "{size:?}: transparent black");
            pixmap.fill(tiny_skia::Color::WHITE);
            assert!(pixmap.data().iter().all(|&b| b == 255), "{size:?}: writable");
        }
        assert!(new_figure_pixmap([0, 10]).is_none());
        assert!(new_figure_pixmap([10, 0]).is_none());
    }

    #[test]
    fn a_closed_ring_cut_by_a_band_includes_its_closing_segment() {
        let mut ring = Polylines::default();
        ring.push_part([[0.0, 0.0], [10.0, 0.0], [10.0, 100.0], [0.0, 100.0]], true);
        let mut out = Polylines::default();
        parts_near_rows(&ring, [90.0, 110.0], 0.5, &mut out);
        // Segments 1 (right side), 2 (bottom) and 3 (left side, the closing one back to the start).
        assert_eq!(
            part_points(&out),
            vec![vec![[10.0, 0.0], [10.0, 100.0], [0.0, 100.0], [0.0, 0.0]]]
        );
        parts_near_rows(&ring, [-5.0, 105.0], 0.5, &mut out);
        assert_eq!(out, ring, "whole and still closed");
    }
}
