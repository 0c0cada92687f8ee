//! The basemap tiles the window draws under the map, following the user's choice.

use std::sync::Arc;

use walkers::Tiles;

use crate::map::tiles::{self, BasemapChoice, NetworkProbe, Reachability, TileHealth};

/// The tile source for the current choice, its error, and the OSM reachability check.
#[derive(Default)]
pub struct BasemapTiles {
    tiles: Option<Box<dyn Tiles>>,
    /// The choice `tiles` was made for (`None` until the first frame).
    made_for: Option<BasemapChoice>,
    error: Option<String>,
    osm_probe: Option<NetworkProbe>,
    /// What a tile folder has drawn so far.
    health: Option<Arc<TileHealth>>,
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
        self.health = None;
        self.tiles = match choice {
            BasemapChoice::None => None,
            BasemapChoice::OpenStreetMap => {
                self.osm_probe = Some(NetworkProbe::start("tile.openstreetmap.org"));
                Some(Box::new(tiles::osm_tiles(ctx)))
            }
            BasemapChoice::Local(path) => match tiles::local_tiles(path, ctx) {
                Ok(local) => {
                    self.health = local.health;
                    Some(local.tiles)
                }
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

    /// Problems worth a notice: the tiles could not be opened, or a tile folder's tiles are
    /// broken (the first one named). The same text each time: the notices show it once.
    pub fn problems(&self) -> Vec<String> {
        let mut out: Vec<String> = self.error.iter().map(|e| format!("basemap tiles not shown: {e}")).collect();
        if let Some(first) = self.health.as_ref().and_then(|h| h.first_broken()) {
            out.push(format!("broken basemap tiles are not drawn (first: {first})"));
        }
        out
    }

    /// The tiles' attribution while tiles are actually drawn (not when OSM is offline, nor for
    /// a folder whose every tile so far was broken).
    pub fn attribution(&self) -> Option<String> {
        let t = self.tiles.as_ref()?;
        if matches!(self.osm_probe.as_ref().map(|p| &p.state), Some(Reachability::Offline(_))) {
            return None;
        }
        if self.health.as_ref().is_some_and(|h| h.shows_nothing()) {
            return None;
        }
        let a = t.attribution();
        Some(if a.text == "OpenStreetMap contributors" { format!("© {}", a.text) } else { a.text.to_string() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use walkers::TileId;

    /// A tile folder of empty PNGs draws nothing: a notice naming the first broken tile, and
    /// no credit for tiles nobody can see.
    #[test]
    fn a_folder_of_broken_tiles_is_reported_and_not_credited() {
        let dir = std::env::temp_dir().join(format!("gd-atlas-broken-tiles-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("7").join("104")).expect("tile dirs");
        std::fs::write(dir.join("7").join("104").join("56.png"), b"").expect("empty tile");
        let ctx = egui::Context::default();
        let mut tiles = BasemapTiles::default();
        tiles.ensure(&BasemapChoice::Local(dir.clone()), &ctx);
        assert!(tiles.problems().is_empty() && tiles.attribution().is_some(), "nothing drawn yet, nothing known");
        let t = tiles.tiles_mut().expect("the folder opens");
        assert!(t.at(TileId { x: 104, y: 56, zoom: 7 }).is_none(), "an empty PNG is no tile");
        assert!(tiles.attribution().is_none(), "only broken tiles so far: not credited");
        let problems = tiles.problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("56.png") && !problems[0].contains('\n'), "{}", problems[0]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
