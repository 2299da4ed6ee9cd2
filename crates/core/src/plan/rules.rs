//! The plan engine's rules as tables a physiotherapist can review, each row with its source.
//! `docs/plan.md` describes them in plain English.

use crate::exercise::{Equipment, Movement, Target};
use crate::instruments::RiskGroup;
use crate::lang::{Lang, Text, t};
use crate::patterns::Pattern;
use crate::triage::Family;

use super::inputs::GoalKind;

// ---------------------------------------------------------------------------------------
// Numbers.

/// Share of planned sessions that must be done before the exercises go up a step
/// (selfBACK: the exercise plan follows the completion of exercise sessions, Sandal et al.,
/// JMIR Res Protoc 2019;8(12):e14720, Table 1; the 70% cut-off is backcare's own).
pub const ADHERENCE_PERCENT: u8 = 70;
/// Why an exercise rated "too hard" in a week does not go up the week after: the ACSM
/// position stand raises a load when the person can do one or two repetitions more than the
/// target with the current one, that is when it has become easy. backcare
/// reads the person's own "too hard" as the opposite of that ease and holds the dose; it
/// does not step it back, as a flare-up or a rise in pain does.
pub const TOO_HARD_SOURCE: Text = t(
    "American College of Sports Medicine, Progression models in resistance training for healthy adults, Med Sci Sports Exerc 2009;41(3):687-708 (a load goes up when one or two repetitions more than the target can be done with it)",
    "American College of Sports Medicine, Progression models in resistance training for healthy adults, Med Sci Sports Exerc 2009;41(3):687-708 (una carga se sube cuando con ella se pueden hacer una o dos repeticiones más que el objetivo)",
);
/// A rise in average pain of this much or more over the week before holds progression.
pub const HOLD_RISE: u8 = 1;
/// A rise in average pain of this much or more over the week before is a flare: step back
/// (a real worsening on the 0-10 scale: Farrar et al., Pain 2001;94(2):149-158).
pub const FLARE_RISE: u8 = 2;
/// A rise of this much over the week-1 pain at any time: see a clinician, and no
/// progression while it lasts (Farrar et al. 2001).
pub const WORSENING_RISE: u8 = 2;
/// Improvement that counts: a fall of this many points from week 1 ... (Farrar et al. 2001).
pub const IMPROVEMENT_POINTS: u8 = 2;
/// ... or of this percentage of the week-1 pain (Farrar et al. 2001; Ostelo et al., Spine
/// 2008;33(1):90-94).
pub const IMPROVEMENT_PERCENT: u8 = 30;
/// From this plan week on, no real improvement since week 1 means "see a clinician"
/// (NICE NG59 / selfcare advice: not clearly better in 4-6 weeks).
pub const REVIEW_WEEK: u16 = 6;
/// Average pain at or below this (mild: 1-3 on the 0-10 scale, the usual banding; Serlin et
/// al., Pain 1995;61(2):277-284 put the mild band at 1-4, so 3 is the cautious end) is not
/// "no improvement" even without a 2-point fall.
pub const MILD_PAIN_MAX: u8 = 3;
/// Pain that began fewer weeks ago than this is acute: gentle (acute_ok) exercises only.
pub const ACUTE_WEEKS: u16 = 2;
/// Average pain at or above this is treated like acute pain: gentle exercises only (7-10 is
/// severe pain: Serlin et al. 1995).
pub const ACUTE_PAIN: u8 = 7;
/// Sciatica that began fewer weeks ago than this: no loaded bending forward
/// (`SCIATICA-EARLY-FLEXION`). Six weeks is backcare's own cut-off for the early phase.
pub const RADICULAR_EARLY_WEEKS: u16 = 6;
/// Weeks between reassessments: the ODI or RMDQ is repeated monthly, and a change is read
/// against its minimal important change (Ostelo et al. 2008).
pub const REASSESS_EVERY_WEEKS: u16 = 4;
/// Walking minutes a day in week 1.
pub const WALK_START: u16 = 10;
/// Walking minutes a day in week 1 when the pain is acute.
pub const WALK_START_ACUTE: u16 = 5;
/// The fewest walking minutes a day the plan ever gives.
pub const WALK_MIN: u16 = 5;
/// The walking target stops growing here unless the person set a walking goal
/// (WHO 2020: 150-300 minutes a week of moderate activity, about 30 minutes on 5 days).
pub const WALK_CAP: u16 = 30;
/// Walking grows by about this percentage a week when progressing (at least 1 minute).
pub const WALK_RISE_PERCENT: u16 = 10;
/// Walking drops by this percentage after a flare.
pub const WALK_FLARE_DROP_PERCENT: u16 = 20;
/// At most this many new articles a week (articles triggered by the week, such as the
/// flare-up plan after a flare, come on top).
pub const MAX_NEW_TOPICS: usize = 3;
/// The plan never goes past this week.
pub const MAX_WEEK: u16 = 520;
/// Strength work needs at least this many days a week (WHO 2020: Bull et al., Br J Sports
/// Med 2020;54:1451-1462).
pub const MIN_STRENGTH_DAYS: u8 = 2;

/// Equipment every person is assumed to have: a chair, a wall, and floor space with a mat
/// (a rug or folded blanket will do). `Preferences::equipment` lists anything beyond these.
pub const HOUSEHOLD: &[Equipment] = &[Equipment::Mat, Equipment::Chair, Equipment::Wall];

// ---------------------------------------------------------------------------------------
// Red flags.

/// Families whose certain "soon" reasons withhold the exercises until a clinician has
/// looked (NICE NG59 1.1.1: rule out specific causes such as cancer, infection, trauma and
/// inflammatory disease before treating the pain as low back pain). Soon-level
/// inflammatory or other reasons still get a plan, with a note to see a clinician.
pub const WITHHOLD_FAMILIES: &[Family] = &[
    Family::CaudaEquina,
    Family::Cancer,
    Family::Infection,
    Family::Fracture,
    Family::Neurological,
    Family::NonSpinal,
];

/// Below this age backcare gives no self-directed plan: a plan needs a clinician who sees
/// the young person.
pub const MIN_PLAN_AGE: u8 = 16;
/// The source of [`MIN_PLAN_AGE`].
pub const MIN_PLAN_AGE_SOURCE: Text = t(
    "NICE NG59, Low back pain and sciatica in over 16s (2016, updated 2020): its advice covers people aged 16 and over only; back pain in a child or young person needs a clinician's assessment",
    "NICE NG59, Low back pain and sciatica in over 16s (2016, actualizada en 2020): sus consejos solo abarcan a personas de 16 años o más; el dolor de espalda en un niño o un joven necesita la valoración de un profesional sanitario",
);

// ---------------------------------------------------------------------------------------
// Restrictions: movements a person must avoid.

/// When a restriction applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// The pattern fits (possible or likely).
    Pattern(Pattern),
    /// Osteoporosis: "yes" in the health history.
    Osteoporosis,
    /// Steroid tablets for 3 months or more: "yes" in the health history.
    LongTermSteroids,
    /// The sciatica pattern fits and the pain began under [`RADICULAR_EARLY_WEEKS`] ago
    /// (or we do not know when).
    RadicularEarly,
    /// Pregnant ("yes") and at least this many weeks this plan week, or weeks unknown.
    PregnantFromWeek(u16),
    /// The person said bending backwards makes the pain worse.
    BackwardWorse,
    /// The person said bending forwards makes the pain worse.
    ForwardWorse,
    /// The person did not say how bending backwards changes the pain ("not sure", or not
    /// answered).
    BackwardUnknown,
}

