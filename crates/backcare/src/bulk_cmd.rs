//! `backcare bulk score` and `backcare bulk synth`: FHIR Bulk Data NDJSON in and out, as a
//! stream, in parallel.
//!
//! Both run the same pipeline: one thread reads (or numbers) the input in batches of
//! lines, `--jobs` workers turn each batch into output bytes (scoring with
//! `backcare_fhir::bulk::score_line`, or generating with `backcare_fhir::synth::response`),
//! and the main thread writes the batches back in input order. Memory stays constant: at
//! most [`IN_FLIGHT_PER_JOB`] × jobs batches exist at any time, because the reader takes a
//! token before it sends a batch and the writer gives it back only once that batch is
//! written. Output is the same bytes whatever the number of jobs.
//!
//! With a `.gz` output each worker compresses its own batch as one gzip member; a file of
//! concatenated members is a valid gzip file (RFC 1952), so compression runs in parallel
//! too. Input is read as gzip when it starts with gzip's magic bytes, whatever its name,
//! and every member is read.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use backcare_core::instruments::RiskGroup;
use backcare_core::triage::Level;
use backcare_fhir::bulk::{self, LineError};
use backcare_fhir::synth;
use crossbeam_channel::bounded;
use flate2::Compression;
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::input::BadInput;

/// Batches in flight per job: enough to keep every worker busy while the writer catches up.
const IN_FLIGHT_PER_JOB: usize = 4;
/// A batch ends after this many lines...
const BATCH_LINES: usize = 2048;
/// ...or this many bytes, whichever comes first.
const BATCH_BYTES: usize = 1 << 20;
/// Responses generated per batch by `synth`.
const SYNTH_BATCH: u64 = 1000;
/// Errors listed in the summary; the rest are counted.
const ERRORS_LISTED: usize = 20;

/// Bulk commands.
#[derive(Debug, clap::Subcommand)]
pub enum BulkCommand {
    /// Score FHIR Bulk Data NDJSON files of QuestionnaireResponses.
    ///
    /// Writes the scored Observations as NDJSON, one Observation a line, in input order (an
    /// intake response gives its triage Observation first). Gzip input is detected by its
    /// content; output is gzip when its name ends in .gz. A bad line is reported with its
    /// line number and skipped. Exit status 0 when the run finished, even with bad lines;
    /// 2 for bad arguments or unreadable files.
    #[command(
        after_help = "Examples:\n  backcare bulk score QuestionnaireResponse.ndjson -o Observation.ndjson\n  backcare bulk score export/*.ndjson.gz -o scored.ndjson.gz --summary-json summary.json"
    )]
    Score(ScoreArgs),
    /// Write realistic synthetic QuestionnaireResponses (NDJSON) for tests and benchmarks.
    ///
    /// The same seed gives the same file, whatever the number of jobs. None of it is real
    /// patient data.
    #[command(
        after_help = "Examples:\n  backcare bulk synth --count 100000 --seed 1 -o synth.ndjson.gz"
    )]
    Synth(SynthArgs),
    /// Benchmarks only: write backcare's Questionnaires as DIR/Questionnaire-{id}.json, for
    /// fhirpath.js (tools/fhir/calculate-ndjson.js) to evaluate their calculatedExpressions.
    #[command(hide = true)]
    Questionnaires {
        /// The directory (created when missing).
        dir: PathBuf,
    },
}

/// Options of `backcare bulk score`.
#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    /// NDJSON files of QuestionnaireResponses, plain or gzip.
    #[arg(required = true, value_name = "IN.ndjson[.gz]")]
    inputs: Vec<PathBuf>,
    /// Where to write the Observations ("-" for standard output; gzip if it ends in .gz).
    #[arg(
        long,
        short = 'o',
        value_name = "OUT.ndjson[.gz]",
        required_unless_present = "parse_only"
    )]
    output: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    jobs: Option<NonZeroUsize>,
    /// No progress bar.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Also write the summary as JSON to this file.
    #[arg(long, value_name = "FILE")]
    summary_json: Option<PathBuf>,
    /// Benchmarks only: parse each line with serde_json and nothing else.
    #[arg(long, hide = true)]
    parse_only: bool,
}

