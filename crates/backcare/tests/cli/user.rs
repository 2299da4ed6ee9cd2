//! `backcare user`: an administrator sets a new password and turns off a lost second
//! sign-in step; both sign the account out everywhere, and an unknown email exits 2.

use backcare_storage::{Email, Role};
use time::OffsetDateTime;

use crate::backcare;
use crate::serve::scratch_dir;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn an_administrator_resets_the_password_and_the_second_step() {
    let tmp = scratch_dir("cli-user");
    let dir = tmp.path();
    let data = dir.join("data");
    let data = data.to_str().unwrap();
    let run = |args: &[&str], stdin: &str| {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--data-dir", data]);
        backcare(&all, stdin)
    };
    let email = "dr.lost@example.org";
    let out = run(
        &["user", "add", "--role", "clinician", "--email", email],
        "a long enough password\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    // The clinician set up a second step and is signed in somewhere.
    let url = format!("sqlite://{data}/backcare.sqlite3?mode=rw");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let store = runtime.block_on(backcare_storage::connect(&url)).unwrap();
    let user = runtime
        .block_on(store.user_by_email(&Email::parse(email).unwrap()))
        .unwrap();
    assert_eq!(user.role, Role::Clinician);
    let now = OffsetDateTime::now_utc();
    let session = backcare_storage::TokenHash::new("a".repeat(64)).unwrap();
    runtime.block_on(async {
        store
            .start_two_factor(user.id, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", now)
            .await
            .unwrap();
        store
            .confirm_two_factor(user.id, 1, &[], now)
            .await
            .unwrap();
        store
            .create_session(&session, user.id, now, now + time::Duration::days(1))
            .await
            .unwrap();
    });

    let out = run(&["user", "reset-two-factor", "--email", email], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains("Second sign-in step turned off")
            && said.contains("1 session(s)")
            && said.contains("set up a new one"),
        "{said}"
    );
    let (factor, signed_in) = runtime.block_on(async {
        (
            store.two_factor(user.id).await.unwrap(),
            store.session(&session, now).await.is_ok(),
        )
    });
    assert_eq!(factor, None, "the second step is gone");
    assert!(!signed_in, "signed out everywhere");
    // Again: nothing to turn off, and it says so.
    let out = run(&["user", "reset-two-factor", "--email", email], "");
    assert!(text(&out.stdout).contains("had no second sign-in step"));

    let out = run(
        &["user", "reset-password", "--email", email],
        "another long password\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("New password set"));
    let hash = runtime.block_on(store.user(user.id)).unwrap().password_hash;
    assert!(backcare_web::auth::verify_password(
        "another long password",
        &hash
    ));
    assert!(!backcare_web::auth::verify_password(
        "a long enough password",
        &hash
    ));

    for command in ["reset-two-factor", "reset-password"] {
        let out = run(
            &["user", command, "--email", "nobody@example.org"],
            "another long password\n",
        );
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert!(
            text(&out.stderr).contains("there is no account with the email nobody@example.org"),
            "{command}: {}",
            text(&out.stderr)
        );
    }
    runtime.block_on(store.close());
}
