# Interfaz web de backcare, español. Cada clave de aquí debe estar también en
# ../en/main.ftl (lo comprueba una prueba). Lenguaje sencillo: frases cortas.

## Diseño
brand = backcare
skip-to-content = Saltar al contenido principal
nav-label = Menú principal
nav-home = Inicio
nav-dashboard = Mi página
nav-clinician = Mis pacientes
nav-account = Cuenta
nav-login = Entrar
nav-signup = Crear cuenta
nav-logout = Salir
lang-switch-label = Idioma
lang-switch = English
footer-disclaimer = backcare ayuda a tomar decisiones; no hace diagnósticos.
footer-emergency = Llame a su número de emergencias o vaya ahora a urgencias si tiene dolor en el pecho, adormecimiento entre las piernas o alrededor del ano o de los genitales, problemas nuevos para controlar la orina o las heces, debilidad en las piernas que va a peor, o dolor de espalda tras una lesión grave.
footer-source = backcare es software libre y gratuito.

## Inicio
home-title = Ayuda para su dolor de espalda
home-lead = backcare le pregunta por su dolor de espalda, busca señales de alarma y le dice qué hacer después, según guías médicas publicadas.
home-is-heading = Qué es backcare
home-is = Una herramienta gratuita que hace las preguntas adecuadas, detecta las señales que necesitan un médico y le da un plan de ejercicios y consejos de confianza.
home-is-not-heading = Qué no es backcare
home-is-not = No es un diagnóstico y no sustituye a un médico ni a un fisioterapeuta. Si hay dudas, le envía a uno y le dice con qué urgencia.
home-steps-heading = Cómo funciona
home-step-1 = Responda unas preguntas cortas sobre su dolor.
home-step-2 = Vea qué urgencia tiene y por qué.
home-step-3 = Siga su plan semanal y anote cómo se siente.
home-start = Empezar ahora
home-continue = Ir a mi página
home-have-account = ¿Ya tiene una cuenta?

## Formularios
form-errors-title = Por favor, corrija los problemas de abajo.
field-email = Correo electrónico
field-password = Contraseña
field-password-hint = Al menos 10 caracteres. Una frase corta es fácil de recordar.
field-current-password = Contraseña actual
field-new-password = Contraseña nueva

## Crear cuenta
signup-title = Cree su cuenta
signup-lead = Sus respuestas y su diario son privados. Solo usted puede verlos, salvo que decida compartirlos con un profesional sanitario.
signup-submit = Crear cuenta
signup-have-account = ¿Ya tiene una cuenta? Entre

## Entrar
login-title = Entrar
login-submit = Entrar
login-no-account = ¿Es nuevo? Cree una cuenta
login-failed = El correo o la contraseña no son correctos. Inténtelo de nuevo.

## Cuenta
account-title = Su cuenta
account-signed-in-as = Ha entrado como { $email }.
account-password-heading = Cambiar la contraseña
account-password-submit = Cambiar contraseña
account-password-changed = Su contraseña ha cambiado. Hemos cerrado su sesión en sus otros dispositivos.
account-current-wrong = Esta no es su contraseña actual.
account-logout-heading = Salir
account-logout-lead = Salga de su cuenta cuando use un ordenador compartido.