/// Options of `backcare bulk synth`.
#[derive(Debug, clap::Args)]
pub struct SynthArgs {
    /// How many responses.
    #[arg(long, short = 'n')]
    count: u64,
    /// The seed: the same seed gives the same responses.
    #[arg(long, short = 's', default_value_t = 1)]
    seed: u64,
    /// Where to write them ("-" for standard output; gzip if it ends in .gz).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: PathBuf,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    jobs: Option<NonZeroUsize>,
    /// No progress bar.
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// Runs a bulk command.
pub fn run(command: BulkCommand) -> anyhow::Result<ExitCode> {
    match command {
        BulkCommand::Score(args) => score(args),
        BulkCommand::Synth(args) => synth_cmd(args),
        BulkCommand::Questionnaires { dir } => {
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("could not create {}", dir.display()))?;
            for q in backcare_fhir::questionnaires::all() {
                let path = dir.join(format!("Questionnaire-{}.json", q.id));
                std::fs::write(&path, serde_json::to_string_pretty(&q)? + "\n")
                    .with_context(|| format!("could not write {}", path.display()))?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn jobs(jobs: Option<NonZeroUsize>) -> usize {
    jobs.or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get)
}

fn progress(total: u64, quiet: bool, bytes: bool) -> ProgressBar {
    // indicatif draws nothing when stderr is not a terminal; `--quiet` hides it anyway.
    let target = if quiet || !io::stderr().is_terminal() {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let template = if bytes {
        "{bar:40} {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left) {msg}"
    } else {
        "{bar:40} {pos}/{len} ({per_sec}, {eta} left)"
    };
    let pb = ProgressBar::with_draw_target(Some(total), target);
    pb.set_style(ProgressStyle::with_template(template).expect("a valid template"));
    pb
}

/// Where output goes: a file (gzip by name) or standard output.
struct Output {
    writer: Box<dyn Write>,
    gzip: bool,
}

fn create_output(path: &Path) -> Result<Output, BadInput> {
    let gzip = path.extension().is_some_and(|e| e == "gz");
    let writer: Box<dyn Write> = if path == Path::new("-") {
        Box::new(io::BufWriter::with_capacity(1 << 20, io::stdout()))
    } else {
        let file = File::create(path)
            .map_err(|e| BadInput(format!("could not create {}: {e}", path.display())))?;
        Box::new(io::BufWriter::with_capacity(1 << 20, file))
    };
    Ok(Output { writer, gzip })
}

/// Compresses one batch as a complete gzip member (see the module documentation).
fn gzip_member(data: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::with_capacity(data.len() / 4), Compression::default());
    // Writing to a Vec cannot fail.
    gz.write_all(data).expect("writing to memory");
    gz.finish().expect("writing to memory")
}

/// The pipeline: `produce` sends numbered jobs (in order) through `send`, which returns
/// false once the run is over; `work` runs on `jobs` threads; `consume` gets the results in
/// the order the jobs were sent. An error from `consume` stops the run and is returned.
fn pipeline<J, R>(
    jobs: usize,
    produce: impl FnOnce(&mut dyn FnMut(J) -> bool) + Send,
    work: impl Fn(J) -> R + Sync,
    mut consume: impl FnMut(R) -> anyhow::Result<()>,
) -> anyhow::Result<()>
where
    J: Send,
    R: Send,
{
    let in_flight = jobs * IN_FLIGHT_PER_JOB;
    let (token_tx, token_rx) = bounded::<()>(in_flight);
    for _ in 0..in_flight {
        token_tx.send(()).expect("room for every token");
    }
    let (job_tx, job_rx) = bounded::<(u64, J)>(in_flight);
    let (result_tx, result_rx) = bounded::<(u64, R)>(in_flight);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut seq = 0u64;
            let mut send = |job: J| {
                // No token: the writer stopped. Otherwise at most `in_flight` batches exist.
                if token_rx.recv().is_err() {
                    return false;
                }
                let ok = job_tx.send((seq, job)).is_ok();
                seq += 1;
                ok
            };
            produce(&mut send);
        });
        let work = &work;
        for _ in 0..jobs {
            let job_rx = job_rx.clone();
            let result_tx = result_tx.clone();
            scope.spawn(move || {
                for (seq, job) in job_rx {
                    if result_tx.send((seq, work(job))).is_err() {
                        break;
                    }
                }
            });
        }
        drop((job_rx, result_tx));
        // The writer: results arrive in any order and leave in sequence. Returning (also on
        // an error) drops the token sender and the result receiver, owned here, which stops
        // the reader and the workers before the scope waits for them.
        let token_tx = token_tx;
        let mut waiting = BTreeMap::new();
        let mut next = 0u64;
        for (seq, result) in result_rx {
            waiting.insert(seq, result);
            while let Some(result) = waiting.remove(&next) {
                consume(result)?;
                next += 1;
                let _ = token_tx.send(());
            }
        }
        Ok(())
    })
}

