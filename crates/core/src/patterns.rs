//! Pain patterns: which published patterns the answers fit, with the criteria behind each.
//!
//! Each pattern is a row in [`DEFINITIONS`]: a gate (what must be true to consider it),
//! criteria written in the same condition language as the triage rules, and the counts
//! that make it "possible" or "likely". More than one pattern may fit.
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::intake::Intake;
use crate::lang::{Text, t};
use crate::triage::Activity::*;
use crate::triage::Cond::{All, Any, Is};
use crate::triage::Fact::*;
use crate::triage::rules::{ASAS_IBP, BERLIN_IBP};
use crate::triage::{Cond, Truth};

/// A recognisable pattern of back pain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    /// Non-specific (mechanical, muscular, spasm): the most common kind.
    NonSpecific,
    /// Radicular pain (sciatica): an irritated nerve root.
    Radicular,
    /// Inflammatory back pain (possible axial spondyloarthritis).
    Inflammatory,
    /// Lumbar spinal stenosis with neurogenic claudication.
    Stenosis,
    /// Facet (spinal joint) pain.
    Facet,
    /// Thoracic or postural upper back pain.
    ThoracicPostural,
    /// A possible osteoporotic (fragility) fracture of a vertebra.
    OsteoporoticFracture,
}

/// How well a pattern fits.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Fit {
    /// Some criteria met: worth considering.
    Possible,
    /// The published threshold is met.
    Likely,
}

/// A pattern that fits, and the criteria behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PatternResult {
    /// Which pattern.
    pub pattern: Pattern,
    /// How well it fits.
    pub fit: Fit,
    /// The pattern's name, in the person's language.
    pub name: String,
    /// What it means, in plain words.
    pub explanation: String,
    /// Criteria that were met.
    pub met: Vec<String>,
    /// Criteria that were not met.
    pub not_met: Vec<String>,
    /// Criteria we could not check (not answered or "don't know").
    pub unknown: Vec<String>,
    /// The published criteria followed.
    pub source: &'static str,
}

/// One pattern's definition.
#[derive(Debug, Clone, Copy)]
pub struct Definition {
    /// The pattern.
    pub pattern: Pattern,
    /// Must be true before the criteria are counted.
    pub gate: Cond,
    /// The criteria counted.
    pub criteria: &'static [Cond],
    /// Criteria met for "possible".
    pub possible_at: usize,
    /// Criteria met for "likely" (the published threshold where there is one).
    pub likely_at: usize,
    /// The published criteria, described in both languages.
    pub source: Text,
}

