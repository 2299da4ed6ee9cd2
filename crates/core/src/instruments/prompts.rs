//! backcare's own plain-language prompts for STarT Back, ODI and RMDQ, in English and
//! Spanish, and how an answer to one of them is recorded in the intake.
//!
//! **These are not the validated questionnaires' wording.** The published wording of all
//! three is copyrighted (STarT Back © Keele University; ODI © Jeremy Fairbank, distributed
//! by Mapi Research Trust; RMDQ © Roland and Morris) and must never be added to this
//! repository. Each prompt below was written by backcare to cover the same domain and
//! answer scale, keeping each answer's meaning and its place in the score order, so a
//! score built from them is an approximation of the validated score. [`notice`] says so to
//! the person. A test searches every prompt, in both languages, for key fragments of the
//! published wording and fails if one is found. An organisation with a licence can show the official
//! text instead by loading a [`Wording`] file at run time (`docs/instruments.md`).

use super::{Bothersome, OdiItem, OdiSection, RmdqItem};
use crate::intake::Intake;
use crate::lang::{Lang, Text, t};

pub use super::Instrument;
pub use super::wording::{Wording, WordingError};

/// One answer a person can give to an [`Item`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// The answer as it appears in the intake JSON, written as text: `"true"`/`"false"` for
    /// agree/disagree, `"very_much"` for STarT Back item 9, `"0"`-`"5"` for an ODI section,
    /// and for RMDQ `"true"` (ticked: true today) or `"false"` (not ticked).
    pub value: &'static str,
    /// What the person reads.
    pub label: Text,
}

/// One question of an instrument, in backcare's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    /// The instrument it belongs to.
    pub instrument: Instrument,
    /// The JSON field name in the answers (`"leg_pain"`, `"pain_intensity"`); for RMDQ the
    /// item number, `"1"` to `"24"`.
    pub key: &'static str,
    /// The question or statement.
    pub prompt: Text,
    /// The answers offered, in display order.
    pub choices: &'static [Choice],
}

impl Item {
    /// The item's number in its instrument, from 1.
    pub fn number(&self) -> usize {
        items(self.instrument)
            .iter()
            .position(|i| i.key == self.key)
            .map_or(0, |p| p + 1)
    }

    /// The choice with this value.
    pub fn choice(&self, value: &str) -> Option<&'static Choice> {
        // Look the choice up in our own table so the reference is 'static.
        item(self.instrument, self.key)?
            .choices
            .iter()
            .find(|c| c.value == value)
    }
}

/// An answer that does not fit the item: unknown item key or unknown choice value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{instrument} item {key:?} has no answer {value:?}")]
pub struct UnknownChoice {
    /// The instrument.
    pub instrument: Instrument,
    /// The item key given.
    pub key: String,
    /// The choice value given.
    pub value: String,
}

const fn c(value: &'static str, en: &'static str, es: &'static str) -> Choice {
    Choice {
        value,
        label: t(en, es),
    }
}

const AGREE: &[Choice] = &[
    c("true", "Agree", "De acuerdo"),
    c("false", "Disagree", "En desacuerdo"),
];

const BOTHER: &[Choice] = &[
    c("not_at_all", "Not at all", "Nada"),
    c("slightly", "Slightly", "Un poco"),
    c("moderately", "Moderately", "Moderadamente"),
    c("very_much", "Very much", "Mucho"),
    c("extremely", "Extremely", "Muchísimo"),
];

const TICK: &[Choice] = &[
    c(
        "true",
        "Yes, this is true today because of my back",
        "Sí, hoy es así por mi espalda",
    ),
    c("false", "No, not today", "No, hoy no"),
];

const fn sb(key: &'static str, en: &'static str, es: &'static str) -> Item {
    Item {
        instrument: Instrument::StartBack,
        key,
        prompt: t(en, es),
        choices: AGREE,
    }
}

