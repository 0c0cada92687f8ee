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
        self.osm_probe.as_mut().map(|p| p.poll())
    }

    /// Problems worth a notice, as `(key, text)`: the tiles could not be opened, or a tile
    /// folder's tiles are broken — counted, the first one named ("12 broken basemap tiles not
    /// drawn, in …: first …"). The key stays the same while the count grows: the notices update
    /// the line in place and log it once.
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .error
            .iter()
            .map(|e| format!("basemap tiles not shown: {e}"))
            .map(|t| (t.clone(), t))
            .collect();
        if let (Some(health), Some(BasemapChoice::Local(root))) = (&self.health, &self.made_for) {
            if let Some(first) = health.first_broken() {
                let n = health.broken_count();
                let key = format!("broken basemap tiles in {}", root.display());
                out.push((
                    key,
                    format!(
                        "{n} broken basemap tile{} not drawn, in {}: first {first}",
                        if n == 1 { "" } else { "s" },
                        root.display()
                    ),
                ));
            }
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
        Some(if a.text == "OpenStreetMap contributors" {
            format!("© {}", a.text)
        } else {
            a.text.to_string()
        })
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
        let dir =
            std::env::temp_dir().join(format!("gd-atlas-broken-tiles-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("7").join("104")).expect("tile dirs");
        std::fs::write(dir.join("7").join("104").join("56.png"), b"").expect("empty tile");
        let ctx = egui::Context::default();
        let mut tiles = BasemapTiles::default();
        tiles.ensure(&BasemapChoice::Local(dir.clone()), &ctx);
        assert!(
            tiles.problems().is_empty() && tiles.attribution().is_some(),
            "nothing drawn yet, nothing known"
        );
        let t = tiles.tiles_mut().expect("the folder opens");
        assert!(t.at(TileId { x: 104, y: 56, zoom: 7 }).is_none(), "an empty PNG is no tile");
        assert!(tiles.attribution().is_none(), "only broken tiles so far: not credited");
        let problems = tiles.problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        let (key, text) = &problems[0];
        assert!(
            text.starts_with("1 broken basemap tile not drawn")
                && text.contains("56.png")
                && !text.contains('\n'),
            "{text}"
        );
        std::fs::write(dir.join("7").join("104").join("57.png"), b"").expect("empty tile");
        let t = tiles.tiles_mut().expect("the folder opens");
        assert!(t.at(TileId { x: 104, y: 57, zoom: 7 }).is_none());
        let again = tiles.problems();
        assert_eq!(&again[0].0, key, "the same key while the count grows");
        assert!(
            again[0].1.starts_with("2 broken basemap tiles not drawn")
                && again[0].1.contains("first ")
                && again[0].1.contains("56.png"),
            "{}",
            again[0].1
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
