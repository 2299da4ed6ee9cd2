//! `serve` reads the machine's time zone before it starts its threads, and says which date
//! people without a zone of their own will get.

use crate::serve::{Server, scratch_dir};

#[test]
fn serve_takes_the_machines_utc_offset_for_people_without_their_own() {
    // POSIX zone strings need no zone database: "XYZ-3" is three hours ahead of UTC.
    for (tz, shown) in [
        ("XYZ-3", "UTC+03:00"),
        ("ABC+5:30", "UTC-05:30"),
        ("UTC0", "UTC+00:00"),
    ] {
        let tmp = scratch_dir("zone");
        let dir = tmp.path();
        let data = dir.join("data");
        let server = Server::start_with(
            dir,
            &["--data-dir", data.to_str().unwrap()],
            &[("TZ", tz)],
            "zone",
        );
        let line = server.line(|l| l.starts_with("Dates follow"));
        assert!(
            line.contains(&format!("Dates follow {shown} ")),
            "TZ={tz}: {line}"
        );
        drop(server);
    }
}