/// STarT Back, items 1-9 in order. Statements for items 1-8, a question for item 9.
static START_BACK: [Item; 9] = [
    sb(
        "leg_pain",
        "Pain from my back has spread into one or both of my legs.",
        "El dolor de la espalda se me ha extendido a una pierna o a las dos.",
    ),
    sb(
        "shoulder_or_neck_pain",
        "My neck or shoulders have hurt too.",
        "También me han dolido el cuello o los hombros.",
    ),
    sb(
        "walking_limited",
        "Because of the pain, I have not been able to walk far.",
        "Por el dolor, no he podido caminar mucho.",
    ),
    sb(
        "dressing_slower",
        "Getting dressed has taken me longer than normal because of the pain.",
        "Por el dolor, he tardado más de lo normal en vestirme.",
    ),
    sb(
        "unsafe_to_be_active",
        "With my back the way it is, being physically active could harm me.",
        "Con la espalda como la tengo, hacer actividad física podría hacerme daño.",
    ),
    sb(
        "worrying_thoughts",
        "I have spent much of my time worrying.",
        "He pasado buena parte del tiempo con preocupaciones.",
    ),
    sb(
        "never_get_better",
        "My back pain is so bad that I doubt it will ever improve.",
        "Mi dolor de espalda es tan fuerte que dudo que vaya a mejorar algún día.",
    ),
    sb(
        "not_enjoying_things",
        "Lately, the things I usually like doing have given me little pleasure.",
        "Últimamente, las cosas que suelo hacer con gusto me han dado poco placer.",
    ),
    Item {
        instrument: Instrument::StartBack,
        key: "bothersomeness",
        prompt: t(
            "All in all, how much has your back pain bothered you?",
            "En conjunto, ¿cuánto le ha molestado su dolor de espalda?",
        ),
        choices: BOTHER,
    },
];

const fn odi(
    key: &'static str,
    en: &'static str,
    es: &'static str,
    choices: &'static [Choice; 6],
) -> Item {
    Item {
        instrument: Instrument::Odi,
        key,
        prompt: t(en, es),
        choices,
    }
}

