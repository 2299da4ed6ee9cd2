//! The code tables: every ICD-10-CM and CPT code backcare may suggest, and when.
//!
//! This is the file a clinician or coder reviews. Each [`Row`] says which code, our own
//! short description, what triggers it, how it ranks, and under what condition a clinician
//! would use it. `docs/codes.md` lists the same rows; `scripts/check_icd10.py` checks every
//! ICD-10-CM code here against the CDC tables (it must exist and be billable).
//!
//! ICD-10-CM descriptions are short forms of the public-domain CDC titles. CPT descriptions
//! are backcare's own summaries: CPT descriptors are copyright of the American Medical
//! Association and are never copied here.

use crate::lang::{Text, t};
use crate::patterns::Pattern;

use super::{CodeSystem, Detail, Rank, RedFlag, Region, Risk, Row, When};

/// The source named on every ICD-10-CM suggestion.
pub const ICD10CM_SOURCE: &str = "CDC ICD-10-CM FY2026 (April 1 2026 release)";

/// The source named on every CPT suggestion.
pub const CPT_SOURCE: &str =
    "CPT code number (American Medical Association); description is backcare's own summary";

/// The source named on remote therapeutic monitoring suggestions.
const RTM_SOURCE: &str = "CPT code number (American Medical Association), CMS CY2026 Physician Fee Schedule final rule; description is backcare's own summary";

const fn icd(when: When, rank: Rank, code: &'static str, description: Text, why: Text) -> Row {
    Row {
        system: CodeSystem::Icd10cm,
        code,
        description,
        when,
        rank,
        why,
        condition: None,
        source: ICD10CM_SOURCE,
    }
}

const fn cpt(when: When, rank: Rank, code: &'static str, description: Text, why: Text) -> Row {
    Row {
        system: CodeSystem::Cpt,
        code,
        description,
        when,
        rank,
        why,
        condition: None,
        source: CPT_SOURCE,
    }
}

impl Row {
    /// The same row, used only when `condition` holds.
    const fn only(mut self, condition: Text) -> Row {
        self.condition = Some(condition);
        self
    }

    /// The same row with another source.
    const fn from(mut self, source: &'static str) -> Row {
        self.source = source;
        self
    }
}

use Detail::*;
use Pattern as P;
use Rank::{Alternative, Primary};
use Risk::{High, Medium};

const M54_50: Text = t("Low back pain, unspecified", "Lumbalgia, no especificada");
const M54_6: Text = t("Pain in thoracic spine", "Dolor en la columna dorsal");
const LOW_BACK: Text = t("pain in the lower back", "dolor en la zona lumbar");
const THORACIC: Text = t(
    "pain in the middle or upper back",
    "dolor en la parte media o alta de la espalda",
);

