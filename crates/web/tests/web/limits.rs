//! The per-address limits (issue 12) on servers of their own with the default limits: the
//! harness's servers have buckets too wide to meet, since every test visitor comes from
//! 127.0.0.1. Visitors here connect from other loopback addresses (Linux routes all of
//! 127/8 to `lo`) or send `X-Forwarded-For` as a reverse proxy would.

use std::net::IpAddr;

use backcare_web::{LimitsConfig, Rate};
use time::Duration;

use crate::TestApp;
use crate::client::{Client, Resp};

on_both_backends!(
    an_address_over_its_limit_gets_429_and_others_do_not,
    behind_a_trusted_proxy_the_forwarded_client_counts,
    the_purge_runs_when_the_server_starts,
);

#[test]
fn every_limited_form_is_a_post_route() {
    use backcare_web::infra::limits::LIMITED_FORMS;
    use backcare_web::routes::{Method, ROUTES};
    for path in LIMITED_FORMS {
        assert!(
            ROUTES
                .iter()
                .any(|r| r.path == *path && r.method == Method::Post),
            "{path} is in LIMITED_FORMS but no POST route has it"
        );
    }
}

fn from(base: &str, ip: [u8; 4]) -> Client {
    Client::new(base, false).connecting_from(IpAddr::from(ip))
}

/// A sign-up with an invalid email: cheap (no hashing), and it spends from the bucket.
async fn bad_sign_up(c: &mut Client) -> Resp {
    c.post("/signup", &[("email", "not-an-email"), ("password", "")])
        .await
}

fn retry_after(r: &Resp) -> u64 {
    r.header("retry-after")
        .parse()
        .unwrap_or_else(|_| panic!("no Retry-After on {}: {}", r.status, r.body))
}

async fn an_address_over_its_limit_gets_429_and_others_do_not(mut app: TestApp) {
    // The default limits, but the FHIR bucket refills once a minute instead of ten times a
    // second: the clock runs with the wall clock, and 60 requests on a loaded machine can
    // take long enough to earn one back, which would make the 61st pass by chance.
    let limits = LimitsConfig {
        fhir: Rate {
            burst: LimitsConfig::default().fhir.burst,
            every: std::time::Duration::from_secs(60),
        },
        ..LimitsConfig::default()
    };
    let base = app.spawn_with_limits(limits).await;
    let mut a = from(&base, [127, 0, 0, 1]);
    a.get("/signup").await;
    for k in 0..10 {
        assert_eq!(bad_sign_up(&mut a).await.status, 422, "request {k}");
    }
    let r = bad_sign_up(&mut a).await;
    assert_eq!(r.status, 429, "{}", r.body);
    assert!((1..=6).contains(&retry_after(&r)), "{}", retry_after(&r));
    assert!(r.body.contains("Please wait a little"), "{}", r.body);
    // Log-in shares the bucket of the forms that guess or create.
    let r = a
        .post("/login", &[("email", "a@example.org"), ("password", "x")])
        .await;
    assert_eq!(r.status, 429);
    a.accept_language = Some("es".into());
    assert!(bad_sign_up(&mut a).await.body.contains("Espere un poco"));
    // Reading pages is not limited.
    assert_eq!(a.get("/login").await.status, 200);
    // Another address still gets through.
    let mut b = from(&base, [127, 0, 0, 3]);
    b.get("/signup").await;
    assert_eq!(bad_sign_up(&mut b).await.status, 422);
    // The bucket refills with the app's clock: one more every 6 s.
    assert!(app.clock.advance(Duration::seconds(6)));
    assert_eq!(bad_sign_up(&mut a).await.status, 422);
    assert_eq!(bad_sign_up(&mut a).await.status, 429);
    // The FHIR API has its own bucket, refused with an OperationOutcome.
    let mut f = from(&base, [127, 0, 0, 4]);
    for _ in 0..60 {
        assert_eq!(f.get("/fhir/metadata").await.status, 200);
    }
    let r = f.get("/fhir/metadata").await;
    assert_eq!(r.status, 429);
    assert!(
        r.header("content-type")
            .starts_with("application/fhir+json")
    );
    assert!(r.body.contains("\"throttled\""), "{}", r.body);
    assert!(retry_after(&r) >= 1);
    let mut g = from(&base, [127, 0, 0, 5]);
    assert_eq!(g.get("/fhir/metadata").await.status, 200);
}