// ---- synth --------------------------------------------------------------------------------

fn synth_cmd(args: SynthArgs) -> anyhow::Result<ExitCode> {
    let mut out = create_output(&args.output)?;
    let gzip = out.gzip;
    let pb = progress(args.count, args.quiet, false);
    let (count, seed) = (args.count, args.seed);
    pipeline(
        jobs(args.jobs),
        |send| {
            let mut start = 0;
            while start < count {
                let end = (start + SYNTH_BATCH).min(count);
                if !send(start..end) {
                    return;
                }
                start = end;
            }
        },
        |range| {
            let n = range.end - range.start;
            let mut buf = Vec::with_capacity(4096 * n as usize);
            for qr in synth::responses(seed, range) {
                serde_json::to_writer(&mut buf, &qr).expect("a response serialises");
                buf.push(b'\n');
            }
            (n, if gzip { gzip_member(&buf) } else { buf })
        },
        |(n, bytes)| {
            out.writer
                .write_all(&bytes)
                .context("could not write the output")?;
            pb.inc(n);
            Ok(())
        },
    )?;
    out.writer.flush().context("could not write the output")?;
    pb.finish_and_clear();
    Ok(ExitCode::SUCCESS)
}

// ---- score --------------------------------------------------------------------------------

/// Lines read from one file, ready for a worker.
struct Batch {
    file: usize,
    /// The line number (from 1) of the first line.
    first_line: u64,
    data: Vec<u8>,
    /// Where each line starts and ends in `data` (its newline excluded).
    lines: Vec<(usize, usize)>,
    /// The file could not be read further: the line number and why.
    read_error: Option<(u64, String)>,
}

/// Counts of one batch or of the whole run.
#[derive(Debug, Default, Clone)]
struct Stats {
    read: u64,
    scored: u64,
    incomplete: u64,
    skipped: u64,
    observations: u64,
    risk: [u64; 3],
    triage: [u64; 4],
}

impl Stats {
    fn add(&mut self, other: &Stats) {
        self.read += other.read;
        self.scored += other.scored;
        self.incomplete += other.incomplete;
        self.skipped += other.skipped;
        self.observations += other.observations;
        for (a, b) in self.risk.iter_mut().zip(other.risk) {
            *a += b;
        }
        for (a, b) in self.triage.iter_mut().zip(other.triage) {
            *a += b;
        }
    }
}

const RISK_GROUPS: [RiskGroup; 3] = [RiskGroup::Low, RiskGroup::Medium, RiskGroup::High];

fn risk_id(group: RiskGroup) -> &'static str {
    match group {
        RiskGroup::Low => "low",
        RiskGroup::Medium => "medium",
        RiskGroup::High => "high",
    }
}

/// One bad line.
struct BadLine {
    file: usize,
    line: u64,
    message: String,
}

struct Done {
    bytes: Vec<u8>,
    stats: Stats,
    errors: Vec<BadLine>,
}

