//! The basemap tiles the window draws under the map, following the user's choice.

use walkers::Tiles;

use crate::map::tiles::{self, BasemapChoice, NetworkProbe, Reachability};

/// The tile source for the current choice, its error, and the OSM reachability check.
#[derive(Default)]
pub struct BasemapTiles {
    tiles: Option<Box<dyn Tiles>>,
    /// The choice `tiles` was made for (`None` until the first frame).
    made_for: Option<BasemapChoice>,
    error: Option<String>,
    osm_probe: Option<NetworkProbe>,
}

impl BasemapTiles {
    /// Opens the tiles of `choice` unless they are already open.
    pub fn ensure(&mut self, choice: &BasemapChoice, ctx: &egui::Context) {
        if self.made_for.as_ref() == Some(choice) {
            return;
        }
        self.made_for = Some(choice.clone());
        self.error = None;
        self.osm_probe = None;
        self.tiles = match choice {
            BasemapChoice::None => None,
            BasemapChoice::OpenStreetMap => {
                self.osm_probe = Some(NetworkProbe::start("tile.openstreetmap.org"));
                Some(Box::new(tiles::osm_tiles(ctx)))
            }
            BasemapChoice::Local(path) => match tiles::local_tiles(path, ctx) {
                Ok(t) => Some(t),
                Err(e) => {
                    self.error = Some(e);
                    None
                }
            },
        };
    }

    pub fn tiles_mut(&mut self) -> Option<&mut dyn Tiles> {
        self.tiles.as_mut().map(|t| t.as_mut() as &mut dyn Tiles)
    }

    /// Whether tiles are drawn under the map (else the map paints its own sea).
    pub fn has_tiles(&self) -> bool {
        self.tiles.is_some() && self.error.is_none()
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The OSM server's reachability, polled (only while OSM is chosen).
    pub fn osm_status(&mut self) -> Option<&Reachability> {
        self.osm_probe.as_mut().map(|p| &*p.poll())
    }

    /// The tiles' attribution while tiles are actually drawn (not when OSM is offline).
    pub fn attribution(&self) -> Option<String> {
        let t = self.tiles.as_ref()?;
        if matches!(self.osm_probe.as_ref().map(|p| &p.state), Some(Reachability::Offline(_))) {
            return None;
        }
        let a = t.attribution();
        Some(if a.text == "OpenStreetMap contributors" { format!("© {}", a.text) } else { a.text.to_string() })
    }
}