async fn behind_a_trusted_proxy_the_forwarded_client_counts(mut app: TestApp) {
    let strict = LimitsConfig {
        forms: Rate {
            burst: 2,
            every: std::time::Duration::from_secs(60),
        },
        ..LimitsConfig::default()
    };
    // Without a trusted proxy, X-Forwarded-For proves nothing and is ignored.
    let plain = app.spawn_with_limits(strict.clone()).await;
    let mut liar = from(&plain, [127, 0, 0, 6]);
    liar.get("/signup").await;
    for k in 0..2 {
        liar.forwarded_for = Some(format!("203.0.113.{k}"));
        assert_eq!(bad_sign_up(&mut liar).await.status, 422);
    }
    liar.forwarded_for = Some("203.0.113.99".into());
    assert_eq!(
        bad_sign_up(&mut liar).await.status,
        429,
        "a new header, same socket"
    );

    // Behind the proxy (127.0.0.7 here), the client is its right-most untrusted entry.
    let proxied = app
        .spawn_with_limits(LimitsConfig {
            trusted_proxies: vec![IpAddr::from([127, 0, 0, 7])],
            ..strict
        })
        .await;
    let via_proxy = |chain: &str| {
        let mut c = from(&proxied, [127, 0, 0, 7]);
        c.forwarded_for = Some(chain.to_owned());
        c
    };
    let mut one = via_proxy("198.51.100.1");
    one.get("/signup").await;
    assert_eq!(bad_sign_up(&mut one).await.status, 422);
    assert_eq!(bad_sign_up(&mut one).await.status, 422);
    assert_eq!(bad_sign_up(&mut one).await.status, 429);
    let mut two = via_proxy("198.51.100.2");
    two.get("/signup").await;
    assert_eq!(bad_sign_up(&mut two).await.status, 422, "another client");
    // What the client wrote to the left of the proxy's entry changes nothing.
    let mut spoof = via_proxy("198.51.100.3, 198.51.100.1");
    spoof.get("/signup").await;
    assert_eq!(bad_sign_up(&mut spoof).await.status, 429);
    // A peer that is not the proxy is itself the client, whatever its header says.
    let mut direct = from(&proxied, [127, 0, 0, 8]);
    direct.forwarded_for = Some("198.51.100.1".into());
    direct.get("/signup").await;
    assert_eq!(bad_sign_up(&mut direct).await.status, 422);
}

/// A server purges at start-up (then hourly): an expired session and an old failed log-in
/// are gone soon after it starts; a live session stays.
async fn the_purge_runs_when_the_server_starts(mut app: TestApp) {
    use backcare_storage::{Email, FailureLimit, Role};
    let then = app.clock.now();
    let user = app.create_user("purged@example.org", Role::Patient).await;
    let short = backcare_web::auth::token_hash("a session that expires in a minute");
    let long = backcare_web::auth::token_hash("a session that lasts");
    let store = app.store.clone();
    store
        .create_session(&short, user, then, then + Duration::minutes(1))
        .await
        .unwrap();
    store
        .create_session(&long, user, then, then + Duration::days(1))
        .await
        .unwrap();
    let email = Email::parse("purged@example.org").unwrap();
    let limit = FailureLimit {
        per_address: 5,
        window: Duration::minutes(15),
    };
    store
        .begin_login_attempt(&email, "192.0.2.1", then, limit)
        .await
        .unwrap();
    assert!(app.clock.advance(Duration::hours(1)));
    app.spawn_with_limits(LimitsConfig::default()).await;
    let mut gone = false;
    for _ in 0..100 {
        // Read as of `then`, when the short session was still live: only a deleted row is
        // not found.
        if store.session(&short, then).await.is_err() {
            gone = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(gone, "the expired session is still stored");
    assert!(
        store.session(&long, then).await.is_ok(),
        "a live session stays"
    );
    assert_eq!(
        store
            .failed_logins_since(&email, then - Duration::days(1))
            .await
            .unwrap(),
        0
    );
}
