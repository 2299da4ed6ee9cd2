# The account page: the person's time zone.
account-zone-heading = Your time zone
account-zone-lead = backcare uses it to know which day it is where you live: for your diary, and for when a questionnaire is due.
account-zone-label = Your time compared with world time (UTC)
account-zone-unset = Not chosen yet (the server's time, { $server })
account-zone-submit = Save my time zone
account-zone-saved = Your time zone has been saved.
account-zone-invalid = Please choose a time zone from the list.

# Email (issue 12): forgot password, set a new password, confirm an email, and the letters.
password-forgot-link = Forgot your password?
password-forgot-title = Forgot your password?
password-forgot-lead = Type the email of your account. We will send you a link to choose a new password.
password-forgot-submit = Send me a link
password-forgot-sent-title = Check your email
password-forgot-sent-text = If an account uses this email, we have sent it a link to choose a new password. The link works for one hour. If nothing arrives in a few minutes, look in your spam folder.
password-no-mail = This backcare server cannot send emails. To get back into your account, ask your clinic's backcare administrator. They can set a new password for you with the command: backcare user reset-password
password-reset-title = Choose a new password
password-reset-lead = Type your new password. When you save it, every device signed in to your account is signed out.
password-reset-label = New password (at least 10 characters)
password-reset-submit = Save my new password
password-reset-done-title = Your password has been changed
password-reset-done-text = You can log in now with your new password. Every device that was signed in to your account has been signed out.
password-link-bad-title = This link does not work
password-link-bad-text = The link has been used already, or it is too old (a link to choose a new password works for one hour). You can ask for a new one.
password-link-again = Ask for a new link
signup-sent-title = Check your email
signup-sent-text = We have sent a message to the email you typed. Open the link in it to confirm that the address is yours. Then log in with your email and password.
verify-done-title = Thank you: your email is confirmed
verify-done-text = You can log in and use backcare as usual.
verify-bad-text = The link has been used already, or it is too old (a link to confirm your email works for two days).
mail-signature = backcare: care for your back
mail-ignore = If this was not you, you can ignore this email.
mail-verify-subject = Confirm your email for backcare
mail-verify-intro = Welcome to backcare. To confirm that this email address is yours, open this link:
mail-verify-outro = The link works for two days. If you did not sign up for backcare, you can ignore this email.
mail-taken-subject = Someone tried to sign up with your email
mail-taken-intro = Someone (maybe you) tried to make a new backcare account with this email address. You already have an account, so we did not make another one.
mail-taken-login = If it was you, you can log in here:
mail-taken-forgot = If you forgot your password, you can choose a new one here:
mail-reset-subject = Choose a new password for backcare
mail-reset-intro = We were asked to set a new password for your backcare account. To choose a new password, open this link:
mail-reset-outro = The link works for one hour and only once. When you use it, every device signed in to your account is signed out. If you did not ask for this, you can ignore this email: your password stays the same.
mail-changed-subject = Your backcare password was changed
mail-changed-intro = The password of your backcare account has just been changed. Every other device was signed out.
mail-changed-not-you = If you did not do this, choose a new password now with this link, and tell your clinic:

# Limits (issue 12): too many tries from one connection, and a server too busy to check
# passwords. $minutes is a whole number.
limit-title = Please wait a little
limit-text = Many tries came from your connection in a short time. Please wait a minute and try again.
login-wait = Too many wrong tries for this email from your connection. For your safety, please wait { $minutes } min and try again.
server-busy = Many people are logging in right now. Please try again in a moment.

# Where you are signed in (issue 12): the sessions page. $idle and $lifetime are
# sessions-days or sessions-hours; $zone is like UTC+01:00.
sessions-title = Where you are logged in
sessions-lead = These are the devices logged in to your account right now. If you see one you do not know, log out everywhere else and change your password.
sessions-limits = For your safety, a device is logged out by itself after { $idle } without using backcare, and always after { $lifetime }.
sessions-days = { $days } days
sessions-hours = { $hours } hours
sessions-caption = Devices logged in to your account
sessions-col-device = Device
sessions-col-started = Logged in
sessions-col-seen = Last used
sessions-this-device = This device
sessions-unknown-device = Unknown device
sessions-times = Times are in your time zone ({ $zone }). You can change it on your account page.
sessions-others-heading = Log out everywhere else
sessions-others-lead = This logs out every other device. You stay logged in here.
sessions-others-submit = Log out everywhere else
sessions-others-none = No other device is logged in to your account.
sessions-ended = Done: every other device is logged out. Only this device is still logged in.
sessions-back = Back to your account
sessions-account-link = See where you are logged in
