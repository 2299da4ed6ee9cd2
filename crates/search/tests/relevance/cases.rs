//! The relevance test set, shared with the benchmark (`benches/search.rs`).

use backcare_search::Lang;

/// (what is typed, language filter, article expected in the top 3).
pub const CASES: &[(&str, Option<Lang>, &str)] = &[
    // English: conditions, with everyday words and typos.
    ("sciatica", Some(Lang::En), "slipped-disc-and-sciatica"),
    ("sciatca", Some(Lang::En), "slipped-disc-and-sciatica"),
    ("slipped disc", Some(Lang::En), "slipped-disc-and-sciatica"),
    (
        "herniated disc leg pain",
        Some(Lang::En),
        "slipped-disc-and-sciatica",
    ),
    ("pinched nerve", Some(Lang::En), "slipped-disc-and-sciatica"),
    (
        "excercises for sciatica",
        Some(Lang::En),
        "slipped-disc-and-sciatica",
    ),
    ("spinal stenosis", Some(Lang::En), "spinal-stenosis"),
    ("stenossis", Some(Lang::En), "spinal-stenosis"),
    (
        "legs heavy when walking, better sitting",
        Some(Lang::En),
        "spinal-stenosis",
    ),
    ("lumbago", Some(Lang::En), "muscle-spasm"),
    (
        "osteoporosis fracture",
        Some(Lang::En),
        "osteoporosis-and-spine-fractures",
    ),
    (
        "ankylosing spondylitis",
        Some(Lang::En),
        "inflammatory-back-pain",
    ),
    (
        "morning stiffness",
        Some(Lang::En),
        "inflammatory-back-pain",
    ),
    ("facet joint arthritis", Some(Lang::En), "facet-joint-pain"),
    ("muscle spasm", Some(Lang::En), "muscle-spasm"),
    (
        "pain between the shoulder blades",
        Some(Lang::En),
        "upper-back-pain",
    ),
    ("hurt my back lifting", Some(Lang::En), "lifting-strain"),
    // English: what to do.
    (
        "back pain pregnancy",
        Some(Lang::En),
        "back-pain-in-pregnancy",
    ),
    ("pregnant", Some(Lang::En), "back-pain-in-pregnancy"),
    // Worries that are warning signs: the red-flags article (issue 14).
    (
        "is it my heart",
        Some(Lang::En),
        "red-flags-when-to-get-help",
    ),
    ("heart attack", Some(Lang::En), "red-flags-when-to-get-help"),
    ("chest pain", Some(Lang::En), "red-flags-when-to-get-help"),
    (
        "¿es el corazón?",
        Some(Lang::Es),
        "red-flags-when-to-get-help",
    ),
    ("infarto", Some(Lang::Es), "red-flags-when-to-get-help"),
    (
        "dolor en el pecho",
        Some(Lang::Es),
        "red-flags-when-to-get-help",
    ),
    (
        "when to go to the emergency department",
        Some(Lang::En),
        "red-flags-when-to-get-help",
    ),
    ("cauda equina", Some(Lang::En), "red-flags-when-to-get-help"),
    ("bed rest", Some(Lang::En), "stay-active-not-bed-rest"),
    ("MRI scan", Some(Lang::En), "imaging-x-ray-and-mri"),
    (
        "do I need an x-ray",
        Some(Lang::En),
        "imaging-x-ray-and-mri",
    ),
    ("painkillers", Some(Lang::En), "pain-medicines"),
    ("ibuprofen", Some(Lang::En), "pain-medicines"),
    (
        "mattress sleeping position",
        Some(Lang::En),
        "sleep-and-back-pain",
    ),
    (
        "lifting heavy objects safely",
        Some(Lang::En),
        "lifting-safely",
    ),
    (
        "desk chair posture",
        Some(Lang::En),
        "desk-posture-and-breaks",
    ),
    (
        "return to work",
        Some(Lang::En),
        "work-and-returning-to-work",
    ),
    ("fear of movement", Some(Lang::En), "thoughts-fear-and-mood"),
    ("ICD-10 code", Some(Lang::En), "diagnosis-and-billing-codes"),
    (
        "Oswestry score",
        Some(Lang::En),
        "understanding-your-scores",
    ),
    ("spine surgery", Some(Lang::En), "spine-surgery"),
    (
        "physiotherapy",
        Some(Lang::En),
        "physiotherapy-and-manual-therapy",
    ),
    (
        "chiropractor",
        Some(Lang::En),
        "physiotherapy-and-manual-therapy",
    ),
    (
        "teenager back pain",
        Some(Lang::En),
        "back-pain-in-children-and-teens",
    ),
    ("smoking", Some(Lang::En), "smoking-and-weight"),
    ("flare-up", Some(Lang::En), "flare-up-plan"),
    ("pacing", Some(Lang::En), "pacing-and-goal-setting"),
    ("myths", Some(Lang::En), "back-pain-myths"),
    ("walking", Some(Lang::En), "walking-for-back-pain"),
    (
        "strengthening exercises",
        Some(Lang::En),
        "stretching-strengthening-stability",
    ),
    ("older adults", Some(Lang::En), "back-pain-in-older-adults"),
    // Spanish: with and without accents, typos, everyday words.
    (
        "ciatica ejercicios",
        Some(Lang::Es),
        "slipped-disc-and-sciatica",
    ),
    ("ciática", Some(Lang::Es), "slipped-disc-and-sciatica"),
    ("hernia discal", Some(Lang::Es), "slipped-disc-and-sciatica"),
    ("ciatca", Some(Lang::Es), "slipped-disc-and-sciatica"),
    ("esteonsis", Some(Lang::Es), "spinal-stenosis"),
    ("estenosis de canal", Some(Lang::Es), "spinal-stenosis"),
    (
        "columna fractura osteoporosis",
        Some(Lang::Es),
        "osteoporosis-and-spine-fractures",
    ),
    (
        "dolor de espalda embarazo",
        Some(Lang::Es),
        "back-pain-in-pregnancy",
    ),
    ("embarazada", Some(Lang::Es), "back-pain-in-pregnancy"),
    ("lumbago", Some(Lang::Es), "muscle-spasm"),
    (
        "señales de alarma",
        Some(Lang::Es),
        "red-flags-when-to-get-help",
    ),
    ("reposo en cama", Some(Lang::Es), "stay-active-not-bed-rest"),
    (
        "resonancia magnetica",
        Some(Lang::Es),
        "imaging-x-ray-and-mri",
    ),
    ("radiografia", Some(Lang::Es), "imaging-x-ray-and-mri"),
    (
        "medicamentos para el dolor",
        Some(Lang::Es),
        "pain-medicines",
    ),
    ("colchon dormir", Some(Lang::Es), "sleep-and-back-pain"),
    (
        "espondiloartritis",
        Some(Lang::Es),
        "inflammatory-back-pain",
    ),
    ("levantar peso", Some(Lang::Es), "lifting-safely"),
    ("contractura", Some(Lang::Es), "muscle-spasm"),
    (
        "postura escritorio",
        Some(Lang::Es),
        "desk-posture-and-breaks",
    ),
    (
        "volver al trabajo",
        Some(Lang::Es),
        "work-and-returning-to-work",
    ),
    ("miedo a moverse", Some(Lang::Es), "thoughts-fear-and-mood"),
    (
        "codigos de diagnostico",
        Some(Lang::Es),
        "diagnosis-and-billing-codes",
    ),
    (
        "dolor entre los omoplatos",
        Some(Lang::Es),
        "upper-back-pain",
    ),
    ("cirujano de columna", Some(Lang::Es), "spine-surgery"),
    (
        "fisioterapeuta",
        Some(Lang::Es),
        "physiotherapy-and-manual-therapy",
    ),
    (
        "niños adolescentes",
        Some(Lang::Es),
        "back-pain-in-children-and-teens",
    ),
    ("fumar", Some(Lang::Es), "smoking-and-weight"),
    ("crisis de dolor", Some(Lang::Es), "flare-up-plan"),
    ("caminar", Some(Lang::Es), "walking-for-back-pain"),
    (
        "personas mayores",
        Some(Lang::Es),
        "back-pain-in-older-adults",
    ),
    ("artrosis facetaria", Some(Lang::Es), "facet-joint-pain"),
    // No language given: either language may answer.
    ("fisioterapia", None, "physiotherapy-and-manual-therapy"),
    ("osteoporsis", None, "osteoporosis-and-spine-fractures"),
    ("embarazo", None, "back-pain-in-pregnancy"),
    ("sciatica", None, "slipped-disc-and-sciatica"),
];
