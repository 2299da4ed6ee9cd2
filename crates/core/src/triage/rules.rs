//! The triage rule table: every red-flag rule backcare applies, in one place.
//!
//! A clinician reviews this file (or `backcare rules`, which prints it as Markdown) rather
//! than reading code. Each row says when it fires, how urgent that is, what to do and the
//! source it follows: the guideline or paper itself, so a reviewer can follow it
//! (`docs/clinical-evidence.md` gives the full references).
//!
//! Conventions:
//! - `if_unsure` is the level when the deciding answer is "don't know" or missing. For a
//!   red flag it is at most one step lower than `level`, so a skipped question escalates.
//!   It is `None` only where a person cannot fail to know the fact (for example a major
//!   injury) or where another rule already escalates the same unknown answer.
//! - Conditions never negate a fact; see `triage` for why.
//! - Age cut-offs are the cited source's; where a rule uses another, its source says why.
//! - Pain of 7 or more out of 10 counts as severe: NRS 7-10 is the "severe" band of
//!   Serlin et al., Pain 1995;61:277-84, and of the SNOMED CT pain-severity codes.

use super::Activity::*;
use super::Cond::{All, Always, Any, AtLeast, Is};
use super::Fact::*;
use super::Family::*;
use super::Level::*;
use super::{Cond, Rule};
use crate::lang::{Text, t};

/// ASAS criteria for inflammatory back pain (Sieper et al., Ann Rheum Dis 2009;68:784-8):
/// onset before 40, insidious onset, better with exercise, not better with rest, night
/// pain easing on getting up. Inflammatory back pain if at least 4 of 5.
pub const ASAS_IBP: &[Cond] = &[
    Is(OnsetAgeUnder(40)),
    Is(OnsetGradual),
    Is(Better(Exercise)),
    Is(NotBetter(Rest)),
    Is(WakesSecondHalfOfNight),
];

/// Berlin criteria (Rudwaleit et al. 2006), for people under 50 with chronic back pain:
/// morning stiffness over 30 minutes, better with exercise but not rest, waking in the
/// second half of the night, alternating buttock pain. At least 2 of 4.
pub const BERLIN_IBP: &[Cond] = &[
    Is(MorningStiffnessOver(30)),
    All(&[Is(Better(Exercise)), Is(NotBetter(Rest))]),
    Is(WakesSecondHalfOfNight),
    Is(AlternatingButtockPain),
];

/// Infection risk factors (Yusuf et al., BMC Musculoskelet Disord 2019; Davis et al.,
/// Am J Emerg Med 2020): immunosuppression, injected drugs, a recent spinal procedure, a
/// recent bacterial infection.
const INFECTION_RISK: Cond = Any(&[
    Is(InjectedDrugUse),
    Is(Immunosuppression),
    Is(RecentSpinalProcedure),
    Is(RecentBacterialInfection),
]);

/// Signs that nerves in the spine are under pressure.
const NEURO_SIGNS: Cond = Any(&[
    Is(WeaknessAny),
    Is(WalkingDifficulty),
    Is(NumbOrTingling),
    Is(BilateralLegSymptoms),
]);

const CES_SOURCE: Text = t(
    "NICE NG59 1.1.1; GIRFT National Suspected Cauda Equina Syndrome Pathway v2 (2023); BMJ Best Practice (a secondary summary): cauda equina syndrome",
    "NICE NG59 1.1.1; GIRFT National Suspected Cauda Equina Syndrome Pathway v2 (2023); BMJ Best Practice (un resumen secundario): cauda equina syndrome",
);

