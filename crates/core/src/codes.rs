//! Suggested codes: ICD-10-CM diagnoses and CPT services a clinician might record.
//!
//! Every code comes from one table ([`table`], in `codes/table.rs`): a row says which
//! code, our own short description, when it applies (a pain pattern, a red flag, or a
//! physiotherapy plan, some parts by STarT Back risk group) and under what condition a
//! clinician would use it. [`suggest`] walks the table; it never invents a code.
//!
//! Rules the table and [`suggest`] keep (each has a test):
//! - only billable ICD-10-CM codes of the FY2026 tables, never a header code
//!   (`scripts/check_icd10.py` checks them against the CDC release);
//! - CPT codes carry our own summaries, never the AMA descriptor text;
//! - imaging only for a definite red flag at the urgent or emergency level, never for
//!   non-specific back pain (NICE NG59 1.1.4, QS155 statement 2);
//! - at the emergency level no physiotherapy and no pain-pattern codes: only what the red
//!   flags justify.

pub mod table;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::instruments::{RiskGroup, Scores};
use crate::intake::{Answer, Intake, LegSymptoms, Onset, PainArea, Side};
use crate::lang::{Lang, Text, t};
use crate::patterns::{Fit, Pattern, PatternResult};
use crate::triage::{Family, Level, Reason, Triage};

/// A coding system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CodeSystem {
    /// ICD-10-CM (US clinical modification of ICD-10; CDC/NCHS, public domain).
    Icd10cm,
    /// CPT (procedures and services; code numbers only, descriptors are AMA copyright).
    Cpt,
}

/// One suggested code, in the person's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CodeSuggestion {
    /// The coding system.
    pub system: CodeSystem,
    /// The code, for example `M54.50` or `97110`.
    pub code: &'static str,
    /// Our own short description (never the AMA CPT descriptor).
    pub description: String,
    /// Why it was suggested: the pattern, red flag or risk group behind it.
    pub why: String,
    /// When a clinician would use it (for example "only if imaging confirms"); `None` when
    /// the code follows directly from the answers.
    pub condition: Option<String>,
    /// Where the code comes from.
    pub source: &'static str,
}

/// Suggested codes for a clinician to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Codes {
    /// ICD-10-CM suggestions, most relevant first.
    pub icd10cm: Vec<CodeSuggestion>,
    /// CPT suggestions, most relevant first (imaging, when a red flag justifies it, first).
    pub cpt: Vec<CodeSuggestion>,
    /// That these are suggestions for a clinician to confirm.
    pub notice: String,
    /// Notes on what was and was not suggested, and why.
    pub notes: Vec<String>,
}

/// When a table row applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// The pattern is listed (possible or likely) and the detail holds; never at the
    /// emergency level.
    Pattern(Pattern, Detail),
    /// The red flag fired with definite answers, in that region of the back.
    RedFlag(RedFlag, Region),
    /// A physiotherapy plan applies (not at the emergency level) and the STarT Back risk
    /// group is one of these.
    Rehab(&'static [Risk]),
    /// A physiotherapy plan applies (not at the emergency level), whatever the STarT Back
    /// risk group: exercise, and the evaluation, whose complexity the physiotherapist sets.
    Physio,
}

/// A detail of the intake that picks a code within a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Always.
    Always,
    /// Pain in the lower back, or no area given.
    LowBack,
    /// Pain in the middle or upper back or between the shoulder blades.
    Thoracic,
    /// Leg symptoms on the right (or both sides).
    LegRight,
    /// Leg symptoms on the left (or both sides).
    LegLeft,
    /// Leg symptoms, side not given.
    LegSideUnknown,
    /// The pain started suddenly or after lifting or an activity.
    SuddenOrActivityOnset,
    /// The pain started after lifting or an activity.
    LiftingOnset,
    /// Pain areas were given and none is the lower back (sciatica without lumbago).
    NoLowBack,
    /// Long-term steroid tablets: answered yes.
    LongTermSteroids,
    /// Long-term steroid tablets: not answered yes.
    NoLongTermSteroids,
    /// Every one of these details holds.
    All(&'static [Detail]),
}

/// A red flag that can justify a code (imaging, or a diagnosis to confirm).
///
/// It counts only when its triage reason is definite (not from a "don't know" or a skipped
/// answer) and at the urgent or emergency level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedFlag {
    /// A cauda equina reason.
    CaudaEquina,
    /// Cancer with nerve signs: `CANCER-MSCC`, or a cancer reason with a neurological one.
    CancerWithNeurology,
    /// A spinal infection reason.
    Infection,
    /// A fracture reason.
    Fracture,
}

/// Which part of the spine an imaging code covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// Whatever the pain areas.
    Any,
    /// Low back pain, or no area given.
    Lumbar,
    /// Middle or upper back pain, or between the shoulder blades.
    Thoracic,
}

/// The STarT Back risk group as the table uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Risk {
    /// Low risk.
    Low,
    /// Medium risk.
    Medium,
    /// High risk.
    High,
    /// STarT Back not (fully) answered.
    Unknown,
}

impl From<Option<RiskGroup>> for Risk {
    fn from(group: Option<RiskGroup>) -> Risk {
        match group {
            Some(RiskGroup::Low) => Risk::Low,
            Some(RiskGroup::Medium) => Risk::Medium,
            Some(RiskGroup::High) => Risk::High,
            None => Risk::Unknown,
        }
    }
}

/// How a row ranks among the codes its trigger gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// The code to consider first.
    Primary,
    /// An alternative or an addition, listed after the primary codes.
    Alternative,
}

/// One row of a code table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// The coding system.
    pub system: CodeSystem,
    /// The code.
    pub code: &'static str,
    /// Our own short description.
    pub description: Text,
    /// When the row applies.
    pub when: When,
    /// Primary code or alternative.
    pub rank: Rank,
    /// What in the answers points to this code.
    pub why: Text,
    /// When a clinician would use it; `None` when it follows directly from the answers.
    pub condition: Option<Text>,
    /// Where the code comes from.
    pub source: &'static str,
}