/// One restriction rule.
#[derive(Debug, Clone, Copy)]
pub struct Restriction {
    /// Stable identifier.
    pub id: &'static str,
    /// When it applies.
    pub when: Trigger,
    /// The movements to avoid.
    pub avoid: &'static [Movement],
    /// Why, in plain words.
    pub reason: Text,
    /// The source, described in both languages.
    pub source: Text,
}

const BONE: &[Movement] = &[
    Movement::LoadedFlexion,
    Movement::Twisting,
    Movement::Impact,
];
const TFTF: Text = t(
    "Too Fit To Fracture (Giangregorio et al., Osteoporos Int 2014;25(3):821-835, doi:10.1007/s00198-013-2523-2): avoid end-range and loaded trunk bending and twisting, and impact after a spine fracture",
    "Too Fit To Fracture (Giangregorio et al., Osteoporos Int 2014;25(3):821-835, doi:10.1007/s00198-013-2523-2): evitar doblar y girar el tronco hasta el límite del movimiento o cargando peso, y evitar los impactos después de una fractura de columna",
);
/// Directional preference: the McKenzie trial of matched and opposite exercises.
const LONG_2004: Text = t(
    "Long, Donelson and Fung, Does it matter which exercise? Spine 2004;29(23):2593-2602, doi:10.1097/01.brs.0000146464.23007.2a: exercises in the direction opposite to the one that eased the pain did worse, and a third of that group stopped within 2 weeks because of no improvement or worsening; McKenzie and May, The Lumbar Spine: Mechanical Diagnosis and Therapy, 2nd ed. (2003): a direction that makes pain worse or spread down the leg is stopped",
    "Long, Donelson y Fung, Does it matter which exercise? Spine 2004;29(23):2593-2602, doi:10.1097/01.brs.0000146464.23007.2a: los ejercicios en la dirección contraria a la que alivió el dolor dieron peores resultados, y un tercio de ese grupo los dejó antes de 2 semanas por no mejorar o por empeorar; McKenzie y May, The Lumbar Spine: Mechanical Diagnosis and Therapy, 2.ª ed. (2003): se deja de hacer una dirección que empeora el dolor o hace que se extienda pierna abajo",
);
/// Why extension narrows the space for the nerves in stenosis.
const STENOSIS_SOURCE: Text = t(
    "Katz and Harris, Lumbar spinal stenosis, N Engl J Med 2008;358(8):818-825 (standing and bending backwards narrow the spinal canal; sitting and bending forwards widen it); Suri et al., JAMA 2010;304(23):2628-2636 (pain eased by sitting or bending forwards points to stenosis)",
    "Katz y Harris, Lumbar spinal stenosis, N Engl J Med 2008;358(8):818-825 (estar de pie e inclinarse hacia atrás estrechan el canal de la columna; sentarse e inclinarse hacia delante lo ensanchan); Suri et al., JAMA 2010;304(23):2628-2636 (un dolor que se alivia al sentarse o al inclinarse hacia delante apunta a una estenosis)",
);

/// Every restriction. An exercise that involves any avoided movement is never planned,
/// not even as a progression, unless a clinician added it for this person with a reason
/// given for this rule (`super::tailor`).
pub static RESTRICTIONS: &[Restriction] = &[
    Restriction {
        id: "STENOSIS-EXTENSION",
        when: Trigger::Pattern(Pattern::Stenosis),
        avoid: &[Movement::Extension],
        reason: t(
            "Your answers fit narrowing of the spine (stenosis). Bending backwards narrows the space for the nerves, so your plan leaves it out.",
            "Sus respuestas encajan con un estrechamiento de la columna (estenosis). Inclinarse hacia atrás reduce el espacio de los nervios, así que su plan no lo incluye.",
        ),
        source: STENOSIS_SOURCE,
    },
    Restriction {
        id: "FACET-EXTENSION",
        when: Trigger::Pattern(Pattern::Facet),
        avoid: &[Movement::Extension],
        reason: t(
            "Your answers fit sore spinal joints (facet joints). Bending backwards presses on these joints, so your plan leaves it out.",
            "Sus respuestas encajan con articulaciones de la columna doloridas (facetas). Inclinarse hacia atrás las aprieta, así que su plan no lo incluye.",
        ),
        source: t(
            "Adams and Hutton, The mechanical function of the lumbar apophyseal joints, Spine 1983;8(3):327-330 (bending backwards loads the facet joints)",
            "Adams y Hutton, The mechanical function of the lumbar apophyseal joints, Spine 1983;8(3):327-330 (inclinarse hacia atrás carga las articulaciones facetarias)",
        ),
    },
    Restriction {
        id: "BONE-FRACTURE-PATTERN",
        when: Trigger::Pattern(Pattern::OsteoporoticFracture),
        avoid: BONE,
        reason: t(
            "Your answers could fit a crack in a weak spine bone. Until a doctor has checked, your plan leaves out bending forward under load, twisting and jumping.",
            "Sus respuestas podrían encajar con una fisura en un hueso débil de la columna. Hasta que lo revise un médico, su plan no incluye inclinarse hacia delante con carga, girar ni saltar.",
        ),
        source: TFTF,
    },
    Restriction {
        id: "BONE-OSTEOPOROSIS",
        when: Trigger::Osteoporosis,
        avoid: BONE,
        reason: t(
            "You have thin bones (osteoporosis). Bending forward under load, twisting and jumping put strain on the spine bones, so your plan leaves them out.",
            "Tiene los huesos frágiles (osteoporosis). Inclinarse hacia delante con carga, girar y saltar fuerzan los huesos de la columna, así que su plan no los incluye.",
        ),
        source: TFTF,
    },
    Restriction {
        id: "BONE-STEROIDS",
        when: Trigger::LongTermSteroids,
        avoid: BONE,
        reason: t(
            "Steroid tablets taken for months can thin the bones. To protect your spine, your plan leaves out bending forward under load, twisting and jumping.",
            "Tomar corticoides en pastillas durante meses puede debilitar los huesos. Para proteger su columna, su plan no incluye inclinarse hacia delante con carga, girar ni saltar.",
        ),
        source: TFTF,
    },
    Restriction {
        id: "SCIATICA-EARLY-FLEXION",
        when: Trigger::RadicularEarly,
        avoid: &[Movement::LoadedFlexion],
        reason: t(
            "Your answers fit sciatica that started in the last 6 weeks. Bending forward under load can press on the disc and nerve, so your plan leaves it out for now.",
            "Sus respuestas encajan con una ciática que empezó hace menos de 6 semanas. Inclinarse hacia delante con carga puede apretar el disco y el nervio, así que su plan no lo incluye por ahora.",
        ),
        source: t(
            "Wilke et al., New in vivo measurements of pressures in the intervertebral disc in daily life, Spine 1999;24(8):755-762 (bending forwards, most of all while holding a weight, raises the pressure in the disc)",
            "Wilke et al., New in vivo measurements of pressures in the intervertebral disc in daily life, Spine 1999;24(8):755-762 (inclinarse hacia delante, sobre todo sosteniendo un peso, aumenta la presión en el disco)",
        ),
    },
    Restriction {
        id: "BACKWARD-WORSE-EXTENSION",
        when: Trigger::BackwardWorse,
        avoid: &[Movement::Extension, Movement::EndRangeExtension],
        reason: t(
            "You said bending backwards makes your pain worse, so your plan leaves out exercises that bend your back backwards.",
            "Dijo que inclinarse hacia atrás le empeora el dolor, así que su plan no incluye ejercicios que doblen la espalda hacia atrás.",
        ),
        source: LONG_2004,
    },
    Restriction {
        id: "FORWARD-WORSE-FLEXION",
        when: Trigger::ForwardWorse,
        avoid: &[Movement::LoadedFlexion],
        reason: t(
            "You said bending forwards makes your pain worse, so your plan leaves out exercises that bend your back forwards a long way, such as pulling your knees to your chest.",
            "Dijo que inclinarse hacia delante le empeora el dolor, así que su plan no incluye ejercicios que doblen mucho la espalda hacia delante, como llevar las rodillas al pecho.",
        ),
        source: LONG_2004,
    },
    Restriction {
        id: "BACKWARD-UNKNOWN-END-RANGE",
        when: Trigger::BackwardUnknown,
        avoid: &[Movement::EndRangeExtension],
        reason: t(
            "We do not know how bending backwards affects your pain, so your plan leaves out the exercises that bend your lower back backwards a long way. If bending backwards eases your pain or makes no difference, answer that question and they can be added.",
            "No sabemos cómo le afecta al dolor inclinarse hacia atrás, así que su plan no incluye los ejercicios que doblan mucho la parte baja de la espalda hacia atrás. Si inclinarse hacia atrás le alivia o no cambia nada, responda a esa pregunta y se podrán añadir.",
        ),
        source: t(
            "Long, Donelson and Fung, Spine 2004;29(23):2593-2602: extension exercises were matched to a direction shown to ease the pain, and the opposite direction did worse, so backcare does not guess the direction",
            "Long, Donelson y Fung, Spine 2004;29(23):2593-2602: los ejercicios de extensión se ajustaron a una dirección que se había visto que aliviaba el dolor, y la dirección contraria dio peores resultados, así que backcare no adivina la dirección",
        ),
    },
    Restriction {
        id: "PREGNANCY-PRONE",
        when: Trigger::PregnantFromWeek(16),
        avoid: &[Movement::Prone],
        reason: t(
            "You are pregnant, so your plan leaves out lying on your front.",
            "Está embarazada, así que su plan no incluye tumbarse boca abajo.",
        ),
        source: t(
            "ACOG Committee Opinion 804, Physical activity and exercise during pregnancy and the postpartum period (Obstet Gynecol 2020;135(4):e178-e188, doi:10.1097/AOG.0000000000003772): exercise needs some changes as the body changes; lying on the front is left out from 16 weeks (backcare's own cut-off, as the bump grows), or whenever the week is not known",
            "ACOG Committee Opinion 804, Physical activity and exercise during pregnancy and the postpartum period (Obstet Gynecol 2020;135(4):e178-e188, doi:10.1097/AOG.0000000000003772): el ejercicio necesita algunos cambios a medida que cambia el cuerpo; tumbarse boca abajo se deja fuera a partir de las 16 semanas (un límite propio de backcare, porque la barriga crece), o siempre que no se sepa la semana",
        ),
    },
    Restriction {
        id: "PREGNANCY-SUPINE",
        when: Trigger::PregnantFromWeek(20),
        avoid: &[Movement::Supine],
        reason: t(
            "You are pregnant, so your plan leaves out lying flat on your back for minutes at a time. The baby's weight can press on a large blood vessel and make you feel faint.",
            "Está embarazada, así que su plan no incluye estar tumbada boca arriba varios minutos. El peso del bebé puede apretar un vaso sanguíneo grande y hacer que se maree.",
        ),
        source: t(
            "ACOG Committee Opinion 804 (Obstet Gynecol 2020;135(4):e178-e188): lying on the back for long periods can lower the blood flow back to the heart as pregnancy advances; applied from 20 weeks, or whenever the week is not known",
            "ACOG Committee Opinion 804 (Obstet Gynecol 2020;135(4):e178-e188): estar tumbada boca arriba mucho rato puede reducir la sangre que vuelve al corazón a medida que avanza el embarazo; se aplica a partir de las 20 semanas, o siempre que no se sepa la semana",
        ),
    },
];