/// Counts the bytes read from a file, for the progress bar.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Opens a file as a stream of lines, decompressing when it starts with gzip's magic bytes.
fn open_lines(file: File, count: Arc<AtomicU64>) -> io::Result<Box<dyn BufRead + Send>> {
    let mut raw = BufReader::with_capacity(1 << 18, Counting { inner: file, count });
    let head = raw.fill_buf()?;
    Ok(if head.starts_with(&[0x1f, 0x8b]) {
        Box::new(BufReader::with_capacity(1 << 18, MultiGzDecoder::new(raw)))
    } else {
        Box::new(raw)
    })
}

/// Reads every file in batches of lines. A read error (a truncated or corrupt gzip member,
/// a disk error) ends that file with an error on the line being read; the next file follows.
fn read_batches(files: Vec<File>, count: &Arc<AtomicU64>, send: &mut dyn FnMut(Batch) -> bool) {
    for (file_index, file) in files.into_iter().enumerate() {
        let mut batch = Batch {
            file: file_index,
            first_line: 1,
            data: Vec::new(),
            lines: Vec::new(),
            read_error: None,
        };
        let mut line_no = 0u64;
        let mut reader = match open_lines(file, count.clone()) {
            Ok(r) => Some(r),
            Err(e) => {
                batch.read_error = Some((1, format!("could not read: {e}")));
                None
            }
        };
        while let Some(r) = reader.as_mut() {
            let start = batch.data.len();
            match r.read_until(b'\n', &mut batch.data) {
                Ok(0) => break,
                Ok(_) => {
                    line_no += 1;
                    let mut end = batch.data.len();
                    if batch.data[end - 1] == b'\n' {
                        end -= 1;
                        if end > start && batch.data[end - 1] == b'\r' {
                            end -= 1;
                        }
                    }
                    batch.lines.push((start, end));
                }
                Err(e) => {
                    // What was read of this line is incomplete: it is not scored.
                    batch.data.truncate(start);
                    let why = if e.kind() == io::ErrorKind::UnexpectedEof {
                        "the gzip data ends too early (truncated)".to_owned()
                    } else {
                        format!("could not read further ({e})")
                    };
                    batch.read_error = Some((
                        line_no + 1,
                        format!("{why}; the rest of this file is skipped"),
                    ));
                    break;
                }
            }
            if batch.lines.len() >= BATCH_LINES || batch.data.len() >= BATCH_BYTES {
                let full = std::mem::replace(
                    &mut batch,
                    Batch {
                        file: file_index,
                        first_line: line_no + 1,
                        data: Vec::with_capacity(BATCH_BYTES + (BATCH_BYTES >> 2)),
                        lines: Vec::with_capacity(BATCH_LINES),
                        read_error: None,
                    },
                );
                if !send(full) {
                    return;
                }
            }
        }
        if (!batch.lines.is_empty() || batch.read_error.is_some()) && !send(batch) {
            return;
        }
    }
}

fn score_batch(batch: Batch, parse_only: bool, gzip: bool) -> Done {
    let mut out = Vec::with_capacity(batch.data.len() * 2);
    let mut stats = Stats::default();
    let mut errors = Vec::new();
    for (i, &(start, end)) in batch.lines.iter().enumerate() {
        let line = &batch.data[start..end];
        stats.read += 1;
        let result = std::str::from_utf8(line)
            .map_err(|e| LineError::NotJson(format!("not UTF-8 text ({e})")))
            .and_then(|text| {
                if parse_only {
                    bulk::parse_line(text).map(|_| None)
                } else {
                    bulk::score_line(text).map(Some)
                }
            });
        match result {
            Ok(None) => stats.scored += 1,
            Ok(Some(scored)) => {
                if scored.is_incomplete() {
                    stats.incomplete += 1;
                } else {
                    stats.scored += 1;
                }
                if let Some(group) = scored.risk_group {
                    stats.risk[RISK_GROUPS.iter().position(|g| *g == group).unwrap_or(0)] += 1;
                }
                if let Some(level) = scored.triage {
                    stats.triage[Level::ALL.iter().position(|l| *l == level).unwrap_or(0)] += 1;
                }
                stats.observations += scored.observations.len() as u64;
                scored.write_ndjson(&mut out);
            }
            Err(e) => {
                stats.skipped += 1;
                errors.push(BadLine {
                    file: batch.file,
                    line: batch.first_line + i as u64,
                    message: e.to_string(),
                });
            }
        }
    }
    if let Some((line, message)) = batch.read_error {
        stats.read += 1;
        stats.skipped += 1;
        errors.push(BadLine {
            file: batch.file,
            line,
            message,
        });
    }
    let bytes = if gzip && !out.is_empty() {
        gzip_member(&out)
    } else {
        out
    };
    Done {
        bytes,
        stats,
        errors,
    }
}