/// Every triage rule, grouped by family. Order within a level is the order shown.
pub static RULES: &[Rule] = &[
    // ---- Non-spinal emergencies that present as back pain ----
    Rule {
        id: "NS-HEART",
        family: NonSpinal,
        level: Emergency,
        if_unsure: Some(Urgent),
        when: Any(&[
            Is(ChestPain),
            All(&[Is(UpperBackPain), Any(&[Is(Breathlessness), Is(Sweating)])]),
        ]),
        concern: t("a heart attack", "un infarto (ataque al corazón)"),
        advice: t(
            "Call your emergency number now. Chest pain or pressure, or upper back pain with breathlessness or a cold sweat, can be a heart attack. Say: \"I have chest pain (or pain between my shoulder blades) and I am short of breath or sweating.\" Sit down and rest while you wait. Do not drive.",
            "Llame ahora a su número de emergencias. El dolor o la presión en el pecho, o el dolor en la parte alta de la espalda con falta de aire o sudor frío, pueden ser un infarto. Diga: \"Tengo dolor en el pecho (o entre los omóplatos) y me falta el aire o estoy sudando\". Siéntese y descanse mientras espera. No conduzca.",
        ),
        source: t(
            "NICE CG95 Recent-onset chest pain of suspected cardiac origin (2010, updated 2016): chest pain with breathlessness, sweating or pain to the back",
            "NICE CG95 Recent-onset chest pain of suspected cardiac origin (2010, actualizada en 2016): dolor en el pecho con falta de aire, sudor o dolor que llega a la espalda",
        ),
    },
    Rule {
        id: "NS-HEART-RISK",
        family: NonSpinal,
        level: Emergency,
        if_unsure: Some(Urgent),
        // Recent and severe: sudden pain that began weeks or years ago, or is mild, is not
        // a heart attack or a dissection, and sending it to an emergency department helps no one.
        when: All(&[
            Is(AgeOver(50)),
            Is(OnsetSudden),
            Is(DurationUnderDays(2)),
            Is(PainAtLeast(7)),
            Is(UpperBackPain),
            Any(&[Is(Smoking), Is(Hypertension), Is(Diabetes)]),
        ]),
        concern: t(
            "a heart attack or a tear in the aorta",
            "un infarto o un desgarro de la aorta",
        ),
        advice: t(
            "Call your emergency number now. Sudden, severe pain between the shoulder blades that began in the last 2 days, with no injury, can come from the heart or the aorta, even without chest pain. This is more likely if you are over 50 and smoke or have high blood pressure or diabetes. Say: \"I have sudden severe pain between my shoulder blades.\" Do not drive yourself.",
            "Llame ahora a su número de emergencias. Un dolor repentino y fuerte entre los omóplatos que empezó en los últimos 2 días, sin lesión, puede venir del corazón o de la aorta, aunque no duela el pecho. Es más probable si tiene más de 50 años y fuma o tiene la tensión alta o diabetes. Diga: \"Tengo un dolor repentino y fuerte entre los omóplatos\". No conduzca usted.",
        ),
        source: t(
            "NICE CG95 (2010, updated 2016): atypical presentations of acute coronary syndrome, commoner with diabetes and older age; NICE CKS Chest pain and ESC 2014 Guidelines on aortic diseases (dissection: sudden severe pain, hypertension). Over 50: backcare's own choice (no source sets an age for atypical heart pain), the same as the aneurysm rule's, lower than NICE NG156 (men 66 and over, women 70 and over), so that no one at risk is missed. Recent (under 2 days) and severe (NRS 7 or more; Serlin et al., Pain 1995) because these events cause new, severe pain, and stable long-standing pain is not an emergency",
            "NICE CG95 (2010, actualizada en 2016): formas atípicas de presentarse el síndrome coronario agudo, más frecuentes con diabetes y a más edad; NICE CKS Chest pain y ESC 2014 Guidelines on aortic diseases (disección: dolor intenso y repentino, tensión arterial alta). Más de 50 años: decisión propia de backcare (ninguna fuente fija una edad para el dolor de corazón atípico), la misma que en la regla del aneurisma, y más baja que la de NICE NG156 (hombres de 66 años o más, mujeres de 70 años o más), para no pasar por alto a nadie en riesgo. Reciente (menos de 2 días) e intenso (NRS 7 o más; Serlin et al., Pain 1995) porque estos problemas causan un dolor nuevo e intenso, y un dolor estable desde hace mucho tiempo no es una emergencia",
        ),
    },
    Rule {
        id: "NS-AORTA",
        family: NonSpinal,
        level: Emergency,
        if_unsure: Some(Urgent),
        when: Is(TearingPain),
        concern: t(
            "a tear in the body's main blood vessel (aortic dissection)",
            "un desgarro de la arteria principal del cuerpo (disección de aorta)",
        ),
        advice: t(
            "Call your emergency number now. Sudden, severe, tearing pain that goes through to the back can be a tear in the aorta, the body's main blood vessel. Say: \"I have sudden tearing pain going through to my back.\" Lie still and do not eat or drink.",
            "Llame ahora a su número de emergencias. Un dolor repentino, muy fuerte y como un desgarro que atraviesa hasta la espalda puede ser un desgarro de la aorta, la arteria principal del cuerpo. Diga: \"Tengo un dolor repentino como un desgarro que me llega a la espalda\". Quédese quieto y no coma ni beba.",
        ),
        source: t(
            "NICE CKS Chest pain; Erbel et al., 2014 ESC Guidelines on the diagnosis and treatment of aortic diseases, Eur Heart J 2014;35:2873-926",
            "NICE CKS Chest pain; Erbel et al., 2014 ESC Guidelines on the diagnosis and treatment of aortic diseases, Eur Heart J 2014;35:2873-926",
        ),
    },
    Rule {
        id: "NS-AAA-LUMP",
        family: NonSpinal,
        level: Emergency,
        if_unsure: Some(Urgent),
        when: Is(PulsingBellyLump),
        concern: t(
            "a swollen, leaking main blood vessel in the belly (aortic aneurysm)",
            "una arteria principal dilatada en la barriga que puede romperse (aneurisma de aorta)",
        ),
        advice: t(
            "Call your emergency number now. Back or belly pain with a lump that beats like a pulse can be a leaking aortic aneurysm. Say: \"I have back pain and a pulsing lump in my belly.\" Lie down and do not eat or drink.",
            "Llame ahora a su número de emergencias. El dolor de espalda o de barriga con un bulto que late puede ser un aneurisma de aorta que sangra. Diga: \"Tengo dolor de espalda y un bulto que late en la barriga\". Túmbese y no coma ni beba.",
        ),
        source: t(
            "NICE CKS Abdominal aortic aneurysm (pulsatile mass, symptomatic aneurysm: emergency admission); NICE NG156 Abdominal aortic aneurysm: diagnosis and management (2020)",
            "NICE CKS Abdominal aortic aneurysm (bulto que late, aneurisma con síntomas: ingreso de emergencia en el hospital); NICE NG156 Abdominal aortic aneurysm: diagnosis and management (2020)",
        ),
    },
    Rule {
        id: "NS-AAA-RISK",
        family: NonSpinal,
        level: Emergency,
        if_unsure: Some(Urgent),
        // Recent and severe, as for NS-HEART-RISK: a leak causes new, severe pain.
        when: All(&[
            Is(AgeOver(50)),
            Is(OnsetSudden),
            Is(DurationUnderDays(2)),
            Is(PainAtLeast(7)),
            Is(LowBackPain),
            Any(&[
                Is(Smoking),
                Is(SmokedBefore),
                Is(Hypertension),
                All(&[Is(Male), Is(AgeOver(65))]),
            ]),
        ]),
        concern: t(
            "a leaking aortic aneurysm",
            "un aneurisma de aorta que sangra",
        ),
        advice: t(
            "Call your emergency number or go to an emergency department now. Sudden, severe back pain that began in the last 2 days, with no injury, can come from the main blood vessel in the belly (aortic aneurysm). This is more likely in men over 65, and in people over 50 who smoke, used to smoke or have high blood pressure. Say: \"I am over 50 and have sudden severe back pain with no injury.\"",
            "Llame a su número de emergencias o vaya ahora a urgencias. Un dolor de espalda repentino y fuerte que empezó en los últimos 2 días, sin lesión, puede venir de la arteria principal de la barriga (aneurisma de aorta). Es más probable en hombres de más de 65 años, y en personas de más de 50 que fuman, han fumado o tienen la tensión alta. Diga: \"Tengo más de 50 años y un dolor de espalda repentino y muy fuerte sin haberme lesionado\".",
        ),
        source: t(
            "NICE CKS Abdominal aortic aneurysm (risk factors: older age, smoking, hypertension; a leak causes sudden severe back, flank or belly pain); NICE NG156 (2020). Over 50: backcare's own choice, lower than NICE NG156 (men 66 and over, women 70 and over), so that no one at risk is missed; men over 65 count as a risk on their own, as NG156 1.1.2 does, and so do people who used to smoke. Recent (under 2 days) and severe (NRS 7 or more; Serlin et al., Pain 1995)",
            "NICE CKS Abdominal aortic aneurysm (factores de riesgo: más edad, fumar, tensión arterial alta; una fuga causa un dolor repentino e intenso de espalda, de costado o de barriga); NICE NG156 (2020). Más de 50 años: decisión propia de backcare, más baja que la de NICE NG156 (hombres de 66 años o más, mujeres de 70 años o más), para no pasar por alto a nadie en riesgo; los hombres de más de 65 años cuentan como riesgo por sí solos, como hace NG156 1.1.2, y también las personas que fumaron en el pasado. Reciente (menos de 2 días) e intenso (NRS 7 o más; Serlin et al., Pain 1995)",
        ),
    },
    Rule {
        id: "NS-FAINT",
        family: NonSpinal,
        level: Emergency,
        if_unsure: Some(Urgent),
        when: Is(FeelingFaint),
        concern: t(
            "internal bleeding or a heart or blood-vessel problem",
            "una hemorragia interna o un problema del corazón o de los vasos",
        ),
        advice: t(
            "Call your emergency number now. Back pain with sudden faintness, collapse or passing out can mean internal bleeding, for example from the aorta. Lie down with your legs raised and do not stay alone. Say: \"I have back pain and I feel faint (or I passed out).\"",
            "Llame ahora a su número de emergencias. El dolor de espalda con sensación repentina de desmayo, caída sin fuerzas o pérdida del conocimiento puede indicar una hemorragia interna, por ejemplo de la aorta. Túmbese con las piernas en alto y no se quede solo. Diga: \"Tengo dolor de espalda y me siento desmayar (o me he desmayado)\".",
        ),
        source: t(
            "NICE CKS Abdominal aortic aneurysm (rupture: collapse, fainting, low blood pressure); NICE NG156 (2020)",
            "NICE CKS Abdominal aortic aneurysm (rotura: desplome, desmayo, tensión arterial baja); NICE NG156 (2020)",
        ),
    },
    Rule {
        id: "NS-BREATH",
        family: NonSpinal,
        level: Emergency,
        if_unsure: Some(Urgent),
        when: Is(Breathlessness),
        concern: t(
            "a blood clot in the lung or a heart problem",
            "un coágulo en el pulmón o un problema del corazón",
        ),
        advice: t(
            "Call your emergency number now. Sudden or new shortness of breath with back or chest pain can be a blood clot in the lung or a heart problem. Say: \"I have back pain and I am suddenly short of breath.\"",
            "Llame ahora a su número de emergencias. La falta de aire repentina o nueva con dolor de espalda o de pecho puede ser un coágulo en el pulmón o un problema del corazón. Diga: \"Tengo dolor de espalda y de repente me falta el aire\".",
        ),
        source: t(
            "NICE NG158 Venous thromboembolic diseases (2020: sudden breathlessness, pleuritic pain); NICE CG95",
            "NICE NG158 Venous thromboembolic diseases (2020: falta de aire repentina, dolor pleurítico, es decir, que aumenta al respirar); NICE CG95",
        ),
    },
    Rule {
        id: "NS-BELLY",
        family: NonSpinal,
        level: Emergency,
        if_unsure: Some(Urgent),
        when: Is(SevereBellyPain),
        concern: t(
            "a serious problem in the belly (pancreas, stomach or aorta)",
            "un problema grave en la barriga (páncreas, estómago o aorta)",
        ),
        advice: t(
            "Go to an emergency department now, or call your emergency number if you cannot get there safely. Severe belly pain that goes through to the back can come from the pancreas, a stomach ulcer or the aorta. Do not eat or drink until you are seen.",
            "Vaya ahora a urgencias, o llame a su número de emergencias si no puede llegar con seguridad. Un dolor fuerte de barriga que llega a la espalda puede venir del páncreas, de una úlcera de estómago o de la aorta. No coma ni beba hasta que le vean.",
        ),
        source: t(
            "NICE CKS Abdominal aortic aneurysm; NICE NG104 Pancreatitis (2018); BMJ Best Practice (a secondary summary): perforated peptic ulcer (severe epigastric pain through to the back)",
            "NICE CKS Abdominal aortic aneurysm; NICE NG104 Pancreatitis (2018); BMJ Best Practice (un resumen secundario): perforated peptic ulcer (dolor intenso en la boca del estómago que atraviesa hasta la espalda)",
        ),
    },
    Rule {
        id: "NS-SWEAT",
        family: NonSpinal,
        level: Urgent,
        if_unsure: None, // NS-HEART escalates an unknown cold sweat with upper back pain.
        when: Is(Sweating),
        concern: t(
            "an illness that is not a back problem",
            "una enfermedad que no es un problema de espalda",
        ),
        advice: t(
            "See a doctor today. A cold sweat with back pain is not usual for a simple back problem; it can come from the heart, the kidneys or an infection. If you also get chest pain, breathlessness or feel faint, call your emergency number.",
            "Vea a un médico hoy. El sudor frío con dolor de espalda no es normal en un problema simple de espalda; puede venir del corazón, de los riñones o de una infección. Si además tiene dolor en el pecho, falta de aire o se siente desmayar, llame a su número de emergencias.",
        ),
        source: t(
            "NICE CG95 (sweating with pain as a cardiac feature); NICE NG111 Pyelonephritis (acute) (2018)",
            "NICE CG95 (sudor con el dolor como rasgo de un problema del corazón); NICE NG111 Pyelonephritis (acute) (2018)",
        ),
    },
    Rule {
        id: "NS-KIDNEY",
        family: NonSpinal,
        level: Urgent,
        if_unsure: None, // Fever and urinary questions are escalated by their own rules.
        when: Is(UrinarySymptoms),
        concern: t(
            "a kidney or bladder infection, or a kidney stone",
            "una infección de riñón o de vejiga, o una piedra en el riñón",
        ),
        advice: t(
            "See a doctor today and take a urine sample if you can. Back or side pain with burning or frequent urination can be a kidney infection or a kidney stone, which need treatment the same day. If you have a high fever, shaking or feel very unwell, go to an emergency department.",
            "Vea a un médico hoy y lleve una muestra de orina si puede. El dolor de espalda o de costado con escozor al orinar u orinar muy a menudo puede ser una infección de riñón o una piedra en el riñón, que necesitan tratamiento el mismo día. Si tiene fiebre alta, tiritona o se encuentra muy mal, vaya a urgencias.",
        ),
        source: t(
            "NICE NG111 Pyelonephritis (acute): antimicrobial prescribing (2018); NICE CKS Pyelonephritis - acute; NICE CKS Renal or ureteric colic - acute",
            "NICE NG111 Pyelonephritis (acute): antimicrobial prescribing (2018); NICE CKS Pyelonephritis - acute; NICE CKS Renal or ureteric colic - acute",
        ),
    },
    Rule {
        id: "NS-KIDNEY-FEVER",
        family: NonSpinal,
        level: Emergency,
        if_unsure: Some(Urgent),
        when: All(&[
            Is(Fever),
            Any(&[
                Is(ColickySidePain),
                All(&[Is(UrinarySymptoms), Is(FeelingFaint)]),
            ]),
        ]),
        concern: t(
            "a blocked, infected kidney",
            "un riñón obstruido e infectado",
        ),
        advice: t(
            "Go to an emergency department now. Waves of severe pain in the side with a fever can mean a kidney stone blocking an infected kidney, which needs hospital treatment now. Say: \"I have pain in waves in my side and a fever.\"",
            "Vaya ahora a urgencias de un hospital. El dolor fuerte a oleadas en el costado con fiebre puede indicar una piedra que bloquea un riñón infectado, y necesita tratamiento en el hospital ahora. Diga: \"Tengo dolor a oleadas en el costado y fiebre\".",
        ),
        source: t(
            "NICE CKS Renal or ureteric colic - acute (colic with fever or signs of infection: immediate admission); NICE NG111 (2018)",
            "NICE CKS Renal or ureteric colic - acute (cólico con fiebre o signos de infección: ingreso inmediato en el hospital); NICE NG111 (2018)",
        ),
    },
    Rule {
        id: "NS-RENAL-COLIC",
        family: NonSpinal,
        level: Urgent,
        if_unsure: None, // A person with renal colic knows; pain in waves is asked of everyone.
        when: Is(ColickySidePain),
        concern: t("a kidney stone", "una piedra en el riñón"),
        advice: t(
            "See a doctor today. Severe pain that comes in waves in the side of your back and spreads to the groin is typical of a kidney stone, not a back problem. Go to an emergency department if you get a fever, vomit and cannot keep fluids down, or the pain is too bad to bear.",
            "Vea a un médico hoy. El dolor fuerte a oleadas en el costado que baja a la ingle es típico de una piedra en el riñón, no de un problema de espalda. Vaya a urgencias si tiene fiebre, vomita y no retiene líquidos, o el dolor es insoportable.",
        ),
        source: t(
            "NICE CKS Renal or ureteric colic - acute; NICE NG118 Renal and ureteric stones: assessment and management (2019)",
            "NICE CKS Renal or ureteric colic - acute; NICE NG118 Renal and ureteric stones: assessment and management (2019)",
        ),
    },
    Rule {
        id: "PREG-BLEED",
        family: NonSpinal,
        level: Emergency,
        if_unsure: Some(Urgent),
        when: All(&[
            Is(Pregnant),
            Any(&[Is(PregnancyBleedingOrFluid), Is(PregnancyTightenings)]),
        ]),
        concern: t(
            "a problem with the pregnancy or early labour",
            "un problema del embarazo o un parto que empieza antes de tiempo",
        ),
        advice: t(
            "Call your maternity unit or labour ward now; if you cannot reach them or the bleeding is heavy, call your emergency number. Back pain with bleeding, leaking fluid or regular tightenings can mean labour or another pregnancy problem. Say how many weeks pregnant you are.",
            "Llame ahora a su unidad de maternidad o paritorio; si no puede contactar o el sangrado es abundante, llame a su número de emergencias. El dolor de espalda con sangrado, pérdida de líquido o contracciones regulares puede ser un parto o otro problema del embarazo. Diga de cuántas semanas está.",
        ),
        source: t(
            "NICE NG25 Preterm labour and birth (2015, updated 2022); RCOG Green-top Guideline No. 63 Antepartum haemorrhage (2011) (bleeding in pregnancy: maternity assessment now)",
            "NICE NG25 Preterm labour and birth (2015, actualizada en 2022); RCOG Green-top Guideline No. 63 Antepartum haemorrhage (2011) (sangrado en el embarazo: valoración en maternidad ahora)",
        ),
    },
    Rule {
        id: "PREG-FEVER",
        family: NonSpinal,
        level: Urgent,
        if_unsure: None, // INF-FEVER and NS-KIDNEY escalate the unknown answers themselves.
        when: All(&[Is(Pregnant), Any(&[Is(Fever), Is(UrinarySymptoms)])]),
        concern: t(
            "an infection in pregnancy",
            "una infección durante el embarazo",
        ),
        advice: t(
            "Call your midwife, maternity unit or doctor today. Back pain with a fever or urine symptoms in pregnancy can be a kidney infection, which needs treatment quickly to protect you and the baby.",
            "Llame hoy a su matrona, a su unidad de maternidad o a su médico. El dolor de espalda con fiebre o molestias al orinar en el embarazo puede ser una infección de riñón, que necesita tratamiento rápido para protegerla a usted y al bebé.",
        ),
        source: t(
            "NICE NG111 Pyelonephritis (acute) (2018): pregnant women with acute pyelonephritis: consider referral or specialist advice",
            "NICE NG111 Pyelonephritis (acute) (2018): embarazadas con pielonefritis aguda (infección de riñón): considerar la derivación o pedir consejo a un especialista",
        ),
    },
    // ---- Cauda equina syndrome ----
    Rule {
        id: "CES-BLADDER",
        family: CaudaEquina,
        level: Emergency,
        if_unsure: Some(Urgent),
        when: Is(BladderChange),
        concern: t(
            "pressure on the nerves at the bottom of the spine (cauda equina syndrome)",
            "presión sobre los nervios del final de la columna (síndrome de cola de caballo)",
        ),
        advice: t(
            "Go to an emergency department now. New trouble passing urine, leaking, or not feeling when your bladder is full can mean pressure on the nerves at the bottom of the spine (cauda equina syndrome). It needs a scan (MRI) within hours to protect the nerves. Say: \"I have back pain and new bladder problems. I am worried about cauda equina syndrome.\"",
            "Vaya ahora a urgencias de un hospital. Los problemas nuevos para orinar, los escapes de orina o no notar cuándo la vejiga está llena pueden indicar presión sobre los nervios del final de la columna (síndrome de cola de caballo). Necesita una resonancia en pocas horas para proteger los nervios. Diga: \"Tengo dolor de espalda y problemas nuevos con la orina. Me preocupa un síndrome de cola de caballo\".",
        ),
        source: CES_SOURCE,
    },
    Rule {
        id: "CES-BOWEL",
        family: CaudaEquina,
        level: Emergency,
        if_unsure: Some(Urgent),
        when: Is(BowelChange),
        concern: t(
            "pressure on the nerves at the bottom of the spine (cauda equina syndrome)",
            "presión sobre los nervios del final de la columna (síndrome de cola de caballo)",
        ),
        advice: t(
            "Go to an emergency department now. New loss of control of your bowels, or not feeling when they open, can mean pressure on the nerves at the bottom of the spine (cauda equina syndrome). It needs a scan within hours. Say: \"I have back pain and new bowel problems. I am worried about cauda equina syndrome.\"",
            "Vaya ahora a urgencias de un hospital. Perder de forma nueva el control al hacer de vientre, o no notarlo, puede indicar presión sobre los nervios del final de la columna (síndrome de cola de caballo). Necesita una resonancia en pocas horas. Diga: \"Tengo dolor de espalda y problemas nuevos al hacer de vientre. Me preocupa un síndrome de cola de caballo\".",
        ),
        source: CES_SOURCE,
    },
    Rule {
        id: "CES-SADDLE",
        family: CaudaEquina,
        level: Emergency,
        if_unsure: Some(Urgent),
        when: Is(SaddleNumbness),
        concern: t(
            "pressure on the nerves at the bottom of the spine (cauda equina syndrome)",
            "presión sobre los nervios del final de la columna (síndrome de cola de caballo)",
        ),
        advice: t(
            "Go to an emergency department now. Numbness around your back passage, genitals or inner thighs (where you would sit on a saddle) can mean pressure on the nerves at the bottom of the spine (cauda equina syndrome). It needs a scan within hours. Say: \"I have back pain and numbness between my legs. I am worried about cauda equina syndrome.\"",
            "Vaya ahora a urgencias de un hospital. El adormecimiento alrededor del ano, los genitales o la cara interna de los muslos (la zona que toca un sillín) puede indicar presión sobre los nervios del final de la columna (síndrome de cola de caballo). Necesita una resonancia en pocas horas. Diga: \"Tengo dolor de espalda y adormecimiento entre las piernas. Me preocupa un síndrome de cola de caballo\".",
        ),
        source: CES_SOURCE,
    },
    Rule {
        id: "CES-SEXUAL",
        family: CaudaEquina,
        level: Emergency,
        if_unsure: Some(Urgent),
        when: All(&[
            Is(SexualFunctionChange),
            Any(&[Is(LegSymptomsAny), Is(NumbOrTingling)]),
        ]),
        concern: t(
            "pressure on the nerves at the bottom of the spine (cauda equina syndrome)",
            "presión sobre los nervios del final de la columna (síndrome de cola de caballo)",
        ),
        advice: t(
            "Go to an emergency department now. A new change in sexual function together with leg pain, numbness or tingling can mean pressure on the nerves at the bottom of the spine (cauda equina syndrome). Say: \"I have back and leg pain and a new change in sexual function. I am worried about cauda equina syndrome.\"",
            "Vaya ahora a urgencias de un hospital. Un cambio nuevo en la función sexual junto con dolor, adormecimiento u hormigueo en las piernas puede indicar presión sobre los nervios del final de la columna (síndrome de cola de caballo). Diga: \"Tengo dolor de espalda y de pierna y un cambio nuevo en la función sexual. Me preocupa un síndrome de cola de caballo\".",
        ),
        source: CES_SOURCE,
    },
    Rule {
        id: "CES-SEXUAL-ALONE",
        family: CaudaEquina,
        level: Urgent,
        if_unsure: None, // A private question people often skip; CES-BLADDER/-BOWEL/-SADDLE escalate the core signs.
        when: Is(SexualFunctionChange),
        concern: t(
            "pressure on the nerves at the bottom of the spine",
            "presión sobre los nervios del final de la columna",
        ),
        advice: t(
            "See a doctor today. A new change in sexual function with back pain should be checked the same day. If you also notice bladder or bowel changes or numbness between your legs, go to an emergency department at once.",
            "Vea a un médico hoy. Un cambio nuevo en la función sexual con dolor de espalda debe revisarse en el día. Si además nota cambios al orinar o al hacer de vientre, o adormecimiento entre las piernas, vaya a urgencias enseguida.",
        ),
        source: CES_SOURCE,
    },
    Rule {
        id: "CES-BILATERAL-NEW",
        family: CaudaEquina,
        level: Emergency,
        if_unsure: Some(Urgent),
        when: All(&[
            Is(BilateralLegSymptoms),
            Any(&[Is(DurationUnderWeeks(2)), Is(CourseWorse)]),
        ]),
        concern: t(
            "pressure on the nerves at the bottom of the spine (cauda equina syndrome)",
            "presión sobre los nervios del final de la columna (síndrome de cola de caballo)",
        ),
        advice: t(
            "Go to an emergency department now. New or worsening pain, numbness or tingling in both legs can be an early sign of pressure on the nerves at the bottom of the spine (cauda equina syndrome), before bladder or bowel problems start. Say: \"I have new sciatica in both legs. I am worried about cauda equina syndrome.\"",
            "Vaya ahora a urgencias de un hospital. El dolor, el adormecimiento o el hormigueo nuevos o que empeoran en las dos piernas pueden ser una señal temprana de presión sobre los nervios del final de la columna (síndrome de cola de caballo), antes de que aparezcan problemas con la orina o las heces. Diga: \"Tengo ciática nueva en las dos piernas. Me preocupa un síndrome de cola de caballo\".",
        ),
        source: t(
            "BMJ Best Practice (a secondary summary): cauda equina syndrome (bilateral sciatica of recent onset or deteriorating: same-day hospital referral); GIRFT CES pathway v2 (2023)",
            "BMJ Best Practice (un resumen secundario): cauda equina syndrome (ciática en las dos piernas que empezó hace poco o que empeora: derivación al hospital el mismo día); GIRFT CES pathway v2 (2023)",
        ),
    },
    Rule {
        id: "CES-BILATERAL",
        family: CaudaEquina,
        level: Soon,
        if_unsure: None, // CES-BILATERAL-NEW escalates unknown leg answers.
        when: Is(BilateralLegSymptoms),
        concern: t(
            "nerves being squeezed in the spine",
            "nervios comprimidos en la columna",
        ),
        advice: t(
            "Book a doctor within about two weeks. Symptoms in both legs that have been the same for months need a check of the nerves, for example for narrowing of the spinal canal (stenosis). Go to an emergency department now if the symptoms in both legs started in the last 2 weeks or are getting worse, or if you get bladder or bowel changes or numbness between your legs.",
            "Pida cita con un médico en unas dos semanas. Los síntomas en las dos piernas que siguen igual desde hace meses necesitan una revisión de los nervios, por ejemplo por estrechamiento del canal de la columna (estenosis). Vaya ahora a urgencias si los síntomas en las dos piernas empezaron en las últimas 2 semanas o van a peor, o si nota cambios al orinar o al hacer de vientre o adormecimiento entre las piernas.",
        ),
        source: t(
            "BMJ Best Practice (a secondary summary): cauda equina syndrome (bilateral symptoms of recent onset or getting worse are the emergency); Suri et al., JAMA 2010;304:2628-36 (stenosis: symptoms in both legs, eased by sitting or bending forward); NICE NG59 1.1.1",
            "BMJ Best Practice (un resumen secundario): cauda equina syndrome (la emergencia son los síntomas en los dos lados que empezaron hace poco o que empeoran); Suri et al., JAMA 2010;304:2628-36 (estenosis: síntomas en las dos piernas que se alivian al sentarse o al inclinarse hacia delante); NICE NG59 1.1.1",
        ),
    },
    // ---- Neurological deficit ----
    Rule {
        id: "NEURO-WEAKNESS-WORSE",
        family: Neurological,
        level: Emergency,
        if_unsure: Some(Urgent),
        when: Is(WeaknessWorsening),
        concern: t(
            "a nerve being badly squeezed in the spine",
            "un nervio muy comprimido en la columna",
        ),
        advice: t(
            "Go to an emergency department now. Leg weakness that is getting worse means a nerve is being badly squeezed and may need treatment within hours. Say: \"My leg weakness is getting worse.\" Tell them when it started.",
            "Vaya ahora a urgencias de un hospital. La debilidad en las piernas que va a peor indica que un nervio está muy comprimido y puede necesitar tratamiento en pocas horas. Diga: \"La debilidad de mi pierna va a peor\" y cuente cuándo empezó.",
        ),
        source: t(
            "BMJ Best Practice (a secondary summary): cauda equina syndrome (progressive neurological deficit in the legs: same-day hospital referral); National Low Back and Radicular Pain Pathway (NHS England, 2017: progressive limb weakness, emergency referral); NICE NG59 1.1.1",
            "BMJ Best Practice (un resumen secundario): cauda equina syndrome (pérdida de función de los nervios de las piernas que va a más: derivación al hospital el mismo día); National Low Back and Radicular Pain Pathway (NHS England, 2017: debilidad de brazos o piernas que va a más, derivación de emergencia); NICE NG59 1.1.1",
        ),
    },
    Rule {
        id: "NEURO-GAIT-BILATERAL",
        family: Neurological,
        level: Emergency,
        if_unsure: None, // NEURO-GAIT and CES-BILATERAL-NEW escalate the unknown parts.
        when: All(&[Is(WalkingDifficulty), Is(BilateralLegSymptoms)]),
        concern: t(
            "pressure on the spinal cord or the nerves to both legs",
            "presión sobre la médula o los nervios de las dos piernas",
        ),
        advice: t(
            "Go to an emergency department now. New trouble walking with symptoms in both legs can mean pressure on the spinal cord or on the nerves at the bottom of the spine. Say: \"I have new trouble walking and symptoms in both legs.\"",
            "Vaya ahora a urgencias de un hospital. La dificultad nueva para caminar con síntomas en las dos piernas puede indicar presión sobre la médula o sobre los nervios del final de la columna. Diga: \"Tengo dificultad nueva para caminar y síntomas en las dos piernas\".",
        ),
        source: t(
            "GIRFT National Suspected Cauda Equina Syndrome Pathway v2 (2023) (bilateral leg symptoms, gait disturbance); BMJ Best Practice (a secondary summary): cauda equina syndrome. New trouble walking only, not walking limited by pain (neurogenic claudication, Suri et al., JAMA 2010)",
            "GIRFT National Suspected Cauda Equina Syndrome Pathway v2 (2023) (síntomas en las dos piernas, alteración de la forma de caminar); BMJ Best Practice (un resumen secundario): cauda equina syndrome. Solo la dificultad nueva para caminar, no el caminar limitado por el dolor (claudicación neurógena, Suri et al., JAMA 2010)",
        ),
    },
    Rule {
        id: "NEURO-WEAKNESS-NEW",
        family: Neurological,
        level: Urgent,
        if_unsure: Some(Soon),
        when: Any(&[
            Is(WeaknessNew),
            Is(WeaknessMarked),
            // Weakness with pain that began in the last 6 weeks began recently too; this
            // also covers intakes from before the "new" answer existed.
            All(&[Is(WeaknessAny), Is(DurationUnderWeeks(6))]),
        ]),
        concern: t(
            "a nerve being badly squeezed in the spine",
            "un nervio muy comprimido en la columna",
        ),
        advice: t(
            "See a doctor today so they can test the strength in your legs; you may need to see a spine specialist soon. Leg weakness that is new, or marked (such as a foot that drops or slaps down), means a nerve is badly affected even if it is not getting worse. Go to an emergency department at once if it gets worse or you get bladder or bowel changes or numbness between your legs.",
            "Vea a un médico hoy para que revise la fuerza de sus piernas; puede necesitar ver pronto a un especialista de columna. La debilidad en las piernas nueva, o marcada (como un pie que se cae o golpea el suelo), indica que un nervio está muy afectado aunque no vaya a peor. Vaya a urgencias enseguida si empeora o nota cambios al orinar o al hacer de vientre, o adormecimiento entre las piernas.",
        ),
        source: t(
            "National Low Back and Radicular Pain Pathway (NHS England, 2017): severe or progressive motor deficit such as foot drop needs prompt specialist assessment; NICE CKS Sciatica (lumbar radiculopathy)",
            "National Low Back and Radicular Pain Pathway (NHS England, 2017): una pérdida de fuerza grave o que va a más, como el pie caído, necesita que la valore pronto un especialista; NICE CKS Sciatica (lumbar radiculopathy)",
        ),
    },
    Rule {
        id: "NEURO-WEAKNESS",
        family: Neurological,
        level: Soon,
        if_unsure: None, // NEURO-WEAKNESS-WORSE escalates an unknown weakness answer.
        when: Is(WeaknessAny),
        concern: t("a squeezed nerve", "un nervio comprimido"),
        advice: t(
            "Book a doctor within about two weeks so they can test the strength and feeling in your legs; ask whether you need to see a spine specialist. Mild weakness that has been there for weeks without getting worse means a nerve is affected. Go to an emergency department at once if it gets worse or you get bladder or bowel changes.",
            "Pida cita con un médico en unas dos semanas para que revise la fuerza y la sensibilidad de sus piernas, y pregunte si debe verle un especialista de columna. La debilidad leve que dura semanas sin empeorar indica que un nervio está afectado. Vaya a urgencias enseguida si empeora o nota cambios al orinar o al hacer de vientre.",
        ),
        source: t(
            "NICE CKS Sciatica (lumbar radiculopathy) (nerve-root signs; review persistent deficit); National Low Back and Radicular Pain Pathway (NHS England, 2017): only severe or progressive deficit needs urgent referral",
            "NICE CKS Sciatica (lumbar radiculopathy) (signos de afectación de la raíz del nervio; revisar la pérdida de función nerviosa que persiste); National Low Back and Radicular Pain Pathway (NHS England, 2017): solo la pérdida de función nerviosa grave o que va a más necesita derivación urgente",
        ),
    },
    Rule {
        id: "NEURO-GAIT",
        family: Neurological,
        level: Urgent,
        if_unsure: None, // Asked with the weakness questions, which escalate when unknown.
        when: Is(WalkingDifficulty),
        concern: t(
            "a nerve or spinal cord problem",
            "un problema de los nervios o de la médula",
        ),
        advice: t(
            "See a doctor today. New unsteadiness, tripping or feet slapping down is not usual with simple back pain and needs a check of your nerves.",
            "Vea a un médico hoy. La inestabilidad nueva, los tropiezos o los pies que golpean el suelo no son normales en un dolor de espalda simple y necesitan una revisión de los nervios.",
        ),
        source: t(
            "GIRFT National Suspected Cauda Equina Syndrome Pathway v2 (2023) and BMJ Best Practice (a secondary summary): cauda equina syndrome (gait disturbance); NICE NG234 (2023) (difficulty walking as a spinal cord symptom)",
            "GIRFT National Suspected Cauda Equina Syndrome Pathway v2 (2023) y BMJ Best Practice (un resumen secundario): cauda equina syndrome (alteración de la forma de caminar); NICE NG234 (2023) (dificultad para caminar como síntoma de la médula espinal)",
        ),
    },
    // ---- Cancer ----
    Rule {
        id: "CANCER-MSCC",
        family: Cancer,
        level: Emergency,
        if_unsure: Some(Urgent),
        // New or progressing nerve signs, as NG234 asks: numbness or mild weakness that
        // has been the same for years (sciatica after a cancer long ago) is not a cord
        // compression, and falls to CANCER-HISTORY-PLUS (urgent), never lower.
        when: All(&[
            Is(CancerHistory),
            Any(&[
                Is(WalkingDifficulty),
                Is(BilateralLegSymptoms),
                Is(WeaknessNew),
                Is(WeaknessMarked),
                Is(WeaknessWorsening),
                All(&[
                    Any(&[Is(NumbOrTingling), Is(WeaknessAny)]),
                    Any(&[Is(DurationUnderWeeks(6)), Is(CourseWorse)]),
                ]),
            ]),
        ]),
        concern: t(
            "cancer pressing on the spinal cord",
            "un cáncer que presiona la médula",
        ),
        advice: t(
            "Go to an emergency department now, or call your cancer team's emergency line. After cancer, back pain with weakness, numbness, tingling or trouble walking can mean cancer pressing on the spinal cord. It needs a scan within 24 hours. Say: \"I have had cancer and now have back pain with nerve symptoms.\"",
            "Vaya ahora a urgencias, o llame a la línea de urgencias de su equipo de oncología. Después de un cáncer, el dolor de espalda con debilidad, adormecimiento, hormigueo o dificultad para caminar puede indicar un cáncer que presiona la médula. Necesita una resonancia en menos de 24 horas. Diga: \"He tenido cáncer y ahora tengo dolor de espalda con síntomas de los nervios\".",
        ),
        source: t(
            "NICE NG234 Spinal metastases and metastatic spinal cord compression (2023): neurological symptoms with suspected spinal metastases, immediate referral and MRI within 24 hours. New or progressing: difficulty walking, symptoms in both legs, new, marked or worsening weakness, or numbness or weakness with pain under 6 weeks old or getting worse",
            "NICE NG234 Spinal metastases and metastatic spinal cord compression (2023): síntomas neurológicos con sospecha de metástasis en la columna, derivación inmediata y resonancia magnética (MRI) en menos de 24 horas. Nuevos o que van a más: dificultad para caminar, síntomas en las dos piernas, debilidad nueva, marcada o que empeora, o adormecimiento o debilidad con un dolor de menos de 6 semanas o que empeora",
        ),
    },
    Rule {
        id: "CANCER-HISTORY-PLUS",
        family: Cancer,
        level: Urgent,
        if_unsure: Some(Urgent),
        when: All(&[
            Is(CancerHistory),
            Any(&[
                Is(NightPain),
                Is(RestPain),
                Is(ThoracicPain),
                Is(CourseWorse),
                Is(WeightLoss),
                All(&[Is(AgeOver(50)), Is(DurationUnderWeeks(6))]),
                NEURO_SIGNS,
            ]),
        ]),
        concern: t(
            "cancer that has spread to the spine",
            "un cáncer que se ha extendido a la columna",
        ),
        advice: t(
            "See a doctor today, or call your cancer team. After cancer, these need a check today: back pain that is worse at night or at rest, in the middle or upper back, or getting worse; pain with weight loss or with symptoms in the legs; and new pain after the age of 50. You may need a scan within a week. Say which cancer you had and when.",
            "Vea a un médico hoy, o llame a su equipo de oncología. Después de un cáncer, esto debe revisarse hoy: el dolor de espalda que empeora por la noche o en reposo, en la parte media o alta de la espalda, o que va a peor; el dolor con pérdida de peso o con síntomas en las piernas; y un dolor nuevo después de los 50 años. Puede necesitar una resonancia en una semana. Diga qué cáncer tuvo y cuándo.",
        ),
        source: t(
            "NICE NG234 (2023): MRI within 1 week for spinal pain suggestive of metastases; Downie et al., BMJ 2013;347:f7095 (a history of cancer is the strongest red flag for spinal cancer). Over 50 with pain under 6 weeks old: the NICE CKS red flag is age over 50 with new back pain. Nerve symptoms that are not new or getting worse (CANCER-MSCC takes those) stay urgent, so they are checked the same day",
            "NICE NG234 (2023): resonancia magnética (MRI) en 1 semana como máximo para el dolor de columna que hace pensar en metástasis; Downie et al., BMJ 2013;347:f7095 (haber tenido cáncer es la señal de alarma más fuerte de cáncer en la columna). Más de 50 años con un dolor de menos de 6 semanas: la señal de alarma de NICE CKS es tener más de 50 años y un dolor de espalda nuevo. Los síntomas de los nervios que no son nuevos ni empeoran (de los que sí lo son se ocupa CANCER-MSCC) siguen siendo urgentes, así que se revisan el mismo día",
        ),
    },
    Rule {
        id: "CANCER-HISTORY",
        family: Cancer,
        level: Soon,
        if_unsure: Some(Soon),
        when: Is(CancerHistory),
        concern: t("cancer in the spine", "un cáncer en la columna"),
        advice: t(
            "Book a doctor within about two weeks and tell them you have had cancer, which one and when. Most back pain after cancer is not cancer, but a doctor should check. See a doctor today if the pain gets worse or keeps you awake at night. Go to an emergency department now if you get new numbness, tingling, weakness or trouble walking.",
            "Pida cita con un médico en unas dos semanas y dígale que ha tenido cáncer, cuál y cuándo. La mayoría de los dolores de espalda después de un cáncer no son cáncer, pero un médico debe revisarlo. Vea a un médico hoy si el dolor empeora o no le deja dormir. Vaya ahora a urgencias si nota adormecimiento, hormigueo, debilidad o dificultad para caminar nuevos.",
        ),
        source: t(
            "Downie et al., BMJ 2013;347:f7095 (a history of cancer is the one red flag that clearly raises the chance of spinal cancer); NICE NG234 (2023)",
            "Downie et al., BMJ 2013;347:f7095 (haber tenido cáncer es la única señal de alarma que aumenta claramente la probabilidad de cáncer en la columna); NICE NG234 (2023)",
        ),
    },
    Rule {
        id: "CANCER-WEIGHT",
        family: Cancer,
        level: Soon,
        if_unsure: None, // Weight loss alone has a low likelihood ratio (2.7); cancer history is escalated on its own.
        when: Is(WeightLoss),
        concern: t(
            "an illness causing weight loss",
            "una enfermedad que causa pérdida de peso",
        ),
        advice: t(
            "Book a doctor within about two weeks and tell them how much weight you have lost and over how long. Losing weight without trying, together with back pain, should be checked with an examination and blood tests.",
            "Pida cita con un médico en unas dos semanas y dígale cuánto peso ha perdido y en cuánto tiempo. Perder peso sin intentarlo, junto con dolor de espalda, debe revisarse con una exploración y análisis de sangre.",
        ),
        source: t(
            "Downie et al., BMJ 2013;347:f7095 (unexplained weight loss: a weak flag on its own); NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023) (60 and over with back pain and weight loss)",
            "Downie et al., BMJ 2013;347:f7095 (pérdida de peso sin causa conocida: una señal débil por sí sola); NICE NG12 Suspected cancer: recognition and referral (2015, actualizada en 2023) (60 años o más con dolor de espalda y pérdida de peso)",
        ),
    },
    Rule {
        id: "CANCER-NIGHT",
        family: Cancer,
        level: Soon,
        if_unsure: None, // A low-specificity flag; it adds weight to others rather than standing alone.
        when: Any(&[Is(NightPain), Is(RestPain)]),
        concern: t(
            "a cause of back pain that is not mechanical",
            "una causa de dolor de espalda que no es mecánica",
        ),
        advice: t(
            "Book a doctor within about two weeks. Pain that stays at night whatever position you lie in, or that rest does not ease, is less typical of a strained back and is worth checking.",
            "Pida cita con un médico en unas dos semanas. El dolor que sigue por la noche en cualquier postura, o que no mejora al descansar, es menos típico de una espalda sobrecargada y conviene revisarlo.",
        ),
        source: t(
            "NICE CKS Back pain - low (without radiculopathy), red flags for cancer (pain at night or not relieved by rest); Downie et al., BMJ 2013;347:f7095 (weak on its own)",
            "NICE CKS Back pain - low (without radiculopathy), señales de alarma de cáncer (dolor por la noche o que no se alivia con el reposo); Downie et al., BMJ 2013;347:f7095 (una señal débil por sí sola)",
        ),
    },
    Rule {
        id: "CANCER-THORACIC",
        family: Cancer,
        level: Soon,
        if_unsure: None,
        when: All(&[
            Is(ThoracicPain),
            Any(&[Is(AgeOver(50)), Is(NightPain), Is(RestPain), Is(WeightLoss)]),
        ]),
        concern: t(
            "a serious cause of upper or middle back pain",
            "una causa grave de dolor en la parte media o alta de la espalda",
        ),
        advice: t(
            "Book a doctor within about two weeks. Pain in the middle or upper back is more often serious than low back pain, especially after 50 or when it is there at rest or at night.",
            "Pida cita con un médico en unas dos semanas. El dolor en la parte media o alta de la espalda es más a menudo grave que el dolor lumbar, sobre todo después de los 50 o si aparece en reposo o por la noche.",
        ),
        source: t(
            "NICE CKS Back pain - low (without radiculopathy), red flags (thoracic pain, age over 50); NICE NG234 (2023) (thoracic pain as a feature of spinal metastases)",
            "NICE CKS Back pain - low (without radiculopathy), señales de alarma (dolor en la parte media de la espalda, más de 50 años); NICE NG234 (2023) (el dolor en la parte media de la espalda como rasgo de metástasis en la columna)",
        ),
    },
    Rule {
        id: "AGE-OVER-50-NEW",
        family: Cancer,
        level: Soon,
        if_unsure: None, // Age and duration are asked of everyone; unknown age is handled by AGE-UNDER-20-OVER-70.
        when: All(&[
            Is(AgeOver(50)),
            Is(DurationUnderWeeks(6)),
            Any(&[Is(OnsetGradual), Is(OnsetSudden)]),
        ]),
        concern: t(
            "a cause of new back pain that is more common after 50",
            "una causa de dolor de espalda nuevo más frecuente después de los 50",
        ),
        advice: t(
            "Book a doctor within about two weeks. New back pain with no clear cause after the age of 50 should be checked once by a doctor; usually it is a simple back problem.",
            "Pida cita con un médico en unas dos semanas. El dolor de espalda nuevo y sin causa clara después de los 50 años debe revisarlo un médico una vez; normalmente es un problema simple de espalda.",
        ),
        source: t(
            "NICE CKS Back pain - low (without radiculopathy), red flags (new pain over 50); NICE NG12 (2015, updated 2023) (60 and over with persistent back pain: blood tests for myeloma)",
            "NICE CKS Back pain - low (without radiculopathy), señales de alarma (dolor nuevo con más de 50 años); NICE NG12 (2015, actualizada en 2023) (60 años o más con dolor de espalda persistente: análisis de sangre para buscar un mieloma)",
        ),
    },
    Rule {
        id: "AGE-UNDER-20-OVER-70",
        family: Other,
        level: Soon,
        if_unsure: Some(Soon),
        // Current age, not age at onset: over 70 every back pain gets one check (soon, never
        // an emergency), which also catches stable pain the fracture rules leave out.
        when: Any(&[Is(AgeUnder(20)), Is(AgeOver(70))]),
        concern: t(
            "a cause of back pain that is more common in young people or after 70",
            "una causa de dolor de espalda más frecuente en jóvenes o después de los 70",
        ),
        advice: t(
            "Book a doctor within about two weeks. Back pain in children and teenagers, or after the age of 70, more often has a specific cause (such as a stress fracture in the spine or thin bones), so a doctor should check it. If you did not give your age, tell the doctor.",
            "Pida cita con un médico en unas dos semanas. El dolor de espalda en niños y adolescentes, o después de los 70 años, tiene más a menudo una causa concreta (como una fractura por sobrecarga o huesos frágiles), así que debe revisarlo un médico. Si no indicó su edad, dígasela al médico.",
        ),
        source: t(
            "NICE CKS Back pain - low (without radiculopathy), red flags (new pain under 20); Downie et al., BMJ 2013;347:f7095 (older age predicts fracture; over 70 follows the fracture evidence). NICE NG59 covers only over-16s",
            "NICE CKS Back pain - low (without radiculopathy), señales de alarma (dolor nuevo con menos de 20 años); Downie et al., BMJ 2013;347:f7095 (la edad avanzada predice la fractura; el límite de más de 70 años sigue los datos sobre fracturas). NICE NG59 solo abarca a personas de 16 años o más",
        ),
    },
    // ---- Infection ----
    Rule {
        id: "INF-FEVER-RISK",
        family: Infection,
        level: Emergency,
        if_unsure: Some(Urgent),
        when: All(&[Is(Fever), Any(&[INFECTION_RISK, Is(Diabetes), NEURO_SIGNS])]),
        concern: t("an infection in the spine", "una infección en la columna"),
        advice: t(
            "Go to an emergency department now. Back pain with a fever can be an infection in the spine, such as a pocket of pus (abscess). This is more likely if you inject drugs, have a weak immune system or diabetes, have numbness or weakness, or recently had spine surgery, a spinal injection or a bacterial infection. It needs blood tests and a scan today. Say: \"I have back pain and a fever\" and tell them your risk.",
            "Vaya ahora a urgencias de un hospital. El dolor de espalda con fiebre puede ser una infección en la columna, como una bolsa de pus (absceso). Es más probable si se inyecta drogas, tiene las defensas bajas o diabetes, nota adormecimiento o debilidad, o le han operado o puesto una inyección en la columna o ha tenido hace poco una infección por bacterias. Necesita análisis y una resonancia hoy. Diga: \"Tengo dolor de espalda y fiebre\" y explique su riesgo.",
        ),
        source: t(
            "Yusuf et al., BMC Musculoskelet Disord 2019;20:606 (2,224 spinal infections: diabetes 18%, injected drugs 9%, immunosuppression common); Davis et al., Am J Emerg Med 2020;38:491-6 (recent bacterial infection OR 13.5, fever OR 2.8); BMJ Best Practice (a secondary summary): spinal epidural abscess. Emergency, not urgent: a spinal abscess needs same-day blood tests and MRI, which only a hospital can do",
            "Yusuf et al., BMC Musculoskelet Disord 2019;20:606 (2224 infecciones de columna: diabetes 18%, drogas inyectadas 9%, inmunodepresión (defensas bajas) frecuente); Davis et al., Am J Emerg Med 2020;38:491-6 (infección bacteriana reciente OR 13.5, fiebre OR 2.8); BMJ Best Practice (un resumen secundario): spinal epidural abscess. Emergencia, no urgente: un absceso en la columna necesita análisis de sangre y resonancia magnética (MRI) el mismo día, y eso solo puede hacerlo un hospital",
        ),
    },
    Rule {
        id: "INF-FEVER",
        family: Infection,
        level: Urgent,
        if_unsure: Some(Soon),
        when: Is(Fever),
        concern: t("an infection", "una infección"),
        advice: t(
            "See a doctor today. Back pain with a fever, chills or shaking needs a check for infection, in the spine or the kidneys. If you feel very unwell, confused or faint, go to an emergency department.",
            "Vea a un médico hoy. El dolor de espalda con fiebre, escalofríos o tiritona necesita una revisión para descartar una infección, de la columna o de los riñones. Si se encuentra muy mal, confuso o se siente desmayar, vaya a urgencias.",
        ),
        source: t(
            "Yusuf et al., BMC Musculoskelet Disord 2019;20:606 (fever in 55% of spinal infections); NICE CKS Back pain - low (without radiculopathy), red flags for infection",
            "Yusuf et al., BMC Musculoskelet Disord 2019;20:606 (fiebre en el 55% de las infecciones de columna); NICE CKS Back pain - low (without radiculopathy), señales de alarma de infección",
        ),
    },
    Rule {
        id: "INF-RISK-NEW",
        family: Infection,
        level: Urgent,
        if_unsure: Some(Soon),
        when: All(&[
            Any(&[Is(InjectedDrugUse), Is(Immunosuppression)]),
            Any(&[Is(DurationUnderWeeks(6)), Is(CourseWorse)]),
        ]),
        concern: t("an infection in the spine", "una infección en la columna"),
        advice: t(
            "See a doctor today and tell them your risk. New or worsening back pain when you inject drugs or have a weak immune system can be an infection in the spine even without a fever: about half of people with a spinal infection have no fever. Go to an emergency department if you get a fever, leg weakness or numbness, or feel very unwell.",
            "Vea a un médico hoy y cuéntele su riesgo. El dolor de espalda nuevo o que empeora, si se inyecta drogas o tiene las defensas bajas, puede ser una infección en la columna aunque no tenga fiebre: alrededor de la mitad de las personas con una infección en la columna no tienen fiebre. Vaya a urgencias si tiene fiebre, debilidad o adormecimiento en las piernas, o se encuentra muy mal.",
        ),
        source: t(
            "Yusuf et al., BMC Musculoskelet Disord 2019;20:606 (fever in only 55% of 2,224 spinal infections; immunosuppression common); Davis et al., Am J Emerg Med 2020;38:491-6 (fever in 20% of spinal epidural abscesses at presentation). New: pain for under 6 weeks, the acute episode of NICE NG59",
            "Yusuf et al., BMC Musculoskelet Disord 2019;20:606 (fiebre solo en el 55% de 2224 infecciones de columna; inmunodepresión (defensas bajas) frecuente); Davis et al., Am J Emerg Med 2020;38:491-6 (fiebre en el 20% de los abscesos epidurales de columna en el momento de consultar). Nuevo: dolor de menos de 6 semanas, el episodio agudo de NICE NG59",
        ),
    },
    Rule {
        id: "INF-RISK-SWEATS",
        family: Infection,
        level: Urgent,
        if_unsure: None,
        when: All(&[INFECTION_RISK, Is(NightSweats)]),
        concern: t("an infection in the spine", "una infección en la columna"),
        advice: t(
            "See a doctor today. Soaking night sweats with back pain, when you inject drugs, have a weak immune system, or recently had spinal surgery or an infection, can be an infection in the spine.",
            "Vea a un médico hoy. Los sudores nocturnos que empapan con dolor de espalda, si se inyecta drogas, tiene las defensas bajas, o le han operado de la columna o ha tenido una infección hace poco, pueden ser una infección en la columna.",
        ),
        source: t(
            "Yusuf et al., BMC Musculoskelet Disord 2019;20:606; NICE CKS Back pain - low (without radiculopathy), red flags for infection (systemic symptoms with a risk factor)",
            "Yusuf et al., BMC Musculoskelet Disord 2019;20:606; NICE CKS Back pain - low (without radiculopathy), señales de alarma de infección (síntomas de todo el cuerpo con un factor de riesgo)",
        ),
    },
    Rule {
        id: "INF-RISK",
        family: Infection,
        level: Soon,
        if_unsure: None, // Fever, the deciding sign, escalates on its own when unknown.
        when: INFECTION_RISK,
        concern: t("an infection in the spine", "una infección en la columna"),
        advice: t(
            "Book a doctor within about two weeks and tell them about your risk (injecting drugs, a weak immune system, recent spinal surgery or a recent infection). Go to an emergency department at once if you get a fever or chills. See a doctor the same day if you get soaking night sweats.",
            "Pida cita con un médico en unas dos semanas y cuéntele su riesgo (drogas inyectadas, defensas bajas, operación de columna reciente o una infección reciente). Vaya a urgencias enseguida si tiene fiebre o escalofríos. Vea a un médico el mismo día si tiene sudores nocturnos que empapan.",
        ),
        source: t(
            "Yusuf et al., BMC Musculoskelet Disord 2019;20:606; Davis et al., Am J Emerg Med 2020;38:491-6 (infection risk factors)",
            "Yusuf et al., BMC Musculoskelet Disord 2019;20:606; Davis et al., Am J Emerg Med 2020;38:491-6 (factores de riesgo de infección)",
        ),
    },
    Rule {
        id: "INF-SWEATS",
        family: Infection,
        level: Soon,
        if_unsure: None,
        when: Is(NightSweats),
        concern: t(
            "an infection or another illness",
            "una infección u otra enfermedad",
        ),
        advice: t(
            "Book a doctor within about two weeks. Soaking night sweats with back pain are not usual and should be checked, for example for an infection.",
            "Pida cita con un médico en unas dos semanas. Los sudores nocturnos que empapan con dolor de espalda no son normales y deben revisarse, por ejemplo para descartar una infección.",
        ),
        source: t(
            "NICE CKS Back pain - low (without radiculopathy), red flags for infection (night sweats, tuberculosis); Yusuf et al., BMC Musculoskelet Disord 2019;20:606 (tuberculosis in 12%)",
            "NICE CKS Back pain - low (without radiculopathy), señales de alarma de infección (sudores nocturnos, tuberculosis); Yusuf et al., BMC Musculoskelet Disord 2019;20:606 (tuberculosis en el 12%)",
        ),
    },
    // ---- Fracture ----
    Rule {
        id: "FX-MAJOR-TRAUMA",
        family: Fracture,
        level: Emergency,
        if_unsure: None, // Nobody fails to know they had a major injury; onset is asked of everyone.
        when: Is(OnsetMajorTrauma),
        concern: t("a broken bone in the spine", "una fractura de columna"),
        advice: t(
            "Go to an emergency department now, or call your emergency number if you cannot move safely. Back pain after a major injury (a road accident, a fall from a height, a hard sports collision) needs a check for a broken bone in the spine. Try not to twist or bend your back.",
            "Vaya ahora a urgencias, o llame a su número de emergencias si no puede moverse con seguridad. El dolor de espalda después de una lesión grave (accidente de tráfico, caída desde altura, golpe fuerte practicando deporte) necesita una revisión para descartar una fractura de columna. Intente no girar ni doblar la espalda.",
        ),
        source: t(
            "NICE NG41 Spinal injury: assessment and initial management (2016); Downie et al., BMJ 2013;347:f7095 (significant trauma predicts fracture)",
            "NICE NG41 Spinal injury: assessment and initial management (2016); Downie et al., BMJ 2013;347:f7095 (un traumatismo importante predice la fractura)",
        ),
    },
    Rule {
        id: "FX-FRAGILITY",
        family: Fracture,
        level: Urgent,
        if_unsure: Some(Urgent),
        // Recent: a fracture causes new pain. Pain that began suddenly years ago and has
        // not changed falls to FX-STEROIDS or AGE-UNDER-20-OVER-70 (soon).
        when: All(&[
            Any(&[Is(OnsetMinorTrauma), Is(OnsetLifting), Is(OnsetSudden)]),
            Any(&[Is(Osteoporosis), Is(LongTermSteroids)]),
            Is(DurationUnderWeeks(6)),
        ]),
        concern: t(
            "a broken bone in the spine from thin bones",
            "una fractura de columna por huesos frágiles",
        ),
        advice: t(
            "See a doctor today. With thin bones (osteoporosis) or after months of steroid tablets, a small fall, lifting or even a sudden movement can break a bone in the spine. Say: \"I have osteoporosis (or take steroids) and my back pain started suddenly.\" You may need an X-ray.",
            "Vea a un médico hoy. Con huesos frágiles (osteoporosis) o tras meses tomando corticoides, una caída pequeña, levantar peso o incluso un movimiento brusco pueden romper un hueso de la columna. Diga: \"Tengo osteoporosis (o tomo corticoides) y el dolor empezó de repente\". Puede necesitar una radiografía.",
        ),
        source: t(
            "NICE CKS Back pain - low (without radiculopathy), red flags for fracture (minor trauma or strenuous lifting with osteoporosis; long-term corticosteroids); Downie et al., BMJ 2013;347:f7095 (prolonged corticosteroid use: the strongest fracture flag). Pain under 6 weeks old: the acute episode of NICE NG59",
            "NICE CKS Back pain - low (without radiculopathy), señales de alarma de fractura (golpe leve o esfuerzo intenso al levantar peso con osteoporosis; corticoides durante mucho tiempo); Downie et al., BMJ 2013;347:f7095 (uso prolongado de corticoides: la señal de fractura más fuerte). Dolor de menos de 6 semanas: el episodio agudo de NICE NG59",
        ),
    },
    Rule {
        id: "FX-ELDERLY-FALL",
        family: Fracture,
        level: Urgent,
        // An unknown age or duration after a fall: one step lower, so it is still seen.
        if_unsure: Some(Soon),
        when: All(&[
            Is(OnsetMinorTrauma),
            Is(AgeOver(70)),
            Is(DurationUnderWeeks(6)),
        ]),
        concern: t("a broken bone in the spine", "una fractura de columna"),
        advice: t(
            "See a doctor today. After the age of 70, a fall or knock from standing height can break a bone in the spine. You may need an X-ray.",
            "Vea a un médico hoy. Después de los 70 años, una caída o un golpe desde la propia altura puede romper un hueso de la columna. Puede necesitar una radiografía.",
        ),
        source: t(
            "Downie et al., BMJ 2013;347:f7095 (older age predicts vertebral fracture); NICE CKS Osteoporosis - prevention of fragility fractures. Over 70 follows that evidence; pain under 6 weeks old, the acute episode of NICE NG59",
            "Downie et al., BMJ 2013;347:f7095 (la edad avanzada predice la fractura de vértebra); NICE CKS Osteoporosis - prevention of fragility fractures. El límite de más de 70 años sigue esos datos; dolor de menos de 6 semanas, el episodio agudo de NICE NG59",
        ),
    },
    Rule {
        id: "FX-STEROIDS",
        family: Fracture,
        level: Soon,
        if_unsure: None,
        when: Any(&[
            Is(LongTermSteroids),
            All(&[Is(Osteoporosis), Is(DurationUnderWeeks(6))]),
        ]),
        concern: t(
            "a fracture from thin bones",
            "una fractura por huesos frágiles",
        ),
        advice: t(
            "Book a doctor within about two weeks. Long-term steroid tablets and osteoporosis make spine fractures more likely, sometimes with no clear injury. Go the same day if the pain is sudden and severe.",
            "Pida cita con un médico en unas dos semanas. Tomar corticoides durante mucho tiempo y la osteoporosis hacen más probables las fracturas de columna, a veces sin una lesión clara. Vaya el mismo día si el dolor es repentino y muy fuerte.",
        ),
        source: t(
            "NICE CKS Back pain - low (without radiculopathy), red flags for fracture (long-term corticosteroids); Downie et al., BMJ 2013;347:f7095",
            "NICE CKS Back pain - low (without radiculopathy), señales de alarma de fractura (corticoides durante mucho tiempo); Downie et al., BMJ 2013;347:f7095",
        ),
    },
    // ---- Inflammatory back pain ----
    Rule {
        id: "IBP-ASAS",
        family: Inflammatory,
        level: Soon,
        if_unsure: None, // Not a red flag for harm within days; the pattern report lists unknown criteria.
        when: All(&[Is(DurationAtLeastWeeks(12)), AtLeast(4, ASAS_IBP)]),
        concern: t(
            "inflammatory back pain (axial spondyloarthritis)",
            "dolor de espalda inflamatorio (espondiloartritis axial)",
        ),
        advice: t(
            "Book a doctor within about two weeks and ask whether you should see a rheumatologist (a specialist in joint inflammation). Back pain for over 3 months that started before 40, came on slowly, eases with exercise but not rest, and wakes you at night can be inflammatory. It is treatable, and early treatment helps.",
            "Pida cita con un médico en unas dos semanas y pregunte si debe verle un reumatólogo (especialista en inflamación de las articulaciones). El dolor de espalda de más de 3 meses que empezó antes de los 40, llegó poco a poco, mejora con el ejercicio pero no con el reposo y le despierta por la noche puede ser inflamatorio. Tiene tratamiento, y tratarlo pronto ayuda.",
        ),
        source: t(
            "ASAS criteria for inflammatory back pain, Sieper et al., Ann Rheum Dis 2009;68:784-8 (4 of 5); NICE NG65 Spondyloarthritis (2017)",
            "Criterios ASAS de dolor de espalda inflamatorio, Sieper et al., Ann Rheum Dis 2009;68:784-8 (4 de 5); NICE NG65 Spondyloarthritis (2017)",
        ),
    },
    Rule {
        id: "IBP-BERLIN",
        family: Inflammatory,
        level: Soon,
        if_unsure: None,
        when: All(&[
            Is(DurationAtLeastWeeks(12)),
            Is(AgeUnder(50)),
            AtLeast(2, BERLIN_IBP),
        ]),
        concern: t(
            "inflammatory back pain (axial spondyloarthritis)",
            "dolor de espalda inflamatorio (espondiloartritis axial)",
        ),
        advice: t(
            "Book a doctor within about two weeks and ask about seeing a rheumatologist. Long morning stiffness, pain that eases with exercise but not rest, waking in the second half of the night, or buttock pain that switches sides can be signs of inflammatory back pain.",
            "Pida cita con un médico en unas dos semanas y pregunte si debe verle un reumatólogo. La rigidez larga por la mañana, el dolor que mejora con el ejercicio pero no con el reposo, despertarse en la segunda mitad de la noche o el dolor de nalga que cambia de lado pueden ser señales de dolor de espalda inflamatorio.",
        ),
        source: t(
            "Berlin criteria, Rudwaleit et al., Arthritis Rheum 2006;54:569-78 (2 of 4, under 50); NICE NG65 Spondyloarthritis (2017)",
            "Criterios de Berlín, Rudwaleit et al., Arthritis Rheum 2006;54:569-78 (2 de 4, menores de 50 años); NICE NG65 Spondyloarthritis (2017)",
        ),
    },
    Rule {
        id: "IBP-SPA-FEATURES",
        family: Inflammatory,
        level: Soon,
        if_unsure: None,
        when: All(&[
            Is(DurationAtLeastWeeks(12)),
            Is(OnsetAgeUnder(45)),
            Any(&[
                Is(Psoriasis),
                Is(InflammatoryBowelDisease),
                Is(Uveitis),
                Is(FamilySpondyloarthritis),
            ]),
            Any(&[
                Is(MorningStiffnessOver(30)),
                Is(WakesSecondHalfOfNight),
                Is(Better(Exercise)),
            ]),
        ]),
        concern: t(
            "inflammatory back pain linked to psoriasis, bowel or eye inflammation, or family history",
            "dolor de espalda inflamatorio relacionado con psoriasis, inflamación intestinal u ocular, o antecedentes familiares",
        ),
        advice: t(
            "Book a doctor within about two weeks and mention your psoriasis, bowel or eye inflammation, or family history. With long-lasting back pain and stiffness, these make axial spondyloarthritis more likely, and a rheumatologist can check.",
            "Pida cita con un médico en unas dos semanas y mencione su psoriasis, su inflamación intestinal u ocular, o sus antecedentes familiares. Con dolor de espalda y rigidez de larga duración, hacen más probable una espondiloartritis axial, y un reumatólogo puede valorarlo.",
        ),
        source: t(
            "ASAS axial SpA classification criteria, Rudwaleit et al., Ann Rheum Dis 2009;68:777-83 (onset under 45; SpA features: psoriasis, IBD, uveitis, family history); NICE NG65 Spondyloarthritis (2017)",
            "Criterios ASAS de clasificación de la espondiloartritis axial (SpA axial), Rudwaleit et al., Ann Rheum Dis 2009;68:777-83 (inicio antes de los 45 años; rasgos de SpA: psoriasis, enfermedad inflamatoria intestinal (IBD), uveítis, antecedentes familiares); NICE NG65 Spondyloarthritis (2017)",
        ),
    },
    // ---- Other reasons to see a clinician ----
    Rule {
        id: "OTHER-WORSENING",
        family: Other,
        level: Soon,
        if_unsure: None, // Not a red flag; unknown course only means we cannot judge progress.
        when: Is(CourseWorse),
        concern: t(
            "back pain that is getting worse",
            "un dolor de espalda que va a peor",
        ),
        advice: t(
            "Book a doctor or physiotherapist within about two weeks. Most back pain eases week by week; pain that keeps getting worse should be looked at. Go sooner if you notice any warning sign.",
            "Pida cita con un médico o fisioterapeuta en unas dos semanas. La mayoría de los dolores de espalda mejoran semana a semana; el dolor que sigue empeorando debe revisarse. Vaya antes si nota alguna señal de alarma.",
        ),
        source: t(
            "NICE NG59 1.1.1 (think about other diagnoses; reassess when symptoms change)",
            "NICE NG59 1.1.1 (pensar en otros diagnósticos; volver a valorar cuando cambian los síntomas)",
        ),
    },
    Rule {
        id: "OTHER-NOT-IMPROVING",
        family: Other,
        level: Soon,
        if_unsure: None,
        when: All(&[Is(DurationAtLeastWeeks(6)), Is(CourseNotBetter)]),
        concern: t(
            "back pain that is not getting better",
            "un dolor de espalda que no mejora",
        ),
        advice: t(
            "Book a doctor or physiotherapist within about two weeks. Pain that has not improved after 6 weeks deserves a check and a plan made with a clinician, such as a physiotherapy programme.",
            "Pida cita con un médico o fisioterapeuta en unas dos semanas. El dolor que no ha mejorado tras 6 semanas merece una revisión y un plan hecho con un profesional, como un programa de fisioterapia.",
        ),
        source: t(
            "NICE CKS Back pain - low (without radiculopathy) (review if not improving after 4 to 6 weeks); Downie et al., BMJ 2013;347:f7095 (no improvement after a month as a weak flag)",
            "NICE CKS Back pain - low (without radiculopathy) (revisar si no mejora después de 4 a 6 semanas); Downie et al., BMJ 2013;347:f7095 (no mejorar después de un mes como señal débil)",
        ),
    },
    Rule {
        id: "SELF-CARE",
        family: Other,
        level: SelfCare,
        if_unsure: None,
        when: Always,
        concern: t(
            "no warning sign found",
            "no se encontró ninguna señal de alarma",
        ),
        advice: t(
            "No warning signs came up. Most back pain gets much better within a few weeks. Keep moving, stay at work or your usual activities if you can, and follow your exercise plan. See a doctor or physiotherapist if you are not clearly better in 4 to 6 weeks. Call your emergency number or go to an emergency department at once if you notice bladder or bowel changes, numbness between your legs, or chest pain. See a doctor the same day if you get new leg weakness or a fever.",
            "No apareció ninguna señal de alarma. La mayoría de los dolores de espalda mejoran mucho en unas semanas. Siga moviéndose, mantenga su trabajo o sus actividades si puede y siga su plan de ejercicios. Vea a un médico o fisioterapeuta si no está claramente mejor en 4 a 6 semanas. Llame a su número de emergencias o vaya a urgencias enseguida si nota cambios al orinar o al hacer de vientre, adormecimiento entre las piernas o dolor en el pecho. Vea a un médico el mismo día si nota debilidad nueva en las piernas o fiebre.",
        ),
        source: t(
            "NICE NG59 1.1.2-1.1.3 and 1.2.1 (self-management, stay active)",
            "NICE NG59 1.1.2-1.1.3 y 1.2.1 (autocuidado, mantenerse activo)",
        ),
    },
];