impl Trigger {
    /// When the restriction applies, in a few words for a clinician.
    pub fn describe(self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        match self {
            Trigger::Pattern(p) if es => format!("patrón {p:?} (posible o probable)"),
            Trigger::Pattern(p) => format!("pattern {p:?} (possible or likely)"),
            Trigger::Osteoporosis if es => "osteoporosis: sí".to_owned(),
            Trigger::Osteoporosis => "osteoporosis: yes".to_owned(),
            Trigger::LongTermSteroids if es => "corticoides 3 meses o más: sí".to_owned(),
            Trigger::LongTermSteroids => "steroid tablets 3 months or more: yes".to_owned(),
            Trigger::RadicularEarly if es => format!(
                "patrón ciática y dolor de menos de {RADICULAR_EARLY_WEEKS} semanas (o no se sabe)"
            ),
            Trigger::RadicularEarly => format!(
                "sciatica pattern and pain under {RADICULAR_EARLY_WEEKS} weeks (or unknown)"
            ),
            Trigger::PregnantFromWeek(w) if es => {
                format!("embarazada, {w} semanas o más (o no se sabe)")
            }
            Trigger::PregnantFromWeek(w) => format!("pregnant, {w} weeks or more (or unknown)"),
            Trigger::BackwardWorse if es => "inclinarse hacia atrás: peor".to_owned(),
            Trigger::BackwardWorse => "bending backwards: worse".to_owned(),
            Trigger::ForwardWorse if es => "inclinarse hacia delante: peor".to_owned(),
            Trigger::ForwardWorse => "bending forwards: worse".to_owned(),
            Trigger::BackwardUnknown if es => {
                "inclinarse hacia atrás: no sé, o sin respuesta".to_owned()
            }
            Trigger::BackwardUnknown => "bending backwards: not sure, or not answered".to_owned(),
        }
    }
}

/// The restriction table as Markdown, for clinical review (`backcare rules`).
pub fn restrictions_markdown(lang: Lang) -> String {
    let (title, intro, head) = match lang {
        Lang::En => (
            "## Plan restrictions",
            "An exercise that involves a movement in the \"Avoid\" column is never planned for a person the row applies to, not even as a progression, unless a clinician the person shares with adds it with a reason given for that row (the person is told the reason). A person under 16 gets no self-directed plan.",
            "| ID | Applies when | Avoid | Why | Source |",
        ),
        Lang::Es => (
            "## Restricciones del plan",
            "Un ejercicio que incluye un movimiento de la columna \"Evitar\" nunca se planifica para una persona a la que se aplica la fila, ni siquiera como progresión, salvo que un profesional con quien la persona comparte su ficha lo añada con un motivo dado para esa fila (a la persona se le dice el motivo). Una persona menor de 16 años no recibe un plan por su cuenta.",
            "| ID | Se aplica si | Evitar | Por qué | Fuente |",
        ),
    };
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = format!("{title}\n\n{intro}\n\n{head}\n|---|---|---|---|---|\n");
    for r in RESTRICTIONS {
        let avoid: Vec<&str> = r.avoid.iter().map(|m| m.id()).collect();
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            r.id,
            cell(&r.when.describe(lang)),
            avoid.join(", "),
            cell(r.reason.get(lang)),
            cell(r.source.get(lang)),
        ));
    }
    out.push_str(&format!(
        "| UNDER-{MIN_PLAN_AGE} | age < {MIN_PLAN_AGE} | {} | | {} |\n",
        if lang == Lang::Es {
            "todo el plan"
        } else {
            "the whole plan"
        },
        cell(MIN_PLAN_AGE_SOURCE.get(lang)),
    ));
    out
}