/// Every specific pattern. Non-specific back pain is what remains when none is likely.
pub static DEFINITIONS: &[Definition] = &[
    Definition {
        pattern: Pattern::Radicular,
        gate: Any(&[
            Is(LegBelowKnee),
            All(&[Is(LegSymptomsAny), Is(NumbOrTingling)]),
        ]),
        criteria: &[
            Is(LegBelowKnee),
            Is(LegSymptomsOneSide),
            Is(LegWorseThanBack),
            Is(NumbOrTingling),
            Is(Worse(Coughing)),
        ],
        possible_at: 2,
        likely_at: 3,
        source: t(
            "Koes, van Tulder and Peul, BMJ 2007;334:1313-7 (sciatica: leg pain on one side, worse than the back pain, below the knee, with numbness or tingling in the same area); NICE NG59 (sciatica)",
            "Koes, van Tulder y Peul, BMJ 2007;334:1313-7 (ciática: dolor de pierna en un solo lado, peor que el dolor de espalda, por debajo de la rodilla, con adormecimiento u hormigueo en la misma zona); NICE NG59 (ciática)",
        ),
    },
    Definition {
        pattern: Pattern::Inflammatory,
        gate: Is(DurationAtLeastWeeks(12)),
        criteria: ASAS_IBP,
        possible_at: 3,
        likely_at: 4,
        source: t(
            "ASAS criteria for inflammatory back pain, 4 of 5 (Sieper et al., Ann Rheum Dis 2009;68:784-8)",
            "Criterios ASAS de dolor de espalda inflamatorio, 4 de 5 (Sieper et al., Ann Rheum Dis 2009;68:784-8)",
        ),
    },
    Definition {
        pattern: Pattern::Inflammatory,
        gate: All(&[Is(DurationAtLeastWeeks(12)), Is(AgeUnder(50))]),
        criteria: BERLIN_IBP,
        possible_at: 2,
        likely_at: 3,
        source: t(
            "Berlin criteria, 2 of 4 (sensitivity 70%, specificity 81%); 3 of 4 raises specificity (Rudwaleit et al., Arthritis Rheum 2006)",
            "Criterios de Berlín, 2 de 4 (sensibilidad 70%, especificidad 81%); 3 de 4 aumenta la especificidad (Rudwaleit et al., Arthritis Rheum 2006)",
        ),
    },
    Definition {
        pattern: Pattern::Stenosis,
        gate: Is(LegSymptomsAny),
        criteria: &[
            Is(BilateralLegSymptoms),
            Is(LegWorseThanBack),
            Is(Worse(Walking)),
            Is(Better(Sitting)),
            Is(AgeOver(48)),
            Is(Better(BendingForward)),
        ],
        possible_at: 3,
        likely_at: 4,
        source: t(
            "Cook clinical prediction rule, 4 or more positive (specificity 98%) and Suri et al., JAMA 2010;304:2628 (relief on sitting LR+ 7.4; bending forward LR+ 6.4)",
            "Regla de predicción clínica de Cook, 4 o más positivos (especificidad 98%) y Suri et al., JAMA 2010;304:2628 (alivio al sentarse LR+ 7.4; al inclinarse hacia delante LR+ 6.4)",
        ),
    },
    Definition {
        pattern: Pattern::Facet,
        gate: All(&[
            Is(LowBackPain),
            Any(&[Is(NotWorse(Coughing)), Is(Worse(BendingBackward))]),
        ]),
        criteria: &[
            Is(AgeOver(49)),
            Is(Better(Walking)),
            Is(Better(Sitting)),
            Is(Worse(BendingBackward)),
            Is(Better(LyingDown)),
        ],
        possible_at: 2,
        likely_at: 3,
        source: t(
            "Laslett et al. 2006 (age 50+, best walking, best sitting, extension-rotation pain: 3 or more) and Revel et al. 1998 (relief lying down); no single test is reliable (Hancock 2007)",
            "Laslett et al. 2006 (edad 50+, mejor al caminar, mejor sentado, dolor con extensión y rotación: 3 o más) y Revel et al. 1998 (alivio al tumbarse); ninguna prueba sola es fiable (Hancock 2007)",
        ),
    },
    Definition {
        pattern: Pattern::ThoracicPostural,
        gate: Is(ThoracicPain),
        criteria: &[
            Is(UpperBackPain),
            Is(Worse(Sitting)),
            Any(&[Is(Better(Exercise)), Is(Better(Walking))]),
            Is(OnsetGradual),
        ],
        possible_at: 1,
        likely_at: 3,
        source: t(
            "Briggs et al., BMC Musculoskelet Disord 2009;10:77 (thoracic spine pain and the factors linked with it); thoracic pain is itself a warning sign, so the red-flag screen comes first (NICE CKS Back pain - low, without radiculopathy)",
            "Briggs et al., BMC Musculoskelet Disord 2009;10:77 (dolor en la columna de la parte media de la espalda y los factores relacionados con él); el dolor en la parte media de la espalda es en sí mismo una señal de aviso, así que primero se comprueban las señales de alarma (NICE CKS Back pain - low, without radiculopathy)",
        ),
    },
    Definition {
        pattern: Pattern::OsteoporoticFracture,
        gate: Any(&[Is(Osteoporosis), Is(LongTermSteroids), Is(AgeOver(70))]),
        criteria: &[
            Any(&[Is(OnsetMinorTrauma), Is(OnsetLifting), Is(OnsetSudden)]),
            Is(DurationUnderWeeks(12)),
            Is(Better(LyingDown)),
            Is(ThoracicPain),
        ],
        possible_at: 1,
        likely_at: 2,
        source: t(
            "Downie et al., BMJ 2013;347:f7095 and Han et al., Cochrane Database Syst Rev 2023, CD014461 (older age, prolonged corticosteroid use and trauma point to a vertebral fracture); NICE CKS Back pain - low (sudden severe central pain eased by lying down; minor trauma with osteoporosis)",
            "Downie et al., BMJ 2013;347:f7095 y Han et al., Cochrane Database Syst Rev 2023, CD014461 (la edad avanzada, el uso prolongado de corticoides y los traumatismos apuntan a una fractura de vértebra); NICE CKS Back pain - low (dolor central repentino e intenso que se alivia al tumbarse; golpe leve con osteoporosis)",
        ),
    },
];

