//! The plan's sentences in English and Spanish. `{name}` marks a value filled in by
//! [`Text::fill`].

use crate::lang::{Text, t};

// Decisions.
pub const START: Text = t(
    "Week 1: every exercise starts at its easiest step.",
    "Semana 1: cada ejercicio empieza en su paso más fácil.",
);
pub const PROGRESS: Text = t(
    "Your pain was steady or better ({prev} then {now} out of 10) and you did {done} of {planned} sessions, so your exercises go up one step.",
    "Su dolor se mantuvo o mejoró ({prev} y luego {now} sobre 10) e hizo {done} de {planned} sesiones, así que sus ejercicios suben un paso.",
);
pub const PROGRESS_NO_PREV: Text = t(
    "You did {done} of {planned} sessions and your pain was {now} out of 10, so your exercises go up one step.",
    "Hizo {done} de {planned} sesiones y su dolor fue de {now} sobre 10, así que sus ejercicios suben un paso.",
);
pub const HOLD_NO_LOG: Text = t(
    "We have no check-in for week {week}, so your exercises stay the same. Fill in your weekly check-in so your plan can move on.",
    "No tenemos su revisión de la semana {week}, así que sus ejercicios siguen igual. Rellene su revisión semanal para que su plan pueda avanzar.",
);
pub const HOLD_NONE_PLANNED: Text = t(
    "No sessions were planned last week, so your exercises stay the same.",
    "La semana pasada no había sesiones previstas, así que sus ejercicios siguen igual.",
);
pub const HOLD_ADHERENCE: Text = t(
    "You did {done} of {planned} sessions last week ({percent}%). Your exercises stay the same until you manage at least 7 in every 10. If time is the problem, choose fewer minutes or fewer days in your preferences.",
    "La semana pasada hizo {done} de {planned} sesiones ({percent}%). Sus ejercicios siguen igual hasta que haga al menos 7 de cada 10. Si el problema es el tiempo, elija menos minutos o menos días en sus preferencias.",
);
pub const HOLD_PAIN_UP: Text = t(
    "Your pain went up a little ({prev} then {now} out of 10), so your exercises stay the same this week.",
    "Su dolor subió un poco ({prev} y luego {now} sobre 10), así que sus ejercicios siguen igual esta semana.",
);
pub const HOLD_WORSE: Text = t(
    "Your pain is higher than in week 1 ({from} then {now} out of 10), so your exercises stay the same until a clinician has checked your plan.",
    "Su dolor es mayor que en la semana 1 ({from} y ahora {now} sobre 10), así que sus ejercicios siguen igual hasta que un profesional revise su plan.",
);
pub const STEP_BACK_FLARE: Text = t(
    "You had a flare-up last week, so your exercises go one step easier this week.",
    "Tuvo una crisis de dolor la semana pasada, así que sus ejercicios bajan un paso esta semana.",
);
pub const STEP_BACK_RISE: Text = t(
    "Your pain went up from {prev} to {now} out of 10. That counts as a flare-up, so your exercises go one step easier this week.",
    "Su dolor subió de {prev} a {now} sobre 10. Eso cuenta como una crisis, así que sus ejercicios bajan un paso esta semana.",
);
pub const YOUNG_TITLE: Text = t(
    "A plan needs a clinician",
    "Un plan necesita un profesional sanitario",
);
pub const YOUNG_ACTION: Text = t(
    "backcare's exercise plans are for people aged 16 and over. For someone younger, a doctor or physiotherapist should look at the back first and then plan the exercises with them. Please book an appointment with your family doctor. Until then, keep doing your normal everyday activities as far as the pain allows.",
    "Los planes de ejercicios de backcare son para personas de 16 años o más. En alguien más joven, un médico o fisioterapeuta debe revisar primero la espalda y luego planear los ejercicios con él o ella. Pida cita con su médico de familia. Mientras tanto, siga con sus actividades normales de cada día en la medida en que el dolor lo permita.",
);
pub const WITHHELD: Text = t(
    "Your answers show a possible serious problem, so backcare gives no exercises until a doctor has seen you. Follow the advice above first.",
    "Sus respuestas muestran un posible problema serio, así que backcare no da ejercicios hasta que le vea un médico. Siga primero el consejo de arriba.",
);

pub const FLARE_ADVICE: Text = t(
    "A flare-up is a bad spell, not new damage. It usually settles in a few days. Keep moving gently: short walks and the easier exercises in this plan. Change position often, and rest in a comfortable position when you need to, but do not stay in bed. Heat, such as a warm shower or a heat pad, can help. Ask a pharmacist which pain medicine suits you.",
    "Una crisis de dolor es una mala racha, no un daño nuevo. Suele calmarse en pocos días. Siga moviéndose con suavidad: paseos cortos y los ejercicios más fáciles de este plan. Cambie de postura a menudo y descanse en una postura cómoda cuando lo necesite, pero no se quede en la cama. El calor, como una ducha caliente o una manta eléctrica, puede ayudar. Pregunte en la farmacia qué medicina para el dolor le conviene.",
);