impl Row {
    /// True for imaging codes (radiology, CPT 70010-79999).
    pub fn is_imaging(&self) -> bool {
        self.system == CodeSystem::Cpt && self.code.starts_with('7')
    }
}

/// Every code backcare may suggest.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// ICD-10-CM rows.
    pub icd10cm: &'static [Row],
    /// CPT rows.
    pub cpt: &'static [Row],
}

impl Table {
    /// Every row, ICD-10-CM first.
    pub fn rows(&self) -> impl Iterator<Item = &'static Row> {
        self.icd10cm.iter().chain(self.cpt)
    }
}

/// The code tables, for listing every code (docs, tests, `backcare` commands).
pub fn table() -> Table {
    Table {
        icd10cm: table::ICD10CM,
        cpt: table::CPT,
    }
}

/// Every code in the tables as a Markdown table: code, description, when it is suggested,
/// and the condition for using it. `docs/codes.md` carries the English version.
pub fn table_markdown(lang: Lang) -> String {
    let head = match lang {
        Lang::En => "| System | Code | Description (ours) | Suggested when | Rank | Use it |",
        Lang::Es => "| Sistema | Código | Descripción (propia) | Se sugiere si | Orden | Úselo |",
    };
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = format!("{head}\n|---|---|---|---|---|---|\n");
    for row in table().rows() {
        let system = match row.system {
            CodeSystem::Icd10cm => "ICD-10-CM",
            CodeSystem::Cpt => "CPT",
        };
        let rank = match row.rank {
            Rank::Primary => t("primary", "principal"),
            Rank::Alternative => t("alternative", "alternativa"),
        };
        let condition = row
            .condition
            .map_or(t("as suggested", "tal como se sugiere").get(lang), |c| {
                c.get(lang)
            });
        out.push_str(&format!(
            "| {system} | {} | {} | {} | {} | {} |\n",
            row.code,
            cell(row.description.get(lang)),
            cell(&row.when.describe(lang)),
            rank.get(lang),
            cell(condition),
        ));
    }
    out
}

/// The notice shown with every set of codes.
pub const NOTICE: Text = t(
    "These codes are suggestions for a clinician to confirm. They are not a diagnosis, and none should be recorded or billed without a clinician's assessment.",
    "Estos códigos son sugerencias que un clínico debe confirmar. No son un diagnóstico, y ninguno debe registrarse ni facturarse sin la valoración de un clínico.",
);

/// Suggests ICD-10-CM and CPT codes for the triage, patterns and scores of one intake.
pub fn suggest(
    intake: &Intake,
    triage: &Triage,
    patterns: &[PatternResult],
    scores: &Scores,
) -> Codes {
    suggest_for_risk(intake, triage, patterns, scores.risk_group().into())
}

/// A row that applies, with what made it apply.
struct Hit {
    row: &'static Row,
    /// Red flags first, then likely patterns, then possible ones.
    tier: u8,
    why: String,
}

fn suggest_for_risk(
    intake: &Intake,
    triage: &Triage,
    patterns: &[PatternResult],
    risk: Risk,
) -> Codes {
    let lang = intake.language;
    let emergency = triage.level == Level::Emergency;
    let mut hits: Vec<Hit> = Vec::new();
    for row in table().rows() {
        match row.when {
            When::RedFlag(flag, region) => {
                let reasons = flag.reasons(triage);
                if !reasons.is_empty() && region.holds(intake) {
                    let ids: Vec<&str> = reasons.iter().map(|r| r.rule_id).collect();
                    let prefix = t("Warning sign", "Señal de alarma").get(lang);
                    hits.push(Hit {
                        row,
                        tier: 0,
                        why: format!("{prefix} {}: {}", ids.join(", "), row.why.get(lang)),
                    });
                }
            }
            When::Pattern(pattern, detail) if !emergency => {
                let found = patterns.iter().find(|p| p.pattern == pattern);
                if let Some(p) = found.filter(|_| detail.holds(intake)) {
                    let fit = match p.fit {
                        Fit::Likely => t("likely", "probable"),
                        Fit::Possible => t("possible", "posible"),
                    };
                    hits.push(Hit {
                        row,
                        tier: if p.fit == Fit::Likely { 1 } else { 2 },
                        why: format!("{}, {}: {}", p.name, fit.get(lang), row.why.get(lang)),
                    });
                }
            }
            When::Rehab(risks) if !emergency && !patterns.is_empty() && risks.contains(&risk) => {
                hits.push(Hit {
                    row,
                    tier: 1,
                    why: format!("{}: {}", risk.describe().get(lang), row.why.get(lang)),
                });
            }
            When::Physio if !emergency && !patterns.is_empty() => {
                hits.push(Hit {
                    row,
                    tier: 1,
                    why: row.why.get(lang).to_owned(),
                });
            }
            When::Pattern(..) | When::Rehab(_) | When::Physio => {}
        }
    }
    // Stable: within a tier and rank, table order.
    hits.sort_by_key(|h| (h.tier, h.row.rank));
    let (icd10cm, cpt): (Vec<_>, Vec<_>) = dedup(hits, lang)
        .into_iter()
        .partition(|c| c.system == CodeSystem::Icd10cm);
    let notes = notes(triage, lang, &icd10cm, &cpt, emergency);
    Codes {
        icd10cm,
        cpt,
        notice: NOTICE.get(lang).to_owned(),
        notes,
    }
}

/// One suggestion per code: the most relevant hit, with every reason for it.
fn dedup(hits: Vec<Hit>, lang: Lang) -> Vec<CodeSuggestion> {
    let mut out: Vec<CodeSuggestion> = Vec::new();
    for hit in hits {
        let condition = hit.row.condition.map(|c| c.get(lang).to_owned());
        match out.iter_mut().find(|c| c.code == hit.row.code) {
            Some(existing) => {
                if !existing.why.split("; ").any(|w| w == hit.why) {
                    existing.why = format!("{}; {}", existing.why, hit.why);
                }
                // A reason that needs no confirmation outweighs one that does.
                if condition.is_none() {
                    existing.condition = None;
                }
            }
            None => out.push(CodeSuggestion {
                system: hit.row.system,
                code: hit.row.code,
                description: hit.row.description.get(lang).to_owned(),
                why: hit.why,
                condition,
                source: hit.row.source,
            }),
        }
    }
    out
}