/// Criteria shown for non-specific back pain: what makes a muscular strain or spasm likely.
const NON_SPECIFIC: &[Cond] = &[
    Is(LowBackPain),
    Any(&[Is(OnsetLifting), Is(OnsetSudden)]),
    Is(DurationUnderWeeks(12)),
    Is(Better(Walking)),
];

impl Pattern {
    /// Whether the pattern reassures ("not from damage, keep moving") and so, by its own
    /// definition, needs the red-flag screen to be clear: non-specific low back pain is a
    /// diagnosis made once specific causes are ruled out (NICE NG59 1.1; Bardin 2017,
    /// doi:10.5694/mja16.01486), and facet and postural pain are kinds of it. The
    /// assessment drops these when a red flag is found.
    pub fn needs_clear_screen(self) -> bool {
        match self {
            Pattern::NonSpecific | Pattern::Facet | Pattern::ThoracicPostural => true,
            Pattern::Radicular
            | Pattern::Inflammatory
            | Pattern::Stenosis
            | Pattern::OsteoporoticFracture => false,
        }
    }

    /// The pattern's name.
    pub fn name(self) -> Text {
        match self {
            Pattern::NonSpecific => t(
                "Non-specific back pain (muscles and joints, sometimes spasm)",
                "Dolor de espalda inespecífico (músculos y articulaciones, a veces contractura)",
            ),
            Pattern::Radicular => t(
                "Sciatica (nerve root pain)",
                "Ciática (dolor de la raíz de un nervio)",
            ),
            Pattern::Inflammatory => t("Inflammatory back pain", "Dolor de espalda inflamatorio"),
            Pattern::Stenosis => t(
                "Lumbar spinal stenosis (narrowing)",
                "Estenosis de canal lumbar (estrechamiento)",
            ),
            Pattern::Facet => t("Facet joint pain", "Dolor de las articulaciones facetarias"),
            Pattern::ThoracicPostural => t(
                "Upper back pain linked to posture",
                "Dolor de espalda alta relacionado con la postura",
            ),
            Pattern::OsteoporoticFracture => t(
                "Possible fracture from thin bones",
                "Posible fractura por huesos frágiles",
            ),
        }
    }

    /// What the pattern means, in plain words.
    pub fn explanation(self) -> Text {
        match self {
            Pattern::NonSpecific => t(
                "The most common kind of back pain. It comes from the muscles, joints and ligaments, not from damage, and usually gets much better within weeks. Staying active helps it heal.",
                "El tipo de dolor de espalda más común. Viene de los músculos, las articulaciones y los ligamentos, no de un daño, y suele mejorar mucho en semanas. Mantenerse activo ayuda a que se cure.",
            ),
            Pattern::Radicular => t(
                "A nerve root in the lower back is irritated, often by a bulging disc, so pain runs down the leg, sometimes with numbness or tingling. Most sciatica settles within weeks to a few months.",
                "Una raíz nerviosa de la zona lumbar está irritada, a menudo por un disco abultado, y el dolor baja por la pierna, a veces con adormecimiento u hormigueo. La mayoría de las ciáticas se calman en semanas o pocos meses.",
            ),
            Pattern::Inflammatory => t(
                "Back pain caused by inflammation, as in axial spondyloarthritis. It is stiff in the morning, better with movement and worse with rest. A rheumatologist can confirm it and treat it.",
                "Dolor de espalda causado por inflamación, como en la espondiloartritis axial. Da rigidez por la mañana, mejora con el movimiento y empeora con el reposo. Un reumatólogo puede confirmarlo y tratarlo.",
            ),
            Pattern::Stenosis => t(
                "The space for the nerves in the lower back has narrowed with age, so the legs ache or tire when walking or standing and ease when sitting or bending forward.",
                "El espacio para los nervios en la zona lumbar se ha estrechado con la edad, y las piernas duelen o se cansan al caminar o estar de pie y mejoran al sentarse o inclinarse hacia delante.",
            ),
            Pattern::Facet => t(
                "The small joints at the back of the spine are sore. It hurts more when bending backwards or twisting, and often eases with walking, sitting or lying down.",
                "Las pequeñas articulaciones de la parte de atrás de la columna están doloridas. Duele más al inclinarse hacia atrás o girar, y suele mejorar al caminar, sentarse o tumbarse.",
            ),
            Pattern::ThoracicPostural => t(
                "Aching in the upper back or between the shoulder blades, often from long hours sitting or looking down. Breaks, movement and strengthening usually help.",
                "Molestia en la parte alta de la espalda o entre los omóplatos, a menudo por pasar muchas horas sentado o mirando hacia abajo. Las pausas, el movimiento y el fortalecimiento suelen ayudar.",
            ),
            Pattern::OsteoporoticFracture => t(
                "With thin bones, a bone in the spine can crack after a small fall, lifting or even no clear injury. A doctor may suggest an X-ray. Exercises must avoid bending forward and twisting until it is checked.",
                "Con huesos frágiles, un hueso de la columna puede romperse tras una caída pequeña, al levantar peso o incluso sin una lesión clara. El médico puede pedir una radiografía. Los ejercicios deben evitar inclinarse hacia delante y girar hasta que se revise.",
            ),
        }
    }
}