/// ODI, sections 1-10 in order, each with answers 0 (least) to 5 (most disability).
/// Each answer keeps its section's meaning and place in the order, in our own words.
static ODI: [Item; 10] = [
    odi(
        "pain_intensity",
        "Pain: how strong is your pain right now?",
        "Dolor: ¿qué intensidad tiene su dolor ahora mismo?",
        &[
            c("0", "None at all", "Ninguno"),
            c("1", "A little", "Un poco"),
            c("2", "Medium", "Medio"),
            c("3", "Strong", "Fuerte"),
            c("4", "Very strong", "Muy fuerte"),
            c(
                "5",
                "As bad as pain could ever be",
                "Tan fuerte como podría llegar a ser un dolor",
            ),
        ],
    ),
    odi(
        "personal_care",
        "Looking after yourself: how do washing and dressing go?",
        "Cuidado personal: ¿cómo se las arregla para lavarse y vestirse?",
        &[
            c(
                "0",
                "No problem, and they don't make the pain worse",
                "Sin problema, y no me empeoran el dolor",
            ),
            c(
                "1",
                "I manage them as normal, but they make the pain worse",
                "Me arreglo como siempre, pero me empeoran el dolor",
            ),
            c(
                "2",
                "They hurt, so I take my time and am careful",
                "Me duele, así que me tomo mi tiempo y voy con cuidado",
            ),
            c(
                "3",
                "Someone helps me a bit, but I do most of it on my own",
                "Alguien me ayuda un poco, pero hago casi todo por mi cuenta",
            ),
            c(
                "4",
                "Every day someone helps me with most of it",
                "Cada día alguien me ayuda con casi todo",
            ),
            c(
                "5",
                "I stay in bed: I don't get dressed, and washing is a struggle",
                "Me quedo en la cama: no me visto, y lavarme es una lucha",
            ),
        ],
    ),
    odi(
        "lifting",
        "Lifting: what can you pick up and carry?",
        "Levantar peso: ¿qué puede coger y llevar?",
        &[
            c(
                "0",
                "Heavy loads are fine and don't hurt more",
                "Las cargas pesadas no son problema y no me duele más",
            ),
            c(
                "1",
                "Heavy loads, but afterwards it hurts more",
                "Cargas pesadas, pero después me duele más",
            ),
            c(
                "2",
                "Heavy loads only from a table or worktop, not from the floor",
                "Cargas pesadas solo desde una mesa o encimera, no desde el suelo",
            ),
            c(
                "3",
                "Only light or medium loads, and only from a table or worktop",
                "Solo cargas ligeras o medianas, y solo desde una mesa o encimera",
            ),
            c(
                "4",
                "Just very light things, like a cup or a book",
                "Solo cosas muy ligeras, como una taza o un libro",
            ),
            c(
                "5",
                "Nothing, not even a light bag",
                "Nada, ni siquiera una bolsa ligera",
            ),
        ],
    ),
    odi(
        "walking",
        "Walking: how far can you walk before pain stops you?",
        "Caminar: ¿cuánto puede caminar antes de que el dolor le obligue a parar?",
        &[
            c(
                "0",
                "Pain doesn't limit how far I walk",
                "El dolor no limita lo que camino",
            ),
            c(
                "1",
                "Up to about 1.5 km (1 mile)",
                "Hasta 1,5 kilómetros más o menos",
            ),
            c(
                "2",
                "Up to about 400 metres (a quarter of a mile)",
                "Hasta unos 400 metros",
            ),
            c(
                "3",
                "Up to about 100 metres (100 yards)",
                "Hasta unos 100 metros",
            ),
            c(
                "4",
                "I need a cane or crutches to walk",
                "Para caminar necesito apoyarme en un bastón o en muletas",
            ),
            c(
                "5",
                "Pain keeps me lying down nearly all day",
                "El dolor me tiene tumbado o tumbada casi todo el día",
            ),
        ],
    ),
    odi(
        "sitting",
        "Sitting: how long can you stay in a chair?",
        "Estar sentado: ¿cuánto tiempo puede permanecer en una silla?",
        &[
            c(
                "0",
                "Sitting is no problem, whatever the seat",
                "Estar sentado no es problema, sea cual sea el asiento",
            ),
            c(
                "1",
                "No time limit, but only in the one seat that suits my back",
                "Sin límite de tiempo, pero solo en el asiento que le va bien a mi espalda",
            ),
            c(
                "2",
                "Up to 1 hour, then pain makes me get up",
                "Hasta 1 hora; luego el dolor me obliga a levantarme",
            ),
            c("3", "Up to half an hour", "Hasta media hora"),
            c("4", "Up to 10 minutes", "Hasta 10 minutos"),
            c(
                "5",
                "Not at all: sitting hurts too much",
                "Nada: sentarme me duele demasiado",
            ),
        ],
    ),
    odi(
        "standing",
        "Standing: how long can you stay on your feet?",
        "Estar de pie: ¿cuánto tiempo puede aguantar de pie?",
        &[
            c(
                "0",
                "No time limit, and it doesn't hurt more",
                "Sin límite de tiempo, y no me duele más",
            ),
            c(
                "1",
                "No time limit, but standing makes the pain worse",
                "Sin límite de tiempo, pero estar de pie me empeora el dolor",
            ),
            c(
                "2",
                "Up to 1 hour, then pain makes me sit or lie down",
                "Hasta 1 hora; luego el dolor me obliga a sentarme o tumbarme",
            ),
            c("3", "Up to half an hour", "Hasta media hora"),
            c("4", "Up to 10 minutes", "Hasta 10 minutos"),
            c(
                "5",
                "Not at all: standing hurts too much",
                "Nada: estar de pie me duele demasiado",
            ),
        ],
    ),
    odi(
        "sleeping",
        "Sleep: how much does pain spoil your sleep?",
        "Sueño: ¿cuánto le estropea el dolor el sueño?",
        &[
            c(
                "0",
                "Pain never wakes me or keeps me awake",
                "El dolor nunca me despierta ni me quita el sueño",
            ),
            c(
                "1",
                "Now and then, pain wakes me or keeps me awake",
                "De vez en cuando, el dolor me despierta o me quita el sueño",
            ),
            c(
                "2",
                "Pain cuts my sleep to under 6 hours a night",
                "Por el dolor, no llego a dormir 6 horas por noche",
            ),
            c(
                "3",
                "Pain cuts my sleep to under 4 hours a night",
                "Por el dolor, no llego a dormir 4 horas por noche",
            ),
            c(
                "4",
                "Pain cuts my sleep to under 2 hours a night",
                "Por el dolor, no llego a dormir 2 horas por noche",
            ),
            c(
                "5",
                "Pain keeps me awake all night",
                "El dolor no me deja pegar ojo en toda la noche",
            ),
        ],
    ),
    odi(
        "sex_life",
        "Sex life (skip this if it does not apply to you): how much does pain affect it?",
        "Vida sexual (sáltese esta pregunta si no le corresponde): ¿cuánto le afecta el dolor?",
        &[
            c(
                "0",
                "Unchanged, and it doesn't hurt more",
                "Sin cambios, y no me duele más",
            ),
            c(
                "1",
                "Unchanged, but it brings on some pain",
                "Sin cambios, pero me provoca algo de dolor",
            ),
            c(
                "2",
                "Close to usual, but it hurts a lot",
                "Casi como siempre, pero me duele mucho",
            ),
            c("3", "Pain limits it a lot", "El dolor la limita mucho"),
            c(
                "4",
                "Because of pain, there is hardly any",
                "Por el dolor, casi no hay",
            ),
            c(
                "5",
                "Pain stops it completely",
                "El dolor la impide del todo",
            ),
        ],
    ),
    odi(
        "social_life",
        "Social life: how much does pain affect seeing people and going out?",
        "Vida social: ¿cuánto le afecta el dolor para ver a gente y salir?",
        &[
            c(
                "0",
                "Unchanged, and it doesn't make the pain worse",
                "Sin cambios, y no me empeora el dolor",
            ),
            c(
                "1",
                "Unchanged, but it makes the pain worse",
                "Sin cambios, pero me empeora el dolor",
            ),
            c(
                "2",
                "I still see people, but pain rules out sport and other active outings",
                "Sigo viendo a gente, pero el dolor me impide el deporte y otras salidas activas",
            ),
            c(
                "3",
                "I go out less than before because of pain",
                "Salgo menos que antes por el dolor",
            ),
            c(
                "4",
                "Because of pain, I only see people at home",
                "Por el dolor, solo veo a gente en casa",
            ),
            c(
                "5",
                "Pain has cut me off from other people",
                "El dolor me ha aislado de la gente",
            ),
        ],
    ),
    odi(
        "travelling",
        "Travel: how much does pain affect trips by car, bus or train?",
        "Viajes: ¿cuánto le afecta el dolor en los viajes en coche, autobús o tren?",
        &[
            c(
                "0",
                "Trips of any length are fine and don't hurt more",
                "Los viajes de cualquier duración van bien y no me duele más",
            ),
            c(
                "1",
                "Trips of any length, but they make the pain worse",
                "Viajes de cualquier duración, pero me empeoran el dolor",
            ),
            c(
                "2",
                "Trips of more than 2 hours hurt a lot, but I can do them",
                "Los viajes de más de 2 horas me duelen mucho, pero puedo hacerlos",
            ),
            c(
                "3",
                "Because of pain, no trip can last more than 1 hour",
                "Por el dolor, ningún viaje puede durar más de 1 hora",
            ),
            c(
                "4",
                "Only trips I really have to make, of half an hour at most",
                "Solo los viajes que de verdad tengo que hacer, de media hora como mucho",
            ),
            c(
                "5",
                "The only trips I make are to get my back treated",
                "Los únicos viajes que hago son para tratarme la espalda",
            ),
        ],
    ),
];

