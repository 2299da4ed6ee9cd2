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

# Privacy and consent (issue 12): the footer, the privacy notice (/privacy), the short
# notice and the box on sign-up, and the consent page. $name and $contact are what the
# server's operator gave; $version is the notice's version (a date).
privacy-link = Privacy
privacy-run-by = Run by { $name }
privacy-run-by-demo = A demo server: do not put real health information in it
privacy-run-by-unnamed = The person running this server has not given their name
privacy-title = Privacy notice
privacy-lead = This page says, in short, what happens to the information you put in backcare.
privacy-version = Version of this notice: { $version }
privacy-who-heading = Who keeps your information
privacy-who-named = This backcare server is run by { $name }. They keep your information. To ask about it, contact them: { $contact }
privacy-who-demo = This is a demo server. Nobody runs it as a service, and everything in it can be wiped at any time. Do not put real health information in it.
privacy-who-unnamed = The person running this server has not given their name. Before you put your health information in it, ask whoever gave you this address who runs it.
privacy-what-heading = What we keep
privacy-what-health = Your answers to the questions, your results and plans, and your diary. This is health information.
privacy-what-account = Your email address, and your password scrambled so that nobody can read it. Your name and date of birth if you give them (a clinician: your name and what you do).
privacy-what-devices = For each device you log in on: a short name for the device and when you used it.
privacy-what-on-device = On your own phone or computer, so that you can use them without a connection: the pages you opened (your plan, session, diary and articles), and a diary day or session you saved while offline, until it is sent. Logging out deletes the pages.
privacy-why-heading = Why we keep it
privacy-why-advice = To give you advice and a plan, and to show you how you are doing over time.
privacy-why-share = A clinician sees your information only if you give them a share code. While you share, they can write notes to you, tailor your plan and choose when you answer the check-up questions, and you see all of it. You can stop sharing at any time.
privacy-why-nothing-else = backcare does not show adverts and does not send your health information to other websites.
privacy-how-long-heading = How long we keep it
privacy-how-long-account = Until you delete your account. Then all of it is deleted.
privacy-how-long-sign-in = Log-in information is kept for less time: a device is logged out after 14 days at most, and wrong password tries are forgotten within a day.
privacy-rights-heading = Your rights
privacy-rights-download = You can download a copy of everything we keep about you.
privacy-rights-download-link = Download my data
privacy-rights-delete = You can delete your account and everything in it at any time. This also takes back your agreement.
privacy-rights-delete-link = Delete my account
privacy-rights-ask = You can also ask the people who run this server to correct something or to tell you more.
privacy-not-diagnosis-heading = What backcare is not
privacy-not-diagnosis = backcare helps you decide what to do. It does not diagnose, and it does not take the place of a clinician. If you are worried, see one.
consent-short = We keep your answers, results and diary to give you advice and to track your progress. Only you see them, unless you give a clinician a share code. You can download or delete everything at any time.
consent-read-notice = Read the privacy notice
consent-agree = I agree that backcare stores my health information as the notice says
consent-error = Please tick this box. We can only keep your health information if you agree.
consent-title = Before you go on
consent-lead = Before backcare keeps any of your health information, we need your agreement.
consent-submit = Agree and go on
consent-not-now = Not now: back to my start page
export-contains-consent = When you agreed to the privacy notice, and which version of it.
delete-withdraws-consent = Deleting your account also takes back your agreement for backcare to keep your health information.
consent-already = You agreed to this privacy notice on { $date }.
consent-go-on = Go on

## Who is who: names, dates of birth and professions
field-optional = (optional)
profile-name = Your name
profile-name-hint = The name a clinician you share your record with will see.
profile-birth-date = Date of birth
profile-birth-date-hint = Year, month and day, for example 1975-03-14. With your name, it lets a clinician be sure the record is yours.
profile-profession = What you do
profession-physiotherapist = physiotherapist
profession-gp = GP (family doctor)
profession-nurse = nurse
profession-other = other health professional
profile-error-name = Please type a name of up to 80 letters.
profile-error-name-missing = Please type your name. Your clinician needs it to know the record is yours.
profile-error-birth-date = Please type your date of birth as year, month and day, for example 1975-03-14.
profile-error-birth-date-future = A date of birth cannot be after today. Please check the year.
profile-error-birth-date-missing = Please type your date of birth. With your name, it lets your clinician be sure the record is yours.
profile-error-profession = Please choose one of the answers in the list.
person-age-born = { $years } years old · born { $date }
person-with-profession = { $name }, { $profession }
details-title = Your details
details-lead-patient = Your name and date of birth are only shown to the clinicians you share your record with, so they know it is yours.
details-lead-clinician = Your name and what you do are shown to the patients who share their record with you.
details-submit = Save my details
details-saved = Your details have been saved.
account-details-link = Your name and date of birth
account-details-link-clinician = Your name and what you do
