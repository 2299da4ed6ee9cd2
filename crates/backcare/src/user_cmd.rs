//! `backcare user add`: create an account from the command line (the only way to make a
//! clinician account). `backcare user reset-password`: set a new password for an account
//! and sign it out everywhere (how an administrator lets someone back in when the server
//! sends no email). `backcare user reset-two-factor`: turn off an account's second sign-in
//! step (for someone who lost both their phone and their recovery codes); a clinician sets
//! a new one up at their next sign-in. The password is read from standard input, or asked
//! for twice without echo when standard input is a terminal; it never appears in the
//! arguments.

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use anyhow::Context;
use backcare_storage::{Email, Role};
use backcare_web::auth::{Password, hash_password};

use crate::input::BadInput;
use crate::serve_cmd::{DbArgs, runtime};

/// Account commands.
#[derive(Debug, clap::Subcommand)]
pub enum UserCommand {
    /// Create an account.
    #[command(
        after_help = "Examples:\n  backcare user add --role clinician --email dr.lee@example.org\n  printf '%s\\n' \"$PASSWORD\" | backcare user add --role clinician --email dr.lee@example.org --data-dir /var/lib/backcare"
    )]
    Add(AddArgs),
    /// Set a new password for an account and sign it out on every device.
    #[command(
        after_help = "Examples:\n  backcare user reset-password --email ann@example.org\n  printf '%s\\n' \"$PASSWORD\" | backcare user reset-password --email ann@example.org --data-dir /var/lib/backcare"
    )]
    ResetPassword(ResetArgs),
    /// Turn off an account's second sign-in step (lost phone and recovery codes) and sign it
    /// out on every device. A clinician sets up a new one at the next sign-in.
    #[command(
        after_help = "Examples:\n  backcare user reset-two-factor --email dr.lee@example.org --data-dir /var/lib/backcare"
    )]
    ResetTwoFactor(ResetArgs),
}

/// Options of `backcare user reset-password` and `reset-two-factor`.
#[derive(Debug, clap::Args)]
pub struct ResetArgs {
    /// The account's email address.
    #[arg(long)]
    email: String,
    #[command(flatten)]
    db: DbArgs,
}

/// Options of `backcare user add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The account's role.
    #[arg(long, value_enum, default_value_t = RoleArg::Patient)]
    role: RoleArg,
    /// The account's email address.
    #[arg(long)]
    email: String,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum RoleArg {
    Patient,
    Clinician,
}

/// Runs a `backcare user` command.
pub fn run(command: UserCommand) -> anyhow::Result<ExitCode> {
    let args = match command {
        UserCommand::Add(args) => args,
        UserCommand::ResetPassword(args) => return reset_password(args),
        UserCommand::ResetTwoFactor(args) => return reset_two_factor(args),
    };
    let email = Email::parse(&args.email).map_err(|e| BadInput(e.to_string()))?;
    let password = read_password()?;
    let password = Password::parse(&password).map_err(|e| BadInput(e.to_string()))?;
    let hash = hash_password(&password)?;
    let role = match args.role {
        RoleArg::Patient => Role::Patient,
        RoleArg::Clinician => Role::Clinician,
    };
    let url = args.db.url()?;
    let user = runtime()?.block_on(async {
        let store = backcare_storage::connect(&url).await?;
        store.migrate().await?;
        let user = store
            .create_user(&email, &hash, role, time::OffsetDateTime::now_utc())
            .await;
        store.close().await;
        user
    });
    let user = match user {
        Err(backcare_storage::Error::Conflict(_)) => {
            return Err(
                BadInput(format!("an account with the email {email} already exists")).into(),
            );
        }
        other => other.context("could not create the account")?,
    };
    println!(
        "Created {} account {} (id {}).",
        role.as_str(),
        user.email,
        user.id
    );
    Ok(ExitCode::SUCCESS)
}

/// `backcare user reset-password`: the new password replaces the old one and every
/// session of the account ends (as after a reset by email).
fn reset_password(args: ResetArgs) -> anyhow::Result<ExitCode> {
    let email = Email::parse(&args.email).map_err(|e| BadInput(e.to_string()))?;
    let url = args.db.url()?;
    let password = read_password()?;
    let password = Password::parse(&password).map_err(|e| BadInput(e.to_string()))?;
    let hash = hash_password(&password)?;
    let ended = runtime()?.block_on(async {
        let store = backcare_storage::connect(&url).await?;
        store.migrate().await?;
        let result = async {
            let user = store.user_by_email(&email).await?;
            store.set_password_hash(user.id, &hash).await?;
            store.delete_user_sessions(user.id).await
        }
        .await;
        store.close().await;
        result
    });
    let ended = match ended {
        Err(backcare_storage::Error::NotFound) => {
            return Err(BadInput(format!("there is no account with the email {email}")).into());
        }
        other => other.context("could not set the new password")?,
    };
    println!("New password set for {email}; signed out of {ended} session(s).");
    Ok(ExitCode::SUCCESS)
}

/// `backcare user reset-two-factor`: deletes the account's two-factor secret and recovery
/// codes and ends its sessions.
fn reset_two_factor(args: ResetArgs) -> anyhow::Result<ExitCode> {
    let email = Email::parse(&args.email).map_err(|e| BadInput(e.to_string()))?;
    let url = args.db.url()?;
    let outcome = runtime()?.block_on(async {
        let store = backcare_storage::connect(&url).await?;
        store.migrate().await?;
        let result = async {
            let user = store.user_by_email(&email).await?;
            let had = store.delete_two_factor(user.id).await?;
            let ended = store.delete_user_sessions(user.id).await?;
            Ok::<_, backcare_storage::Error>((user.role, had, ended))
        }
        .await;
        store.close().await;
        result
    });
    let (role, had, ended) = match outcome {
        Err(backcare_storage::Error::NotFound) => {
            return Err(BadInput(format!("there is no account with the email {email}")).into());
        }
        other => other.context("could not reset the second sign-in step")?,
    };
    if !had {
        println!("{email} had no second sign-in step; signed out of {ended} session(s).");
    } else if role == Role::Clinician {
        println!(
            "Second sign-in step turned off for {email}; signed out of {ended} session(s). \
             They set up a new one when they next sign in."
        );
    } else {
        println!("Second sign-in step turned off for {email}; signed out of {ended} session(s).");
    }
    Ok(ExitCode::SUCCESS)
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let term = console::Term::stderr();
        term.write_line("Password (at least 10 characters):")?;
        let first = term.read_secure_line()?;
        term.write_line("The same password again:")?;
        let second = term.read_secure_line()?;
        if first != second {
            return Err(BadInput("the two passwords are not the same".into()).into());
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("could not read the password from standard input")?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}