const fn rm(key: &'static str, en: &'static str, es: &'static str) -> Item {
    Item {
        instrument: Instrument::Rmdq,
        key,
        prompt: t(en, es),
        choices: TICK,
    }
}

/// RMDQ, items 1-24 in order: backcare's own short descriptions of each item's domain.
static RMDQ: [Item; 24] = [
    rm(
        "1",
        "Home: I rarely go out; I am indoors for most of the day.",
        "Casa: apenas salgo; paso casi todo el día dentro de casa.",
    ),
    rm(
        "2",
        "Fidgeting: I can't stay in one position for long; I keep moving to get comfortable.",
        "Postura: no aguanto mucho en la misma postura; me muevo a menudo para estar a gusto.",
    ),
    rm(
        "3",
        "Walking pace: my walking is slower than normal.",
        "Paso: camino más despacio de lo normal.",
    ),
    rm(
        "4",
        "Housework: I have stopped doing my usual jobs at home.",
        "Tareas de casa: he dejado de hacer mis tareas normales de casa.",
    ),
    rm(
        "5",
        "Stairs: I have to hold the rail to climb them.",
        "Escaleras: tengo que agarrarme a la barandilla para subirlas.",
    ),
    rm(
        "6",
        "Resting: I need to lie down during the day more than before.",
        "Descanso: necesito tumbarme durante el día más que antes.",
    ),
    rm(
        "7",
        "Armchair: I need to grab something to push myself up from a soft chair.",
        "Sillón: necesito agarrarme a algo para levantarme de un asiento blando.",
    ),
    rm(
        "8",
        "Help: I leave tasks to others that I would usually do myself.",
        "Ayuda: dejo a otras personas tareas que normalmente haría yo.",
    ),
    rm(
        "9",
        "Clothes: dressing takes me longer than normal.",
        "Ropa: tardo más de lo normal en vestirme.",
    ),
    rm(
        "10",
        "Standing: after a short while on my feet, I need to stop.",
        "De pie: al poco rato de estar de pie, necesito parar.",
    ),
    rm(
        "11",
        "Bending: I don't bend down or kneel if I can help it.",
        "Agacharse: si puedo, no me agacho ni me arrodillo.",
    ),
    rm(
        "12",
        "Chairs: getting up from a chair is hard.",
        "Sillas: me cuesta levantarme de una silla.",
    ),
    rm(
        "13",
        "Constant pain: there is hardly a moment when my back doesn't hurt.",
        "Dolor constante: casi no hay un momento en que no me duela la espalda.",
    ),
    rm(
        "14",
        "In bed: rolling over is hard.",
        "En la cama: me cuesta darme la vuelta.",
    ),
    rm(
        "15",
        "Eating: I don't feel much like eating.",
        "Comer: tengo poco apetito.",
    ),
    rm(
        "16",
        "Socks: putting on socks or tights is a struggle.",
        "Calcetines: ponerme los calcetines o las medias es una lucha.",
    ),
    rm(
        "17",
        "Distance: a short walk is as far as I can go.",
        "Distancia: un paseo corto es lo máximo que puedo caminar.",
    ),
    rm(
        "18",
        "Sleep: I am not sleeping as well.",
        "Sueño: duermo peor.",
    ),
    rm(
        "19",
        "Dressing help: someone has to help me get dressed.",
        "Ayuda para vestirme: alguien tiene que ayudarme a vestirme.",
    ),
    rm(
        "20",
        "Sitting: I spend most of the day in a chair.",
        "Sentarse: paso la mayor parte del día en una silla o sillón.",
    ),
    rm(
        "21",
        "Heavy tasks: I leave out the harder chores at home.",
        "Tareas pesadas: dejo de lado las tareas más duras de casa.",
    ),
    rm(
        "22",
        "Mood: I am grumpier and shorter with people than usual.",
        "Humor: estoy más irritable y de peor humor con la gente de lo normal.",
    ),
    rm(
        "23",
        "Climbing: stairs take me longer than they used to.",
        "Subir: tardo más que antes en subir escaleras.",
    ),
    rm(
        "24",
        "Bed: I hardly get out of bed.",
        "Cama: casi no me levanto de la cama.",
    ),
];