/// Splits criteria into met, not met and unknown, in the person's language.
fn sort_criteria(criteria: &[Cond], intake: &Intake) -> (usize, [Vec<String>; 3]) {
    let mut out: [Vec<String>; 3] = Default::default();
    let mut met = 0;
    for c in criteria {
        let slot = match c.eval(intake) {
            Truth::True => {
                met += 1;
                0
            }
            Truth::False => 1,
            Truth::Unknown => 2,
        };
        out[slot].push(c.describe(intake.language));
    }
    (met, out)
}

fn result(
    pattern: Pattern,
    fit: Fit,
    lists: [Vec<String>; 3],
    source: Text,
    intake: &Intake,
) -> PatternResult {
    let lang = intake.language;
    let [met, not_met, unknown] = lists;
    PatternResult {
        pattern,
        fit,
        name: pattern.name().get(lang).to_owned(),
        explanation: pattern.explanation().get(lang).to_owned(),
        met,
        not_met,
        unknown,
        source: source.get(lang),
    }
}

/// The source of the non-specific pattern, listed when no specific pattern is likely.
const NON_SPECIFIC_SOURCE: Text = t(
    "NICE NG59 1.1.1 (non-specific low back pain: no specific cause found after screening for cancer, infection, trauma and inflammatory disease)",
    "NICE NG59 1.1.1 (dolor lumbar inespecífico: no se encuentra una causa concreta después de buscar cáncer, infección, traumatismo y enfermedad inflamatoria)",
);

/// Which patterns fit, most likely first. Never empty: when no specific pattern is
/// likely, non-specific back pain is listed too.
pub fn patterns(intake: &Intake) -> Vec<PatternResult> {
    let mut found: Vec<PatternResult> = Vec::new();
    for def in DEFINITIONS {
        if def.gate.eval(intake) != Truth::True {
            continue;
        }
        let (met, lists) = sort_criteria(def.criteria, intake);
        let fit = if met >= def.likely_at {
            Fit::Likely
        } else if met >= def.possible_at {
            Fit::Possible
        } else {
            continue;
        };
        // A pattern with two published criteria sets (inflammatory) is reported once, by its best fit.
        match found.iter_mut().find(|r| r.pattern == def.pattern) {
            Some(existing) if existing.fit >= fit => {}
            Some(existing) => *existing = result(def.pattern, fit, lists, def.source, intake),
            None => found.push(result(def.pattern, fit, lists, def.source, intake)),
        }
    }
    let specific_likely = found
        .iter()
        .any(|r| r.fit == Fit::Likely && r.pattern != Pattern::ThoracicPostural);
    if !specific_likely {
        let (_, lists) = sort_criteria(NON_SPECIFIC, intake);
        found.push(result(
            Pattern::NonSpecific,
            Fit::Likely,
            lists,
            NON_SPECIFIC_SOURCE,
            intake,
        ));
    }
    // Stable: within a fit, table order (roughly most clinically significant first).
    found.sort_by_key(|r| std::cmp::Reverse(r.fit));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each pattern's source reads in Spanish with the same references.
    #[test]
    fn sources_are_described_in_both_languages() {
        for d in DEFINITIONS {
            crate::lang::same_citations(&format!("{:?}", d.pattern), d.source);
        }
        crate::lang::same_citations("non-specific", NON_SPECIFIC_SOURCE);
    }
}