// Walking.
pub const WALK_START: Text = t(
    "Walk about {min} minutes a day, in one go or in a few shorter walks. Walking is one of the best things for back pain.",
    "Camine unos {min} minutos al día, de una vez o en varios paseos cortos. Caminar es de lo mejor para el dolor de espalda.",
);
pub const WALK_UP: Text = t(
    "Walk about {min} minutes a day, up from {old}: a little more each week.",
    "Camine unos {min} minutos al día, más que los {old} de antes: un poco más cada semana.",
);
pub const WALK_HOLD: Text = t(
    "Walk about {min} minutes a day, the same as last week.",
    "Camine unos {min} minutos al día, igual que la semana pasada.",
);
pub const WALK_HOLD_SHORT: Text = t(
    "Walk about {min} minutes a day. Last week you walked about {done} minutes a day, so the target stays the same until you reach it.",
    "Camine unos {min} minutos al día. La semana pasada caminó unos {done} minutos al día, así que el objetivo sigue igual hasta que lo alcance.",
);
pub const WALK_DOWN: Text = t(
    "Walk about {min} minutes a day, down from {old} after the flare-up. Short, gentle walks still help.",
    "Camine unos {min} minutos al día, menos que los {old} de antes por la crisis. Los paseos cortos y suaves siguen ayudando.",
);
pub const WALK_TOP: Text = t(
    "Walk about {min} minutes a day. You have reached your walking target: keep it up.",
    "Camine unos {min} minutos al día. Ha llegado a su objetivo de caminar: siga así.",
);
pub const WALK_GOAL: Text = t(
    "Your goal is {goal} minutes a day; the target grows towards it.",
    "Su objetivo es {goal} minutos al día; la meta va subiendo hacia él.",
);
pub const WALK_STENOSIS: Text = t(
    "If your legs ache while walking, stop and sit, or lean forward, until it eases, then go on. Pushing a trolley or using an exercise bike may be easier.",
    "Si le duelen las piernas al caminar, pare y siéntese, o inclínese hacia delante, hasta que se alivie, y siga. Empujar un carro o usar una bicicleta estática puede ser más fácil.",
);
pub const WALK_ALTERNATIVES: Text = t(
    "You can swap some of your walking for the same time on an exercise bike or walking in water.",
    "Puede cambiar parte del paseo por el mismo tiempo en bicicleta estática o caminando en el agua.",
);

// What happened to each exercise this week.
pub const CH_START: Text = t("Starting dose.", "Dosis de inicio.");
pub const CH_SAME: Text = t("Same as last week.", "Igual que la semana pasada.");
pub const CH_UP: Text = t(
    "One step more than last week.",
    "Un paso más que la semana pasada.",
);
pub const CH_HARDER: Text = t(
    "New this week: the next level after \"{old}\", at its starting dose.",
    "Nuevo esta semana: el siguiente nivel después de \"{old}\", con su dosis de inicio.",
);
pub const CH_TOP: Text = t(
    "You have reached the top step of this exercise: keep it up.",
    "Ha llegado al paso más alto de este ejercicio: siga así.",
);
pub const CH_TOP_BLOCKED: Text = t(
    "Top step reached. The next level is not suitable for you now, so it stays here.",
    "Ha llegado al paso más alto. El siguiente nivel no le conviene ahora, así que se queda aquí.",
);
pub const CH_TOO_HARD: Text = t(
    "Stays the same because you said it felt too hard last week. It can go up again when it no longer feels too hard.",
    "Sigue igual porque la semana pasada dijo que le resultó demasiado difícil. Podrá subir de nuevo cuando ya no le resulte demasiado difícil.",
);
pub const CH_TIME: Text = t(
    "Stays the same so your session fits in your {min} minutes.",
    "Sigue igual para que la sesión quepa en sus {min} minutos.",
);
pub const CH_DOWN: Text = t(
    "One step easier than last week, after the flare-up.",
    "Un paso más fácil que la semana pasada, por la crisis.",
);
pub const CH_EASIER: Text = t(
    "Swapped for the easier version of \"{old}\", after the flare-up.",
    "Cambiado por la versión más fácil de \"{old}\", por la crisis.",
);
pub const CH_BOTTOM: Text = t(
    "Already at its easiest: do it gently, or skip it on bad days.",
    "Ya está en lo más fácil: hágalo con suavidad, o sáltelo los días malos.",
);
pub const CH_REPLACED: Text = t(
    "Replaces \"{old}\", which does not suit you this week.",
    "Sustituye a \"{old}\", que no le conviene esta semana.",
);
pub const CH_ADDED: Text = t(
    "Added this week at its starting dose.",
    "Añadido esta semana con su dosis de inicio.",
);