fn score(args: ScoreArgs) -> anyhow::Result<ExitCode> {
    // Every input is opened before anything is written: an unreadable one is a usage error.
    let mut files = Vec::new();
    let mut total_bytes = 0;
    for path in &args.inputs {
        let file = File::open(path)
            .map_err(|e| BadInput(format!("could not read {}: {e}", path.display())))?;
        total_bytes += file.metadata().map_or(0, |m| m.len());
        files.push(file);
    }
    let mut out = match (&args.output, args.parse_only) {
        (Some(path), false) => Some(create_output(path)?),
        _ => None,
    };
    let gzip = out.as_ref().is_some_and(|o| o.gzip);
    let started = Instant::now();
    let pb = progress(total_bytes, args.quiet, true);
    pb.enable_steady_tick(Duration::from_millis(200));
    let count = Arc::new(AtomicU64::new(0));
    let mut stats = Stats::default();
    let mut errors: Vec<BadLine> = Vec::new();
    let mut error_count = 0u64;
    let parse_only = args.parse_only;
    pipeline(
        jobs(args.jobs),
        |send| read_batches(files, &count, send),
        |batch| score_batch(batch, parse_only, gzip),
        |done| {
            if let Some(out) = out.as_mut() {
                out.writer
                    .write_all(&done.bytes)
                    .context("could not write the output")?;
            }
            stats.add(&done.stats);
            error_count += done.errors.len() as u64;
            let room = ERRORS_LISTED.saturating_sub(errors.len());
            errors.extend(done.errors.into_iter().take(room));
            pb.set_position(count.load(Ordering::Relaxed));
            Ok(())
        },
    )?;
    if let Some(out) = out.as_mut() {
        out.writer.flush().context("could not write the output")?;
    }
    pb.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    let summary = Summary {
        inputs: &args.inputs,
        stats: &stats,
        errors: &errors,
        error_count,
        seconds,
        bytes: total_bytes,
    };
    let to_stdout = args.output.as_deref() != Some(Path::new("-"));
    let text = summary.text();
    if to_stdout {
        print!("{text}");
    } else {
        eprint!("{text}");
    }
    if let Some(path) = &args.summary_json {
        let json = serde_json::to_string_pretty(&summary.json())?;
        std::fs::write(path, json + "\n")
            .with_context(|| format!("could not write {}", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

struct Summary<'a> {
    inputs: &'a [PathBuf],
    stats: &'a Stats,
    errors: &'a [BadLine],
    error_count: u64,
    seconds: f64,
    bytes: u64,
}

impl Summary<'_> {
    fn place(&self, e: &BadLine) -> String {
        format!("{}:{}", self.inputs[e.file].display(), e.line)
    }

    fn text(&self) -> String {
        use std::fmt::Write as _;
        let s = self.stats;
        let mut t = String::new();
        let rate = s.read as f64 / self.seconds.max(1e-9);
        let mb = self.bytes as f64 / 1e6 / self.seconds.max(1e-9);
        let _ = writeln!(
            t,
            "Read {} responses from {} file(s) in {:.2} s ({rate:.0} responses/s, {mb:.1} MB/s of input).",
            s.read,
            self.inputs.len(),
            self.seconds
        );
        let _ = writeln!(t, "  scored:       {}", s.scored);
        let _ = writeln!(
            t,
            "  incomplete:   {} (read, but too many items unanswered to score)",
            s.incomplete
        );
        let _ = writeln!(t, "  skipped:      {} (bad lines)", s.skipped);
        let _ = writeln!(t, "  observations: {}", s.observations);
        let _ = writeln!(t, "STarT Back risk group:");
        for (g, n) in RISK_GROUPS.iter().zip(s.risk) {
            let _ = writeln!(t, "  {:<10} {n}", risk_id(*g));
        }
        let _ = writeln!(t, "Triage level (intake responses):");
        for (l, n) in Level::ALL.iter().zip(s.triage) {
            let _ = writeln!(t, "  {:<10} {n}", l.id());
        }
        if self.error_count > 0 {
            let _ = writeln!(t, "Bad lines (skipped):");
            for e in self.errors {
                let _ = writeln!(t, "  {}: {}", self.place(e), e.message);
            }
            let more = self.error_count - self.errors.len() as u64;
            if more > 0 {
                let _ = writeln!(t, "  ... and {more} more");
            }
        }
        t
    }

    fn json(&self) -> serde_json::Value {
        let s = self.stats;
        let risk: serde_json::Map<_, _> = RISK_GROUPS
            .iter()
            .zip(s.risk)
            .map(|(g, n)| (risk_id(*g).to_owned(), n.into()))
            .collect();
        let triage: serde_json::Map<_, _> = Level::ALL
            .iter()
            .zip(s.triage)
            .map(|(l, n)| (l.id().to_owned(), n.into()))
            .collect();
        serde_json::json!({
            "inputs": self.inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
            "read": s.read,
            "scored": s.scored,
            "incomplete": s.incomplete,
            "skipped": s.skipped,
            "observations": s.observations,
            "riskGroups": risk,
            "triageLevels": triage,
            "errorCount": self.error_count,
            "errors": self.errors.iter().map(|e| serde_json::json!({
                "file": self.inputs[e.file].display().to_string(),
                "line": e.line,
                "message": e.message,
            })).collect::<Vec<_>>(),
            "seconds": self.seconds,
            "inputBytes": self.bytes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pipeline_keeps_the_order_whatever_the_jobs() {
        for jobs in [1, 2, 7] {
            let mut seen = Vec::new();
            pipeline(
                jobs,
                |send| {
                    for i in 0..500u64 {
                        assert!(send(i));
                    }
                },
                |i| {
                    // Uneven work, so results finish out of order.
                    std::thread::sleep(Duration::from_micros((i * 7919) % 200));
                    i * 2
                },
                |r| {
                    seen.push(r);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(
                seen,
                (0..500).map(|i| i * 2).collect::<Vec<_>>(),
                "{jobs} jobs"
            );
        }
    }

    #[test]
    fn a_write_error_stops_the_run_without_hanging() {
        let mut sent = 0;
        let mut stopped = false;
        let result = pipeline(
            2,
            |send| {
                for i in 0..1_000_000u64 {
                    if !send(i) {
                        stopped = true;
                        return;
                    }
                    sent += 1;
                }
            },
            |i| i,
            |i| {
                if i == 10 {
                    anyhow::bail!("disk full");
                }
                Ok(())
            },
        );
        assert_eq!(result.unwrap_err().to_string(), "disk full");
        assert!(stopped);
        assert!(sent < 100, "the reader stopped early: {sent}");
    }

    fn batch_of(text: &str) -> Batch {
        let mut lines = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            lines.push((start, start + line.trim_end_matches('\n').len()));
            start += line.len();
        }
        Batch {
            file: 0,
            first_line: 10,
            data: text.as_bytes().to_vec(),
            lines,
            read_error: Some((13, "cut".into())),
        }
    }

    #[test]
    fn a_batch_reports_bad_lines_by_number() {
        let good = serde_json::to_string(&synth::response(1, 4)).unwrap();
        let done = score_batch(batch_of(&format!("{good}\nnope\n\n")), false, false);
        assert_eq!(done.stats.read, 4);
        assert_eq!(done.stats.skipped, 3);
        assert_eq!(done.stats.scored + done.stats.incomplete, 1);
        let where_: Vec<u64> = done.errors.iter().map(|e| e.line).collect();
        assert_eq!(where_, [11, 12, 13]);
        assert_eq!(done.errors[2].message, "cut");
        let parsed = score_batch(batch_of(&format!("{good}\n")), true, false);
        assert_eq!((parsed.stats.scored, parsed.bytes.len()), (1, 0));
    }
}