/// A limit on which exercises fit, besides movements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Pregnant: only exercises marked `pregnancy_ok`.
    Pregnancy,
    /// Acute pain: only exercises marked `acute_ok`.
    Acute,
    /// Only exercises whose equipment the person has.
    Equipment,
}

/// Why a filter applies, with its source.
pub fn filter_reason(f: Filter) -> (Text, Text) {
    match f {
        Filter::Pregnancy => (
            t(
                "You are pregnant, so your plan only has exercises that are safe in pregnancy.",
                "Está embarazada, así que su plan solo tiene ejercicios seguros en el embarazo.",
            ),
            t(
                "ACOG Committee Opinion 804 (Obstet Gynecol 2020;135(4):e178-e188), Box 1: exercises studied in pregnancy and found safe",
                "ACOG Committee Opinion 804 (Obstet Gynecol 2020;135(4):e178-e188), Box 1: ejercicios estudiados en el embarazo que resultaron seguros",
            ),
        ),
        Filter::Acute => (
            t(
                "Your pain is new or strong right now, so your plan starts with gentle exercises only. Harder ones come when it settles.",
                "Su dolor es reciente o fuerte ahora mismo, así que su plan empieza solo con ejercicios suaves. Los más difíciles llegarán cuando se calme.",
            ),
            t(
                "NICE NG59 1.2.1 (encourage people to keep up their normal activities); acute = pain under 2 weeks or average pain 7 or more (severe: Serlin et al., Pain 1995;61(2):277-284)",
                "NICE NG59 1.2.1 (animar a las personas a seguir con sus actividades normales); agudo = dolor de menos de 2 semanas o dolor medio de 7 o más (intenso: Serlin et al., Pain 1995;61(2):277-284)",
            ),
        ),
        Filter::Equipment => (
            t(
                "Your plan only uses a chair, a wall, a mat (a rug or blanket will do) and any equipment you said you have.",
                "Su plan solo usa una silla, una pared, una esterilla (sirve una alfombra o una manta) y el material que dijo que tiene.",
            ),
            // What the person has at home is a fact, not a finding: nothing to cite.
            t("", ""),
        ),
    }
}

// ---------------------------------------------------------------------------------------
// The programme: how many exercises, and of which kind.

/// One place in the programme, filled by one exercise whose main target fits.
#[derive(Debug, Clone, Copy)]
pub struct Slot {
    /// Stable identifier.
    pub id: &'static str,
    /// The kind of exercise, in a few words.
    pub name: Text,
    /// Main targets that fit this place; empty means any (except aerobic, which is the
    /// walking goal).
    pub targets: &'static [Target],
    /// Why this kind of exercise.
    pub reason: Text,
}

/// An abdominal exercise.
pub const ABDOMINAL: Slot = Slot {
    id: "abdominal",
    name: t("tummy muscles", "músculos de la barriga"),
    targets: &[Target::Abdominals],
    reason: t(
        "Strengthens your tummy muscles, which help support your back.",
        "Fortalece los músculos de la barriga, que ayudan a sostener la espalda.",
    ),
};
/// A back-extensor or core-stability exercise.
pub const EXTENSOR_OR_CORE: Slot = Slot {
    id: "back_or_core",
    name: t(
        "back or deep trunk muscles",
        "músculos de la espalda o profundos del tronco",
    ),
    targets: &[Target::BackExtensors, Target::CoreStability],
    reason: t(
        "Strengthens the deep muscles around your spine so your back feels steadier.",
        "Fortalece los músculos profundos de alrededor de la columna para que la espalda esté más firme.",
    ),
};
/// A gluteal or hip exercise.
pub const GLUTE_HIP: Slot = Slot {
    id: "glute_hip",
    name: t("buttock and hip muscles", "glúteos y cadera"),
    targets: &[Target::GlutealHip],
    reason: t(
        "Strengthens your buttock and hip muscles, which take load off your back when you lift, walk and climb stairs.",
        "Fortalece los glúteos y la cadera, que quitan carga a la espalda al levantar cosas, caminar y subir escaleras.",
    ),
};
/// A flexibility exercise.
pub const FLEXIBILITY: Slot = Slot {
    id: "flexibility",
    name: t("stretching", "estiramiento"),
    targets: &[Target::Flexibility, Target::UpperBack],
    reason: t(
        "Keeps your back and hips moving freely and eases stiffness.",
        "Mantiene la espalda y las caderas sueltas y alivia la rigidez.",
    ),
};
/// Any other exercise: chosen by goals and pain pattern first.
pub const OTHER: Slot = Slot {
    id: "other",
    name: t("extra", "adicional"),
    targets: &[],
    reason: t(
        "Adds variety, chosen to suit your goals and your kind of back pain.",
        "Añade variedad, elegido según sus objetivos y su tipo de dolor de espalda.",
    ),
};

/// An exercise a clinician added to the plan (`super::tailor`). The engine never fills or
/// drops this place by itself, except to keep the person safe: an exercise that stops
/// suiting them goes, unless the clinician overrode that with a reason.
pub const CLINICIAN: Slot = Slot {
    id: "clinician",
    name: t("chosen by your clinician", "elegido por su profesional"),
    targets: &[],
    reason: t(
        "Your clinician chose this exercise for you.",
        "Su profesional eligió este ejercicio para usted.",
    ),
};

/// The programme for a STarT Back group.
#[derive(Debug, Clone, Copy)]
pub struct Programme {
    /// The group (`None`: STarT Back not answered).
    pub group: Option<RiskGroup>,
    /// The places to fill, in order.
    pub slots: &'static [Slot],
    /// The fewest exercises the programme wants (fewer only when time or safety forces it).
    pub min_exercises: usize,
    /// Why, in plain words.
    pub reason: Text,
    /// The source, described in both languages.
    pub source: Text,
}

const SELFBACK: &[Slot] = &[ABDOMINAL, EXTENSOR_OR_CORE, OTHER];
const FULLER: &[Slot] = &[ABDOMINAL, EXTENSOR_OR_CORE, GLUTE_HIP, FLEXIBILITY, OTHER];