## Paneles
dashboard-title = Mi página
dashboard-lead = Hola, { $email }.
dashboard-today = Hoy
dashboard-start-title = Empiece por las preguntas
dashboard-start = Unos { $minutes } minutos para las señales de alarma, y después unas preguntas sobre su dolor. Al final verá su resultado y, en la mayoría de los casos, un plan de ejercicios.
dashboard-continue-title = Siga con las preguntas
dashboard-continue = Sus respuestas hasta ahora están guardadas. Siga donde lo dejó.
dashboard-action-link = Ver su resultado y qué hacer
dashboard-session-title = Los ejercicios de hoy
dashboard-session = { $count ->
    [one] 1 ejercicio, unos { $minutes } minutos
   *[other] { $count } ejercicios, unos { $minutes } minutos
}
dashboard-session-link = Ver el plan de esta semana
session-title = La sesión de hoy
session-how = Haga los ejercicios en orden, con la dosis indicada. Si hoy el dolor es mucho peor de lo habitual, haga menos y pare cualquier ejercicio como se indica en «Pare si». Marque los que haya hecho y guarde. En el diario de hoy se anotará una sesión más y su dolor.
session-hurts = Si un ejercicio le duele
session-hurts-stop = Si un ejercicio le causa un dolor agudo o muy fuerte, párelo y no lo haga hoy. Si el dolor sigue mucho peor un día o más, esto es lo que debe hacer:
session-pain-before = Dolor antes de empezar, de 0 (sin dolor) a 10 (el peor dolor imaginable) (opcional)
session-pain-after = Dolor ahora que ha terminado, de 0 a 10
session-pain-hint = Un número entero de 0 a 10.
session-pain-after-hint = Un número entero de 0 a 10. Será su dolor de hoy en el diario.
session-done = Lo he hecho
session-finish = Guardar mi sesión
session-saved = { $count ->
    [one] Se ha guardado en el diario de hoy. Lleva 1 sesión hoy.
   *[other] Se ha guardado en el diario de hoy. Lleva { $count } sesiones hoy.
}
session-effort = ¿Qué tal le ha resultado? (opcional)
session-effort-hint = «Demasiado difícil» quiere decir que no pudo terminarlo o le costó mucho. Si su última respuesta de esta semana es «Demasiado difícil», la semana que viene no será más difícil. Si responde, se marca como hecho.
session-effort-too_easy = Demasiado fácil
session-effort-just_right = Adecuado
session-effort-too_hard = Demasiado difícil
session-error-effort = Elija «Demasiado fácil», «Adecuado» o «Demasiado difícil», o déjelo en blanco.
player-progress = Ejercicio {"{"}n{"}"} de {"{"}total{"}"}
player-next = Siguiente ejercicio
player-back = Ejercicio anterior
player-start = Poner en marcha el temporizador
player-pause = Pausa
player-resume = Seguir
player-hold = Mantenga la postura
player-rest = Descanse
player-go = Adelante
player-count = Contar una repetición
player-rep = Repetición {"{"}rep{"}"} de {"{"}reps{"}"}
player-set = Serie {"{"}set{"}"} de {"{"}sets{"}"}
player-left = Lado izquierdo
player-right = Lado derecho
player-finished = Marcado como hecho. Elija qué tal le ha resultado y pase al siguiente.
player-speak = Decir los números en voz alta
session-see-diary = Ver el diario de hoy
session-error-none = Marque al menos un ejercicio que haya hecho y guarde.
session-error-pain = Indique su dolor con un número entero de 0 a 10, o déjelo vacío.
session-error-pain-needed = Indique su dolor ahora, de 0 a 10: el diario de hoy lo necesita.
dashboard-session-start = Empezar la sesión de hoy
dashboard-diary-nudge = ¿Cómo está su espalda hoy? Se rellena en un minuto.
dashboard-diary-done = Hay una anotación en el diario de hoy.
dashboard-diary-fill = Rellenar el diario de hoy
dashboard-diary-see = Verlo o cambiarlo
dashboard-check-title = Preguntas de control
dashboard-check-due = Es hora de responder a las preguntas de control, para ver cómo va.
dashboard-check-next = Próximas preguntas de control: a partir del { $date }.
dashboard-check-link = Responder a las preguntas de control
dashboard-more = Todo lo demás

## Intake wizard
intake-start = Responder a las preguntas
intake-progress = Paso { $step } de { $total }
intake-skip = Si no quiere responder a una pregunta, o no está seguro, déjela en blanco.
intake-optional = Esta parte es opcional. Puede pulsar Siguiente sin responder.
intake-more = Su respuesta ha añadido una pregunta abajo. Respóndala si puede.
intake-change-note = Está cambiando sus respuestas. Revise cada paso y pulse Siguiente.
intake-next = Siguiente
intake-back = Atrás
intake-finish = Ver mi resultado
intake-number-hint = Un número entero de { $min } a { $max } ({ $unit }).
intake-error-number = Escriba un número entero, por ejemplo 42.
intake-error-range = Escriba un número de { $min } a { $max }.
intake-error-choice = Elija una de las respuestas.
emergency-why = Por qué
emergency-stopped = Hemos parado las preguntas para que pida ayuda ahora. Sus respuestas están guardadas.
emergency-see-result = Ver el resultado completo
emergency-change = Me equivoqué al responder: cambiar mis respuestas

