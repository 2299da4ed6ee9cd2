# Clinicians: share codes, the patient panel, a patient's record, and the access log patients see.

## The clinician's panel
clinician-title = Mis pacientes
clinician-lead = Hola, { $email }.
clinician-patients = Pacientes que comparten su historial con usted
clinician-order = La lista empieza por quien más puede necesitarle: primero las señales de alarma, luego quien empeora, luego el riesgo alto, luego el riesgo medio y después el resto.
clinician-no-patients = Todavía ningún paciente ha compartido su historial con usted. Cree un código para compartir más abajo y déselo a su paciente.
clinician-caption = Sus pacientes, los más urgentes primero
clinician-col-patient = Paciente
clinician-col-concern = Por qué está en este lugar de la lista
clinician-col-triage = Última revisión de señales de alarma
clinician-col-risk = Riesgo STarT Back
clinician-col-diary = Última anotación del diario
clinician-since = Comparte desde
clinician-more-reasons = (y { $count } más en el historial)
clinician-none = Aún nada
clinician-share-title = Añadir un paciente
clinician-share-lead = Cree un código para compartir y déselo a su paciente. Lo escribe en su página «Compartir» para compartir su historial con usted. Cada código sirve una vez, durante 24 horas.
clinician-share-button = Crear un código para compartir
clinician-code-title = Su nuevo código para compartir
clinician-code-expires = Sirve hasta
clinician-code-once = Apúntelo o déselo ahora a su paciente: solo guardamos una copia cifrada, así que no se puede volver a mostrar.
clinician-pending = Códigos sin usar: { $count }.

## A patient's record, as a clinician sees it
record-title = Historial del paciente
record-assessed = Respuestas del
record-no-assessment = Este paciente todavía no ha respondido a las preguntas.
record-logged = Su visita ha quedado anotada en el registro de accesos del paciente, que el paciente puede leer.
record-concern = Lugar en su lista
record-rule = Regla
record-source = Fuente
record-flags = Señales de alarma en las últimas respuestas
record-no-flags = No hay señales de alarma en las últimas respuestas.
record-unsure = la respuesta fue «no estoy seguro» o quedó sin responder
record-because = Por
record-scores = Últimas puntuaciones
record-risk-group = Grupo de riesgo STarT Back
record-no-scores = Aún no hay puntuaciones.
record-charts = Gráficos de evolución
record-history = Historia
record-no-history = Aún no ha respondido a ninguna pregunta.
record-history-caption = Respuestas y cuestionarios de seguimiento, los más recientes primero
record-col-date = Fecha
record-col-what = Qué
record-col-scores = Puntuaciones
record-intake = Preguntas completas
record-reassessment = Seguimiento
record-diary = Diario reciente
record-no-diary = Aún no hay anotaciones en el diario.
record-diary-caption = Las últimas 14 anotaciones del diario, las más recientes primero
record-plan = El plan de esta semana
record-plan-week = Semana { $week }
record-plan-withheld = Sin ejercicios: el plan espera a que un profesional sanitario vea al paciente, por las señales de alarma de arriba.
record-plan-walking = Caminar: { $minutes } minutos al día.
record-no-plan = Aún no hay plan: empieza después de las primeras respuestas.
record-codes = Códigos sugeridos (CIE-10-MC y CPT)
record-no-codes = No se sugiere ningún código.
record-code-why = Por qué
record-code-condition = Úselo solo si

## Sharing, for patients
dashboard-sharing = Compartir con un profesional sanitario
sharing-title = Compartir con profesionales sanitarios
sharing-lead = Usted decide quién ve sus respuestas, puntuaciones, diario y plan. Puede dejar de compartir cuando quiera.
sharing-linked = Hecho. Su profesional sanitario ya puede ver su historial. Aparece en la lista de abajo.
sharing-revoked = Hecho. Ese profesional sanitario ya no puede ver su historial.
sharing-clinicians = Profesionales sanitarios que pueden ver su historial
sharing-none = No comparte su historial con nadie.
sharing-since = desde
sharing-revoke = Dejar de compartir
sharing-what-they-see = Su lista de pacientes muestra su última revisión de señales de alarma, su grupo de riesgo y el día de su última anotación en el diario. Cada vez que abren su historial completo, queda anotado en su registro de accesos.
sharing-log-link = Ver quién ha abierto su historial
sharing-add = Compartir con un nuevo profesional sanitario
sharing-code = Código para compartir
sharing-code-hint = Se lo da su profesional sanitario. Tiene 16 letras y números, como 3F9A-0C12-77DE-B401.
sharing-submit = Compartir mi historial
sharing-error-empty = Escriba el código que le dio su profesional sanitario.
sharing-error-format = Esto no es un código para compartir. Un código tiene 16 letras y números, como 3F9A-0C12-77DE-B401.
sharing-error-unknown = Este código no funciona. Puede que esté mal escrito, que ya se haya usado o que tenga más de 24 horas. Revíselo o pida uno nuevo a su profesional sanitario.
sharing-error-revoke = Elija un profesional sanitario de la lista.
sharing-not-linked = No comparte su historial con este profesional sanitario.
sharing-log-title = Quién ha abierto su historial
sharing-log-lead = Cada vez que un profesional sanitario abre su historial, queda anotado aquí. Lo más reciente aparece primero.
sharing-log-none = Ningún profesional sanitario ha abierto su historial todavía.
sharing-log-entry = El { $when }, { $who } { $what }.
sharing-log-record = abrió su historial: sus respuestas, resultados y diario
sharing-log-other = consultó: { $what }
time-in-zone = { $day } a las { $time } ({ $zone })
sharing-back = Volver a compartir

# Records as issued: both levels when today's rules differ, and records that could not be read.
clinician-levels-differ = Emitido: { $issued } el { $date }; con las reglas de hoy: { $today }
clinician-unreadable-assessment = No se pudo leer: una valoración guardada el { $date }.
clinician-unreadable-reassessment = No se pudo leer: un cuestionario guardado el { $date }.
clinician-unreadable-instrument = No se pudo leer: respuestas a "{ $instrument }" guardadas el { $date }.
clinician-concern-unreadable = No se pudo leer un registro: revíselo