/// Every item of an instrument, in questionnaire order.
pub fn items(instrument: Instrument) -> &'static [Item] {
    match instrument {
        Instrument::StartBack => &START_BACK,
        Instrument::Odi => &ODI,
        Instrument::Rmdq => &RMDQ,
    }
}

/// The item with this key, if there is one.
pub fn item(instrument: Instrument, key: &str) -> Option<&'static Item> {
    items(instrument).iter().find(|i| i.key == key)
}

/// The label shown with each instrument's prompts: they are backcare's own words, not the
/// validated wording, so the score is an approximation.
pub fn notice(instrument: Instrument) -> Text {
    match instrument {
        Instrument::StartBack => t(
            "These are backcare's own plain-language questions, based on the Keele STarT Back Screening Tool (© Keele University). They are not the official wording, so your score is an estimate.",
            "Estas preguntas están escritas por backcare en lenguaje sencillo, a partir de la herramienta STarT Back de la Universidad de Keele (© Keele University). No son el texto oficial, así que su puntuación es una aproximación.",
        ),
        Instrument::Odi => t(
            "These are backcare's own plain-language questions, based on the Oswestry Disability Index (ODI © Jeremy Fairbank, 1980). They are not the official wording, so your score is an estimate.",
            "Estas preguntas están escritas por backcare en lenguaje sencillo, a partir del Índice de Discapacidad de Oswestry (ODI © Jeremy Fairbank, 1980). No son el texto oficial, así que su puntuación es una aproximación.",
        ),
        Instrument::Rmdq => t(
            "These are backcare's own plain-language statements, based on the Roland-Morris Disability Questionnaire (Roland and Morris, 1983). They are not the official wording, so your score is an estimate.",
            "Estas frases están escritas por backcare en lenguaje sencillo, a partir del Cuestionario de Discapacidad de Roland-Morris (Roland y Morris, 1983). No son el texto oficial, así que su puntuación es una aproximación.",
        ),
    }
}

/// How to answer an instrument's items, shown before the first one.
pub fn instructions(instrument: Instrument) -> Text {
    match instrument {
        Instrument::StartBack => t(
            "Think about the last 2 weeks. For each sentence, say whether you agree or disagree.",
            "Piense en las últimas 2 semanas. Para cada frase, diga si está de acuerdo o en desacuerdo.",
        ),
        Instrument::Odi => t(
            "These questions are about how your back affects your daily life today. In each section, choose the one answer that fits you best. Please answer as many as you can: if two or more are skipped, we cannot work out a score.",
            "Estas preguntas tratan de cómo su espalda afecta hoy a su vida diaria. En cada apartado, elija la respuesta que mejor encaje con usted. Responda a todas las que pueda: si se salta dos o más, no podremos calcular la puntuación.",
        ),
        Instrument::Rmdq => t(
            "Back pain can make everyday things harder. Here are 24 things people sometimes say about that. Answer yes to each one that is true for you today because of your back. Answer no if it is not true today or does not apply to you.",
            "El dolor de espalda puede complicar las cosas de cada día. Aquí hay 24 cosas que la gente dice a veces sobre eso. Responda sí a cada una que sea verdad para usted hoy por su espalda. Responda no si hoy no es así o no le corresponde.",
        ),
    }
}

