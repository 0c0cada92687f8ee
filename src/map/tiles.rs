//! Basemap tiles: none (the offline vector background), OpenStreetMap over HTTP with a disk
//! cache, or local tiles (a PMTiles file or a `{z}/{x}/{y}.png` folder) for offline classrooms.

use std::collections::HashMap;
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use egui::{Context, Rect};
use serde::{Deserialize, Serialize};
use walkers::sources::Attribution;
use walkers::{HttpOptions, HttpTiles, PmTiles, Style, Tile, TileId, TilePiece, Tiles};

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
        std::thread::spawn(move || {
            let result = (host, 443)
                .to_socket_addrs()
                .map_err(|e| format!("cannot resolve {host}: {e}"))
                .and_then(|mut addrs| addrs.next().ok_or_else(|| format!("no address for {host}")))
                .and_then(|addr| {
                    TcpStream::connect_timeout(&addr, Duration::from_secs(4)).map_err(|e| format!("{host}: {e}"))
                });
            let _ = tx.send(match result {
                Ok(_) => Reachability::Online,
                Err(e) => Reachability::Offline(e),
            });
        });
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
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The user agent the OSM tile policy asks for: the application and a contact URL.
pub const USER_AGENT: &str = concat!("gd-atlas/", env!("CARGO_PKG_VERSION"), " (Guangdong Atlas desktop map explorer)");

pub fn osm_tiles(ctx: &Context) -> HttpTiles {
    install_tls_provider();
    let cache = directories::ProjectDirs::from("org", "gd-atlas", "gd-atlas").map(|d| d.cache_dir().join("osm-tiles"));
    let options = HttpOptions {
        cache,
        user_agent: walkers::HeaderValue::from_str(USER_AGENT).ok(),
        ..Default::default()
    };
    HttpTiles::with_options(walkers::sources::OpenStreetMap, options, ctx.clone())
}

/// Opens local tiles, checking the path first so a wrong choice gives a clear message.
pub fn local_tiles(path: &Path, ctx: &Context) -> Result<Box<dyn Tiles>, String> {
    if path.is_file() {
        if path.extension().and_then(|e| e.to_str()) != Some("pmtiles") {
            return Err(format!("{}: not a .pmtiles file", path.display()));
        }
        check_pmtiles_header(path)?;
        return Ok(Box::new(PmTiles::new(path, ctx.clone())));
    }
    if path.is_dir() {
        let has_zoom_dirs = std::fs::read_dir(path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .flatten()
            .any(|e| e.file_name().to_string_lossy().parse::<u8>().is_ok());
        if !has_zoom_dirs {
            return Err(format!("{}: no {{z}}/{{x}}/{{y}}.png tiles inside", path.display()));
        }
        return Ok(Box::new(TileDir::new(path.to_path_buf(), ctx.clone())));
    }
    Err(format!("{}: no such file or directory", path.display()))
}

/// A PMTiles archive starts with the magic `PMTiles`: anything else (a truncated download, an
/// MBTiles renamed) would show an empty map while the credits still name the tiles.
fn check_pmtiles_header(path: &Path) -> Result<(), String> {
    use std::io::Read;
    let mut magic = [0u8; 7];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut magic));
    match read {
        Ok(()) if &magic == b"PMTiles" => Ok(()),
        Ok(()) => Err(format!("{}: not a PMTiles archive (no \"PMTiles\" header)", path.display())),
        Err(e) => Err(format!("{}: not a PMTiles archive ({e})", path.display())),
    }
}

/// Tiles read from a `{z}/{x}/{y}.png` folder. Decoded tiles are kept; broken ones are reported
/// once (file and reason) and then skipped, so a damaged cache never stops the map.
pub struct TileDir {
    root: PathBuf,
    ctx: Context,
    cache: HashMap<TileId, Option<Tile>>,
    pub broken: Vec<String>,
}

impl TileDir {
    pub fn new(root: PathBuf, ctx: Context) -> Self {
        TileDir { root, ctx, cache: HashMap::new(), broken: Vec::new() }
    }

    fn load(&mut self, id: TileId) -> Option<Tile> {
        let path = self.root.join(id.zoom.to_string()).join(id.x.to_string()).join(format!("{}.png", id.y));
        let bytes = std::fs::read(&path).ok()?;
        match Tile::new(&bytes, &Style::default(), id.zoom, 256, &self.ctx) {
            Ok(tile) => Some(tile),
            Err(e) => {
                if self.broken.len() < 20 {
                    log::warn!("{}: broken tile: {e}", path.display());
                    self.broken.push(format!("{}: {e}", path.display()));
                }
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
        Attribution { text: "Local tiles (see their own licence)", url: "", logo_light: None, logo_dark: None }
    }

    fn tile_size(&self) -> u32 {
        256
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