/// The programme for each STarT Back group (NICE NG59 1.1.3; Hill et al., Lancet 2011).
pub static PROGRAMMES: &[Programme] = &[
    Programme {
        group: None,
        slots: SELFBACK,
        min_exercises: 3,
        reason: t(
            "You did not finish the STarT Back questions, so you get the standard self-care plan: 3 exercises, walking and short reads.",
            "No terminó las preguntas STarT Back, así que recibe el plan de autocuidado estándar: 3 ejercicios, caminar y lecturas cortas.",
        ),
        source: t(
            "selfBACK default programme: 3 exercises, 1 abdominal + 1 back-extensor or core-stability + 1 other (Sandal et al., JMIR Res Protoc 2019;8(12):e14720, Table 1)",
            "Programa por defecto de selfBACK: 3 ejercicios, 1 abdominal + 1 de extensores de la espalda o de estabilidad del tronco + 1 de otro tipo (Sandal et al., JMIR Res Protoc 2019;8(12):e14720, tabla 1)",
        ),
    },
    Programme {
        group: Some(RiskGroup::Low),
        slots: SELFBACK,
        min_exercises: 3,
        reason: t(
            "Your STarT Back score is low risk: simple self-care works well. Your plan has 3 exercises, walking and short reads.",
            "Su puntuación STarT Back es de riesgo bajo: el autocuidado sencillo funciona bien. Su plan tiene 3 ejercicios, caminar y lecturas cortas.",
        ),
        source: t(
            "NICE NG59 1.1.3 (low risk: simpler support, self-management); selfBACK default programme (Sandal et al. 2019, Table 1)",
            "NICE NG59 1.1.3 (riesgo bajo: apoyo más sencillo, autocuidado); programa por defecto de selfBACK (Sandal et al. 2019, tabla 1)",
        ),
    },
    Programme {
        group: Some(RiskGroup::Medium),
        slots: FULLER,
        min_exercises: 4,
        reason: t(
            "Your STarT Back score is medium risk: a fuller exercise programme helps. Your plan has 4 to 5 exercises. Seeing a physiotherapist is also likely to help.",
            "Su puntuación STarT Back es de riesgo medio: ayuda un programa de ejercicios más completo. Su plan tiene de 4 a 5 ejercicios. También es probable que le ayude ver a un fisioterapeuta.",
        ),
        source: t(
            "NICE NG59 1.1.3 (higher risk: exercise with or without manual therapy); Hill et al., Lancet 2011;378:1560-1571 (medium risk: physiotherapy)",
            "NICE NG59 1.1.3 (riesgo más alto: ejercicio con o sin terapia manual); Hill et al., Lancet 2011;378:1560-1571 (riesgo medio: fisioterapia)",
        ),
    },
    Programme {
        group: Some(RiskGroup::High),
        slots: FULLER,
        min_exercises: 4,
        reason: t(
            "Your STarT Back score is high risk: worry and low mood can slow recovery. Your plan has 4 to 5 exercises and reads about thoughts, pacing and sleep. We recommend seeing a clinician too.",
            "Su puntuación STarT Back es de riesgo alto: la preocupación y el ánimo bajo pueden retrasar la recuperación. Su plan tiene de 4 a 5 ejercicios y lecturas sobre pensamientos, ritmo y sueño. También le recomendamos ver a un profesional sanitario.",
        ),
        source: t(
            "NICE NG59 1.1.3 (psychological approach within an exercise package); Hill et al., Lancet 2011 (high risk: psychologically informed physiotherapy)",
            "NICE NG59 1.1.3 (enfoque psicológico dentro de un programa de ejercicio); Hill et al., Lancet 2011 (riesgo alto: fisioterapia con enfoque psicológico)",
        ),
    },
];

/// The programme for a group.
pub fn programme(group: Option<RiskGroup>) -> &'static Programme {
    PROGRAMMES
        .iter()
        .find(|p| p.group == group)
        .unwrap_or(&PROGRAMMES[0])
}

// ---------------------------------------------------------------------------------------
// Preferences: which exercises to choose first.

/// When a preference applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefer {
    /// The person has this goal.
    Goal(GoalKind),
    /// The pattern fits (possible or likely).
    Pattern(Pattern),
    /// Osteoporosis, long-term steroids or the fracture pattern.
    BoneHealth,
    /// The person said bending backwards makes the pain better.
    BackwardBetter,
    /// The person said bending forwards makes the pain better.
    ForwardBetter,
    /// Acute pain this week.
    Acute,
}

/// Exercises to choose first when a condition holds (if they are safe for the person).
#[derive(Debug, Clone, Copy)]
pub struct Preference {
    /// When it applies.
    pub when: Prefer,
    /// Exercise ids, most wanted first.
    pub ids: &'static [&'static str],
    /// Why, in plain words (shown with the exercise).
    pub reason: Text,
    /// The source, described in both languages.
    pub source: Text,
}

