//! `backcare backup` and `backcare restore`: a consistent copy of the SQLite database,
//! taken while `serve` runs, and putting such a copy back into a data directory.
//!
//! Restore never replaces a database it has not checked: the copy is put next to the
//! live file under a temporary name, opened, checked (SQLite's integrity check and the
//! tables every backcare database has) and migrated to this release, and only then
//! renamed over the old file, so a bad backup leaves the directory as it was.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use backcare_storage::SQLITE_FILE;

use crate::input::BadInput;
use crate::serve_cmd::{DbArgs, runtime};

/// Options of `backcare backup`.
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// The new file to write the copy to (never overwritten).
    #[arg(long, value_name = "FILE")]
    to: PathBuf,
    #[command(flatten)]
    db: DbArgs,
}

/// Options of `backcare restore`.
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The backup file made by `backcare backup`.
    #[arg(long, value_name = "FILE")]
    from: PathBuf,
    /// The data directory to restore into (created if missing). Stop `backcare serve` on
    /// it first.
    #[arg(long, value_name = "DIR")]
    data_dir: PathBuf,
    /// Replace the database already in DIR.
    #[arg(long)]
    force: bool,
}

/// Runs `backcare backup`.
pub fn backup(args: BackupArgs) -> anyhow::Result<ExitCode> {
    let url = args.db.url()?;
    runtime()?.block_on(async {
        let store = backcare_storage::connect(&url)
            .await
            .context("could not open the database")?;
        store.backup_to(&args.to).await.map_err(plain)?;
        store.close().await;
        anyhow::Ok(())
    })?;
    let size = std::fs::metadata(&args.to).map(|m| m.len()).unwrap_or(0);
    println!(
        "Backed up to {} ({} KiB). Keep it somewhere safe: it holds health data.",
        args.to.display(),
        size.div_ceil(1024)
    );
    Ok(ExitCode::SUCCESS)
}

/// Runs `backcare restore`.
pub fn restore(args: RestoreArgs) -> anyhow::Result<ExitCode> {
    let from = &args.from;
    // The first 16 bytes say whether it is an SQLite file; the rest can be gigabytes.
    let mut header = Vec::with_capacity(16);
    std::fs::File::open(from)
        .and_then(|f| f.take(16).read_to_end(&mut header))
        .map_err(|e| BadInput(format!("could not read {}: {e}", from.display())))?;
    if header != b"SQLite format 3\0" {
        return Err(BadInput(format!(
            "{} is not a backup made by `backcare backup` (not an SQLite database)",
            from.display()
        ))
        .into());
    }
    let dir = &args.data_dir;
    if has_entries(dir)? && !args.force {
        return Err(BadInput(format!(
            "{} is not empty: add --force to replace the database in it (stop `backcare \
             serve` on it first), or restore into a new directory",
            dir.display()
        ))
        .into());
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("could not create the data directory {}", dir.display()))?;
    let incoming = dir.join(format!("{SQLITE_FILE}.restoring"));
    std::fs::copy(from, &incoming)
        .with_context(|| format!("could not copy {} into {}", from.display(), dir.display()))?;
    let checked = runtime()?.block_on(async {
        let url = format!("sqlite://{}?mode=rw", incoming.display());
        let store = backcare_storage::connect(&url).await?;
        let outcome = async {
            store.check_integrity().await?;
            store.migrate().await
        }
        .await;
        store.close().await;
        outcome
    });
    if let Err(e) = checked {
        let _ = std::fs::remove_file(&incoming);
        return Err(BadInput(format!(
            "{} cannot be restored, and nothing in {} was changed: {:#}",
            from.display(),
            dir.display(),
            plain(e)
        ))
        .into());
    }
    let live = dir.join(SQLITE_FILE);
    for stale in [format!("{SQLITE_FILE}-wal"), format!("{SQLITE_FILE}-shm")] {
        match std::fs::remove_file(dir.join(stale)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(e).context("could not remove the old database's log files");
            }
            _ => {}
        }
    }
    std::fs::rename(&incoming, &live).with_context(|| {
        format!(
            "could not move the restored database into {}",
            dir.display()
        )
    })?;
    println!(
        "Restored {} into {}. Start it with: backcare serve --data-dir {}",
        from.display(),
        dir.display(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Whether `dir` exists and holds anything.
fn has_entries(dir: &Path) -> anyhow::Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_some()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e).with_context(|| format!("could not read {}", dir.display())),
    }
}

/// A storage error in the words of its message, without the "invalid input:" prefix;
/// a refused request (an existing file, PostgreSQL) is the user's to fix: exit status 2.
fn plain(e: backcare_storage::Error) -> anyhow::Error {
    match e {
        backcare_storage::Error::Invalid(text) => BadInput(text).into(),
        other => anyhow::Error::new(other),
    }
}
