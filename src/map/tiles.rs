//! Basemap tiles: none (the offline vector background), OpenStreetMap over HTTP with a disk
//! cache, or local tiles (a PMTiles file or a `{z}/{x}/{y}.png` folder) for offline classrooms.

use std::collections::HashMap;
#[cfg(not(target_arch = "wasm32"))]
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
#[cfg(not(target_arch = "wasm32"))]
use std::time::Duration;

use egui::{Context, Rect};
use serde::{Deserialize, Serialize};
use walkers::sources::Attribution;
#[cfg(not(target_arch = "wasm32"))]
use walkers::PmTiles;
use walkers::{HttpOptions, HttpTiles, Style, Tile, TileId, TilePiece, Tiles};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum BasemapChoice {
    /// The offline vector background drawn from `assets/geo/basemap`.
    #[default]
    None,
    OpenStreetMap,
    /// A `.pmtiles` file or a `{z}/{x}/{y}.png` directory.
    Local(PathBuf),
}

/// Whether the OSM tile server can be reached, checked once in the background so the UI never
/// waits on the network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reachability {
    Checking,
    Online,
    Offline(String),
}

pub struct NetworkProbe {
    rx: mpsc::Receiver<Reachability>,
    pub state: Reachability,
}

impl NetworkProbe {
    pub fn start(host: &'static str) -> Self {
        let (tx, rx) = mpsc::channel();
        // A page cannot open sockets: the browser fetches the tiles, and a tile that cannot be
        // fetched is simply not drawn (the offline background stays under it).
        #[cfg(target_arch = "wasm32")]
        let _ = (host, tx);
        #[cfg(target_arch = "wasm32")]
        return NetworkProbe { rx, state: Reachability::Online };
        #[cfg(not(target_arch = "wasm32"))]
        std::thread::spawn(move || {
            let result = (host, 443)
                .to_socket_addrs()
                .map_err(|e| format!("cannot resolve {host}: {e}"))
                .and_then(|mut addrs| addrs.next().ok_or_else(|| format!("no address for {host}")))
                .and_then(|addr| {
                    TcpStream::connect_timeout(&addr, Duration::from_secs(4))
                        .map_err(|e| format!("{host}: {e}"))
                });
            let _ = tx.send(match result {
                Ok(_) => Reachability::Online,
                Err(e) => Reachability::Offline(e),
            });
        });
        #[cfg(not(target_arch = "wasm32"))]
        NetworkProbe { rx, state: Reachability::Checking }
    }

    pub fn poll(&mut self) -> &Reachability {
        if let Ok(state) = self.rx.try_recv() {
            self.state = state;
        }
        &self.state
    }
}

/// walkers' HTTP client is built on rustls without a bundled crypto provider (its default one,
/// aws-lc, is a long C build; see Cargo.toml), so the process-wide provider is set to `ring`
/// before the first tile client exists. Idempotent: a second call finds it installed.
pub fn install_tls_provider() {
    // The browser does TLS for the page.
    #[cfg(not(target_arch = "wasm32"))]
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The user agent the OSM tile policy asks for: the application and a contact URL.
pub const USER_AGENT: &str =
    concat!("gd-atlas/", env!("CARGO_PKG_VERSION"), " (Guangdong Atlas desktop map explorer)");

pub fn osm_tiles(ctx: &Context) -> HttpTiles {
    install_tls_provider();
    // On the web the browser's own HTTP cache keeps the tiles.
    #[cfg(not(target_arch = "wasm32"))]
    let cache = directories::ProjectDirs::from("org", "gd-atlas", "gd-atlas")
        .map(|d| d.cache_dir().join("osm-tiles"));
    #[cfg(target_arch = "wasm32")]
    let cache = None;
    let options = HttpOptions {
        cache,
        user_agent: walkers::HeaderValue::from_str(USER_AGENT).ok(),
        ..Default::default()
    };
    HttpTiles::with_options(walkers::sources::OpenStreetMap, options, ctx.clone())
}

/// What local tiles have shown so far: how many decoded and the first broken one. A folder of
/// empty or corrupt PNGs draws nothing, so the window must neither credit it nor stay silent.
#[derive(Debug, Default)]
pub struct TileHealth {
    decoded: AtomicUsize,
    broken: AtomicUsize,
    first_broken: Mutex<Option<String>>,
}

impl TileHealth {
    fn record(&self, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.decoded.fetch_add(1, Ordering::Relaxed);
            }
            Err(problem) => {
                self.broken.fetch_add(1, Ordering::Relaxed);
                if let Ok(mut first) = self.first_broken.lock() {
                    first.get_or_insert(problem);
                }
            }
        }
    }

    /// Tiles were asked for, and every one of them was broken: the basemap shows nothing.
    pub fn shows_nothing(&self) -> bool {
        self.decoded.load(Ordering::Relaxed) == 0 && self.broken.load(Ordering::Relaxed) > 0
    }

    /// How many tiles were broken so far.
    pub fn broken_count(&self) -> usize {
        self.broken.load(Ordering::Relaxed)
    }

    /// The first broken tile (file and reason), once one was found.
    pub fn first_broken(&self) -> Option<String> {
        self.first_broken.lock().ok().and_then(|f| f.clone())
    }
}

