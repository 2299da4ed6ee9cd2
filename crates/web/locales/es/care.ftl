# Reassessment (STarT Back, ODI, RMDQ) and the progress charts.

charts-heading = Su progreso en gráficos
charts-show-table = Ver los números en una tabla

plan-change = El cambio de esta semana
plan-change-diary = Rellene su diario cada día: el plan de la semana que viene se calcula a partir de él
plan-change-progress = Ver su progreso

reassess-title = Responder de nuevo a las preguntas
reassess-lead = Responder a las mismas preguntas cada 2 a 4 semanas muestra si su espalda está mejorando, y cuánto. Los cambios tardan unas dos semanas en notarse, así que hacerlo más a menudo no ayuda.
reassess-answer = Responder ahora
reassess-due-never = Todavía no ha respondido a estas preguntas. Respóndalas ahora para tener un punto de partida con el que comparar.
reassess-due-not-yet = Respondió por última vez el { $last }. Vale la pena responder de nuevo a partir del { $from }: un cambio real suele tardar al menos dos semanas en notarse.
reassess-due-now = Respondió por última vez el { $last }. Es un buen momento para responder de nuevo: hacerlo cada 2 a 4 semanas muestra si las cosas están cambiando.
reassess-due-overdue = Respondió por última vez el { $last }, hace más de 4 semanas. Responda de nuevo, por favor, para que veamos cómo han cambiado las cosas.
reassess-see-progress = Ver sus gráficos de progreso
reassess-back = Otros cuestionarios
reassess-pain-now = ¿Cuánto le duele la espalda ahora mismo?
reassess-pain-now-hint = 0 es nada de dolor y 10 es el peor dolor que pueda imaginar.
reassess-submit = Guardar mis respuestas
reassess-errors-kept = Sus otras respuestas se han guardado en el formulario. Revise las preguntas marcadas abajo.
reassess-error-missing = Elija una respuesta para esta pregunta, por favor.
reassess-error-choice = Elija una de las respuestas que se muestran, por favor.
reassess-error-pain = Escriba un número entero del 0 al 10, por favor.
reassess-error-pain-missing = Puntúe su dolor de ahora mismo, del 0 al 10, por favor.
reassess-saved = Sus respuestas se guardaron el
reassess-your-score = Su puntuación
reassess-change = Qué ha cambiado desde la última vez
reassess-first-time = Es la primera vez que responde a estas preguntas, así que todavía no hay nada con qué comparar. La próxima vez le mostraremos qué ha cambiado.
reassess-score-startback = Su puntuación STarT Back es { $total } de 9 (parte de preocupación y ánimo: { $distress } de 5). Su grupo: { $group }.
reassess-score-odi = Su puntuación de discapacidad (Oswestry) es { $percent }%: { $band }.
reassess-score-rmdq = Su puntuación de actividades diarias (Roland-Morris) es { $score } de 24. Cuanto más baja, mejor.
reassess-score-pain = Su dolor ahora mismo: { $pain } de 10.

progress-title = Su progreso
progress-summary = En resumen
progress-empty = Todavía no hay nada que mostrar. Rellene su diario cada día y responda de nuevo a las preguntas cada 2 a 4 semanas, y su progreso aparecerá aquí.
progress-pain-one = Su diario tiene un día por ahora: dolor { $pain } de 10 el { $day }.
progress-pain = En su diario, su dolor pasó de { $first } de 10 el { $first-day } a { $last } de 10 el { $last-day }.
progress-pain-better = Es una mejora real que se nota (cuenta una bajada de 2 puntos, o del 30%).
progress-pain-worse = Es una subida real (2 puntos o más). Si le preocupa, hable con su médico o fisioterapeuta.
progress-pain-same = Todavía no es un cambio real: los cambios más pequeños pueden ser altibajos normales.
progress-scores-none = Sus puntuaciones de los cuestionarios se compararán aquí cuando haya respondido a un cuestionario dos veces.
progress-scores-since-first = Desde la primera vez que respondió a las preguntas:
progress-sessions = En la semana { $week } de su plan hizo { $done } de las { $planned } sesiones de ejercicio previstas.
progress-diary = Rellenar el diario de hoy
progress-reassess = Responder de nuevo a las preguntas

