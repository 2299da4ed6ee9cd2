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
use Risk::{High, Low, Medium, Unknown};

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
    // ---- Radicular pain (sciatica). Both legs: code each side (ICD-10-CM guideline I.B.13) ----
    icd(
        When::Pattern(P::Radicular, LegRight),
        Primary,
        "M54.41",
        t(
            "Lumbago with sciatica, right side",
            "Lumbago con ciática, lado derecho",
        ),
        t(
            "pain runs down the right leg",
            "el dolor baja por la pierna derecha",
        ),
    ),
    icd(
        When::Pattern(P::Radicular, LegLeft),
        Primary,
        "M54.42",
        t(
            "Lumbago with sciatica, left side",
            "Lumbago con ciática, lado izquierdo",
        ),
        t(
            "pain runs down the left leg",
            "el dolor baja por la pierna izquierda",
        ),
    ),
    icd(
        When::Pattern(P::Radicular, LegSideUnknown),
        Primary,
        "M54.40",
        t(
            "Lumbago with sciatica, unspecified side",
            "Lumbago con ciática, lado no especificado",
        ),
        t(
            "pain runs down a leg; the side was not given",
            "el dolor baja por una pierna; no se indicó el lado",
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
        "instead of M54.4-, if the examination shows a lumbar nerve root problem (radiculopathy) and no disc disorder is coded (M51.1- excludes it)",
        "en lugar de M54.4-, si la exploración muestra afectación de una raíz nerviosa lumbar (radiculopatía) y no se codifica un trastorno discal (M51.1- lo excluye)",
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
        When::Pattern(P::OsteoporoticFracture, Always),
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
        "only if imaging confirms a vertebral fracture; A = first encounter for it; replaces the pain code",
        "solo si una prueba de imagen confirma una fractura vertebral; A = primer contacto por ella; sustituye al código de dolor",
    )),
];

/// Exercise therapy: every rehabilitation programme has it, so manual therapy never
/// appears without it.
const EVERY_RISK: &[Risk] = &[Low, Medium, High, Unknown];
const MORE_SUPPORT: &[Risk] = &[Medium, High];

/// CPT rows. Physiotherapy rows never fire at the emergency level; imaging rows fire only
/// for red flags (NICE NG59 1.1.4, QS155 statement 2).
pub static CPT: &[Row] = &[
    // ---- Imaging: only for definite red flags at the urgent or emergency level ----
    cpt(
        When::RedFlag(RedFlag::CaudaEquina, Region::Any),
        Primary,
        "72148",
        t(
            "MRI of the lumbar spine, without contrast",
            "Resonancia de columna lumbar, sin contraste",
        ),
        t(
            "emergency MRI for suspected cauda equina syndrome",
            "resonancia urgente por sospecha de síndrome de cola de caballo",
        ),
    ),
    cpt(
        When::RedFlag(RedFlag::CancerWithNeurology, Region::Lumbar),
        Primary,
        "72148",
        t(
            "MRI of the lumbar spine, without contrast",
            "Resonancia de columna lumbar, sin contraste",
        ),
        t(
            "MRI for possible cancer pressing on the spinal cord or nerves",
            "resonancia por posible cáncer que presiona la médula o los nervios",
        ),
    ),
    cpt(
        When::RedFlag(RedFlag::Infection, Region::Lumbar),
        Primary,
        "72148",
        t(
            "MRI of the lumbar spine, without contrast",
            "Resonancia de columna lumbar, sin contraste",
        ),
        t(
            "MRI for possible spinal infection",
            "resonancia por posible infección de la columna",
        ),
    )
    .only(t(
        "the radiologist may add contrast (72158) for suspected infection",
        "el radiólogo puede añadir contraste (72158) si se sospecha infección",
    )),
    // 72146 (thoracic MRI without contrast) is marked [U] (unverified) in the clinical
    // reference §6.4: verify the number against the current CPT code set before relying on it.
    cpt(
        When::RedFlag(RedFlag::CancerWithNeurology, Region::Thoracic),
        Primary,
        "72146",
        t(
            "MRI of the thoracic spine, without contrast",
            "Resonancia de columna dorsal, sin contraste",
        ),
        t(
            "MRI for possible cancer pressing on the spinal cord, with mid or upper back pain",
            "resonancia por posible cáncer que presiona la médula, con dolor en la espalda media o alta",
        ),
    ),
    // 72146: unverified in the clinical reference, as above.
    cpt(
        When::RedFlag(RedFlag::Infection, Region::Thoracic),
        Primary,
        "72146",
        t(
            "MRI of the thoracic spine, without contrast",
            "Resonancia de columna dorsal, sin contraste",
        ),
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
    // 72070 (thoracic X-ray, 2 views) is marked [U] (unverified) in the clinical reference §6.4.
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
    // ---- Physiotherapy evaluation, by STarT Back risk group (NICE NG59 1.1.2-1.1.3) ----
    cpt(
        When::Rehab(&[Low]),
        Primary,
        "97161",
        t(
            "Physiotherapy evaluation, low complexity",
            "Evaluación de fisioterapia, complejidad baja",
        ),
        t(
            "advice, reassurance and self-management",
            "consejo, tranquilidad y autocuidado",
        ),
    )
    .only(t(
        "if the person sees a physiotherapist; low risk often needs only advice and a self-management plan",
        "si la persona acude a fisioterapia; el riesgo bajo a menudo solo necesita consejo y un plan de autocuidado",
    )),
    cpt(
        When::Rehab(&[Medium]),
        Primary,
        "97162",
        t(
            "Physiotherapy evaluation, moderate complexity",
            "Evaluación de fisioterapia, complejidad moderada",
        ),
        t(
            "a physiotherapy programme with exercise",
            "un programa de fisioterapia con ejercicio",
        ),
    ),
    cpt(
        When::Rehab(&[High]),
        Primary,
        "97163",
        t(
            "Physiotherapy evaluation, high complexity",
            "Evaluación de fisioterapia, complejidad alta",
        ),
        t(
            "physiotherapy that also addresses worries and beliefs about pain",
            "fisioterapia que también aborda las preocupaciones y creencias sobre el dolor",
        ),
    ),
    // ---- Treatment ----
    cpt(
        When::Rehab(EVERY_RISK),
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
        When::Rehab(EVERY_RISK),
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
        When::Rehab(EVERY_RISK),
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
        When::Rehab(EVERY_RISK),
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
