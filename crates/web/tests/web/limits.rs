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
);

fn from(base: &str, ip: [u8; 4]) -> Client {
    Client::new(base, false).from_address(IpAddr::from(ip))
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
    let base = app.spawn_with_limits(LimitsConfig::default()).await;
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
