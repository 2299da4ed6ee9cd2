# La página de la cuenta: la zona horaria de la persona.
account-zone-heading = Su zona horaria
account-zone-lead = backcare la usa para saber qué día es donde usted vive: para su diario y para saber cuándo toca un cuestionario.
account-zone-label = Su hora comparada con la hora mundial (UTC)
account-zone-unset = Sin elegir todavía (la hora del servidor, { $server })
account-zone-submit = Guardar mi zona horaria
account-zone-saved = Su zona horaria se ha guardado.
account-zone-invalid = Elija una zona horaria de la lista.
