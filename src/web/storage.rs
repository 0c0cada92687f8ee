//! The page's `localStorage`: where the web edition keeps its settings and saved views (the
//! desktop's settings file; see `platform::store`). It belongs to the page's origin, so the same
//! folder served from another address starts with fresh settings.

/// The page's storage; `None` when the browser refuses it (private mode in some browsers).
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The stored text under `key`.
pub fn get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok()?
}

/// Stores `value` under `key`; the error (storage full or refused) is one line.
pub fn set(key: &str, value: &str) -> Result<(), String> {
    let storage = local_storage()
        .ok_or_else(|| format!("{key}: the browser allows this page no local storage"))?;
    storage
        .set_item(key, value)
        .map_err(|_| format!("{key}: the browser's local storage is full or refused the write"))
}

/// Removes `key` (nothing if absent).
pub fn remove(key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}