/// Every preference. The person's goals come first, then the pain pattern.
pub static PREFERENCES: &[Preference] = &[
    Preference {
        when: Prefer::Goal(GoalKind::LiftChild),
        ids: &["sit-to-stand", "hip-hinge", "glute-bridge"],
        reason: t(
            "Chosen for your goal of lifting your child: it practises bending with your hips and legs.",
            "Elegido para su objetivo de levantar a su hijo: practica agacharse con las caderas y las piernas.",
        ),
        source: t(
            "Practising the movements of the goal itself; hinging at the hips is one way to lift among several (Saraceni et al., J Orthop Sports Phys Ther 2020;50(3):121-130: a systematic review found no good evidence that bending the back while lifting causes back pain), and the way Too Fit To Fracture advises for fragile bones (Giangregorio et al. 2014)",
            "Practicar los movimientos del propio objetivo; doblarse desde las caderas (bisagra de cadera) es una forma de levantar peso, entre varias (Saraceni et al., J Orthop Sports Phys Ther 2020;50(3):121-130: una revisión sistemática no encontró pruebas sólidas de que doblar la espalda al levantar peso cause dolor de espalda), y la que aconseja Too Fit To Fracture para los huesos frágiles (Giangregorio et al. 2014)",
        ),
    },
    Preference {
        when: Prefer::Goal(GoalKind::SitLonger),
        ids: &[
            "seated-pelvic-rocking",
            "thoracic-extension-chair",
            "scapular-retraction",
            "chest-stretch",
        ],
        reason: t(
            "Chosen for your goal of sitting longer: you can do it in a chair to break up long sitting.",
            "Elegido para su objetivo de estar sentado más tiempo: se puede hacer en una silla para cortar los ratos largos sentado.",
        ),
        source: t(
            "WHO 2020 guidelines (Bull et al., Br J Sports Med 2020;54:1451-1462): limit the time spent sitting and break it up with movement",
            "Directrices de la OMS (WHO) de 2020 (Bull et al., Br J Sports Med 2020;54:1451-1462): limitar el tiempo que se pasa sentado e interrumpirlo con movimiento",
        ),
    },
    Preference {
        when: Prefer::Goal(GoalKind::ReturnToWork),
        ids: &[
            "sit-to-stand",
            "bird-dog",
            "hip-hinge",
            "scapular-retraction",
        ],
        reason: t(
            "Chosen for your goal of working: it builds strength for everyday tasks at work.",
            "Elegido para su objetivo de trabajar: da fuerza para las tareas diarias del trabajo.",
        ),
        source: t(
            "NICE NG59 1.2.1 (encourage normal activities) and its recommendation to promote and help a return to work",
            "NICE NG59 1.2.1 (animar a hacer las actividades normales) y su recomendación de promover y ayudar la vuelta al trabajo",
        ),
    },
    Preference {
        when: Prefer::Goal(GoalKind::SleepBetter),
        ids: &[
            "crook-lying-breathing",
            "lower-trunk-rotation",
            "knee-to-chest",
        ],
        reason: t(
            "Chosen for your goal of sleeping better: it is relaxing and can be done before bed.",
            "Elegido para su objetivo de dormir mejor: relaja y se puede hacer antes de acostarse.",
        ),
        source: t(
            "selfBACK education themes: relaxation, and sleep and back pain (Sandal et al., JMIR Res Protoc 2019;8(12):e14720, Table 1)",
            "Temas educativos de selfBACK: relajación, y sueño y dolor de espalda (Sandal et al., JMIR Res Protoc 2019;8(12):e14720, tabla 1)",
        ),
    },
    Preference {
        when: Prefer::Goal(GoalKind::Sport),
        ids: &[
            "side-bridge-knees",
            "bird-dog",
            "glute-bridge",
            "dead-bug-heel-taps",
        ],
        reason: t(
            "Chosen for your goal of getting back to sport: it builds trunk strength you can progress.",
            "Elegido para su objetivo de volver al deporte: da fuerza al tronco y se puede ir aumentando.",
        ),
        source: t(
            "McGill's 'big 3' (curl-up, side bridge, bird-dog): McGill, Low Back Disorders, 3rd ed. (Human Kinetics, 2016)",
            "Los «3 grandes» (big 3) de McGill (encogimiento abdominal, puente lateral, bird-dog): McGill, Low Back Disorders, 3.ª ed. (Human Kinetics, 2016)",
        ),
    },
    Preference {
        when: Prefer::Goal(GoalKind::WalkMinutes),
        ids: &["glute-bridge", "hip-flexor-stretch"],
        reason: t(
            "Chosen for your walking goal: strong, loose hips make walking easier.",
            "Elegido para su objetivo de caminar: unas caderas fuertes y sueltas facilitan caminar.",
        ),
        source: t(
            "WHO 2020 (Bull et al. 2020): muscle strengthening alongside aerobic activity; the choice of a hip strengthener and a hip stretch for walking is backcare's own",
            "OMS (WHO) 2020 (Bull et al. 2020): fortalecer los músculos además de hacer actividad aeróbica; la elección de un ejercicio para fortalecer la cadera y de un estiramiento de cadera para caminar es propia de backcare",
        ),
    },
    Preference {
        when: Prefer::Pattern(Pattern::Stenosis),
        ids: &[
            "knee-to-chest",
            "pelvic-tilt",
            "double-knee-to-chest",
            "seated-pelvic-rocking",
            "wall-pelvic-tilt",
        ],
        reason: t(
            "Chosen because gentle bending forward often eases narrowing of the spine (stenosis).",
            "Elegido porque inclinarse un poco hacia delante suele aliviar el estrechamiento de la columna (estenosis).",
        ),
        source: STENOSIS_SOURCE,
    },
    Preference {
        when: Prefer::Pattern(Pattern::Facet),
        ids: &[
            "pelvic-tilt",
            "knee-to-chest",
            "wall-pelvic-tilt",
            "seated-pelvic-rocking",
        ],
        reason: t(
            "Chosen because it moves your back gently without pressing on the sore joints.",
            "Elegido porque mueve la espalda con suavidad sin apretar las articulaciones doloridas.",
        ),
        source: t(
            "Adams and Hutton, Spine 1983;8(3):327-330 (bending backwards loads the facet joints, so gentle bending forwards is chosen); the choice of exercises is backcare's own",
            "Adams y Hutton, Spine 1983;8(3):327-330 (inclinarse hacia atrás carga las articulaciones facetarias, así que se eligen inclinaciones suaves hacia delante); la elección de los ejercicios es propia de backcare",
        ),
    },
    Preference {
        when: Prefer::Pattern(Pattern::ThoracicPostural),
        ids: &[
            "thoracic-extension-chair",
            "scapular-retraction",
            "chest-stretch",
            "open-book-rotation",
            "wall-angels",
            "band-row",
        ],
        reason: t(
            "Chosen for upper back pain: it opens the chest and strengthens the muscles between your shoulder blades.",
            "Elegido para el dolor de espalda alta: abre el pecho y fortalece los músculos entre los omóplatos.",
        ),
        source: t(
            "Common physiotherapy choices for upper back pain (upper-back extension and rotation, shoulder-blade strengthening, chest stretch); the evidence for any one of them is thin, and the selection is backcare's own, for a physiotherapist to review",
            "Opciones habituales de fisioterapia para el dolor de la parte alta de la espalda (extensión y rotación de la parte alta de la espalda, fortalecimiento de los músculos de los omóplatos, estiramiento del pecho); las pruebas a favor de cualquiera de ellas son escasas, y la selección es propia de backcare, para que la revise un fisioterapeuta",
        ),
    },
    Preference {
        when: Prefer::Pattern(Pattern::Inflammatory),
        ids: &[
            "cat-camel",
            "thoracic-extension-chair",
            "open-book-rotation",
            "chest-stretch",
        ],
        reason: t(
            "Chosen for inflammatory back pain: regular moving and stretching eases stiffness.",
            "Elegido para el dolor de espalda inflamatorio: moverse y estirarse a menudo alivia la rigidez.",
        ),
        source: t(
            "ASAS-EULAR recommendations for axial spondyloarthritis, 2022 update (Ramiro et al., Ann Rheum Dis 2023;82:19-34): regular exercise",
            "Recomendaciones ASAS-EULAR para la espondiloartritis axial, actualización de 2022 (Ramiro et al., Ann Rheum Dis 2023;82:19-34): ejercicio regular",
        ),
    },
    Preference {
        when: Prefer::BackwardBetter,
        ids: &["prone-on-elbows", "prone-lying", "standing-extension"],
        reason: t(
            "Chosen because you said bending backwards eases your pain. Stop if the pain spreads down your leg.",
            "Elegido porque dijo que inclinarse hacia atrás le alivia el dolor. Pare si el dolor baja por la pierna.",
        ),
        source: LONG_2004,
    },
    Preference {
        when: Prefer::ForwardBetter,
        ids: &["knee-to-chest", "seated-pelvic-rocking", "pelvic-tilt"],
        reason: t(
            "Chosen because you said bending forwards eases your pain. Stop if the pain spreads down your leg.",
            "Elegido porque dijo que inclinarse hacia delante le alivia el dolor. Pare si el dolor baja por la pierna.",
        ),
        source: LONG_2004,
    },
    Preference {
        when: Prefer::BoneHealth,
        ids: &[
            "sit-to-stand",
            "scapular-retraction",
            "wall-angels",
            "glute-bridge",
        ],
        reason: t(
            "Chosen to keep your bones and muscles strong while keeping your spine straight.",
            "Elegido para mantener fuertes los huesos y los músculos con la columna recta.",
        ),
        source: TFTF,
    },
    Preference {
        when: Prefer::Acute,
        ids: &[
            "crook-lying-breathing",
            "pelvic-tilt",
            "knee-to-chest",
            "side-lying-rest",
            "wall-pelvic-tilt",
        ],
        reason: t(
            "Chosen because it is gentle and can ease pain while it is strong.",
            "Elegido porque es suave y puede aliviar el dolor mientras es fuerte.",
        ),
        source: t(
            "selfBACK exercise target: pain relief (Sandal et al. 2019, Table 1); NICE NG59 1.2.1 (encourage people to keep up their normal activities)",
            "Objetivo de ejercicio de selfBACK: aliviar el dolor (Sandal et al. 2019, tabla 1); NICE NG59 1.2.1 (animar a las personas a seguir con sus actividades normales)",
        ),
    },
];

// ---------------------------------------------------------------------------------------
// Education.

/// Every education article the plan can suggest (they live in `crates/content/articles`).
pub const ARTICLE_IDS: &[&str] = &[
    "why-back-pain-gets-better",
    "muscle-spasm",
    "lifting-strain",
    "slipped-disc-and-sciatica",
    "facet-joint-pain",
    "inflammatory-back-pain",
    "osteoporosis-and-spine-fractures",
    "spinal-stenosis",
    "upper-back-pain",
    "desk-posture-and-breaks",
    "lifting-safely",
    "stay-active-not-bed-rest",
    "walking-for-back-pain",
    "stretching-strengthening-stability",
    "pain-medicines",
    "imaging-x-ray-and-mri",
    "spine-surgery",
    "physiotherapy-and-manual-therapy",
    "thoughts-fear-and-mood",
    "sleep-and-back-pain",
    "smoking-and-weight",
    "work-and-returning-to-work",
    "back-pain-in-children-and-teens",
    "back-pain-in-older-adults",
    "back-pain-in-pregnancy",
    "red-flags-when-to-get-help",
    "flare-up-plan",
    "back-pain-myths",
    "understanding-your-scores",
    "diagnosis-and-billing-codes",
    "pacing-and-goal-setting",
];