/// ICD-10-CM rows. Only billable (leaf) codes of the FY2026 tables: never a header such as
/// M54.5, M54.4, M51.36, M48.06 or M80.08.
pub static ICD10CM: &[Row] = &[
    // ---- Red flags: only for definite answers at the urgent or emergency level ----
    icd(
        When::RedFlag(RedFlag::CaudaEquina, Region::Any),
        Primary,
        "G83.4",
        t("Cauda equina syndrome", "Síndrome de cola de caballo"),
        t(
            "warning signs of pressure on the nerves at the bottom of the spine",
            "señales de alarma de presión sobre los nervios del final de la columna",
        ),
    )
    .only(t(
        "only if the emergency assessment (usually MRI) confirms it",
        "solo si la valoración urgente (normalmente con resonancia) lo confirma",
    )),
    // ---- Non-specific back pain ----
    icd(
        When::Pattern(P::NonSpecific, LowBack),
        Primary,
        "M54.50",
        M54_50,
        LOW_BACK,
    ),
    icd(
        When::Pattern(P::NonSpecific, Thoracic),
        Primary,
        "M54.6",
        M54_6,
        THORACIC,
    ),
    icd(
        When::Pattern(P::NonSpecific, SuddenOrActivityOnset),
        Primary,
        "M62.830",
        t("Muscle spasm of back", "Espasmo muscular de la espalda"),
        t(
            "the pain started suddenly or after an activity",
            "el dolor empezó de repente o tras una actividad",
        ),
    )
    .only(t(
        "only if the examination finds muscle spasm",
        "solo si la exploración encuentra espasmo muscular",
    )),
    icd(
        When::Pattern(P::NonSpecific, LiftingOnset),
        Alternative,
        "S39.012A",
        t(
            "Strain of muscle, fascia and tendon of lower back, initial encounter",
            "Distensión de músculo, fascia y tendón de la zona lumbar, primer contacto",
        ),
        t(
            "the pain started after lifting or an activity",
            "el dolor empezó al levantar peso o tras una actividad",
        ),
    )
    .only(t(
        "only if the clinician diagnoses a muscle strain from that injury, at the first visit for it; use instead of M54.50, not with it (ICD-10-CM excludes coding both)",
        "solo si el clínico diagnostica una distensión muscular por esa lesión, en la primera visita por ella; úsese en lugar de M54.50, no junto con él (la CIE-10-MC excluye codificar ambos)",
    )),
    icd(
        When::Pattern(P::NonSpecific, LowBack),
        Alternative,
        "M54.59",
        t("Other low back pain", "Otra lumbalgia"),
        LOW_BACK,
    )
    .only(t(
        "instead of M54.50, if the clinician records a more specific kind of low back pain that has no code of its own",
        "en lugar de M54.50, si el clínico registra un tipo más concreto de lumbalgia que no tiene código propio",
    )),
    // ---- Radicular pain (sciatica). Both legs: code each side (ICD-10-CM guideline I.B.13).
    // Lumbago with sciatica (M54.4-) needs low back pain; leg pain without it is sciatica
    // (M54.3-), and M54.3- excludes M54.4- (Excludes1), so the two never meet. ----
    icd(
        When::Pattern(P::Radicular, All(&[LowBack, LegRight])),
        Primary,
        "M54.41",
        t(
            "Lumbago with sciatica, right side",
            "Lumbago con ciática, lado derecho",
        ),
        t(
            "low back pain, and pain runs down the right leg",
            "dolor lumbar, y el dolor baja por la pierna derecha",
        ),
    ),
    icd(
        When::Pattern(P::Radicular, All(&[LowBack, LegLeft])),
        Primary,
        "M54.42",
        t(
            "Lumbago with sciatica, left side",
            "Lumbago con ciática, lado izquierdo",
        ),
        t(
            "low back pain, and pain runs down the left leg",
            "dolor lumbar, y el dolor baja por la pierna izquierda",
        ),
    ),
    icd(
        When::Pattern(P::Radicular, All(&[LowBack, LegSideUnknown])),
        Primary,
        "M54.40",
        t(
            "Lumbago with sciatica, unspecified side",
            "Lumbago con ciática, lado no especificado",
        ),
        t(
            "low back pain, and pain runs down a leg; the side was not given",
            "dolor lumbar, y el dolor baja por una pierna; no se indicó el lado",
        ),
    ),
    icd(
        When::Pattern(P::Radicular, All(&[NoLowBack, LegRight])),
        Primary,
        "M54.31",
        t("Sciatica, right side", "Ciática, lado derecho"),
        t(
            "pain runs down the right leg, without low back pain",
            "el dolor baja por la pierna derecha, sin dolor lumbar",
        ),
    ),
    icd(
        When::Pattern(P::Radicular, All(&[NoLowBack, LegLeft])),
        Primary,
        "M54.32",
        t("Sciatica, left side", "Ciática, lado izquierdo"),
        t(
            "pain runs down the left leg, without low back pain",
            "el dolor baja por la pierna izquierda, sin dolor lumbar",
        ),
    ),
    icd(
        When::Pattern(P::Radicular, All(&[NoLowBack, LegSideUnknown])),
        Primary,
        "M54.30",
        t("Sciatica, unspecified side", "Ciática, lado no especificado"),
        t(
            "pain runs down a leg, without low back pain; the side was not given",
            "el dolor baja por una pierna, sin dolor lumbar; no se indicó el lado",
        ),
    ),
    icd(
        When::Pattern(P::Radicular, Always),
        Alternative,
        "M54.16",
        t("Radiculopathy, lumbar region", "Radiculopatía, región lumbar"),
        t(
            "leg pain from an irritated nerve root",
            "dolor de pierna por una raíz nerviosa irritada",
        ),
    )
    .only(t(
        "instead of M54.4- or M54.3-, if the examination shows a lumbar nerve root problem (radiculopathy) and no disc disorder is coded (M51.1- excludes it)",
        "en lugar de M54.4- o M54.3-, si la exploración muestra afectación de una raíz nerviosa lumbar (radiculopatía) y no se codifica un trastorno discal (M51.1- lo excluye)",
    )),
    icd(
        When::Pattern(P::Radicular, Always),
        Alternative,
        "M54.17",
        t(
            "Radiculopathy, lumbosacral region",
            "Radiculopatía, región lumbosacra",
        ),
        t(
            "leg pain from an irritated nerve root",
            "dolor de pierna por una raíz nerviosa irritada",
        ),
    )
    .only(t(
        "as M54.16, when the nerve root is at the lumbosacral level (L5-S1)",
        "como M54.16, cuando la raíz nerviosa está en el nivel lumbosacro (L5-S1)",
    )),
    // ---- Lumbar spinal stenosis ----
    icd(
        When::Pattern(P::Stenosis, Always),
        Primary,
        "M48.062",
        t(
            "Spinal stenosis, lumbar, with neurogenic claudication",
            "Estenosis de canal lumbar con claudicación neurógena",
        ),
        t(
            "leg symptoms on walking that ease on sitting or bending forward",
            "síntomas en las piernas al caminar que mejoran al sentarse o inclinarse hacia delante",
        ),
    )
    .only(t(
        "only if the clinician confirms lumbar stenosis",
        "solo si el clínico confirma la estenosis lumbar",
    )),
    icd(
        When::Pattern(P::Stenosis, Always),
        Alternative,
        "M48.061",
        t(
            "Spinal stenosis, lumbar, without neurogenic claudication",
            "Estenosis de canal lumbar sin claudicación neurógena",
        ),
        t(
            "features of a narrowed lumbar canal",
            "rasgos de un canal lumbar estrecho",
        ),
    )
    .only(t(
        "instead of M48.062, if stenosis is confirmed without neurogenic claudication",
        "en lugar de M48.062, si se confirma la estenosis sin claudicación neurógena",
    )),
    // ---- Facet joint pain ----
    icd(
        When::Pattern(P::Facet, Always),
        Primary,
        "M47.816",
        t(
            "Lumbar spondylosis without myelopathy or radiculopathy",
            "Espondilosis lumbar sin mielopatía ni radiculopatía",
        ),
        t(
            "low back pain with the features of facet joint pain",
            "dolor lumbar con los rasgos del dolor facetario",
        ),
    )
    .only(t(
        "only if the clinician attributes the pain to the lumbar facet joints",
        "solo si el clínico atribuye el dolor a las articulaciones facetarias lumbares",
    )),
    icd(
        When::Pattern(P::Facet, Always),
        Alternative,
        "M47.817",
        t(
            "Lumbosacral spondylosis without myelopathy or radiculopathy",
            "Espondilosis lumbosacra sin mielopatía ni radiculopatía",
        ),
        t(
            "low back pain with the features of facet joint pain",
            "dolor lumbar con los rasgos del dolor facetario",
        ),
    )
    .only(t(
        "as M47.816, when the joints at the lumbosacral level (L5-S1) are the source",
        "como M47.816, cuando el origen son las articulaciones del nivel lumbosacro (L5-S1)",
    )),
    icd(
        When::Pattern(P::Facet, LowBack),
        Alternative,
        "M54.50",
        M54_50,
        LOW_BACK,
    )
    .only(t(
        "until the clinician confirms the source of the pain",
        "hasta que el clínico confirme el origen del dolor",
    )),
    // ---- Inflammatory back pain ----
    icd(
        When::Pattern(P::Inflammatory, LowBack),
        Primary,
        "M54.50",
        M54_50,
        t(
            "low back pain with inflammatory features, not yet confirmed",
            "dolor lumbar con rasgos inflamatorios, aún sin confirmar",
        ),
    ),
    icd(
        When::Pattern(P::Inflammatory, LowBack),
        Alternative,
        "M45.A6",
        t(
            "Non-radiographic axial spondyloarthritis, lumbar region",
            "Espondiloartritis axial no radiográfica, región lumbar",
        ),
        t(
            "inflammatory back pain criteria are met",
            "se cumplen criterios de dolor de espalda inflamatorio",
        ),
    )
    .only(t(
        "only if a rheumatologist confirms axial spondyloarthritis",
        "solo si un reumatólogo confirma la espondiloartritis axial",
    )),
    icd(
        When::Pattern(P::Inflammatory, Always),
        Alternative,
        "M45.A0",
        t(
            "Non-radiographic axial spondyloarthritis, unspecified site",
            "Espondiloartritis axial no radiográfica, localización no especificada",
        ),
        t(
            "inflammatory back pain criteria are met",
            "se cumplen criterios de dolor de espalda inflamatorio",
        ),
    )
    .only(t(
        "only if a rheumatologist confirms axial spondyloarthritis and the site is not specified",
        "solo si un reumatólogo confirma la espondiloartritis axial y no se especifica la localización",
    )),
    // ---- Thoracic (postural) pain ----
    icd(
        When::Pattern(P::ThoracicPostural, Always),
        Primary,
        "M54.6",
        M54_6,
        THORACIC,
    ),
    // ---- Possible osteoporotic vertebral fracture ----
    icd(
        When::Pattern(P::OsteoporoticFracture, LowBack),
        Primary,
        "M54.50",
        M54_50,
        LOW_BACK,
    ),
    icd(
        When::Pattern(P::OsteoporoticFracture, Thoracic),
        Primary,
        "M54.6",
        M54_6,
        THORACIC,
    ),
    icd(
        When::Pattern(P::OsteoporoticFracture, NoLongTermSteroids),
        Alternative,
        "M80.08XA",
        t(
            "Age-related osteoporosis with current vertebral fracture, initial encounter",
            "Osteoporosis senil con fractura vertebral actual, primer contacto",
        ),
        t(
            "risk factors for thin bones and pain that fits a spinal fracture",
            "factores de riesgo de huesos frágiles y un dolor compatible con una fractura vertebral",
        ),
    )
    .only(t(
        "only if imaging confirms a vertebral fracture in age-related osteoporosis; A = first encounter for it; replaces the pain code",
        "solo si una prueba de imagen confirma una fractura vertebral en una osteoporosis senil; A = primer contacto por ella; sustituye al código de dolor",
    )),
    // Steroid-induced osteoporosis is "other osteoporosis" (M80.8-, which includes
    // drug-induced osteoporosis), not age-related (M80.0-); M80.8 asks for an additional
    // code naming the drug's adverse effect (T36-T50 with 5th or 6th character 5).
    icd(
        When::Pattern(P::OsteoporoticFracture, LongTermSteroids),
        Alternative,
        "M80.88XA",
        t(
            "Other osteoporosis with current vertebral fracture, initial encounter",
            "Otra osteoporosis con fractura vertebral actual, primer contacto",
        ),
        t(
            "long-term steroid tablets and pain that fits a spinal fracture",
            "corticoides en pastillas durante mucho tiempo y un dolor compatible con una fractura vertebral",
        ),
    )
    .only(t(
        "only if imaging confirms a vertebral fracture, with T38.0X5A; A = first encounter for it; replaces the pain code",
        "solo si una prueba de imagen confirma una fractura vertebral, junto con T38.0X5A; A = primer contacto por ella; sustituye al código de dolor",
    )),
    icd(
        When::Pattern(P::OsteoporoticFracture, LongTermSteroids),
        Alternative,
        "T38.0X5A",
        t(
            "Adverse effect of glucocorticoids (steroids), initial encounter",
            "Efecto adverso de glucocorticoides (corticoides), primer contacto",
        ),
        t(
            "long-term steroid tablets can thin the bones",
            "tomar corticoides en pastillas durante mucho tiempo puede debilitar los huesos",
        ),
    )
    .only(t(
        "only with M80.88XA, listed after it, when the clinician judges the steroids caused the osteoporosis",
        "solo con M80.88XA, después de él, cuando el clínico considera que los corticoides causaron la osteoporosis",
    )),
];