# The check (/check): warning signs first, without an account; and the emergency page's call buttons.
home-start-time = Unos { $minutes } minutos: unas { $questions } preguntas cortas, primero sobre señales de alarma. No necesita una cuenta.
check-title = Compruebe si hay señales de alarma
check-lead = Primero, unas preguntas sobre señales por las que debe ver pronto a un médico, o pedir ayuda ahora. Si una respuesta indica que necesita ayuda ya, nos detenemos y le decimos qué hacer.
check-private = No necesita una cuenta. No guardamos sus respuestas a menos que cree una cuenta al final.
check-restarted = No pudimos leer sus respuestas, así que las preguntas empiezan de nuevo.
check-progress = Preguntas { $from } a { $to } de { $total }
check-result-title = Su resultado
check-result-lead = Este resultado se basa en sus respuestas sobre señales de alarma. No es un diagnóstico.
result-where-from = De dónde viene esta información
check-keep-title = Guarde este resultado y reciba su plan
check-keep-lead = Cree una cuenta para guardar sus respuestas. Después conteste algunas preguntas más sobre su dolor y reciba un plan de ejercicios y consejos. También podrá anotar cómo se encuentra cada día.
check-keep-withheld = Cree una cuenta para guardar sus respuestas. Después podrá compartirlas con su médico o fisioterapeuta. Primero siga el consejo de arriba.
check-keep-button = Crear una cuenta y guardar mis respuestas
check-keep-or-not = Si no crea una cuenta, sus respuestas se perderán al cerrar esta página.
check-change = Cambiar mis respuestas
signup-keeps-answers = Sus respuestas a las preguntas sobre señales de alarma se guardarán en su nueva cuenta.
emergency-call = Llamar al { $number }
emergency-where-112 = El número de emergencias de toda la Unión Europea.
emergency-where-911 = El número de emergencias de Estados Unidos, Canadá y México.
emergency-where-999 = El número de emergencias del Reino Unido.
emergency-elsewhere = ¿Está en otro país? Llame al número de emergencias de ese país. Algunos comunes:
emergency-pick = Llame al número de emergencias del país donde esté. Algunos comunes:
emergency-say-heading = Si llama
emergency-say-ambulance = Si no puede llegar a urgencias de forma segura, pida una ambulancia.
emergency-say-where = Diga dónde está: la dirección, o qué hay cerca.
emergency-say-what = Diga lo que el consejo de arriba le indica que diga.
emergency-stopped-check = Hemos parado las preguntas para que pida ayuda ahora.
check-clear-action = Nada de lo que nos ha dicho necesita ayuda urgente. Conteste el resto de las preguntas para ver su resultado completo y un plan de ejercicios. Si empeora, o nota una señal de alarma, vuelva a responder.
check-clear-title = No ha salido ninguna señal de alarma
emergency-call-heading = Llame para pedir ayuda
emergency-what-to-do = Qué hacer ahora