dashboard-progress = Sus gráficos de progreso
dashboard-reassess = Responder de nuevo a las preguntas (cada 2 a 4 semanas)

result-next-diary = Lleve un diario cada día: su plan cambia semana a semana a partir de él.
result-next-reassess = Responda de nuevo a las preguntas dentro de 2 a 4 semanas para ver qué ha cambiado.

# Contestar las preguntas de seguridad que un resultado dejó abiertas.
intake-ask-again = Algunas preguntas de abajo son importantes para su seguridad. Contéstelas si puede: "no lo sé" es una buena respuesta donde se ofrece. Si deja alguna vacía otra vez, la contaremos como sin respuesta.
result-answer-open = Contestar solo esas preguntas
answer-open-title = Conteste las preguntas de seguridad que quedaron abiertas
answer-open-lead = Estas preguntas no se contestaron o se respondieron "no lo sé", y pueden cambiar la urgencia de su resultado. Conteste las que pueda. Deje una pregunta vacía si sigue sin querer contestarla.
answer-open-submit = Ver mi nuevo resultado
answer-open-cancel = Volver a mi resultado

# A saved result that could not be read, and a result whose rules have changed since.
record-unreadable-title = No se pudo leer este registro
record-unreadable-text = No se pudo leer un resultado guardado el { $date }. Hemos anotado el problema para arreglarlo. Si le preocupa su espalda, no espere: hable con su médico o, si es una emergencia, llame a su número de emergencias.
record-unreadable-level = El nivel que dio fue: { $level }.
result-rules-changed = Este es el consejo que recibió ese día. Nuestras reglas han cambiado desde entonces: con las mismas respuestas ahora dirían "{ $level }". Siga el más urgente de los dos consejos.

# A saved intake in progress that could not be read.
intake-draft-unreadable-title = No pudimos leer sus respuestas guardadas.
intake-draft-unreadable-text = Algo falló con las respuestas que guardó antes, así que tiene que empezar de nuevo desde la primera pregunta. Lo sentimos. Hemos anotado el problema para arreglarlo.

# Progress: saved answers that could not be read (not in the summary or the charts).
progress-unreadable-instrument = No se pudieron leer las respuestas que guardó el { $date } para "{ $instrument }", así que no están en sus gráficos.
progress-unreadable-reassessment = No se pudieron leer las respuestas a un cuestionario guardadas el { $date }, así que no están en sus gráficos.
progress-unreadable-assessment = No se pudo leer un resultado guardado el { $date }, así que no está en sus gráficos.
progress-unreadable-help = Hemos anotado el problema para arreglarlo. Si le preocupa su espalda, no espere: hable con su médico o, si es una emergencia, llame a su número de emergencias.

# Reassessment: saved answers that could not be read (not counted in when each is due).
reassess-unreadable-instrument = No se pudieron leer las respuestas que guardó el { $date } para "{ $instrument }", así que no se cuentan abajo.
reassess-unreadable-reassessment = No se pudieron leer las respuestas a un cuestionario guardadas el { $date }, así que no se cuentan abajo.
reassess-unreadable-assessment = No se pudo leer un resultado guardado el { $date }, así que sus puntuaciones no se cuentan abajo.
reassess-scheduled = Su profesional le ha pedido que conteste estas preguntas { $every }.
reassess-scheduled-not-yet = Contestó por última vez el { $last }. Su profesional se las pide de nuevo a partir del { $from }.
reassess-scheduled-now = Contestó por última vez el { $last }. Es momento de contestar de nuevo, como le pidió su profesional.
reassess-scheduled-overdue = Contestó por última vez el { $last } y ya ha pasado el plazo que le pidió su profesional. Contéstelas ahora, por favor.
