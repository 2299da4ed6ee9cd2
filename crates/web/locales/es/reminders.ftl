# Recordatorios por correo (issue 13): la página de ajustes, la de baja y las dos cartas.
# Las cartas no dicen nada de la salud de la persona: solo que el plan de hoy o una
# revisión la esperan, con un enlace para dejar de recibirlas.

reminders-title = Recordatorios por correo
reminders-lead = Podemos enviarle un correo corto los días que elija, a la hora que elija, para decirle que su plan de hoy está listo. También podemos avisarle una vez cuando sea hora de responder de nuevo a las preguntas. No enviamos estos correos mientras su plan esté en pausa.
reminders-private = Los correos no dan ningún detalle sobre su salud. Cada uno trae un enlace para dejar de recibirlos.
reminders-saved = Hemos guardado sus preferencias de recordatorio.
reminders-off-saved = Los recordatorios están desactivados. No le enviaremos recordatorios.
reminders-no-mail = Este servidor no envía correos, así que no puede enviar recordatorios. Puede elegirlos igualmente: empezarán si la clínica activa el correo.
reminders-unverified = Los recordatorios solo van a una dirección de correo que usted haya confirmado. Su dirección { $email } aún no está confirmada.
reminders-send-confirmation = Envíenme un enlace para confirmar mi correo
reminders-confirmation-sent = Hemos enviado un enlace a { $email }. Ábralo para confirmar su dirección.
reminders-days-legend = Días de ejercicio
reminders-days-hint = Marque los días en que piensa hacer sus ejercicios. No marque ninguno si no quiere recordatorios de ejercicio.
reminders-time-label = Hora del recordatorio
reminders-time-hint = En su zona horaria ({ $zone }). Puede cambiar su zona horaria en la página de su cuenta.
reminders-time-error = Escriba una hora como 18:30.
reminders-check-in-label = Avisarme cuando sea hora de responder de nuevo a las preguntas
reminders-submit = Guardar mis preferencias
reminders-back = Volver a su cuenta
reminders-account-lead = Un correo corto en sus días de ejercicio, a la hora que usted elija.
reminders-account-link = Elegir sus recordatorios
weekday-monday = Lunes
weekday-tuesday = Martes
weekday-wednesday = Miércoles
weekday-thursday = Jueves
weekday-friday = Viernes
weekday-saturday = Sábado
weekday-sunday = Domingo

reminders-stop-title = Recordatorios cancelados
reminders-stop-done = No le enviaremos más recordatorios.
reminders-stop-again = Volver a activar los recordatorios (se le pedirá iniciar sesión)
reminders-stop-bad-title = Este enlace no funciona
reminders-stop-bad = Este enlace para cancelar los recordatorios está incompleto o no es correcto. Copie el enlace entero del correo, o inicie sesión y desactive los recordatorios en la página de su cuenta.

mail-exercise-subject = Su plan de hoy está listo
mail-exercise-intro = Su plan de hoy está listo. Ábralo aquí:
mail-check-in-subject = Es hora de responder de nuevo a las preguntas
mail-check-in-intro = Es hora de responder de nuevo a unas preguntas. Puede responderlas aquí:
mail-reminder-stop = Recibe este correo porque pidió recordatorios. Para dejar de recibirlos, abra este enlace (no hace falta iniciar sesión):