const MRI_LUMBAR: Text = t(
    "MRI of the lumbar spine, without contrast",
    "Resonancia de columna lumbar, sin contraste",
);
const MRI_THORACIC: Text = t(
    "MRI of the thoracic spine, without contrast",
    "Resonancia de columna dorsal, sin contraste",
);
const WHOLE_SPINE: Text = t(
    "MRI of the whole spine (neck, mid back and low back) for possible cancer pressing on the spinal cord or nerves",
    "resonancia de toda la columna (cuello, espalda media y zona lumbar) por posible cáncer que presiona la médula o los nervios",
);

const EVALUATION: Text = t(
    "a physiotherapy assessment comes before treatment",
    "una valoración de fisioterapia va antes del tratamiento",
);
const EVALUATION_CHOICE: Text = t(
    "use one of 97161, 97162 or 97163: the physiotherapist picks the complexity from the history and examination; the STarT Back group does not decide it",
    "use uno de 97161, 97162 o 97163: el fisioterapeuta elige la complejidad según la historia y la exploración; el grupo de STarT Back no la decide",
);
/// Medium and high STarT Back risk: more support added to exercise (NICE NG59 1.1.3).
/// Exercise therapy (97110) comes with every physiotherapy plan, so manual therapy never
/// appears without it.
const MORE_SUPPORT: &[Risk] = &[Medium, High];