## Result
result-title = Su resultado
result-date = Respondido el
result-patterns = El tipo de su dolor
result-no-pattern = Sus respuestas no encajan con un tipo conocido. Es algo frecuente y no es preocupante en sí.
result-met = Señales que encajan
result-source = Fuente
result-rule = Regla
result-fit-likely = encaja bien
result-fit-possible = posible
result-scores = Grupo de riesgo y puntuaciones
result-risk-group = Grupo de riesgo (STarT Back)
result-no-scores = No respondió a las preguntas que puntuamos.
result-pain = Dolor
result-pain-now = ahora
result-pain-average = media
result-pain-worst = peor
result-distress = preocupación y ánimo
result-why = Por qué
result-because = Debido a
result-not-sure = Sin respuesta o no está seguro
result-still-open = Las preguntas que no contestó o de las que no estaba seguro dejan también abierto, para que lo revise un profesional:
result-no-flags = Ninguna de sus respuestas es una señal de alarma.
result-next = Próximos pasos
result-next-plan = Ver el plan de ejercicios de esta semana
result-next-withheld = Su plan de ejercicios esperará hasta que le vea un profesional. Siga primero el consejo de arriba.
result-next-worse = Si la debilidad de las piernas va a peor, llame a su número de emergencias o vaya ahora a urgencias. Si nota debilidad nueva en una pierna, vea a un médico hoy. Si el dolor empeora mucho, responda de nuevo a las preguntas.
result-next-again = Responder de nuevo a las preguntas
result-none = Todavía no ha respondido a las preguntas.
dashboard-result = Ver mi resultado
dashboard-plan = Ver mi plan

## Plan
plan-title = Su plan para esta semana
plan-week = Semana
plan-print = Imprimir este plan
plan-withheld = Su plan de ejercicios esperará hasta que le vea un profesional. Siga primero este consejo:
plan-exercises = Sus ejercicios
plan-dose = Cuánto
plan-how = Cómo hacerlo
plan-feel = Qué debe notar
plan-stop = Pare si
plan-activity = Caminar
plan-minutes-a-day = minutos de caminar al día
plan-flare = Si el dolor empeora de golpe
plan-read = Para leer esta semana

## Errores de campos
error-email-empty = Escriba su correo electrónico.
error-email-invalid = Esto no parece un correo electrónico. Debe ser como nombre@ejemplo.org.
error-email-taken = Ya existe una cuenta con este correo. Pruebe a entrar.
error-password-empty = Escriba su contraseña.
error-password-short = Su contraseña necesita al menos 10 caracteres.
error-password-long = Su contraseña puede tener como máximo 200 caracteres.

## Páginas de error
not-found-title = Página no encontrada
not-found-text = No hemos encontrado esta página. Puede que el enlace sea antiguo o tenga un error.
forbidden-title = No permitido
forbidden-text = Su cuenta no puede abrir esta página.
csrf-title = Este formulario ha caducado
csrf-text = Por su seguridad, no hemos podido aceptar este formulario. Vuelva atrás, recargue la página e inténtelo de nuevo.
error-title = Algo ha fallado
error-text = Lo sentimos, algo ha fallado por nuestra parte. Inténtelo de nuevo en un momento.
too-large-title = Demasiados datos
too-large-text = Lo que ha enviado es demasiado grande. Acórtelo e inténtelo de nuevo.
back-home = Ir a la página de inicio

## Aprender: búsqueda y artículos
nav-learn = Aprender
search-title = Aprenda sobre el dolor de espalda
search-lead = Busque en nuestros artículos. Están escritos con palabras sencillas y basados en guías médicas publicadas.
search-browse = Explorar por tema
search-label = ¿Qué quiere saber?
search-topic = Tema
search-all-topics = Todos los temas
search-submit = Buscar
search-results = Resultados
search-none = Ningún artículo coincide con estas palabras. Pruebe con otras palabras o elija todos los temas.
search-bad-topic = Este tema no existe. Elija uno de la lista.
article-back-to-search = Volver a la búsqueda