// Reasons.
pub const R_SESSION: Text = t(
    "Your exercises take about {used} of your {min} minutes a day. Walking is on top of this.",
    "Sus ejercicios llevan unos {used} de sus {min} minutos al día. Caminar va aparte.",
);
pub const R_DAYS: Text = t(
    "Do your exercises on {days} days a week, as you chose.",
    "Haga sus ejercicios {days} días a la semana, como eligió.",
);
pub const R_DAYS_LOW: Text = t(
    "You chose {days} day a week. Muscles get stronger with at least 2 days a week, so add a day when you can.",
    "Eligió {days} día a la semana. Los músculos se fortalecen con al menos 2 días a la semana, así que añada un día cuando pueda.",
);
pub const R_FEWER: Text = t(
    "Your plan has {n} exercises instead of {want}, to fit your {min} minutes or because no other exercise is safe for you now. If you can give more time, change your preferences.",
    "Su plan tiene {n} ejercicios en vez de {want}, para caber en sus {min} minutos o porque ningún otro es seguro para usted ahora. Si puede dedicar más tiempo, cambie sus preferencias.",
);
pub const R_SLOT_EMPTY: Text = t(
    "No exercise for your {slot} fits you right now (safety, equipment or time), so that kind is left out.",
    "Ahora mismo ningún ejercicio de {slot} le encaja (seguridad, material o tiempo), así que ese tipo queda fuera.",
);
pub const R_SLOT_DROPPED: Text = t(
    "\"{old}\" is left out this week because it does not suit you now.",
    "\"{old}\" queda fuera esta semana porque ahora no le conviene.",
);
pub const R_EXCLUDED: Text = t(
    "{n} of the {total} exercises in the library were left out because they are not safe for you, need equipment you do not have, or are too hard for now.",
    "Se dejaron fuera {n} de los {total} ejercicios de la biblioteca porque no son seguros para usted, necesitan material que no tiene o son demasiado difíciles por ahora.",
);
pub const R_FUNCTION: Text = t(
    "Your score for the activity that matters most to you went from {from} to {to} out of 10.",
    "Su puntuación en la actividad que más le importa pasó de {from} a {to} sobre 10.",
);
pub const R_REASSESS: Text = t(
    "Answer your check-up questions again at the end of week {week} ({date}) to see how far you have come.",
    "Vuelva a contestar sus preguntas de revisión al final de la semana {week} ({date}) para ver cuánto ha avanzado.",
);
pub const R_NO_EXERCISES: Text = t(
    "No exercise in the library is safe for you right now with your equipment. Keep walking, and ask a physiotherapist for exercises that suit you.",
    "Ahora mismo ningún ejercicio de la biblioteca es seguro para usted con su material. Siga caminando y pida a un fisioterapeuta ejercicios que le convengan.",
);

// A clinician's changes (`super::tailor`).
pub const HOLD_CLINICIAN: Text = t(
    "Your clinician asked to keep your plan at this level for now, so your exercises and walking stay the same this week.",
    "Su profesional pidió mantener su plan en este nivel por ahora, así que sus ejercicios y los minutos que camina siguen igual esta semana.",
);
pub const CH_CLINICIAN_ADDED: Text = t(
    "Added by your clinician, at its starting dose.",
    "Añadido por su profesional, con su dosis de inicio.",
);
pub const CH_CLINICIAN_WAITING: Text = t(
    "Your clinician added \"{name}\". It starts next week, once the flare-up has settled.",
    "Su profesional añadió \"{name}\". Empieza la semana que viene, cuando la crisis se haya calmado.",
);
pub const CH_CLINICIAN_DOSE: Text = t(
    "Your clinician set this dose.",
    "Su profesional fijó esta dosis.",
);
pub const CH_OVERRIDE: Text = t(
    "Your plan usually leaves this out. Why: {why}. Your clinician chose it for you and said: \"{reason}\"",
    "Su plan normalmente lo deja fuera. Por qué: {why}. Su profesional lo eligió para usted y dijo: \"{reason}\"",
);
pub const R_CLINICIAN_REMOVED: Text = t(
    "Your clinician took \"{old}\" out of your plan.",
    "Su profesional quitó \"{old}\" de su plan.",
);
pub const R_CLINICIAN_DAYS: Text = t(
    "Do your exercises on {days} days a week, as your clinician set.",
    "Haga sus ejercicios {days} días a la semana, como fijó su profesional.",
);
pub const R_CLINICIAN_DAYS_LOW: Text = t(
    "Do your exercises on {days} day a week, as your clinician set. Muscles get stronger with at least 2 days a week.",
    "Haga sus ejercicios {days} día a la semana, como fijó su profesional. Los músculos se fortalecen con al menos 2 días a la semana.",
);
pub const WALK_TO_GOAL: Text = t(
    "Walk about {min} minutes a day, down from {old}: your clinician's goal.",
    "Camine unos {min} minutos al día, menos que los {old} de antes: el objetivo de su profesional.",
);
pub const WALK_GOAL_CLINICIAN: Text = t(
    "Your clinician set your walking goal at {goal} minutes a day.",
    "Su profesional fijó su objetivo de caminar en {goal} minutos al día.",
);
