# Email reminders (issue 13): the settings page, the unsubscribe page and the two letters.
# The letters say nothing about the person's health: only that today's plan or a check-in
# is waiting, with a link to stop them.

reminders-title = Email reminders
reminders-lead = We can send you a short email on the days you choose, at the time you choose, to say your plan for today is ready. We can also tell you once when it is time to answer the questions again. We do not send these emails while your plan is on hold.
reminders-private = The emails give no details about your health. Each one has a link to stop them.
reminders-saved = Your reminder choices are saved.
reminders-off-saved = Reminders are off. We will not email you reminders.
reminders-no-mail = This server does not send email, so it cannot send reminders. You can still choose them: they will start if the clinic turns email on.
reminders-unverified = Reminders only go to an email address you have confirmed. Your address { $email } is not confirmed yet.
reminders-send-confirmation = Send me a link to confirm my email
reminders-confirmation-sent = We sent a link to { $email }. Open it to confirm your address.
reminders-days-legend = Exercise days
reminders-days-hint = Tick the days you plan to do your exercises. Tick none for no exercise reminders.
reminders-time-label = Time of the reminder
reminders-time-hint = In your time zone ({ $zone }). You can change your time zone on your account page.
reminders-time-error = Please give a time like 18:30.
reminders-check-in-label = Tell me when it is time to answer the questions again
reminders-submit = Save my choices
reminders-back = Back to your account
reminders-account-lead = A short email on your exercise days, at a time you choose.
reminders-account-link = Choose your reminders
weekday-monday = Monday
weekday-tuesday = Tuesday
weekday-wednesday = Wednesday
weekday-thursday = Thursday
weekday-friday = Friday
weekday-saturday = Saturday
weekday-sunday = Sunday

reminders-stop-title = Reminders stopped
reminders-stop-done = We will not send you any more reminders.
reminders-stop-again = Turn reminders on again (you will be asked to log in)
reminders-stop-bad-title = This link does not work
reminders-stop-bad = This link to stop reminders is broken or incomplete. Copy the whole link from the email, or log in and turn reminders off on your account page.

mail-exercise-subject = Your plan for today is ready
mail-exercise-intro = Your plan for today is ready. Open it here:
mail-check-in-subject = Time to answer the questions again
mail-check-in-intro = It is time to answer a few questions again. You can answer them here:
mail-reminder-stop = You are getting this email because you asked for reminders. To stop them, open this link (no need to log in):