fn notes(
    triage: &Triage,
    lang: Lang,
    icd10cm: &[CodeSuggestion],
    cpt: &[CodeSuggestion],
    emergency: bool,
) -> Vec<String> {
    let has = |list: &[CodeSuggestion], code: &str| list.iter().any(|c| c.code == code);
    let imaging = cpt.iter().any(|c| c.code.starts_with('7'));
    let mut notes: Vec<Text> = Vec::new();
    if emergency {
        notes.push(t(
            "Emergency care comes first: no physiotherapy or back-pain codes are suggested, only what the warning signs justify.",
            "La atención urgente va primero: no se sugieren códigos de fisioterapia ni de dolor de espalda, solo lo que justifican las señales de alarma.",
        ));
    } else if triage.level > Level::SelfCare {
        notes.push(t(
            "Physiotherapy codes apply only after a doctor has checked the warning signs.",
            "Los códigos de fisioterapia solo se aplican después de que un médico haya revisado las señales de alarma.",
        ));
    }
    if !emergency && triage.reasons.iter().any(|r| r.family == Family::NonSpinal) {
        notes.push(t(
            "Back-pain codes apply only once a doctor has ruled out a cause outside the spine.",
            "Los códigos de dolor de espalda solo se aplican cuando un médico ha descartado una causa fuera de la columna.",
        ));
    }
    notes.push(if imaging {
        t(
            "Imaging is suggested only because of the warning signs named; for non-specific back pain NICE NG59 (1.1.4) advises against imaging.",
            "Solo se sugieren pruebas de imagen por las señales de alarma indicadas; para el dolor de espalda inespecífico NICE NG59 (1.1.4) desaconseja las pruebas de imagen.",
        )
    } else {
        t(
            "No imaging is suggested: without warning signs, imaging does not help back pain and NICE advises against it (NG59 1.1.4; quality standard QS155, statement 2).",
            "No se sugieren pruebas de imagen: sin señales de alarma, no ayudan en el dolor de espalda y NICE las desaconseja (NG59 1.1.4; estándar de calidad QS155, punto 2).",
        )
    });
    let unsure = triage.reasons.iter().any(|r| {
        !r.certain
            && r.level >= Level::Urgent
            && matches!(
                r.family,
                Family::CaudaEquina
                    | Family::Cancer
                    | Family::Infection
                    | Family::Fracture
                    | Family::Neurological
            )
    });
    if unsure {
        notes.push(t(
            "Some warning-sign questions were answered \"don't know\" or skipped: imaging is not suggested for them until a clinician has asked.",
            "Algunas preguntas sobre señales de alarma se respondieron «no sé» o se saltaron: no se sugieren pruebas de imagen por ellas hasta que un clínico pregunte.",
        ));
    }
    if has(icd10cm, "M54.50")
        && ["M54.40", "M54.41", "M54.42", "S39.012A"]
            .iter()
            .any(|c| has(icd10cm, c))
    {
        notes.push(t(
            "M54.50 is not coded together with M54.4- (lumbago with sciatica) or S39.012A (back strain): ICD-10-CM excludes the pair, so choose one.",
            "M54.50 no se codifica junto con M54.4- (lumbago con ciática) ni con S39.012A (distensión lumbar): la CIE-10-MC excluye la pareja, así que elija uno.",
        ));
    }
    if !cpt.is_empty() {
        notes.push(t(
            "CPT code numbers are shown with backcare's own short descriptions; the official CPT descriptors are copyright of the American Medical Association.",
            "Los números de código CPT se muestran con descripciones breves propias de backcare; las descripciones oficiales de CPT son propiedad de la American Medical Association.",
        ));
    }
    notes.into_iter().map(|n| n.get(lang).to_owned()).collect()
}

impl When {
    /// When the row applies, in words.
    pub fn describe(self, lang: Lang) -> String {
        match self {
            When::Pattern(pattern, detail) => {
                let name = pattern.name().get(lang);
                match detail.describe(lang) {
                    Some(d) => format!("{name}; {d}"),
                    None => name.to_owned(),
                }
            }
            When::RedFlag(flag, region) => {
                let level = t(
                    "definite answers, urgent or emergency level",
                    "respuestas seguras, nivel urgente o de emergencia",
                );
                let mut out = format!("{} ({})", flag.describe().get(lang), level.get(lang));
                if let Some(r) = region.describe() {
                    out = format!("{out}; {}", r.get(lang));
                }
                out
            }
            When::Rehab(risks) => {
                let groups: Vec<&str> = risks.iter().map(|r| r.name().get(lang)).collect();
                let plan = t(
                    "a physiotherapy plan (never at the emergency level); STarT Back risk",
                    "un plan de fisioterapia (nunca en el nivel de emergencia); riesgo STarT Back",
                );
                format!("{}: {}", plan.get(lang), groups.join(", "))
            }
            When::Physio => t(
                "a physiotherapy plan (never at the emergency level), whatever the STarT Back risk",
                "un plan de fisioterapia (nunca en el nivel de emergencia), sea cual sea el riesgo STarT Back",
            )
            .get(lang)
            .to_owned(),
        }
    }
}

