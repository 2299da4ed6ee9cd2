# La página de la cuenta: la zona horaria de la persona.
account-zone-heading = Su zona horaria
account-zone-lead = backcare la usa para saber qué día es donde usted vive: para su diario y para saber cuándo toca un cuestionario.
account-zone-label = Su hora comparada con la hora mundial (UTC)
account-zone-unset = Sin elegir todavía (la hora del servidor, { $server })
account-zone-submit = Guardar mi zona horaria
account-zone-saved = Su zona horaria se ha guardado.
account-zone-invalid = Elija una zona horaria de la lista.

# Email (issue 12): forgot password, set a new password, confirm an email, and the letters.
password-forgot-link = ¿Olvidó su contraseña?
password-forgot-title = ¿Olvidó su contraseña?
password-forgot-lead = Escriba el email de su cuenta. Le enviaremos un enlace para elegir una contraseña nueva.
password-forgot-submit = Enviarme un enlace
password-forgot-sent-title = Mire su email
password-forgot-sent-text = Si hay una cuenta con este email, le hemos enviado un enlace para elegir una contraseña nueva. El enlace sirve durante una hora. Si no llega nada en unos minutos, mire en la carpeta de correo no deseado.
password-no-mail = Este servidor de backcare no puede enviar emails. Para volver a entrar en su cuenta, pida ayuda a la persona que administra backcare en su clínica. Puede ponerle una contraseña nueva con el comando: backcare user reset-password
password-reset-title = Elija una contraseña nueva
password-reset-lead = Escriba su contraseña nueva. Al guardarla, se cerrará la sesión en todos los dispositivos conectados a su cuenta.
password-reset-label = Contraseña nueva (al menos 10 caracteres)
password-reset-submit = Guardar mi contraseña nueva
password-reset-done-title = Su contraseña ha cambiado
password-reset-done-text = Ya puede entrar con su contraseña nueva. Se ha cerrado la sesión en todos los dispositivos que estaban conectados a su cuenta.
password-link-bad-title = Este enlace no funciona
password-link-bad-text = El enlace ya se usó o es demasiado antiguo (un enlace para elegir una contraseña nueva sirve durante una hora). Puede pedir otro.
password-link-again = Pedir un enlace nuevo
signup-sent-title = Mire su email
signup-sent-text = Hemos enviado un mensaje al email que escribió. Abra el enlace del mensaje para confirmar que la dirección es suya. Después, entre con su email y su contraseña.
verify-done-title = Gracias: su email está confirmado
verify-done-text = Ya puede entrar y usar backcare como siempre.
verify-bad-text = El enlace ya se usó o es demasiado antiguo (un enlace para confirmar su email sirve durante dos días).
mail-signature = backcare: cuidado para su espalda
mail-ignore = Si no fue usted, puede ignorar este email.
mail-verify-subject = Confirme su email para backcare
mail-verify-intro = Bienvenido a backcare. Para confirmar que esta dirección de email es suya, abra este enlace:
mail-verify-outro = El enlace sirve durante dos días. Si usted no se registró en backcare, puede ignorar este email.
mail-taken-subject = Alguien intentó registrarse con su email
mail-taken-intro = Alguien (quizás usted) intentó crear una cuenta nueva de backcare con esta dirección de email. Usted ya tiene una cuenta, así que no creamos otra.
mail-taken-login = Si fue usted, puede entrar aquí:
mail-taken-forgot = Si olvidó su contraseña, puede elegir una nueva aquí:
mail-reset-subject = Elija una contraseña nueva para backcare
mail-reset-intro = Nos pidieron poner una contraseña nueva en su cuenta de backcare. Para elegir una contraseña nueva, abra este enlace:
mail-reset-outro = El enlace sirve durante una hora y una sola vez. Al usarlo, se cerrará la sesión en todos los dispositivos conectados a su cuenta. Si usted no lo pidió, puede ignorar este email: su contraseña no cambia.
mail-changed-subject = Su contraseña de backcare ha cambiado
mail-changed-intro = La contraseña de su cuenta de backcare acaba de cambiar. Se cerró la sesión en los demás dispositivos.
mail-changed-not-you = Si no fue usted, elija ya una contraseña nueva con este enlace y avise a su clínica:

# Limits (issue 12): too many tries from one connection, and a server too busy to check
# passwords. $minutes is a whole number.
limit-title = Espere un poco
limit-text = Llegaron muchos intentos desde su conexión en poco tiempo. Espere un minuto y vuelva a intentarlo.
login-wait = Demasiados intentos fallidos con este correo desde su conexión. Por su seguridad, espere { $minutes } min y vuelva a intentarlo.
server-busy = Muchas personas están entrando ahora mismo. Vuelva a intentarlo en un momento.

# Where you are signed in (issue 12): the sessions page. $idle and $lifetime are
# sessions-days or sessions-hours; $zone is like UTC+01:00.
sessions-title = Dónde tiene la sesión abierta
sessions-lead = Estos son los dispositivos que tienen abierta su cuenta ahora mismo. Si ve uno que no conoce, cierre la sesión en todos los demás y cambie su contraseña.
sessions-limits = Por su seguridad, la sesión de un dispositivo se cierra sola tras { $idle } sin usar backcare, y siempre a los { $lifetime }.
sessions-days = { $days } días
sessions-hours = { $hours } horas
sessions-caption = Dispositivos con su cuenta abierta
sessions-col-device = Dispositivo
sessions-col-started = Entró
sessions-col-seen = Último uso
sessions-this-device = Este dispositivo
sessions-unknown-device = Dispositivo desconocido
sessions-times = Las horas están en su zona horaria ({ $zone }). Puede cambiarla en la página de su cuenta.
sessions-others-heading = Salir en todos los demás dispositivos
sessions-others-lead = Esto cierra la sesión en todos los demás dispositivos. Usted sigue dentro en este.
sessions-others-submit = Salir en todos los demás dispositivos
sessions-others-none = Ningún otro dispositivo tiene abierta su cuenta.
sessions-ended = Hecho: la sesión está cerrada en todos los demás dispositivos. Solo este sigue dentro.
sessions-back = Volver a su cuenta
sessions-account-link = Ver dónde tiene la sesión abierta