/// Local tiles and, for a folder, the health of what they drew.
pub struct LocalTiles {
    pub tiles: Box<dyn Tiles>,
    pub health: Option<Arc<TileHealth>>,
}

/// Opens local tiles, checking the path first so a wrong choice gives a clear message: a
/// `.pmtiles` file must have a PMTiles v3 header whose directories and tile data lie inside the
/// file (walkers reads it on a background thread and would only log a damaged one, showing
/// nothing), a folder must hold zoom folders.
pub fn local_tiles(path: &Path, ctx: &Context) -> Result<LocalTiles, String> {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = ctx;
        Err(format!("{}: local tiles are not available in the web edition (a page cannot read folders); use the desktop app", path.display()))
    }
    #[cfg(not(target_arch = "wasm32"))]
    local_tiles_on_disk(path, ctx)
}

/// The desktop's local tiles (see [`local_tiles`]).
#[cfg(not(target_arch = "wasm32"))]
fn local_tiles_on_disk(path: &Path, ctx: &Context) -> Result<LocalTiles, String> {
    if path.is_file() {
        if path.extension().and_then(|e| e.to_str()) != Some("pmtiles") {
            return Err(format!("{}: not a .pmtiles file", path.display()));
        }
        check_pmtiles_header(path)?;
        return Ok(LocalTiles { tiles: Box::new(PmTiles::new(path, ctx.clone())), health: None });
    }
    if path.is_dir() {
        let has_zoom_dirs = std::fs::read_dir(path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .flatten()
            .any(|e| e.file_name().to_string_lossy().parse::<u8>().is_ok());
        if !has_zoom_dirs {
            return Err(format!("{}: no {{z}}/{{x}}/{{y}}.png tiles inside", path.display()));
        }
        let dir = TileDir::new(path.to_path_buf(), ctx.clone());
        let health = dir.health.clone();
        return Ok(LocalTiles { tiles: Box::new(dir), health: Some(health) });
    }
    Err(format!("{}: no such file or directory", path.display()))
}

/// Length of the fixed PMTiles v3 header.
const PMTILES_HEADER_LEN: usize = 127;

/// The PMTiles v3 header: magic, version, and the root directory, metadata, leaf directories
/// and tile data (offset, length pairs) inside the file.
pub fn check_pmtiles_header(path: &Path) -> Result<(), String> {
    use std::io::Read as _;
    let shown = path.display();
    let mut file = std::fs::File::open(path).map_err(|e| format!("{shown}: {e}"))?;
    let file_len = file.metadata().map_err(|e| format!("{shown}: {e}"))?.len();
    let mut header = [0u8; PMTILES_HEADER_LEN];
    file.read_exact(&mut header).map_err(|_| {
        format!("{shown}: not a PMTiles file (shorter than its {PMTILES_HEADER_LEN}-byte header)")
    })?;
    if &header[..7] != b"PMTiles" {
        return Err(format!("{shown}: not a PMTiles file (no PMTiles signature)"));
    }
    if header[7] != 3 {
        return Err(format!(
            "{shown}: PMTiles version {} is not supported (version 3 is)",
            header[7]
        ));
    }
    let u64_at = |at: usize| u64::from_le_bytes(header[at..at + 8].try_into().unwrap_or([0; 8]));
    for (name, at) in
        [("root directory", 8), ("metadata", 24), ("leaf directories", 40), ("tile data", 56)]
    {
        let (offset, len) = (u64_at(at), u64_at(at + 8));
        if offset.checked_add(len).is_none_or(|end| end > file_len) {
            return Err(format!("{shown}: damaged PMTiles file ({name} at {offset}+{len} lies beyond the file's {file_len} bytes)"));
        }
    }
    Ok(())
}

/// Tiles read from a `{z}/{x}/{y}.png` folder. Decoded tiles are kept; broken ones are counted
/// in the shared [`TileHealth`] (the window shows and logs one counted notice naming the first,
/// not a line per tile) and then skipped, so a damaged cache never stops the map.
pub struct TileDir {
    root: PathBuf,
    ctx: Context,
    cache: HashMap<TileId, Option<Tile>>,
    pub health: Arc<TileHealth>,
}

impl TileDir {
    pub fn new(root: PathBuf, ctx: Context) -> Self {
        TileDir { root, ctx, cache: HashMap::new(), health: Arc::default() }
    }

    fn load(&mut self, id: TileId) -> Option<Tile> {
        let path = self
            .root
            .join(id.zoom.to_string())
            .join(id.x.to_string())
            .join(format!("{}.png", id.y));
        let bytes = std::fs::read(&path).ok()?;
        match Tile::new(&bytes, &Style, id.zoom, 256, &self.ctx) {
            Ok(tile) => {
                self.health.record(Ok(()));
                Some(tile)
            }
            Err(e) => {
                self.health.record(Err(format!("{}: {e}", path.display())));
                None
            }
        }
    }
}

impl Tiles for TileDir {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        if !self.cache.contains_key(&tile_id) {
            let tile = self.load(tile_id);
            self.cache.insert(tile_id, tile);
        }
        let tile = self.cache.get(&tile_id)?.clone()?;
        Some(TilePiece::new(tile, Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0))))
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: "Local tiles (see their own licence)",
            url: "",
            logo_light: None,
            logo_dark: None,
        }
    }

    fn tile_size(&self) -> u32 {
        256
    }
}

