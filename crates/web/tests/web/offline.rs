//! Installable and offline (issue 14), over HTTP: every page names the manifest, the icon
//! and the script that installs the service worker; the manifest is the page's language;
//! the worker is served at the root with the hashed files it keeps, fresh on every visit;
//! the offline pages exist in both languages. (The worker at work, with the network off,
//! is the browser journey `offline_session_and_diary_sync`.)

use serde_json::Value;

use crate::TestApp;

on_both_backends!(the_app_can_be_installed_and_its_worker_keeps_the_current_files);

/// The value of the `attr` attribute of the first tag holding `marker` in `html`.
fn attr<'a>(html: &'a str, marker: &str, attr: &str) -> &'a str {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in {html}"));
    let tag = &html[html[..at].rfind('<').unwrap()..];
    let tag = &tag[..tag.find('>').unwrap()];
    let start = tag.find(&format!("{attr}=\"")).unwrap() + attr.len() + 2;
    &tag[start..start + tag[start..].find('"').unwrap()]
}

async fn the_app_can_be_installed_and_its_worker_keeps_the_current_files(app: TestApp) {
    let mut c = app.client();
    let home = c.get("/").await.body;
    assert_eq!(
        attr(&home, r#"rel="manifest""#, "href"),
        "/manifest.webmanifest"
    );
    let script = attr(&home, "/static/app.js?v=", "src").to_owned();
    let icon = attr(&home, r#"rel="icon""#, "href").to_owned();
    let css = attr(&home, r#"rel="stylesheet""#, "href").to_owned();

    let manifest = c.get("/manifest.webmanifest").await;
    assert_eq!(manifest.status, 200);
    assert_eq!(manifest.header("content-type"), "application/manifest+json");
    let m: Value = serde_json::from_str(&manifest.body).unwrap();
    assert_eq!(m["name"], "backcare");
    assert_eq!(m["start_url"], "/dashboard");
    assert_eq!(m["display"], "standalone");
    assert_eq!(m["lang"], "en");
    assert_eq!(m["icons"][0]["src"], icon.as_str());
    c.accept_language = Some("es".into());
    let es: Value = serde_json::from_str(&c.get("/manifest.webmanifest").await.body).unwrap();
    assert_eq!(es["lang"], "es");
    assert!(
        es["description"].as_str().unwrap().contains("espalda"),
        "{es}"
    );
    c.accept_language = None;

    for (href, kind) in [(&script, "text/javascript"), (&icon, "image/svg+xml")] {
        let r = c.get(href).await;
        assert_eq!(r.status, 200, "{href}");
        assert!(r.header("content-type").starts_with(kind), "{href}");
        assert_eq!(
            r.header("cache-control"),
            "public, max-age=31536000, immutable"
        );
    }

    let sw = c.get("/sw.js").await;
    assert_eq!(sw.status, 200);
    assert!(sw.header("content-type").starts_with("text/javascript"));
    assert_eq!(
        sw.header("cache-control"),
        "no-cache",
        "checked on every visit"
    );
    assert!(!sw.body.contains("__VERSION__") && !sw.body.contains("__ASSETS__"));
    for kept in [&css, &script, &icon] {
        assert!(
            sw.body.contains(&format!("\"{kept}\"")),
            "{kept} kept by the worker"
        );
    }

    for (lang, title) in [(None, "You are offline"), (Some("es"), "No tiene conexión")] {
        c.accept_language = lang.map(str::to_owned);
        let page = c.get("/offline").await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains(title), "{}", page.body);
    }
    c.accept_language = None;
    let queued = c.get("/offline?queued=1").await.body;
    assert!(queued.contains("Saved on this device"), "{queued}");
    assert!(queued.contains("It will be sent by itself"), "{queued}");
}