# Privacidad y consentimiento (issue 12): el pie de página, el aviso de privacidad
# (/privacy), el aviso breve y la casilla al crear la cuenta, y la página de consentimiento.
# $name y $contact son los que dio quien gestiona el servidor; $version es la versión del
# aviso (una fecha).
privacy-link = Privacidad
privacy-run-by = Gestionado por { $name }
privacy-run-by-demo = Un servidor de prueba: no ponga en él información de salud real
privacy-run-by-unnamed = Quien gestiona este servidor no ha dado su nombre
privacy-title = Aviso de privacidad
privacy-lead = Esta página explica, en breve, qué pasa con la información que usted pone en backcare.
privacy-version = Versión de este aviso: { $version }
privacy-who-heading = Quién guarda su información
privacy-who-named = Este servidor de backcare lo gestiona { $name }. Ellos guardan su información. Para preguntar por ella, escríbales: { $contact }
privacy-who-demo = Este es un servidor de prueba. Nadie lo ofrece como servicio, y todo lo que hay en él se puede borrar en cualquier momento. No ponga en él información de salud real.
privacy-who-unnamed = Quien gestiona este servidor no ha dado su nombre. Antes de poner aquí su información de salud, pregunte a quien le dio esta dirección quién lo gestiona.
privacy-what-heading = Qué guardamos
privacy-what-health = Sus respuestas a las preguntas, sus resultados y planes, y su diario. Es información de salud.
privacy-what-account = Su correo electrónico, y su contraseña cifrada de forma que nadie pueda leerla. Su nombre y su fecha de nacimiento si los da (un profesional: su nombre y su profesión).
privacy-what-devices = Para cada dispositivo con el que entra: un nombre corto del dispositivo y cuándo lo usó.
privacy-what-on-device = En su propio teléfono u ordenador, para que pueda usarlas sin conexión: las páginas que abrió (su plan, su sesión, su diario y los artículos), y un día del diario o una sesión que guardó sin conexión, hasta que se envíe. Al cerrar la sesión se borran las páginas.
privacy-why-heading = Para qué lo guardamos
privacy-why-advice = Para darle consejos y un plan, y para mostrarle cómo va con el tiempo.
privacy-why-share = Un profesional sanitario solo ve su información si usted le da un código para compartir. Mientras comparte, puede escribirle notas, adaptar su plan y elegir cuándo contesta las preguntas de seguimiento, y usted lo ve todo. Puede dejar de compartir cuando quiera.
privacy-why-nothing-else = backcare no muestra anuncios y no envía su información de salud a otros sitios web.
privacy-how-long-heading = Cuánto tiempo lo guardamos
privacy-how-long-account = Hasta que borre su cuenta. Entonces se borra todo.
privacy-how-long-sign-in = Los datos para entrar se guardan menos tiempo: un dispositivo sale de la cuenta a los 14 días como mucho, y los intentos con una contraseña equivocada se olvidan en menos de un día.
privacy-rights-heading = Sus derechos
privacy-rights-download = Puede descargar una copia de todo lo que guardamos sobre usted.
privacy-rights-download-link = Descargar mis datos
privacy-rights-delete = Puede borrar su cuenta y todo lo que hay en ella en cualquier momento. Así también retira su permiso.
privacy-rights-delete-link = Borrar mi cuenta
privacy-rights-ask = También puede pedir a quien gestiona este servidor que corrija algo o que le explique más.
privacy-not-diagnosis-heading = Lo que backcare no es
privacy-not-diagnosis = backcare le ayuda a decidir qué hacer. No hace diagnósticos y no sustituye a un profesional sanitario. Si está preocupado, consulte a uno.
consent-short = Guardamos sus respuestas, resultados y diario para darle consejos y seguir cómo va. Solo usted los ve, salvo que dé a un profesional sanitario un código para compartir. Puede descargar o borrar todo cuando quiera.
consent-read-notice = Leer el aviso de privacidad
consent-agree = Acepto que backcare guarde mi información de salud como dice el aviso
consent-error = Marque esta casilla, por favor. Solo podemos guardar su información de salud si usted está de acuerdo.
consent-title = Antes de seguir
consent-lead = Antes de que backcare guarde información de salud suya, necesitamos su permiso.
consent-submit = Aceptar y seguir
consent-not-now = Ahora no: volver a mi página de inicio
export-contains-consent = Cuándo aceptó el aviso de privacidad, y qué versión del aviso.
delete-withdraws-consent = Al borrar su cuenta también retira su permiso para que backcare guarde su información de salud.
consent-already = Aceptó este aviso de privacidad el { $date }.
consent-go-on = Seguir

## Quién es quién: nombres, fechas de nacimiento y profesiones
field-optional = (opcional)
profile-name = Su nombre
profile-name-hint = El nombre que verá el profesional sanitario con quien comparta su historial.
profile-birth-date = Fecha de nacimiento
profile-birth-date-hint = Año, mes y día, por ejemplo 1975-03-14. Junto con su nombre, permite al profesional asegurarse de que el historial es suyo.
profile-profession = Su profesión
profession-physiotherapist = fisioterapeuta
profession-gp = médico de familia
profession-nurse = profesional de enfermería
profession-other = otro profesional sanitario
profile-error-name = Escriba un nombre de 80 letras como máximo.
profile-error-name-missing = Escriba su nombre. Su profesional lo necesita para saber que el historial es suyo.
profile-error-birth-date = Escriba su fecha de nacimiento con año, mes y día, por ejemplo 1975-03-14.
profile-error-birth-date-future = La fecha de nacimiento no puede ser posterior a hoy. Revise el año.
profile-error-birth-date-missing = Escriba su fecha de nacimiento. Junto con su nombre, permite a su profesional asegurarse de que el historial es suyo.
profile-error-profession = Elija una de las respuestas de la lista.
person-age-born = { $years } años · fecha de nacimiento { $date }
person-with-profession = { $name }, { $profession }
details-title = Sus datos
details-lead-patient = Su nombre y su fecha de nacimiento solo los ven los profesionales con quienes comparta su historial, para saber que es suyo.
details-lead-clinician = Su nombre y su profesión los ven los pacientes que comparten su historial con usted.
details-submit = Guardar mis datos
details-saved = Sus datos se han guardado.
account-details-link = Su nombre y fecha de nacimiento
account-details-link-clinician = Su nombre y su profesión