/// When an article is suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// Everyone.
    Always,
    /// Everyone, from this week on.
    FromWeek(u16),
    /// STarT Back medium or high.
    RiskAtLeast(RiskGroup),
    /// The pattern fits (possible or likely).
    Pattern(Pattern),
    /// The pain started with lifting or an activity.
    OnsetLifting,
    /// Acute pain this week.
    Acute,
    /// Pain for 12 weeks or more.
    Persistent,
    /// Osteoporosis, long-term steroids or the fracture pattern.
    BoneHealth,
    /// The person has this goal.
    Goal(GoalKind),
    /// Pregnant.
    Pregnant,
    /// Under 18.
    AgeUnder(u8),
    /// 65 or over.
    AgeAtLeast(u8),
    /// Smokes.
    Smoking,
    /// A flare last week (shown again every time).
    Flare,
    /// A reassessment is due this week (shown again every time).
    ReassessmentWeek,
}

impl Topic {
    /// True for topics shown every time they apply, not just once.
    pub fn repeats(self) -> bool {
        matches!(self, Topic::Flare | Topic::ReassessmentWeek)
    }
}

/// One education rule. Rows are in priority order: earlier rows are suggested first.
#[derive(Debug, Clone, Copy)]
pub struct Education {
    /// One of [`ARTICLE_IDS`].
    pub article_id: &'static str,
    /// When.
    pub when: Topic,
    /// Why, in plain words.
    pub reason: Text,
}

/// Every education rule, in priority order (NICE NG59 1.2.1 and QS155 statement 3:
/// self-management information at every step; selfBACK's 14 education themes, Sandal et al.
/// 2019, Table 1).
pub static EDUCATION: &[Education] = &[
    Education {
        article_id: "flare-up-plan",
        when: Topic::Flare,
        reason: t(
            "You had a flare-up last week. This explains what to do.",
            "Tuvo una crisis de dolor la semana pasada. Aquí se explica qué hacer.",
        ),
    },
    Education {
        article_id: "understanding-your-scores",
        when: Topic::ReassessmentWeek,
        reason: t(
            "Your check-up questions are due at the end of this week. This explains your scores.",
            "Sus preguntas de revisión tocan al final de esta semana. Aquí se explican sus puntuaciones.",
        ),
    },
    Education {
        article_id: "red-flags-when-to-get-help",
        when: Topic::Always,
        reason: t(
            "Everyone should know the rare warning signs that need a doctor quickly.",
            "Todo el mundo debe conocer las raras señales de alarma que necesitan un médico pronto.",
        ),
    },
    Education {
        article_id: "thoughts-fear-and-mood",
        when: Topic::RiskAtLeast(RiskGroup::High),
        reason: t(
            "Your answers show worry or low mood. This explains how thoughts and feelings affect pain, and what helps.",
            "Sus respuestas muestran preocupación o ánimo bajo. Aquí se explica cómo los pensamientos y sentimientos afectan al dolor, y qué ayuda.",
        ),
    },
    Education {
        article_id: "pacing-and-goal-setting",
        when: Topic::RiskAtLeast(RiskGroup::High),
        reason: t(
            "Doing a little more each week, at a steady pace, helps you get back to what matters to you.",
            "Hacer un poco más cada semana, a un ritmo constante, le ayuda a volver a lo que le importa.",
        ),
    },
    Education {
        article_id: "sleep-and-back-pain",
        when: Topic::RiskAtLeast(RiskGroup::High),
        reason: t(
            "Poor sleep and pain feed each other. This has tips for better sleep.",
            "Dormir mal y el dolor se alimentan entre sí. Aquí hay consejos para dormir mejor.",
        ),
    },
    Education {
        article_id: "why-back-pain-gets-better",
        when: Topic::Always,
        reason: t(
            "Most back pain gets much better. Knowing why helps you keep going.",
            "La mayoría de los dolores de espalda mejoran mucho. Saber por qué le ayuda a seguir.",
        ),
    },
    Education {
        article_id: "sleep-and-back-pain",
        when: Topic::Goal(GoalKind::SleepBetter),
        reason: t(
            "For your goal of sleeping better.",
            "Para su objetivo de dormir mejor.",
        ),
    },
    Education {
        article_id: "back-pain-in-pregnancy",
        when: Topic::Pregnant,
        reason: t(
            "Back pain is common in pregnancy. This explains what is safe and what helps.",
            "El dolor de espalda es frecuente en el embarazo. Aquí se explica qué es seguro y qué ayuda.",
        ),
    },
    Education {
        article_id: "back-pain-in-children-and-teens",
        when: Topic::AgeUnder(18),
        reason: t(
            "About back pain in young people.",
            "Sobre el dolor de espalda en gente joven.",
        ),
    },
    Education {
        article_id: "back-pain-in-older-adults",
        when: Topic::AgeAtLeast(65),
        reason: t(
            "About back pain as we get older.",
            "Sobre el dolor de espalda al hacernos mayores.",
        ),
    },
    Education {
        article_id: "pain-medicines",
        when: Topic::Acute,
        reason: t(
            "Your pain is strong or new. This explains which medicines can help and which to avoid.",
            "Su dolor es fuerte o reciente. Aquí se explica qué medicinas pueden ayudar y cuáles evitar.",
        ),
    },
    Education {
        article_id: "muscle-spasm",
        when: Topic::Acute,
        reason: t(
            "New back pain is often muscle spasm. This explains it.",
            "El dolor de espalda reciente suele ser una contractura. Aquí se explica.",
        ),
    },
    Education {
        article_id: "slipped-disc-and-sciatica",
        when: Topic::Pattern(Pattern::Radicular),
        reason: t(
            "Your answers fit sciatica. This explains it.",
            "Sus respuestas encajan con una ciática. Aquí se explica.",
        ),
    },
    Education {
        article_id: "spinal-stenosis",
        when: Topic::Pattern(Pattern::Stenosis),
        reason: t(
            "Your answers fit narrowing of the spine. This explains it.",
            "Sus respuestas encajan con un estrechamiento de la columna. Aquí se explica.",
        ),
    },
    Education {
        article_id: "facet-joint-pain",
        when: Topic::Pattern(Pattern::Facet),
        reason: t(
            "Your answers fit sore spinal joints. This explains it.",
            "Sus respuestas encajan con articulaciones de la columna doloridas. Aquí se explica.",
        ),
    },
    Education {
        article_id: "inflammatory-back-pain",
        when: Topic::Pattern(Pattern::Inflammatory),
        reason: t(
            "Your answers could fit inflammatory back pain. This explains it.",
            "Sus respuestas podrían encajar con un dolor de espalda inflamatorio. Aquí se explica.",
        ),
    },
    Education {
        article_id: "osteoporosis-and-spine-fractures",
        when: Topic::BoneHealth,
        reason: t(
            "About keeping your spine bones strong and safe.",
            "Sobre cómo mantener fuertes y seguros los huesos de la columna.",
        ),
    },
    Education {
        article_id: "upper-back-pain",
        when: Topic::Pattern(Pattern::ThoracicPostural),
        reason: t(
            "Your pain is in the upper back. This explains it.",
            "Su dolor está en la parte alta de la espalda. Aquí se explica.",
        ),
    },
    Education {
        article_id: "lifting-strain",
        when: Topic::OnsetLifting,
        reason: t(
            "Your pain started with lifting or an activity. This explains what happened.",
            "Su dolor empezó al levantar algo o con una actividad. Aquí se explica qué pasó.",
        ),
    },
    Education {
        article_id: "lifting-safely",
        when: Topic::Goal(GoalKind::LiftChild),
        reason: t(
            "For your goal of lifting your child.",
            "Para su objetivo de levantar a su hijo.",
        ),
    },
    Education {
        article_id: "desk-posture-and-breaks",
        when: Topic::Goal(GoalKind::SitLonger),
        reason: t(
            "For your goal of sitting longer.",
            "Para su objetivo de estar sentado más tiempo.",
        ),
    },
    Education {
        article_id: "desk-posture-and-breaks",
        when: Topic::Pattern(Pattern::ThoracicPostural),
        reason: t(
            "Breaks from sitting often help upper back pain.",
            "Hacer pausas al estar sentado suele ayudar al dolor de espalda alta.",
        ),
    },
    Education {
        article_id: "work-and-returning-to-work",
        when: Topic::Goal(GoalKind::ReturnToWork),
        reason: t("For your goal of working.", "Para su objetivo de trabajar."),
    },
    Education {
        article_id: "stay-active-not-bed-rest",
        when: Topic::Always,
        reason: t(
            "Staying active helps your back heal faster than rest.",
            "Mantenerse activo ayuda a la espalda a curarse antes que el reposo.",
        ),
    },
    Education {
        article_id: "walking-for-back-pain",
        when: Topic::Always,
        reason: t(
            "Walking is part of your plan. This explains why it helps.",
            "Caminar es parte de su plan. Aquí se explica por qué ayuda.",
        ),
    },
    Education {
        article_id: "physiotherapy-and-manual-therapy",
        when: Topic::RiskAtLeast(RiskGroup::Medium),
        reason: t(
            "Seeing a physiotherapist is likely to help you. This explains what they do.",
            "Es probable que le ayude ver a un fisioterapeuta. Aquí se explica lo que hacen.",
        ),
    },
    Education {
        article_id: "stretching-strengthening-stability",
        when: Topic::Always,
        reason: t(
            "Explains the kinds of exercises in your plan.",
            "Explica los tipos de ejercicios de su plan.",
        ),
    },
    Education {
        article_id: "smoking-and-weight",
        when: Topic::Smoking,
        reason: t(
            "Smoking slows healing of the back. This has help to stop.",
            "Fumar retrasa la curación de la espalda. Aquí hay ayuda para dejarlo.",
        ),
    },
    Education {
        article_id: "flare-up-plan",
        when: Topic::FromWeek(2),
        reason: t(
            "Pain can come and go. A plan for bad days helps you stay in control.",
            "El dolor puede ir y venir. Tener un plan para los días malos le ayuda a tener el control.",
        ),
    },
    Education {
        article_id: "pacing-and-goal-setting",
        when: Topic::FromWeek(2),
        reason: t(
            "Setting small goals helps you do a little more each week.",
            "Ponerse metas pequeñas le ayuda a hacer un poco más cada semana.",
        ),
    },
    Education {
        article_id: "back-pain-myths",
        when: Topic::FromWeek(2),
        reason: t(
            "Clears up common myths about back pain.",
            "Aclara mitos frecuentes sobre el dolor de espalda.",
        ),
    },
    Education {
        article_id: "imaging-x-ray-and-mri",
        when: Topic::Persistent,
        reason: t(
            "Many people with lasting back pain ask about scans. This explains when they help.",
            "Muchas personas con dolor de espalda duradero preguntan por las pruebas de imagen. Aquí se explica cuándo ayudan.",
        ),
    },
    Education {
        article_id: "spine-surgery",
        when: Topic::Persistent,
        reason: t(
            "About when surgery helps and when it does not.",
            "Sobre cuándo ayuda la cirugía y cuándo no.",
        ),
    },
    Education {
        article_id: "pain-medicines",
        when: Topic::FromWeek(3),
        reason: t(
            "About which pain medicines help back pain.",
            "Sobre qué medicinas para el dolor ayudan en el dolor de espalda.",
        ),
    },
    Education {
        article_id: "work-and-returning-to-work",
        when: Topic::FromWeek(3),
        reason: t(
            "Staying at work, or going back early, helps recovery.",
            "Seguir trabajando, o volver pronto, ayuda a recuperarse.",
        ),
    },
    Education {
        article_id: "sleep-and-back-pain",
        when: Topic::FromWeek(4),
        reason: t(
            "Tips for sleeping well with back pain.",
            "Consejos para dormir bien con dolor de espalda.",
        ),
    },
    Education {
        article_id: "thoughts-fear-and-mood",
        when: Topic::FromWeek(4),
        reason: t(
            "How thoughts and feelings can affect pain.",
            "Cómo los pensamientos y los sentimientos pueden afectar al dolor.",
        ),
    },
    Education {
        article_id: "diagnosis-and-billing-codes",
        when: Topic::FromWeek(5),
        reason: t(
            "If you see a clinician, this explains the codes on your summary.",
            "Si ve a un profesional sanitario, aquí se explican los códigos de su resumen.",
        ),
    },
];

