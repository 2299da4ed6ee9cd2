//! `backcare client`: backend services clients of the FHIR API (SMART backend services,
//! `docs/fhir.md`). A client is registered with its public keys (a JWKS file) for one
//! clinician; it then gets five-minute, read-only access tokens for that clinician's panel
//! from `POST /fhir/auth/token` by signing an assertion with its private key. backcare
//! never sees the private key.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use backcare_storage::{ClientId, Role, Store};
use backcare_web::infra::smart::parse_jwks;
use backcare_web::security::random_hex;
use time::OffsetDateTime;

use crate::input::BadInput;
use crate::serve_cmd::DbArgs;
use crate::token_cmd::{account, date, with_store};

/// Backend services client commands.
#[derive(Debug, clap::Subcommand)]
pub enum ClientCommand {
    /// Register a backend services client for a clinician's panel, with its public keys.
    ///
    /// The key set is a JSON Web Key Set file ({"keys": [...]}) of public RSA keys (for
    /// RS384) or EC P-384 keys (for ES384), each with a kid. Prints the client id: the
    /// client signs its assertions with iss and sub set to it.
    #[command(
        after_help = "Example:\n  backcare client add --clinician dr.lee@example.org --jwks registry-public.jwks.json --label \"regional registry\""
    )]
    Add(AddArgs),
    /// List a clinician's clients (id, label, registered, keys).
    #[command(after_help = "Example:\n  backcare client list --clinician dr.lee@example.org")]
    List(ListArgs),
    /// Remove a client: its access tokens stop working at once.
    #[command(
        after_help = "Example:\n  backcare client remove --id 0123456789abcdef0123456789abcdef"
    )]
    Remove(RemoveArgs),
}

/// Options of `backcare client add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The clinician's email address: the client reads the patients linked to them.
    #[arg(long)]
    clinician: String,
    /// The client's public keys, a JSON Web Key Set file.
    #[arg(long, value_name = "FILE")]
    jwks: PathBuf,
    /// A name to recognise the client by, e.g. the system that uses it.
    #[arg(long, default_value = "")]
    label: String,
    #[command(flatten)]
    db: DbArgs,
}

/// Options of `backcare client list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// The clinician's email address.
    #[arg(long)]
    clinician: String,
    #[command(flatten)]
    db: DbArgs,
}

/// Options of `backcare client remove`.
#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    /// The client's id, as `client add` printed it and `client list` shows it.
    #[arg(long)]
    id: String,
    #[command(flatten)]
    db: DbArgs,
}

/// Runs a `backcare client` command.
pub fn run(command: ClientCommand) -> anyhow::Result<ExitCode> {
    let url = match &command {
        ClientCommand::Add(a) => &a.db,
        ClientCommand::List(a) => &a.db,
        ClientCommand::Remove(a) => &a.db,
    }
    .url()?;
    with_store(url, |store| async move {
        match command {
            ClientCommand::Add(args) => add(&store, args).await,
            ClientCommand::List(args) => list(&store, args).await,
            ClientCommand::Remove(args) => remove(&store, args).await,
        }
    })
}

async fn clinician(store: &Store, email: &str) -> anyhow::Result<backcare_storage::User> {
    let user = account(store, email).await?;
    if user.role != Role::Clinician {
        return Err(BadInput(format!(
            "{} is a patient's account: a backend client reads a clinician's panel",
            user.email
        ))
        .into());
    }
    Ok(user)
}

async fn add(store: &Store, args: AddArgs) -> anyhow::Result<ExitCode> {
    let label = args.label.trim();
    if label.chars().count() > backcare_storage::MAX_CLIENT_LABEL {
        return Err(BadInput(format!(
            "--label must be at most {} characters",
            backcare_storage::MAX_CLIENT_LABEL
        ))
        .into());
    }
    let text = std::fs::read_to_string(&args.jwks).map_err(|e| {
        BadInput(format!(
            "cannot read the key set {}: {e}",
            args.jwks.display()
        ))
    })?;
    let keys = parse_jwks(&text).map_err(|e| BadInput(format!("{}: {e}", args.jwks.display())))?;
    let user = clinician(store, &args.clinician).await?;
    let id = ClientId::parse(&random_hex(16)).context("a new client id is not 32 hex digits")?;
    let client = store
        .create_api_client(&id, user.id, label, text.trim(), OffsetDateTime::now_utc())
        .await
        .context("could not save the client")?;
    println!("{}", client.id.as_str());
    eprintln!(
        "Client {} registered for the panel of {} with {} key(s).\n\
         It signs its assertions (RS384 or ES384) with iss and sub set to this id and aud \
         set to the server's token endpoint ({{public URL}}/fhir/auth/token), and gets \
         five-minute, read-only tokens. Remove it with `backcare client remove --id {}`.",
        client.id.as_str(),
        user.email,
        keys.keys.len(),
        client.id.as_str()
    );
    Ok(ExitCode::SUCCESS)
}

async fn list(store: &Store, args: ListArgs) -> anyhow::Result<ExitCode> {
    let user = clinician(store, &args.clinician).await?;
    let clients = store
        .api_clients(user.id)
        .await
        .context("could not read the clients")?;
    if clients.is_empty() {
        println!("{} has no backend clients.", user.email);
        return Ok(ExitCode::SUCCESS);
    }
    println!("id\tregistered\tkeys\tlabel");
    for c in clients {
        let kids = parse_jwks(&c.jwks)
            .map(|set| {
                set.keys
                    .iter()
                    .filter_map(|k| k.common.key_id.clone())
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .unwrap_or_else(|e| format!("(unreadable: {e})"));
        println!(
            "{}\t{}\t{}\t{}",
            c.id.as_str(),
            date(c.created_at),
            kids,
            c.label
        );
    }
    Ok(ExitCode::SUCCESS)
}

async fn remove(store: &Store, args: RemoveArgs) -> anyhow::Result<ExitCode> {
    let missing = || BadInput(format!("there is no client with the id {}", args.id.trim()));
    let id = ClientId::parse(args.id.trim()).ok_or_else(missing)?;
    match store.delete_api_client(&id).await {
        Ok(c) => {
            println!(
                "Removed client {} ({}); its tokens no longer work.",
                c.id.as_str(),
                c.label
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(backcare_storage::Error::NotFound) => Err(missing().into()),
        Err(e) => Err(anyhow::Error::new(e).context("could not remove the client")),
    }
}
