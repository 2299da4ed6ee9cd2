//! `backcare token`: API tokens for the FHIR API (`/fhir`, see `docs/fhir.md`). A token is
//! printed once when it is made; the database keeps only its SHA-256, so a lost token
//! cannot be shown again (revoke it and make another).

use std::process::ExitCode;

use anyhow::Context;
use backcare_storage::{ApiTokenId, Email, Store, TokenScope};
use backcare_web::auth::token_hash;
use backcare_web::security::random_hex;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use crate::input::BadInput;
use crate::serve_cmd::{DbArgs, runtime};

/// The most days a token may last.
const MAX_DAYS: u32 = 3650;

/// API token commands.
#[derive(Debug, clap::Subcommand)]
pub enum TokenCommand {
    /// Make a token for an account and print it (once: only its hash is kept). A patient's
    /// token reaches their own record; a clinician's reaches the patients linked to them.
    #[command(
        after_help = "Examples:\n  backcare token add --email dr.lee@example.org --label \"clinic EHR\" --days 30\n  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8080/fhir/Patient/12/\\$everything"
    )]
    Add(AddArgs),
    /// List an account's tokens (id, scope, label, dates; never the token).
    #[command(after_help = "Example:\n  backcare token list --email dr.lee@example.org")]
    List(ListArgs),
    /// Revoke a token by its id (from `token list`): it stops working at once.
    #[command(after_help = "Example:\n  backcare token revoke --id 3")]
    Revoke(RevokeArgs),
}

/// Options of `backcare token add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The account's email address.
    #[arg(long)]
    email: String,
    /// A name to recognise the token by, e.g. the system that uses it.
    #[arg(long, default_value = "")]
    label: String,
    /// How many days the token works (1 to 3650).
    #[arg(long, default_value_t = 90)]
    days: u32,
    #[command(flatten)]
    db: DbArgs,
}

/// Options of `backcare token list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// The account's email address.
    #[arg(long)]
    email: String,
    #[command(flatten)]
    db: DbArgs,
}

/// Options of `backcare token revoke`.
#[derive(Debug, clap::Args)]
pub struct RevokeArgs {
    /// The token's id, as `token list` shows it.
    #[arg(long)]
    id: i64,
    #[command(flatten)]
    db: DbArgs,
}

/// Runs a `backcare token` command.
pub fn run(command: TokenCommand) -> anyhow::Result<ExitCode> {
    let url = match &command {
        TokenCommand::Add(a) => &a.db,
        TokenCommand::List(a) => &a.db,
        TokenCommand::Revoke(a) => &a.db,
    }
    .url()?;
    with_store(url, |store| async move {
        match command {
            TokenCommand::Add(args) => add(&store, args).await,
            TokenCommand::List(args) => list(&store, args).await,
            TokenCommand::Revoke(args) => revoke(&store, args).await,
        }
    })
}

/// Opens and migrates the database at `url`, runs `work` with it, and closes it.
pub(crate) fn with_store<F, Fut>(url: String, work: F) -> anyhow::Result<ExitCode>
where
    F: FnOnce(Store) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<ExitCode>>,
{
    runtime()?.block_on(async {
        let store = backcare_storage::connect(&url)
            .await
            .context("could not open the database")?;
        store
            .migrate()
            .await
            .context("could not migrate the database")?;
        let done = work(store.clone()).await;
        store.close().await;
        done
    })
}

pub(crate) async fn account(store: &Store, raw: &str) -> anyhow::Result<backcare_storage::User> {
    let email = Email::parse(raw).map_err(|e| BadInput(e.to_string()))?;
    match store.user_by_email(&email).await {
        Err(backcare_storage::Error::NotFound) => {
            Err(BadInput(format!("there is no account with the email {email}")).into())
        }
        other => Ok(other.context("could not read the account")?),
    }
}

pub(crate) fn date(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_else(|_| t.to_string())
}

async fn add(store: &Store, args: AddArgs) -> anyhow::Result<ExitCode> {
    if !(1..=MAX_DAYS).contains(&args.days) {
        return Err(BadInput(format!(
            "--days must be between 1 and {MAX_DAYS}, got {}",
            args.days
        ))
        .into());
    }
    let label = args.label.trim();
    if label.chars().count() > backcare_storage::MAX_TOKEN_LABEL {
        return Err(BadInput(format!(
            "--label must be at most {} characters",
            backcare_storage::MAX_TOKEN_LABEL
        ))
        .into());
    }
    let user = account(store, &args.email).await?;
    let scope = TokenScope::for_role(user.role);
    let secret = random_hex(32);
    let now = OffsetDateTime::now_utc();
    let made = store
        .create_api_token(
            user.id,
            &token_hash(&secret),
            scope,
            label,
            now,
            now + Duration::days(i64::from(args.days)),
        )
        .await
        .context("could not save the token")?;
    println!("{secret}");
    eprintln!(
        "Token {} for {} ({} scope: {}), valid until {}.\n\
         This is the only time it is shown: keep it secret, and revoke it with \
         `backcare token revoke --id {}` if it leaks.",
        made.id,
        user.email,
        scope,
        match scope {
            TokenScope::Patient => "their own record",
            TokenScope::Panel => "the patients linked to them",
        },
        date(made.expires_at),
        made.id
    );
    Ok(ExitCode::SUCCESS)
}

async fn list(store: &Store, args: ListArgs) -> anyhow::Result<ExitCode> {
    let user = account(store, &args.email).await?;
    let tokens = store
        .api_tokens(user.id)
        .await
        .context("could not read the tokens")?;
    if tokens.is_empty() {
        println!("{} has no API tokens.", user.email);
        return Ok(ExitCode::SUCCESS);
    }
    let now = OffsetDateTime::now_utc();
    println!("id\tscope\tcreated\texpires\tlast used\tlabel");
    for t in tokens {
        println!(
            "{}\t{}\t{}\t{}{}\t{}\t{}",
            t.id,
            if t.read_only {
                format!("{} (read-only, a backend client's)", t.scope)
            } else {
                t.scope.to_string()
            },
            date(t.created_at),
            date(t.expires_at),
            if t.expires_at <= now {
                " (expired)"
            } else {
                ""
            },
            t.last_used_at.map_or_else(|| "never".to_owned(), date),
            t.label
        );
    }
    Ok(ExitCode::SUCCESS)
}

async fn revoke(store: &Store, args: RevokeArgs) -> anyhow::Result<ExitCode> {
    match store.revoke_api_token(ApiTokenId(args.id)).await {
        Ok(t) => {
            println!("Revoked token {} ({}).", t.id, t.label);
            Ok(ExitCode::SUCCESS)
        }
        Err(backcare_storage::Error::NotFound) => {
            Err(BadInput(format!("there is no token with the id {}", args.id)).into())
        }
        Err(e) => Err(anyhow::Error::new(e).context("could not revoke the token")),
    }
}
