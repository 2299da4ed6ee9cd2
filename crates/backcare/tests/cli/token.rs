//! `backcare token add/list/revoke`: the token is printed once, only its hash is stored,
//! and bad input exits 2 with a clear message.

use crate::backcare;
use crate::serve::scratch_dir;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn tokens_are_made_listed_and_revoked() {
    let tmp = scratch_dir("cli-token");
    let dir = tmp.path().join("data");
    let data = dir.to_str().unwrap();
    let db = ["--data-dir", data];
    let run = |args: &[&str], stdin: &str| {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(db);
        backcare(&all, stdin)
    };

    let out = run(
        &[
            "user",
            "add",
            "--role",
            "clinician",
            "--email",
            "dr@example.org",
        ],
        "a long enough password\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    let out = run(
        &[
            "token",
            "add",
            "--email",
            "dr@example.org",
            "--label",
            "clinic EHR",
            "--days",
            "30",
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let token = text(&out.stdout).trim().to_owned();
    assert_eq!(token.len(), 64, "{token:?}");
    assert!(token.chars().all(|c| c.is_ascii_hexdigit()));
    let said = text(&out.stderr);
    assert!(
        said.contains("only time it is shown") && said.contains("panel"),
        "{said}"
    );

    let out = run(&["token", "list", "--email", "dr@example.org"], "");
    assert!(out.status.success());
    let listed = text(&out.stdout);
    assert!(
        listed.contains("clinic EHR") && listed.contains("never"),
        "{listed}"
    );
    assert!(!listed.contains(&token), "the token is never shown again");
    // The database keeps only the hash.
    let file = std::fs::read(dir.join("backcare.sqlite3")).unwrap();
    assert!(!text(&file).contains(&token));
    let id = listed
        .lines()
        .nth(1)
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_owned();

    let out = run(&["token", "revoke", "--id", &id], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(&["token", "list", "--email", "dr@example.org"], "");
    assert!(text(&out.stdout).contains("no API tokens"));

    // Bad input: exit 2 with the reason.
    for (args, needle) in [
        (vec!["token", "revoke", "--id", &id], "no token with the id"),
        (
            vec!["token", "add", "--email", "nobody@example.org"],
            "no account",
        ),
        (vec!["token", "add", "--email", "not-an-email"], "email"),
        (
            vec!["token", "add", "--email", "dr@example.org", "--days", "0"],
            "--days",
        ),
        (vec!["token", "list"], "--email"),
    ] {
        let out = run(&args, "");
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).contains(needle),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    let out = backcare(&["token", "--help"], "");
    assert!(text(&out.stdout).contains("revoke"));
}