/// CPT rows. Physiotherapy rows never fire at the emergency level; imaging rows fire only
/// for red flags (NICE NG59 1.1.4, QS155 statement 2).
pub static CPT: &[Row] = &[
    // ---- Imaging: only for definite red flags at the urgent or emergency level ----
    cpt(
        When::RedFlag(RedFlag::CaudaEquina, Region::Any),
        Primary,
        "72148",
        MRI_LUMBAR,
        t(
            "emergency MRI for suspected cauda equina syndrome",
            "resonancia urgente por sospecha de síndrome de cola de caballo",
        ),
    ),
    // ---- Suspected metastatic spinal cord compression: MRI of the whole spine, because
    // metastases are often at more than one level and may not be where it hurts (NICE
    // NG234, 2023). ----
    cpt(
        When::RedFlag(RedFlag::CancerWithNeurology, Region::Any),
        Primary,
        "72141",
        t(
            "MRI of the cervical spine (neck), without contrast",
            "Resonancia de columna cervical (cuello), sin contraste",
        ),
        WHOLE_SPINE,
    ),
    cpt(
        When::RedFlag(RedFlag::CancerWithNeurology, Region::Any),
        Primary,
        "72146",
        MRI_THORACIC,
        WHOLE_SPINE,
    ),
    cpt(
        When::RedFlag(RedFlag::CancerWithNeurology, Region::Any),
        Primary,
        "72148",
        MRI_LUMBAR,
        WHOLE_SPINE,
    ),
    cpt(
        When::RedFlag(RedFlag::Infection, Region::Lumbar),
        Primary,
        "72148",
        MRI_LUMBAR,
        t(
            "MRI for possible spinal infection",
            "resonancia por posible infección de la columna",
        ),
    )
    .only(t(
        "the radiologist may add contrast (72158) for suspected infection",
        "el radiólogo puede añadir contraste (72158) si se sospecha infección",
    )),
    cpt(
        When::RedFlag(RedFlag::Infection, Region::Thoracic),
        Primary,
        "72146",
        MRI_THORACIC,
        t(
            "MRI for possible spinal infection, with mid or upper back pain",
            "resonancia por posible infección de la columna, con dolor en la espalda media o alta",
        ),
    ),
    cpt(
        When::RedFlag(RedFlag::Fracture, Region::Lumbar),
        Primary,
        "72100",
        t(
            "X-ray of the lumbosacral spine, 2 or 3 views",
            "Radiografía de columna lumbosacra, 2 o 3 proyecciones",
        ),
        t(
            "X-ray for a possible broken bone in the spine",
            "radiografía por posible fractura de columna",
        ),
    )
    .only(t(
        "after a major injury the emergency team may choose CT instead",
        "tras una lesión grave, el equipo de urgencias puede elegir un TAC en su lugar",
    )),
    cpt(
        When::RedFlag(RedFlag::Fracture, Region::Thoracic),
        Primary,
        "72070",
        t(
            "X-ray of the thoracic spine, 2 views",
            "Radiografía de columna dorsal, 2 proyecciones",
        ),
        t(
            "X-ray for a possible broken bone in the mid or upper back",
            "radiografía por posible fractura en la espalda media o alta",
        ),
    )
    .only(t(
        "after a major injury the emergency team may choose CT instead",
        "tras una lesión grave, el equipo de urgencias puede elegir un TAC en su lugar",
    )),
    // ---- Physiotherapy evaluation: one of three codes, by complexity. The physiotherapist
    // sets the complexity from the history (personal factors, other conditions), the
    // examination and how stable the presentation is (the CPT evaluation codes since 2017), not
    // from the STarT Back group, so all three are offered with that note. ----
    cpt(
        When::Physio,
        Primary,
        "97161",
        t(
            "Physiotherapy evaluation, low complexity",
            "Evaluación de fisioterapia, complejidad baja",
        ),
        EVALUATION,
    )
    .only(EVALUATION_CHOICE),
    cpt(
        When::Physio,
        Primary,
        "97162",
        t(
            "Physiotherapy evaluation, moderate complexity",
            "Evaluación de fisioterapia, complejidad moderada",
        ),
        EVALUATION,
    )
    .only(EVALUATION_CHOICE),
    cpt(
        When::Physio,
        Primary,
        "97163",
        t(
            "Physiotherapy evaluation, high complexity",
            "Evaluación de fisioterapia, complejidad alta",
        ),
        EVALUATION,
    )
    .only(EVALUATION_CHOICE),
    // ---- Treatment ----
    cpt(
        When::Physio,
        Primary,
        "97110",
        t(
            "Exercise therapy for strength, endurance, movement and flexibility, one to one, per 15 minutes",
            "Ejercicio terapéutico de fuerza, resistencia, movilidad y flexibilidad, individual, cada 15 minutos",
        ),
        t(
            "exercise is the core treatment for back pain (NICE NG59)",
            "el ejercicio es el tratamiento principal del dolor de espalda (NICE NG59)",
        ),
    ),
    cpt(
        When::Rehab(MORE_SUPPORT),
        Primary,
        "97530",
        t(
            "Practising everyday movements and tasks with a therapist, per 15 minutes",
            "Práctica de movimientos y tareas cotidianas con un terapeuta, cada 15 minutos",
        ),
        t(
            "getting back to daily activities and work",
            "volver a las actividades diarias y al trabajo",
        ),
    ),
    cpt(
        When::Rehab(MORE_SUPPORT),
        Primary,
        "97140",
        t(
            "Hands-on therapy (mobilisation, manipulation or soft-tissue work), per 15 minutes",
            "Terapia manual (movilización, manipulación o tejidos blandos), cada 15 minutos",
        ),
        t(
            "more support: manual therapy may be added to exercise (NICE NG59 1.1.3)",
            "más apoyo: se puede añadir terapia manual al ejercicio (NICE NG59 1.1.3)",
        ),
    )
    .only(t(
        "only together with exercise, never on its own (NICE NG59)",
        "solo junto con ejercicio, nunca sola (NICE NG59)",
    )),
    cpt(
        When::Physio,
        Alternative,
        "97150",
        t(
            "Therapy or exercise in a group session",
            "Terapia o ejercicio en sesión de grupo",
        ),
        t(
            "NICE NG59 suggests a group exercise programme",
            "NICE NG59 propone un programa de ejercicio en grupo",
        ),
    )
    .only(t(
        "if the person joins a supervised group exercise programme",
        "si la persona se une a un programa de ejercicio en grupo supervisado",
    )),
    // ---- Remote therapeutic monitoring, for an app-supported programme ----
    cpt(
        When::Physio,
        Alternative,
        "98975",
        t(
            "Setting up remote therapeutic monitoring and teaching its use, once per episode",
            "Puesta en marcha de la monitorización terapéutica remota y enseñanza de su uso, una vez por episodio",
        ),
        t(
            "the exercise programme can be followed in an app",
            "el programa de ejercicio se puede seguir en una aplicación",
        ),
    )
    .only(t(
        "an option only if the clinician monitors an app-supported programme that meets the payer's remote monitoring rules",
        "una opción solo si el clínico supervisa un programa con aplicación que cumple las reglas de monitorización remota del pagador",
    ))
    .from(RTM_SOURCE),
    cpt(
        When::Physio,
        Alternative,
        "98977",
        t(
            "Remote monitoring device supply for muscles and joints, 16 to 30 days in 30",
            "Dispositivo de monitorización remota de músculos y articulaciones, 16 a 30 días de cada 30",
        ),
        t(
            "the exercise programme can be followed in an app",
            "el programa de ejercicio se puede seguir en una aplicación",
        ),
    )
    .only(t(
        "an option only with 98975, when the app records data on at least 16 days in 30",
        "una opción solo con 98975, cuando la aplicación registra datos al menos 16 días de cada 30",
    ))
    .from(RTM_SOURCE),
];