impl Detail {
    /// Whether the detail holds for `intake`.
    pub fn holds(self, intake: &Intake) -> bool {
        let side = leg_side(intake);
        match self {
            Detail::Always => true,
            Detail::LowBack => Region::Lumbar.holds(intake),
            Detail::Thoracic => Region::Thoracic.holds(intake),
            Detail::LegRight => matches!(side, Some(Side::Right | Side::Both)),
            Detail::LegLeft => matches!(side, Some(Side::Left | Side::Both)),
            Detail::LegSideUnknown => side.is_none(),
            Detail::SuddenOrActivityOnset => {
                matches!(intake.onset, Some(Onset::Sudden | Onset::LiftingOrActivity))
            }
            Detail::LiftingOnset => intake.onset == Some(Onset::LiftingOrActivity),
            Detail::NoLowBack => !Region::Lumbar.holds(intake),
            Detail::LongTermSteroids => intake.history.long_term_steroids == Answer::Yes,
            Detail::NoLongTermSteroids => intake.history.long_term_steroids != Answer::Yes,
            Detail::All(details) => details.iter().all(|d| d.holds(intake)),
        }
    }

    /// The detail in words, for the documentation.
    pub fn describe(self, lang: Lang) -> Option<String> {
        let text = match self {
            Detail::Always => return None,
            Detail::All(details) => {
                let parts: Vec<String> = details.iter().filter_map(|d| d.describe(lang)).collect();
                return (!parts.is_empty()).then(|| parts.join("; "));
            }
            Detail::LowBack => t(
                "low back pain (or no area given)",
                "dolor lumbar (o sin zona indicada)",
            ),
            Detail::Thoracic => t(
                "middle or upper back pain",
                "dolor en la espalda media o alta",
            ),
            Detail::LegRight => t("right leg (or both)", "pierna derecha (o ambas)"),
            Detail::LegLeft => t("left leg (or both)", "pierna izquierda (o ambas)"),
            Detail::LegSideUnknown => t("leg side not given", "lado de la pierna no indicado"),
            Detail::SuddenOrActivityOnset => t(
                "sudden onset or after an activity",
                "inicio brusco o tras una actividad",
            ),
            Detail::LiftingOnset => t(
                "started after lifting or an activity",
                "empezó al levantar peso o tras una actividad",
            ),
            Detail::NoLowBack => t(
                "no low back pain (pain areas given, none in the lower back)",
                "sin dolor lumbar (se indicaron zonas de dolor, ninguna en la zona lumbar)",
            ),
            Detail::LongTermSteroids => t(
                "long-term steroid tablets",
                "corticoides en pastillas durante mucho tiempo",
            ),
            Detail::NoLongTermSteroids => t(
                "no long-term steroid tablets (or not answered yes)",
                "sin corticoides en pastillas durante mucho tiempo (o no se respondió sí)",
            ),
        };
        Some(text.get(lang).to_owned())
    }
}

/// Which leg: the answer, or both when the symptoms are in both legs.
fn leg_side(intake: &Intake) -> Option<Side> {
    intake.leg_side.or(match intake.leg_symptoms {
        Some(LegSymptoms::BothLegs | LegSymptoms::Alternating) => Some(Side::Both),
        _ => None,
    })
}

impl Region {
    /// Whether the pain areas include this region.
    pub fn holds(self, intake: &Intake) -> bool {
        match self {
            Region::Any => true,
            Region::Lumbar => {
                intake.pain_areas.is_empty() || intake.pain_areas.contains(&PainArea::Low)
            }
            Region::Thoracic => intake.has_thoracic_pain(),
        }
    }
}

impl Region {
    /// The region in words; `None` for any region.
    pub fn describe(self) -> Option<Text> {
        match self {
            Region::Any => None,
            Region::Lumbar => Some(t(
                "low back pain (or no area given)",
                "dolor lumbar (o sin zona indicada)",
            )),
            Region::Thoracic => Some(t(
                "middle or upper back pain",
                "dolor en la espalda media o alta",
            )),
        }
    }
}

impl RedFlag {
    /// The definite triage reasons at the urgent or emergency level that raise this flag;
    /// empty when it is not raised.
    pub fn reasons(self, triage: &Triage) -> Vec<&Reason> {
        let serious = |r: &&Reason| r.certain && r.level >= Level::Urgent;
        let of = |family: Family| -> Vec<&Reason> {
            triage
                .reasons
                .iter()
                .filter(|r| r.family == family)
                .filter(serious)
                .collect()
        };
        match self {
            RedFlag::CaudaEquina => of(Family::CaudaEquina),
            RedFlag::Infection => of(Family::Infection),
            RedFlag::Fracture => of(Family::Fracture),
            RedFlag::CancerWithNeurology => {
                let mscc: Vec<&Reason> = of(Family::Cancer)
                    .into_iter()
                    .filter(|r| r.rule_id == "CANCER-MSCC")
                    .collect();
                if !mscc.is_empty() {
                    return mscc;
                }
                let cancer: Vec<&Reason> = triage
                    .reasons
                    .iter()
                    .filter(|r| r.certain && r.family == Family::Cancer)
                    .collect();
                let neuro = of(Family::Neurological);
                if cancer.is_empty() || neuro.is_empty() {
                    Vec::new()
                } else {
                    cancer.into_iter().chain(neuro).collect()
                }
            }
        }
    }

    /// The red flag in words, for the documentation.
    pub fn describe(self) -> Text {
        match self {
            RedFlag::CaudaEquina => t(
                "a cauda equina warning sign",
                "una señal de alarma de cola de caballo",
            ),
            RedFlag::CancerWithNeurology => t(
                "cancer with nerve signs (CANCER-MSCC, or a cancer and a neurological warning sign)",
                "cáncer con signos neurológicos (CANCER-MSCC, o una señal de cáncer y otra neurológica)",
            ),
            RedFlag::Infection => t(
                "a spinal infection warning sign",
                "una señal de alarma de infección de la columna",
            ),
            RedFlag::Fracture => t("a fracture warning sign", "una señal de alarma de fractura"),
        }
    }
}

impl Risk {
    /// The group's short name.
    pub fn name(self) -> Text {
        match self {
            Risk::Low => t("low", "bajo"),
            Risk::Medium => t("medium", "medio"),
            Risk::High => t("high", "alto"),
            Risk::Unknown => t("not answered", "sin responder"),
        }
    }