/// Records one answer into the intake; returns an error for an unknown key/value.
///
/// Creates the instrument's answers in the intake if needed. An ODI answer replaces the
/// section's answer with one ticked statement; an RMDQ `"true"` ticks the item (once) and
/// `"false"` unticks it.
pub fn apply(intake: &mut Intake, item: &Item, choice_value: &str) -> Result<(), UnknownChoice> {
    let unknown = || UnknownChoice {
        instrument: item.instrument,
        key: item.key.to_owned(),
        value: choice_value.to_owned(),
    };
    // Only our own items and choices are accepted, whatever `item` says.
    let ours = self::item(item.instrument, item.key).ok_or_else(unknown)?;
    if !ours.choices.iter().any(|c| c.value == choice_value) {
        return Err(unknown());
    }
    match item.instrument {
        Instrument::StartBack => {
            let answers = intake.start_back.get_or_insert_with(Default::default);
            if item.key == "bothersomeness" {
                answers.bothersomeness =
                    Some(Bothersome::from_id(choice_value).ok_or_else(unknown)?);
            } else {
                *answers.agree_item_mut(item.key).ok_or_else(unknown)? =
                    Some(choice_value == "true");
            }
        }
        Instrument::Odi => {
            let value = choice_value
                .parse()
                .ok()
                .and_then(|v| OdiItem::new(v).ok())
                .ok_or_else(unknown)?;
            let answers = intake.odi.get_or_insert_with(Default::default);
            *answers.section_mut(item.key).ok_or_else(unknown)? = Some(OdiSection::One(value));
        }
        Instrument::Rmdq => {
            let number = item
                .key
                .parse()
                .ok()
                .and_then(|n| RmdqItem::new(n).ok())
                .ok_or_else(unknown)?;
            let answers = intake.rmdq.get_or_insert_with(Default::default);
            answers.ticked.retain(|n| *n != number);
            if choice_value == "true" {
                answers.ticked.push(number);
                answers.ticked.sort_unstable();
            }
        }
    }
    Ok(())
}

/// The answer already recorded for `item` in the intake, as a [`Choice::value`]; `None` when
/// not answered. For an ODI section with two statements ticked, the higher (the one scored).
/// For RMDQ, once any RMDQ answer exists, an unticked item reads as `"false"`.
pub fn answer(intake: &Intake, item: &Item) -> Option<&'static str> {
    let ours = self::item(item.instrument, item.key)?;
    let value: String = match item.instrument {
        Instrument::StartBack => {
            let answers = intake.start_back.as_ref()?;
            if item.key == "bothersomeness" {
                answers.bothersomeness?.id().to_owned()
            } else {
                let (_, agreed) = answers
                    .agree_items()
                    .into_iter()
                    .find(|(k, _)| *k == item.key)?;
                agreed?.to_string()
            }
        }
        Instrument::Odi => {
            let (_, section) = intake
                .odi
                .as_ref()?
                .sections()
                .into_iter()
                .find(|(k, _)| *k == item.key)?;
            section?.score().to_string()
        }
        Instrument::Rmdq => {
            let answers = intake.rmdq.as_ref()?;
            answers
                .ticked
                .iter()
                .any(|n| n.to_string() == item.key)
                .to_string()
        }
    };
    ours.choices
        .iter()
        .find(|c| c.value == value)
        .map(|c| c.value)
}

