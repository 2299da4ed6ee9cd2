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