    /// The risk group in words.
    pub fn describe(self) -> Text {
        match self {
            Risk::Low => t("STarT Back low risk", "STarT Back riesgo bajo"),
            Risk::Medium => t("STarT Back medium risk", "STarT Back riesgo medio"),
            Risk::High => t("STarT Back high risk", "STarT Back riesgo alto"),
            Risk::Unknown => t("STarT Back not answered", "STarT Back sin responder"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::Age;
    use crate::triage::triage;

    /// Known ICD-10-CM header (non-billable) codes near the ones we use.
    const HEADERS: &[&str] = &[
        "M54.5", "M51.36", "M51.37", "M48.06", "M80.08", "M45", "M54.3", "M54.4", "M54.1", "M54.8",
        "M47.81", "M45.A", "M62.83", "S39.01", "S39.012", "M47.2", "M51.1", "M51.2", "M80.0",
        "M48.0", "M48.5", "M54", "M62.8",
    ];

    fn pattern(pattern: Pattern, fit: Fit) -> PatternResult {
        PatternResult {
            pattern,
            fit,
            name: pattern.name().en.to_owned(),
            explanation: String::new(),
            met: Vec::new(),
            not_met: Vec::new(),
            unknown: Vec::new(),
            source: "test",
        }
    }

    fn reason(rule_id: &'static str, family: Family, level: Level, certain: bool) -> Reason {
        Reason {
            rule_id,
            family,
            level,
            certain,
            concern: String::new(),
            advice: String::new(),
            because: Vec::new(),
            source: "test",
        }
    }

    fn triaged(reasons: Vec<Reason>) -> Triage {
        let level = reasons
            .iter()
            .map(|r| r.level)
            .max()
            .unwrap_or(Level::SelfCare);
        Triage {
            level,
            title: String::new(),
            action: String::new(),
            reasons,
        }
    }

    struct Case {
        name: &'static str,
        intake: Intake,
        reasons: Vec<Reason>,
        patterns: Vec<PatternResult>,
        risk: Risk,
        icd: &'static [&'static str],
        cpt: &'static [&'static str],
    }

    /// The one helper: suggested codes, in order, must be exactly the expected ones.
    fn check(cases: Vec<Case>) {
        for case in cases {
            let triage = triaged(case.reasons);
            let codes = suggest_for_risk(&case.intake, &triage, &case.patterns, case.risk);
            let icd: Vec<&str> = codes.icd10cm.iter().map(|c| c.code).collect();
            let cpt: Vec<&str> = codes.cpt.iter().map(|c| c.code).collect();
            assert_eq!(icd, case.icd, "{}: ICD-10-CM\n{codes:#?}", case.name);
            assert_eq!(cpt, case.cpt, "{}: CPT\n{codes:#?}", case.name);
            check_invariants(&codes, &triage);
        }
    }

    /// What must hold for every suggestion.
    fn check_invariants(codes: &Codes, triage: &Triage) {
        let all: Vec<&CodeSuggestion> = codes.icd10cm.iter().chain(&codes.cpt).collect();
        for (i, c) in all.iter().enumerate() {
            assert!(!c.description.is_empty() && !c.why.is_empty() && !c.source.is_empty());
            assert!(
                all[..i].iter().all(|d| d.code != c.code),
                "duplicate {}",
                c.code
            );
        }
        let imaging = codes.cpt.iter().any(|c| c.code.starts_with('7'));
        let red_flag = [
            RedFlag::CaudaEquina,
            RedFlag::CancerWithNeurology,
            RedFlag::Infection,
            RedFlag::Fracture,
        ]
        .iter()
        .any(|f| !f.reasons(triage).is_empty());
        assert!(
            !imaging || red_flag,
            "imaging without a red flag: {codes:#?}"
        );
        if triage.level == Level::Emergency {
            assert!(
                codes.cpt.iter().all(|c| c.code.starts_with('7')),
                "physiotherapy at the emergency level: {codes:#?}"
            );
        }
        assert!(!codes.notice.is_empty());
    }

    fn intake(f: impl FnOnce(&mut Intake)) -> Intake {
        let mut i = Intake::default();
        f(&mut i);
        i
    }

    /// Every physiotherapy plan: the evaluation family, exercise, group and monitoring options.
    const PHYSIO: &[&str] = &[
        "97161", "97162", "97163", "97110", "97150", "98975", "98977",
    ];
    /// Medium and high risk add everyday-task practice and manual therapy.
    const PHYSIO_MORE: &[&str] = &[
        "97161", "97162", "97163", "97110", "97530", "97140", "97150", "98975", "98977",
    ];
    /// Whole-spine MRI: cervical, thoracic, lumbar.
    const WHOLE_SPINE: &[&str] = &["72141", "72146", "72148"];

    #[test]
    fn suggestions() {
        use Family as F;
        use Fit::{Likely, Possible};
        use Level::*;
        use Pattern as P;
        check(vec![
            Case {
                name: "non-specific low back pain, no STarT Back",
                intake: intake(|i| i.pain_areas = vec![PainArea::Low]),
                reasons: vec![reason("SELF-CARE", F::Other, SelfCare, true)],
                patterns: vec![pattern(P::NonSpecific, Likely)],
                risk: Risk::Unknown,
                icd: &["M54.50", "M54.59"],
                cpt: PHYSIO,
            },
            Case {
                name: "sudden spasm-like pain, low risk",
                intake: intake(|i| i.onset = Some(Onset::Sudden)),
                reasons: vec![],
                patterns: vec![pattern(P::NonSpecific, Likely)],
                risk: Risk::Low,
                icd: &["M54.50", "M62.830", "M54.59"],
                cpt: PHYSIO,
            },
            Case {
                name: "strain after lifting, medium risk: manual therapy only with exercise",
                intake: intake(|i| i.onset = Some(Onset::LiftingOrActivity)),
                reasons: vec![],
                patterns: vec![pattern(P::NonSpecific, Likely)],
                risk: Risk::Medium,
                icd: &["M54.50", "M62.830", "S39.012A", "M54.59"],
                cpt: PHYSIO_MORE,
            },
            Case {
                name: "right sciatica, high risk",
                intake: intake(|i| {
                    i.leg_side = Some(Side::Right);
                    i.leg_symptoms = Some(LegSymptoms::BelowKneeOneSide);
                }),
                reasons: vec![],
                patterns: vec![pattern(P::Radicular, Likely)],
                risk: Risk::High,
                icd: &["M54.41", "M54.16", "M54.17"],
                cpt: PHYSIO_MORE,
            },
            Case {
                name: "left sciatica",
                intake: intake(|i| i.leg_side = Some(Side::Left)),
                reasons: vec![],
                patterns: vec![pattern(P::Radicular, Possible)],
                risk: Risk::Unknown,
                icd: &["M54.42", "M54.16", "M54.17"],
                cpt: PHYSIO,
            },
            Case {
                name: "sciatica in both legs: both sides coded",
                intake: intake(|i| i.leg_symptoms = Some(LegSymptoms::BothLegs)),
                reasons: vec![reason("CES-BILATERAL", F::CaudaEquina, Soon, true)],
                patterns: vec![pattern(P::Radicular, Likely)],
                risk: Risk::Unknown,
                icd: &["M54.41", "M54.42", "M54.16", "M54.17"],
                cpt: PHYSIO,
            },
            Case {
                name: "sciatica, side not given; with possible non-specific pain",
                intake: Intake::default(),
                reasons: vec![],
                patterns: vec![
                    pattern(P::NonSpecific, Likely),
                    pattern(P::Radicular, Possible),
                ],
                risk: Risk::Unknown,
                icd: &["M54.50", "M54.59", "M54.40", "M54.16", "M54.17"],
                cpt: PHYSIO,
            },
            Case {
                name: "leg-only sciatica on the left (mid-back pain, none low): M54.32, not M54.4-",
                intake: intake(|i| {
                    i.pain_areas = vec![PainArea::Middle];
                    i.leg_side = Some(Side::Left);
                }),
                reasons: vec![],
                patterns: vec![pattern(P::Radicular, Likely)],
                risk: Risk::Unknown,
                icd: &["M54.32", "M54.16", "M54.17"],
                cpt: PHYSIO,
            },
            Case {
                name: "leg-only sciatica on the right (upper back pain, none low): M54.31",
                intake: intake(|i| {
                    i.pain_areas = vec![PainArea::Upper];
                    i.leg_side = Some(Side::Right);
                }),
                reasons: vec![],
                patterns: vec![pattern(P::Radicular, Likely)],
                risk: Risk::Unknown,
                icd: &["M54.31", "M54.16", "M54.17"],
                cpt: PHYSIO,
            },
            Case {
                name: "leg-only sciatica, side not given: M54.30",
                intake: intake(|i| i.pain_areas = vec![PainArea::BetweenShoulderBlades]),
                reasons: vec![],
                patterns: vec![pattern(P::Radicular, Possible)],
                risk: Risk::Unknown,
                icd: &["M54.30", "M54.16", "M54.17"],
                cpt: PHYSIO,
            },
            Case {
                name: "stenosis likely, facet possible",
                intake: intake(|i| i.pain_areas = vec![PainArea::Low]),
                reasons: vec![],
                patterns: vec![pattern(P::Stenosis, Likely), pattern(P::Facet, Possible)],
                risk: Risk::Unknown,
                icd: &["M48.062", "M48.061", "M47.816", "M47.817", "M54.50"],
                cpt: PHYSIO,
            },
            Case {
                name: "inflammatory: rheumatology confirms the specific codes",
                intake: intake(|i| i.pain_areas = vec![PainArea::Low]),
                reasons: vec![reason("IBP-ASAS", F::Inflammatory, Soon, true)],
                patterns: vec![pattern(P::Inflammatory, Likely)],
                risk: Risk::Unknown,
                icd: &["M54.50", "M45.A6", "M45.A0"],
                cpt: PHYSIO,
            },
            Case {
                name: "thoracic postural pain",
                intake: intake(|i| i.pain_areas = vec![PainArea::BetweenShoulderBlades]),
                reasons: vec![],
                patterns: vec![
                    pattern(P::ThoracicPostural, Likely),
                    pattern(P::NonSpecific, Likely),
                ],
                risk: Risk::Low,
                icd: &["M54.6"],
                cpt: PHYSIO,
            },
            Case {
                name: "possible fragility fracture: X-ray, fracture code only if imaging confirms",
                intake: intake(|i| {
                    i.pain_areas = vec![PainArea::Middle, PainArea::Low];
                    i.onset = Some(Onset::MinorTrauma);
                    i.age = Age::new(78).ok();
                }),
                reasons: vec![reason("FX-ELDERLY-FALL", F::Fracture, Urgent, true)],
                patterns: vec![pattern(P::OsteoporoticFracture, Likely)],
                risk: Risk::Unknown,
                icd: &["M54.50", "M54.6", "M80.08XA"],
                cpt: &[
                    "72100", "72070", "97161", "97162", "97163", "97110", "97150", "98975", "98977",
                ],
            },
            Case {
                name: "possible fracture on long-term steroids: M80.88XA with T38.0X5A, not M80.08XA",
                intake: intake(|i| {
                    i.pain_areas = vec![PainArea::Low];
                    i.onset = Some(Onset::LiftingOrActivity);
                    i.history.long_term_steroids = crate::intake::Answer::Yes;
                }),
                reasons: vec![],
                patterns: vec![pattern(P::OsteoporoticFracture, Likely)],
                risk: Risk::Low,
                icd: &["M54.50", "M80.88XA", "T38.0X5A"],
                cpt: PHYSIO,
            },
            Case {
                name: "a fracture flag at the soon level does not justify imaging",
                intake: Intake::default(),
                reasons: vec![reason("FX-STEROIDS", F::Fracture, Soon, true)],
                patterns: vec![pattern(P::NonSpecific, Likely)],
                risk: Risk::Unknown,
                icd: &["M54.50", "M54.59"],
                cpt: PHYSIO,
            },
            Case {
                name: "cauda equina: G83.4 and lumbar MRI only, no physiotherapy",
                intake: intake(|i| i.pain_areas = vec![PainArea::Low]),
                reasons: vec![
                    reason("CES-BLADDER", F::CaudaEquina, Emergency, true),
                    reason("CES-SADDLE", F::CaudaEquina, Emergency, true),
                ],
                patterns: vec![pattern(P::Radicular, Likely)],
                risk: Risk::High,
                icd: &["G83.4"],
                cpt: &["72148"],
            },
            Case {
                name: "unsure cauda equina answer: no imaging, no codes at emergency",
                intake: Intake::default(),
                reasons: vec![reason("CES-BLADDER", F::CaudaEquina, Emergency, false)],
                patterns: vec![pattern(P::NonSpecific, Likely)],
                risk: Risk::Low,
                icd: &[],
                cpt: &[],
            },
            Case {
                name: "heart emergency: nothing",
                intake: Intake::default(),
                reasons: vec![reason("NS-HEART", F::NonSpinal, Emergency, true)],
                patterns: vec![pattern(P::NonSpecific, Likely)],
                risk: Risk::Medium,
                icd: &[],
                cpt: &[],
            },
            Case {
                name: "cancer with nerve signs, thoracic pain: whole-spine MRI (NICE NG234)",
                intake: intake(|i| i.pain_areas = vec![PainArea::Upper]),
                reasons: vec![reason("CANCER-MSCC", F::Cancer, Emergency, true)],
                patterns: vec![pattern(P::ThoracicPostural, Possible)],
                risk: Risk::Unknown,
                icd: &[],
                cpt: WHOLE_SPINE,
            },
            Case {
                name: "cancer history plus worsening weakness, low back: still the whole spine",
                intake: Intake::default(),
                reasons: vec![
                    reason("NEURO-WEAKNESS-WORSE", F::Neurological, Emergency, true),
                    reason("CANCER-HISTORY", F::Cancer, Soon, true),
                ],
                patterns: vec![pattern(P::Radicular, Likely)],
                risk: Risk::Unknown,
                icd: &[],
                cpt: WHOLE_SPINE,
            },
            Case {
                name: "cancer history without nerve signs: no imaging",
                intake: Intake::default(),
                reasons: vec![reason("CANCER-HISTORY-PLUS", F::Cancer, Urgent, true)],
                patterns: vec![pattern(P::NonSpecific, Likely)],
                risk: Risk::Unknown,
                icd: &["M54.50", "M54.59"],
                cpt: PHYSIO,
            },
            Case {
                name: "fever with risk factors, low back: lumbar MRI",
                intake: intake(|i| i.pain_areas = vec![PainArea::Low]),
                reasons: vec![reason("INF-FEVER", F::Infection, Urgent, true)],
                patterns: vec![pattern(P::NonSpecific, Likely)],
                risk: Risk::Unknown,
                icd: &["M54.50", "M54.59"],
                cpt: &[
                    "72148", "97161", "97162", "97163", "97110", "97150", "98975", "98977",
                ],
            },
            Case {
                name: "no patterns given: no physiotherapy",
                intake: Intake::default(),
                reasons: vec![],
                patterns: vec![],
                risk: Risk::Medium,
                icd: &[],
                cpt: &[],
            },
        ]);
    }

    #[test]
    fn notes_explain_what_is_missing() {
        let lang_es = intake(|i| i.language = Lang::Es);
        let codes = suggest_for_risk(
            &lang_es,
            &triaged(vec![]),
            &[pattern(Pattern::NonSpecific, Fit::Likely)],
            Risk::Unknown,
        );
        assert!(codes.notice.starts_with("Estos códigos son sugerencias"));
        assert!(codes.notes.iter().any(|n| n.contains("NG59 1.1.4")));
        let evaluation = codes.cpt.iter().find(|c| c.code == "97162").unwrap();
        assert!(
            evaluation
                .condition
                .as_deref()
                .is_some_and(|c| c.contains("97161, 97162 o 97163"))
        );
        assert!(
            codes
                .notes
                .iter()
                .any(|n| n.contains("American Medical Association"))
        );
        assert_eq!(codes.icd10cm[0].description, "Lumbalgia, no especificada");

        let emergency = triaged(vec![reason(
            "CES-SADDLE",
            Family::CaudaEquina,
            Level::Emergency,
            true,
        )]);
        let codes = suggest_for_risk(&Intake::default(), &emergency, &[], Risk::Low);
        assert!(codes.notes[0].starts_with("Emergency care comes first"));
        assert!(
            codes
                .notes
                .iter()
                .any(|n| n.starts_with("Imaging is suggested only"))
        );
        assert!(codes.cpt[0].why.starts_with("Warning sign CES-SADDLE"));
    }

    #[test]
    fn duplicate_codes_merge_their_reasons() {
        let i = intake(|i| i.pain_areas = vec![PainArea::Low]);
        let patterns = [
            pattern(Pattern::Inflammatory, Fit::Likely),
            pattern(Pattern::NonSpecific, Fit::Likely),
            pattern(Pattern::Facet, Fit::Possible),
        ];
        let codes = suggest_for_risk(&i, &triaged(vec![]), &patterns, Risk::Unknown);
        let m54_50: Vec<_> = codes
            .icd10cm
            .iter()
            .filter(|c| c.code == "M54.50")
            .collect();
        assert_eq!(m54_50.len(), 1);
        assert_eq!(
            m54_50[0].why.matches("; ").count(),
            2,
            "{:?}",
            m54_50[0].why
        );
        // Facet's copy needs confirmation, the others do not: no condition.
        assert_eq!(m54_50[0].condition, None);
    }

    #[test]
    fn no_header_codes_in_the_tables() {
        for row in table().rows() {
            assert!(
                !HEADERS.contains(&row.code),
                "{} is a header code",
                row.code
            );
            if row.system == CodeSystem::Icd10cm {
                // A billable code has a dot and at least one character after the category.
                let (category, rest) = row.code.split_once('.').expect("dotted code");
                assert!(category.len() == 3 && !rest.is_empty(), "{}", row.code);
            } else {
                assert!(row.code.len() == 5 && row.code.bytes().all(|b| b.is_ascii_digit()));
            }
        }
    }

    #[test]
    fn descriptions_are_ours_and_bilingual() {
        for row in table().rows() {
            for text in [row.description, row.why].into_iter().chain(row.condition) {
                assert!(!text.en.trim().is_empty(), "{}: empty English", row.code);
                assert!(!text.es.trim().is_empty(), "{}: empty Spanish", row.code);
                assert_ne!(text.en, text.es, "{}: untranslated", row.code);
            }
            if row.system == CodeSystem::Cpt {
                // AMA descriptors start with the procedure class in capitals ("Therapeutic
                // procedure", "Magnetic resonance", "Radiologic examination"); ours do not.
                for ama in [
                    "Therapeutic procedure",
                    "Magnetic resonance",
                    "Radiologic examination",
                ] {
                    assert!(
                        !row.description.en.contains(ama),
                        "{}: AMA-like text",
                        row.code
                    );
                }
                assert!(row.source.contains("own summary"), "{}", row.code);
            } else {
                assert_eq!(row.source, table::ICD10CM_SOURCE);
            }
        }
    }

    #[test]
    fn imaging_only_for_red_flags_and_physiotherapy_never_at_emergency() {
        for row in table().rows() {
            if row.is_imaging() {
                assert!(matches!(row.when, When::RedFlag(..)), "{}", row.code);
            }
            if matches!(row.when, When::RedFlag(..)) {
                assert!(row.is_imaging() || row.code == "G83.4", "{}", row.code);
            }
        }
        // Exercise comes with every physiotherapy plan, so manual therapy never stands alone.
        let when = |code: &str| table().cpt.iter().find(|r| r.code == code).map(|r| r.when);
        assert_eq!(when("97110"), Some(When::Physio));
        assert!(matches!(when("97140"), Some(When::Rehab(_))));
    }

    #[test]
    fn suspected_cord_compression_images_the_whole_spine() {
        // NICE NG234: MRI of the whole spine, whatever part hurts.
        let mut mscc: Vec<&str> = table()
            .cpt
            .iter()
            .filter(|r| matches!(r.when, When::RedFlag(RedFlag::CancerWithNeurology, _)))
            .inspect(|r| {
                assert_eq!(
                    r.when,
                    When::RedFlag(RedFlag::CancerWithNeurology, Region::Any),
                    "{}",
                    r.code
                )
            })
            .map(|r| r.code)
            .collect();
        mscc.sort_unstable();
        assert_eq!(mscc, WHOLE_SPINE);
    }

    #[test]
    fn suggest_uses_the_real_engine() {
        // Real triage on a cauda equina intake: emergency, G83.4 + MRI, no physiotherapy.
        let i = intake(|i| {
            i.pain_areas = vec![PainArea::Low];
            i.saddle_numbness = crate::intake::Answer::Yes;
        });
        let tr = triage(&i);
        assert_eq!(tr.level, Level::Emergency);
        let pats = crate::patterns::patterns(&i);
        let codes = suggest(&i, &tr, &pats, &crate::instruments::scores(&i));
        let icd: Vec<&str> = codes.icd10cm.iter().map(|c| c.code).collect();
        let cpt: Vec<&str> = codes.cpt.iter().map(|c| c.code).collect();
        assert_eq!((icd, cpt), (vec!["G83.4"], vec!["72148"]));
        check_invariants(&codes, &tr);
    }

    #[test]
    fn start_back_does_not_pick_the_evaluation_code() {
        use crate::instruments::{Bothersome, StartBackAnswers};
        // The physiotherapist sets the evaluation's complexity from the history and
        // examination: every risk group gets the same family, each with that note.
        for risk in [Risk::Low, Risk::Medium, Risk::High, Risk::Unknown] {
            let codes = suggest_for_risk(
                &Intake::default(),
                &triaged(vec![]),
                &[pattern(Pattern::NonSpecific, Fit::Likely)],
                risk,
            );
            let evaluation: Vec<&CodeSuggestion> = codes.cpt[..3].iter().collect();
            let numbers: Vec<&str> = evaluation.iter().map(|c| c.code).collect();
            assert_eq!(numbers, ["97161", "97162", "97163"], "{risk:?}");
            for c in evaluation {
                let condition = c.condition.as_deref().unwrap_or_default();
                assert!(
                    condition.contains("STarT Back group does not decide it"),
                    "{risk:?} {}: {condition}",
                    c.code
                );
                assert!(!c.why.contains("STarT Back"), "{risk:?} {}", c.code);
            }
        }
        // The risk group still adds more support at medium risk (NICE NG59 1.1.3), on the
        // real scores: items 1-4 agreed, distress items not: total 4, distress 0, medium.
        let i = intake(|i| {
            i.pain_areas = vec![PainArea::Low];
            i.start_back = Some(StartBackAnswers {
                leg_pain: Some(true),
                shoulder_or_neck_pain: Some(true),
                walking_limited: Some(true),
                dressing_slower: Some(true),
                unsafe_to_be_active: Some(false),
                worrying_thoughts: Some(false),
                never_get_better: Some(false),
                not_enjoying_things: Some(false),
                bothersomeness: Some(Bothersome::Slightly),
            });
        });
        let scores = crate::instruments::scores(&i);
        assert_eq!(scores.risk_group(), Some(RiskGroup::Medium));
        let pats = [pattern(Pattern::NonSpecific, Fit::Likely)];
        let codes = suggest(&i, &triaged(vec![]), &pats, &scores);
        let cpt: Vec<&str> = codes.cpt.iter().map(|c| c.code).collect();
        assert_eq!(cpt, PHYSIO_MORE);
        let manual = codes.cpt.iter().find(|c| c.code == "97140").unwrap();
        assert!(manual.why.starts_with("STarT Back medium risk: "));
    }
}