/// The prompt and its choices in `lang`, using licensed `wording` where given.
pub fn render<'a>(
    item: &Item,
    lang: Lang,
    wording: Option<&'a Wording>,
) -> (&'a str, Vec<&'a str>) {
    match wording {
        Some(w) => (
            w.prompt(item, lang),
            item.choices
                .iter()
                .map(|c| w.choice(item, c, lang))
                .collect(),
        ),
        None => (
            item.prompt.get(lang),
            item.choices.iter().map(|c| c.label.get(lang)).collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instruments::OdiAnswers;
    use crate::instruments::StartBackAnswers;

    #[test]
    fn counts_are_9_10_24() {
        assert_eq!(items(Instrument::StartBack).len(), 9);
        assert_eq!(items(Instrument::Odi).len(), 10);
        assert_eq!(items(Instrument::Rmdq).len(), 24);
    }

    #[test]
    fn keys_match_the_answer_types() {
        let keys = |i| items(i).iter().map(|i| i.key).collect::<Vec<_>>();
        assert_eq!(keys(Instrument::StartBack), StartBackAnswers::KEYS);
        assert_eq!(keys(Instrument::Odi), OdiAnswers::KEYS);
        let numbers: Vec<String> = (1..=24).map(|n: u8| n.to_string()).collect();
        assert_eq!(keys(Instrument::Rmdq), numbers);
        for instrument in Instrument::ALL {
            for (n, item) in items(instrument).iter().enumerate() {
                assert_eq!(item.instrument, instrument);
                assert_eq!(item.number(), n + 1);
            }
        }
    }

    #[test]
    fn every_item_has_text_and_choices_in_both_languages() {
        for instrument in Instrument::ALL {
            for lang in Lang::ALL {
                assert!(!notice(instrument).get(lang).is_empty());
                assert!(!instructions(instrument).get(lang).is_empty());
            }
            for item in items(instrument) {
                assert!(!item.choices.is_empty(), "{}", item.key);
                for text in std::iter::once(item.prompt).chain(item.choices.iter().map(|c| c.label))
                {
                    assert!(!text.en.trim().is_empty(), "{instrument} {}", item.key);
                    assert!(!text.es.trim().is_empty(), "{instrument} {}", item.key);
                    assert_ne!(text.en, text.es, "{instrument} {}: untranslated?", item.key);
                }
                let mut values: Vec<_> = item.choices.iter().map(|c| c.value).collect();
                values.sort_unstable();
                values.dedup();
                assert_eq!(
                    values.len(),
                    item.choices.len(),
                    "{}: duplicate values",
                    item.key
                );
            }
        }
    }

    #[test]
    fn choice_sets() {
        let values = |item: &Item| item.choices.iter().map(|c| c.value).collect::<Vec<_>>();
        for item in items(Instrument::Odi) {
            assert_eq!(values(item), ["0", "1", "2", "3", "4", "5"], "{}", item.key);
        }
        for item in &items(Instrument::StartBack)[..8] {
            assert_eq!(values(item), ["true", "false"]);
        }
        let nine = &items(Instrument::StartBack)[8];
        assert_eq!(values(nine), Bothersome::ALL.map(Bothersome::id).to_vec());
        for item in items(Instrument::Rmdq) {
            assert_eq!(values(item), ["true", "false"]);
        }
    }

    #[test]
    fn apply_round_trips_every_choice_into_the_intake_json() {
        for instrument in Instrument::ALL {
            for item in items(instrument) {
                for choice in item.choices {
                    let mut intake = Intake::default();
                    apply(&mut intake, item, choice.value).unwrap();
                    assert_eq!(
                        answer(&intake, item),
                        Some(choice.value),
                        "{instrument} {}",
                        item.key
                    );
                    // The key and value are the intake's JSON field and value.
                    let json = serde_json::to_value(&intake).unwrap();
                    let answers = &json[instrument.id()];
                    if instrument == Instrument::Rmdq {
                        let ticked = answers["ticked"].as_array().unwrap();
                        let number: serde_json::Value = item.key.parse::<u8>().unwrap().into();
                        assert_eq!(ticked.contains(&number), choice.value == "true");
                    } else {
                        let got = match &answers[item.key] {
                            serde_json::Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        assert_eq!(got, choice.value, "{instrument} {}", item.key);
                    }
                    // And the JSON reads back as the same intake.
                    let back: Intake = serde_json::from_value(json).unwrap();
                    assert_eq!(back, intake);
                }
            }
        }
    }

    #[test]
    fn apply_overwrites_and_unticks() {
        let mut intake = Intake::default();
        let seven = item(Instrument::Rmdq, "7").unwrap();
        apply(&mut intake, seven, "true").unwrap();
        apply(&mut intake, seven, "true").unwrap();
        assert_eq!(intake.rmdq.as_ref().unwrap().ticked.len(), 1);
        apply(&mut intake, seven, "false").unwrap();
        assert!(intake.rmdq.as_ref().unwrap().ticked.is_empty());
        assert_eq!(answer(&intake, seven), Some("false"));

        let lifting = item(Instrument::Odi, "lifting").unwrap();
        apply(&mut intake, lifting, "4").unwrap();
        apply(&mut intake, lifting, "1").unwrap();
        assert_eq!(answer(&intake, lifting), Some("1"));
    }

    #[test]
    fn apply_rejects_unknown_keys_and_values() {
        let mut intake = Intake::default();
        let leg = item(Instrument::StartBack, "leg_pain").unwrap();
        let err = apply(&mut intake, leg, "maybe").unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"start_back item "leg_pain" has no answer "maybe""#
        );
        assert!(apply(&mut intake, item(Instrument::Odi, "sitting").unwrap(), "6").is_err());
        let forged = Item {
            key: "not_an_item",
            ..*leg
        };
        assert!(apply(&mut intake, &forged, "true").is_err());
        let wrong_instrument = Item {
            instrument: Instrument::Odi,
            ..*leg
        };
        assert!(apply(&mut intake, &wrong_instrument, "true").is_err());
        assert_eq!(intake, Intake::default());
    }

    #[test]
    fn render_uses_our_text_without_wording() {
        let leg = item(Instrument::StartBack, "leg_pain").unwrap();
        let (prompt, choices) = render(leg, Lang::Es, None);
        assert_eq!(prompt, leg.prompt.es);
        assert_eq!(choices, ["De acuerdo", "En desacuerdo"]);
    }

    /// Key fragments of the published questionnaires' wording (ODI v2.1a, STarT Back,
    /// RMDQ-24, and their Spanish versions), kept here only to search for: no prompt may
    /// contain one. Short fragments, never whole items.
    const PUBLISHED_FRAGMENTS: &[&str] = &[
        // ODI v2.1a
        "worst imaginable",
        "look after myself normally",
        "wash with difficulty",
        "extra pain",
        "conveniently placed",
        "conveniently positioned",
        "very light weights",
        "walking any distance",
        "stick or crutches",
        "in bed most of the time",
        "any chair",
        "as long as i like",
        "as long as i want",
        "favourite chair",
        "favorite chair",
        "never disturbed by pain",
        "occasionally disturbed",
        "less than 6 hours",
        "less than 4 hours",
        "less than 2 hours",
        "nearly normal",
        "nearly absent",
        "more energetic interests",
        "restricted my social life",
        "no social life because",
        "travel anywhere",
        "journeys over two hours",
        "journeys of less than",
        "short necessary journeys",
        "short, needed trips",
        "under 30 minutes",
        "except to receive treatment",
        "except to get treatment",
        // STarT Back
        "spread down my leg",
        "only walked short distances",
        "dressed more slowly than usual",
        "a condition like mine",
        "worrying thoughts",
        "never going to get any better",
        "things i used to enjoy",
        "how bothersome",
        // RMDQ-24
        "stay at home most of the time",
        "change position frequently",
        "walk more slowly than usual",
        "handrail to get upstairs",
        "lie down to rest more often",
        "out of an easy chair",
        "get other people to do things",
        "short periods of time",
        "try not to bend or kneel",
        "painful almost all the time",
        "turn over in bed",
        "appetite is not very good",
        "trouble putting on my socks",
        "only walk short distances",
        "sleep less well",
        "with help from someone else",
        "sit down for most of the day",
        "avoid heavy jobs around the house",
        "heavy jobs around the house",
        "irritable and bad tempered",
        "go upstairs more slowly",
        "stay in bed most of the time",
        // Spanish versions
        "cualquier tipo de silla",
        "silla favorita",
        "sillón favorito",
        "todo el tiempo que quiera",
        "a cualquier sitio",
        "bastón o muletas",
        "menos de 6 horas",
        "salvo para recibir tratamiento",
        "excepto para ir al médico",
        "me quedo en casa la mayor parte",
        "cambio de postura con frecuencia",
        "me cuesta ponerme los calcetines",
        "peor dolor imaginable",
    ];

    /// The fragment of published wording that `text` contains, if any. Case, curly
    /// apostrophes and repeated spaces do not hide a match.
    fn published_fragment(text: &str) -> Option<&'static str> {
        let text = text.to_lowercase().replace('\u{2019}', "'");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        PUBLISHED_FRAGMENTS
            .iter()
            .copied()
            .find(|fragment| text.contains(fragment))
    }

    #[test]
    fn no_prompt_uses_published_wording() {
        // The check itself must catch published wording, whatever its case or spacing.
        assert_eq!(
            published_fragment("I can sit in any chair  As Long As I Like"),
            Some("any chair")
        );
        assert_eq!(
            published_fragment("Sólo en mi Silla Favorita"),
            Some("silla favorita")
        );
        assert_eq!(published_fragment("A short walk, then a rest"), None);
        let mut found = Vec::new();
        for instrument in Instrument::ALL {
            for lang in Lang::ALL {
                let mut texts = vec![
                    notice(instrument).get(lang),
                    instructions(instrument).get(lang),
                ];
                for item in items(instrument) {
                    texts.push(item.prompt.get(lang));
                    texts.extend(item.choices.iter().map(|c| c.label.get(lang)));
                }
                for text in texts {
                    if let Some(fragment) = published_fragment(text) {
                        found.push(format!(
                            "{instrument} {lang:?}: {text:?} contains {fragment:?}"
                        ));
                    }
                }
            }
        }
        assert!(found.is_empty(), "published wording:\n{}", found.join("\n"));
    }
}