## Diario
dashboard-diary = Mi diario
diary-title = Mi diario
diary-lead = Anote cómo ha ido su día. Unos segundos al día muestran cómo evoluciona a lo largo de las semanas.
diary-saved = Guardado. Puede cambiar un día guardándolo otra vez.
diary-day = Día
diary-pain = Dolor hoy, de 0 (sin dolor) a 10 (el peor dolor imaginable)
diary-pain-hint = Escriba un número entero de 0 a 10.
diary-sessions = Sesiones de ejercicio hechas
diary-minutes = Minutos caminados
diary-flare-up = ¿Ha tenido hoy una crisis de dolor?
diary-yes = Sí
diary-no = No
diary-notes = Notas (opcional)
diary-notes-hint = Lo que quiera recordar, como máximo { $max } caracteres.
diary-submit = Guardar este día
diary-recent = Sus últimos días
diary-recent-caption = Sus últimas 14 anotaciones, de la más reciente a la más antigua
diary-none = Todavía no hay anotaciones. Guarde su primer día arriba.
diary-col-day = Día
diary-col-pain = Dolor (0-10)
diary-col-sessions = Sesiones
diary-col-minutes = Minutos caminados
diary-col-flare-up = Crisis
diary-col-notes = Notas
diary-error-day = Escriba una fecha, por ejemplo 2026-03-31.
diary-error-day-future = Esta fecha es futura. Elija hoy o un día anterior.
diary-error-pain = El dolor debe ser un número entero de 0 a 10.
diary-error-sessions = Las sesiones deben ser un número entero de 0 a { $max }.
diary-error-minutes = Los minutos deben ser un número entero de 0 a { $max }.
diary-error-flare-up = Elija sí o no.
diary-error-notes = Sus notas pueden tener como máximo { $max } caracteres.