#[cfg(test)]
mod pmtiles_tests {
    use super::*;

    fn header(version: u8, sections: [(u64, u64); 4]) -> Vec<u8> {
        let mut h = b"PMTiles".to_vec();
        h.push(version);
        for (offset, len) in sections {
            h.extend(offset.to_le_bytes());
            h.extend(len.to_le_bytes());
        }
        h.resize(PMTILES_HEADER_LEN, 0);
        h
    }

    #[test]
    fn damaged_pmtiles_headers_are_refused_with_the_reason() {
        let dir = std::env::temp_dir().join(format!("gd-atlas-pmtiles-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let check = |name: &str, bytes: &[u8]| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).expect("write");
            check_pmtiles_header(&path)
        };
        let sections = [(127, 10), (137, 0), (137, 0), (137, 100)];
        let mut good = header(3, sections);
        good.resize(237, 0);
        assert_eq!(check("good.pmtiles", &good), Ok(()));
        let err = |r: Result<(), String>| r.expect_err("refused");
        assert!(err(check("short.pmtiles", b"PMTiles")).contains("shorter than"));
        assert!(err(check("zeros.pmtiles", &[0; 200])).contains("no PMTiles signature"));
        assert!(err(check("v2.pmtiles", &header(2, sections))).contains("version 2"));
        let truncated = &good[..200];
        assert!(err(check("cut.pmtiles", truncated))
            .contains("tile data at 137+100 lies beyond the file's 200 bytes"));
        let mut overflow = header(3, [(127, 10), (137, 0), (137, 0), (u64::MAX, 2)]);
        overflow.resize(237, 0);
        assert!(err(check("overflow.pmtiles", &overflow)).contains("tile data"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[cfg(test)]
mod tls_tests {
    #[test]
    fn a_tls_provider_is_installed_before_tile_clients() {
        super::install_tls_provider();
        super::install_tls_provider(); // a second call must not fail or panic
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
    }
}
