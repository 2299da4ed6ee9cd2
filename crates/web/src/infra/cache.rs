//! Pages kept for reuse: rendered HTML by a key that names everything the page was made
//! from.
//!
//! A key must change whenever the page would: the pages that use this put the person, the
//! database's care version of their record (`Store::care_version`, moved by triggers on
//! every write, so another instance's writes count too), the language, their today and their
//! session's CSRF token into it. Nothing is ever invalidated by hand: a stale entry is one no
//! key names any more, and it goes when the cache is full and emptied.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Bytes;

/// The most pages kept. A page is about 20-60 KB, so this caps the memory near 100 MB; a full
/// cache is emptied and fills again with the pages people open now.
pub const PAGES_KEPT: usize = 2048;

/// Rendered pages by key.
#[derive(Debug, Default)]
pub struct PageCache {
    pages: Mutex<HashMap<String, Bytes>>,
}

impl PageCache {
    /// The page kept under `key`, if any.
    pub fn get(&self, key: &str) -> Option<Bytes> {
        self.lock().get(key).cloned()
    }

    /// Keeps `html` under `key`; returns it as shared bytes.
    pub fn put(&self, key: String, html: String) -> Bytes {
        let html = Bytes::from(html);
        let mut pages = self.lock();
        if pages.len() >= PAGES_KEPT {
            pages.clear();
        }
        pages.insert(key, html.clone());
        html
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Bytes>> {
        // A poisoned lock only means a thread panicked while inserting: the map is whole.
        self.pages
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_kept_by_key_and_a_full_cache_starts_again() {
        let cache = PageCache::default();
        assert!(cache.get("a").is_none());
        cache.put("a".into(), "<p>a</p>".into());
        assert_eq!(cache.get("a").as_deref(), Some(&b"<p>a</p>"[..]));
        for n in 1..PAGES_KEPT {
            cache.put(format!("k{n}"), String::new());
        }
        assert!(cache.get("a").is_some(), "kept while there is room");
        cache.put("one more".into(), String::new());
        assert!(cache.get("a").is_none(), "emptied when full");
        assert!(cache.get("one more").is_some(), "the newest is kept");
    }
}