// ---------------------------------------------------------------------------------------
// Seeing a clinician.

/// Why the plan recommends seeing a clinician.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Referral {
    /// A "soon" triage reason that does not withhold the exercises.
    SoonReason,
    /// STarT Back high risk.
    HighRisk,
    /// No real improvement since week 1 by [`REVIEW_WEEK`].
    NoImprovement,
    /// Average pain up by [`WORSENING_RISE`] or more since week 1.
    Worsening,
}

/// What to say for each referral, and its source.
pub fn referral(r: Referral) -> (Text, &'static str) {
    match r {
        Referral::SoonReason => (
            t(
                "Your answers also showed something a doctor should check ({concerns}). Book an appointment within about two weeks. You can use this plan until then.",
                "Sus respuestas también mostraron algo que debe revisar un médico ({concerns}). Pida cita en las próximas dos semanas. Mientras tanto puede seguir este plan.",
            ),
            "Triage rules (backcare rules); NICE NG59 1.1.1 (rule out specific causes of low back pain)",
        ),
        Referral::HighRisk => (
            t(
                "We recommend you see a physiotherapist or doctor, ideally one who also helps with worry and mood. They can add to this plan.",
                "Le recomendamos ver a un fisioterapeuta o médico, mejor si también ayuda con la preocupación y el ánimo. Pueden completar este plan.",
            ),
            "NICE NG59 1.1.3; Hill et al., Lancet 2011;378:1560-1571 (high risk: psychologically informed physiotherapy)",
        ),
        Referral::NoImprovement => (
            t(
                "Your pain has not clearly improved since week 1 (from {from} to {to} out of 10). Please see a doctor or physiotherapist to check your plan.",
                "Su dolor no ha mejorado claramente desde la semana 1 (de {from} a {to} sobre 10). Vea a un médico o fisioterapeuta para revisar su plan.",
            ),
            "NICE NG59 (review if not improving); improvement = a fall of 2 points or 30% (Farrar et al., Pain 2001;94(2):149-158; Ostelo et al., Spine 2008;33(1):90-94)",
        ),
        Referral::Worsening => (
            t(
                "Your pain is worse than in week 1 (from {from} to {to} out of 10). Please see a doctor or physiotherapist soon. Get help at once if you notice any warning sign.",
                "Su dolor está peor que en la semana 1 (de {from} a {to} sobre 10). Vea pronto a un médico o fisioterapeuta. Pida ayuda enseguida si nota alguna señal de alarma.",
            ),
            "A rise of 2 points or more is a real worsening (Farrar et al., Pain 2001;94(2):149-158); NICE NG59",
        ),
    }
}