## Privacy: export and delete my data (owned by the data-rights pages)
account-data-heading = Sus datos
account-data-lead = Lo que backcare guarda sobre usted es suyo. Puede descargar una copia o borrarlo todo.
account-export-link = Descargar una copia de mis datos
account-delete-link = Borrar mi cuenta y todos mis datos
export-title = Descargar una copia de sus datos
export-lead = Puede descargar todo lo que backcare guarda sobre usted, en un solo archivo.
export-contains-heading = Qué hay en el archivo
export-contains-account = Su cuenta: su correo, si es paciente o profesional sanitario, y cuándo se registró.
export-contains-answers = Todas las respuestas que dio, con los resultados que sacamos de ellas, y las respuestas que aún no ha terminado.
export-contains-diary = Su diario: dolor, ejercicio, paseos, crisis y notas de cada día.
export-contains-clinicians = Los profesionales sanitarios con los que decidió compartir sus datos.
export-contains-log = Cada vez que uno de esos profesionales abrió sus datos, y cuándo.
export-contains-patients = Los pacientes que decidieron compartir sus datos con usted.
export-contains-opened = Cada vez que usted abrió los datos de un paciente, y cuándo.
export-contains-codes = Los códigos para compartir que creó y que nadie ha usado aún (solo cuándo se crearon y cuándo caducan).
export-contains-sessions = Cuándo entró en cada dispositivo, y las veces que alguien escribió una contraseña equivocada con su correo.
export-not-included = Su contraseña no está en el archivo, ni los códigos secretos que mantienen su sesión abierta.
export-format = El archivo está en JSON, un formato de texto sencillo que otros programas pueden leer. Su nombre lleva la fecha de hoy.
export-download = Descargar mis datos (JSON)
export-keep-safe = Este archivo tiene información de salud. Guárdelo en un lugar seguro y no lo comparta por error.
export-back = Volver a su cuenta
delete-title = Borrar su cuenta
delete-lead = Esto borra la cuenta { $email } y todo lo que contiene.
delete-what-heading = Qué se borrará
delete-what-account = Su cuenta, su correo y su contraseña.
delete-what-records = Todas sus respuestas, resultados, planes y días del diario.
delete-what-links-patient = Sus vínculos con profesionales sanitarios, que ya no podrán ver sus datos, y la lista de cuándo los miraron.
delete-what-links-clinician = Sus vínculos con pacientes y sus códigos para compartir. Ya no verá los datos de esos pacientes.
delete-what-sessions = Sus sesiones abiertas en todos los dispositivos.
delete-kept-clinician = Solo queda una cosa: cada paciente conserva la lista de cuándo se abrieron sus datos, y esa lista sigue mostrando su correo. Esa lista es del paciente.
delete-cannot-undo = Esto no se puede deshacer. Después no podremos recuperar sus datos.
delete-export-first = Si quiere guardar una copia, descárguela antes.
delete-export-link = Descargar una copia de mis datos
delete-form-heading = Confirmar
delete-understand = Entiendo que mi cuenta y todos mis datos se borrarán para siempre.
delete-submit = Borrar mi cuenta y todos mis datos
delete-cancel = No, quiero conservar mi cuenta
delete-error-understand = Marque esta casilla para confirmar que lo entiende.
deleted-title = Su cuenta se ha borrado
deleted-text = Su cuenta y todos sus datos se han borrado, y se ha cerrado su sesión. Gracias por usar backcare. Si su dolor de espalda empeora, consulte a un médico u otro profesional sanitario.
# Hardening: forms from other sites, text we cannot store, diary days long ago.
csrf-other-site-text = Este formulario se envió desde otro sitio web, así que no lo hemos aceptado. Para su seguridad, abra backcare usted mismo e inténtelo de nuevo.
nul-title = No hemos podido leer parte del texto
nul-text = Lo que ha enviado contiene un carácter oculto que no podemos guardar. Escriba el texto de nuevo (sin pegarlo) e inténtelo otra vez.
diary-error-day-early = Esta fecha es anterior a la creación de su cuenta. Su diario empieza el { $first }.
dashboard-seen = Ya me han atendido por esto
dashboard-seen-hint = Pulse aquí cuando un médico o una enfermera le haya atendido por este resultado. Este mensaje pasará más abajo en la página. Su resultado no cambia.
dashboard-seen-on = Usted dijo que un médico o una enfermera le atendió por este resultado el { $date }.
dashboard-seen-plan = Su plan de ejercicios sigue en pausa después de este resultado. Pregunte al médico o a la enfermera que le atendió qué ejercicios son seguros para usted.
dashboard-seen-undo = Todavía no me han atendido
dashboard-seen-again = Si empeora, o si el problema vuelve, haga esto de nuevo:
seen-error-title = No se pudo hacer
seen-error = No encontramos ese resultado. Vuelva a su página e inténtelo de nuevo.
record-seen = El paciente dice que ya le han atendido por este resultado (el { $date }).
manifest-description = Cuide su espalda: compruebe si hay señales de alarma, haga sus ejercicios y lleve un diario.
offline-title = No tiene conexión
offline-text = Esta página necesita conexión, y ahora no hay.
offline-kept = Las páginas que abrió antes se guardan en este dispositivo, así que puede seguir usándolas:
offline-queued-title = Guardado en este dispositivo
offline-queued = No tiene conexión, así que esto se guarda por ahora en este dispositivo. Se enviará solo en cuanto vuelva a tener conexión y abra backcare.
offline-waiting = Guardado en este dispositivo y pendiente de enviar: {"{"}n{"}"}. Se enviará en cuanto vuelva a tener conexión.
offline-refused = No guardado: {"{"}n{"}"}. El servidor no aceptó algo que guardó sin conexión. Vuelva a rellenarlo, por favor.
tailored-by = Adaptado por { $who } el { $date } (versión { $version })
plan-goal = Su objetivo
plan-instruction = De su profesional
target-abdominals = Músculos de la barriga
target-back-extensors = Músculos de la espalda
target-core-stability = Músculos profundos del tronco
target-gluteal-hip = Caderas y glúteos
target-flexibility = Flexibilidad
target-pain-relief = Alivio del dolor
target-aerobic = Caminar y otra actividad que le hace respirar más fuerte
target-upper-back = Parte alta de la espalda
tailored-removed = Quitó { $name }
tailored-added = Añadió { $name }
tailored-added-override = Añadió { $name } aunque normalmente el plan lo dejaría fuera. Motivo: "{ $reason }"
tailored-dose = { $name }: { $dose }
tailored-held = Sus ejercicios se quedan en este nivel por ahora. Tras una crisis, siguen haciéndose más fáciles.
tailored-days = { $days } días a la semana para los ejercicios
tailored-walking = Objetivo de caminar: { $minutes } minutos al día
plan-changes-title = Lo que cambió su profesional
plan-override = Su profesional eligió esto para usted aunque normalmente el plan lo dejaría fuera. El motivo que dio: "{ $reason }"
fhir-tailoring-title = Adaptación del plan, versión { $version }
tailored-days-one = 1 día a la semana para los ejercicios
