# backcare web interface, English. Every key here must also be in ../es/main.ftl
# (a unit test checks). Plain language: short sentences, everyday words.

## Layout
brand = backcare
skip-to-content = Skip to main content
nav-label = Main menu
nav-home = Home
nav-dashboard = My page
nav-clinician = My patients
nav-account = Account
nav-login = Log in
nav-signup = Sign up
nav-logout = Log out
lang-switch-label = Language
lang-switch = Español
footer-disclaimer = backcare supports decisions; it does not diagnose.
footer-emergency = Call your emergency number or go to an emergency department now if you have chest pain, numbness between your legs or around your bottom or genitals, new trouble controlling your bladder or bowels, leg weakness that is getting worse, or back pain after a major injury.
footer-source = backcare is free and open-source software.

## Home
home-title = Help for your back pain
home-lead = backcare asks about your back pain, checks for warning signs and tells you what to do next, based on published medical guidance.
home-is-heading = What backcare is
home-is = A free tool that asks the right questions, spots the signs that need a doctor, and gives you a plan of exercises and advice you can trust.
home-is-not-heading = What backcare is not
home-is-not = It is not a diagnosis, and it does not replace a doctor or physiotherapist. When in doubt, it sends you to one and says how soon.
home-steps-heading = How it works
home-step-1 = Answer some short questions about your pain.
home-step-2 = See how urgent it is, and why.
home-step-3 = Follow your weekly plan and track how you feel.
home-start = Start now
home-continue = Go to my page
home-have-account = Already have an account?

## Forms
form-errors-title = Please fix the problems below.
field-email = Email address
field-password = Password
field-password-hint = At least 10 characters. A short sentence is easy to remember.
field-current-password = Current password
field-new-password = New password

## Sign up
signup-title = Create your account
signup-lead = Your answers and diary are kept private. Only you can see them, unless you choose to share them with a clinician.
signup-submit = Create account
signup-have-account = Already have an account? Log in

## Log in
login-title = Log in
login-submit = Log in
login-no-account = New here? Create an account
login-failed = The email or password is not right. Please try again.

## Account
account-title = Your account
account-signed-in-as = You are logged in as { $email }.
account-password-heading = Change your password
account-password-submit = Change password
account-password-changed = Your password has been changed. You have been logged out on your other devices.
account-current-wrong = This is not your current password.
account-logout-heading = Log out
account-logout-lead = Log out when you use a shared computer.

## Dashboards
dashboard-title = My page
dashboard-lead = Welcome, { $email }.
dashboard-today = Today
dashboard-start-title = Start with the questions
dashboard-start = About { $minutes } minutes for the warning signs, then some questions about your pain. At the end you get your result and, in most cases, an exercise plan.
dashboard-continue-title = Carry on with the questions
dashboard-continue = Your answers so far are saved. Carry on where you left off.
dashboard-action-link = See your result and what to do
dashboard-session-title = Today's exercises
dashboard-session = { $count ->
    [one] 1 exercise, about { $minutes } minutes
   *[other] { $count } exercises, about { $minutes } minutes
}
dashboard-session-link = See this week's plan
session-title = Today's session
session-how = Do the exercises in order, at the dose shown. If your pain is much worse than usual today, do less, and stop any exercise as it says under "Stop if". Tick the ones you did, then save. Today's diary will show one more session and your pain.
session-hurts = If an exercise hurts
session-hurts-stop = If an exercise causes sharp or severe pain, stop it and leave it out today. If your pain stays much worse for a day or more, this is what to do:
session-pain-before = Pain before you start, from 0 (no pain) to 10 (worst pain you can imagine) (optional)
session-pain-after = Pain now that you have finished, from 0 to 10
session-pain-hint = A whole number from 0 to 10.
session-pain-after-hint = A whole number from 0 to 10. It becomes your pain for today in the diary.
session-done = I did this one
session-finish = Save my session
session-saved = { $count ->
    [one] Saved in today's diary. You have done 1 session today.
   *[other] Saved in today's diary. You have done { $count } sessions today.
}
session-effort = How did it feel? (optional)
session-effort-hint = "Too hard" means you could not finish it, or only just. If your last answer this week is "Too hard", it will not get harder next week. Answering ticks it as done.
session-effort-too_easy = Too easy
session-effort-just_right = Just right
session-effort-too_hard = Too hard
session-error-effort = Choose "Too easy", "Just right" or "Too hard", or leave it empty.
player-progress = Exercise {"{"}n{"}"} of {"{"}total{"}"}
player-next = Next exercise
player-back = Previous exercise
player-start = Start the timer
player-pause = Pause
player-resume = Go on
player-hold = Hold
player-rest = Rest
player-go = Go
player-count = Count a repetition
player-rep = Repetition {"{"}rep{"}"} of {"{"}reps{"}"}
player-set = Set {"{"}set{"}"} of {"{"}sets{"}"}
player-left = Left side
player-right = Right side
player-finished = Ticked as done. Choose how it felt, then go to the next one.
player-speak = Say the numbers out loud
session-see-diary = See today's diary
session-error-none = Tick at least one exercise you did, then save.
session-error-pain = Give your pain as a whole number from 0 to 10, or leave it empty.
session-error-pain-needed = Give your pain now, from 0 to 10: today's diary needs it.
dashboard-session-start = Start today's session
dashboard-diary-nudge = How is your back today? It takes a minute to fill in.
dashboard-diary-done = There is an entry in today's diary.
dashboard-diary-fill = Fill in today's diary
dashboard-diary-see = See or change it
dashboard-check-title = Check-up questions
dashboard-check-due = It is time to answer the check-up questions, to see how you are getting on.
dashboard-check-next = Next check-up questions: from { $date }.
dashboard-check-link = Answer the check-up questions
dashboard-more = Everything else

## Intake wizard
intake-start = Answer the questions
intake-progress = Step { $step } of { $total }
intake-skip = If you do not want to answer a question, or you are not sure, leave it empty.
intake-optional = This part is optional. You can press Next without answering.
intake-more = Your answer added a question below. Please answer it if you can.
intake-change-note = You are changing your answers. Check each step and press Next.
intake-next = Next
intake-back = Back
intake-finish = See my result
intake-number-hint = A whole number from { $min } to { $max } ({ $unit }).
intake-error-number = Please type a whole number, like 42.
intake-error-range = Please type a number from { $min } to { $max }.
intake-error-choice = Please choose one of the answers.
emergency-why = Why
emergency-stopped = We stopped the questions so you can get help now. Your answers are saved.
emergency-see-result = See the full result
emergency-change = I answered by mistake: change my answers

# The check (/check): warning signs first, without an account; and the emergency page's call buttons.
home-start-time = About { $minutes } minutes: about { $questions } short questions, warning signs first. You do not need an account.
check-title = Check for warning signs
check-lead = First, some questions about signs that mean you should see a doctor soon, or get help now. If an answer means you need help now, we stop and tell you what to do.
check-private = You do not need an account. We do not keep your answers unless you create an account at the end.
check-restarted = We could not read your answers, so the questions start again.
check-progress = Questions { $from } to { $to } of { $total }
check-result-title = Your result
check-result-lead = This result comes from your answers about warning signs. It is not a diagnosis.
result-where-from = Where this comes from
check-keep-title = Keep this result and get your plan
check-keep-lead = Create an account to keep your answers. Then answer some more questions about your pain, and get a plan of exercises and advice. You can also write down how you feel each day.
check-keep-withheld = Create an account to keep your answers. You can then share them with your doctor or physiotherapist. Follow the advice at the top first.
check-keep-button = Create an account to keep my answers
check-keep-or-not = If you do not create an account, your answers are gone when you close this page.
check-change = Change my answers
signup-keeps-answers = Your answers to the warning-sign questions will be kept in your new account.
emergency-call = Call { $number }
emergency-where-112 = The emergency number across the European Union.
emergency-where-911 = The emergency number in the United States, Canada and Mexico.
emergency-where-999 = The emergency number in the United Kingdom.
emergency-elsewhere = In another country? Call the local emergency number. Some common ones:
emergency-pick = Call the emergency number of the country you are in. Some common ones:
emergency-say-heading = If you call
emergency-say-ambulance = If you cannot get to an emergency department safely, ask for an ambulance.
emergency-say-where = Say where you are: the address, or what is near you.
emergency-say-what = Say what the advice above tells you to say.
emergency-stopped-check = We stopped the questions so you can get help now.
check-clear-action = Nothing you told us needs urgent help. Answer the rest of the questions for your full result and a plan of exercises. If you get worse, or notice a warning sign, answer again.
check-clear-title = No warning signs came up
emergency-call-heading = Call for help
emergency-what-to-do = What to do now

## Result
result-title = Your result
result-date = Answered on
result-patterns = The pattern of your pain
result-no-pattern = Your answers do not match a known pattern. That is common and not a worry in itself.
result-met = Signs that fit
result-source = Source
result-rule = Rule
result-fit-likely = fits well
result-fit-possible = possible
result-scores = Risk group and scores
result-risk-group = Risk group (STarT Back)
result-no-scores = You did not answer the questions we score.
result-pain = Pain
result-pain-now = now
result-pain-average = average
result-pain-worst = worst
result-distress = worry and mood
result-why = Why
result-because = Because of
result-not-sure = Not answered or not sure
result-still-open = Questions you skipped or were not sure about also leave these open, for a clinician to check:
result-no-flags = None of your answers is a warning sign.
result-next = Next steps
result-next-plan = See this week's plan of exercises
result-next-withheld = Your exercise plan will wait until a clinician has seen you. Follow the advice at the top first.
result-next-worse = If your leg weakness gets worse, call your emergency number or go to an emergency department now. If you get new weakness in a leg, see a doctor today. If your pain gets much worse, answer the questions again.
result-next-again = Answer the questions again
result-none = You have not answered the questions yet.
dashboard-result = See my result
dashboard-plan = See my plan

## Plan
plan-title = Your plan for this week
plan-week = Week
plan-print = Print this plan
plan-withheld = Your exercise plan will wait until a clinician has seen you. Please follow this advice first:
plan-exercises = Your exercises
plan-dose = How much
plan-how = How to do it
plan-feel = What you should feel
plan-stop = Stop if
plan-activity = Walking
plan-minutes-a-day = minutes of walking a day
plan-flare = If your pain flares up
plan-read = To read this week

## Field errors
error-email-empty = Please enter your email address.
error-email-invalid = This does not look like an email address. It should look like name@example.org.
error-email-taken = There is already an account with this email. Try logging in.
error-password-empty = Please enter your password.
error-password-short = Your password needs at least 10 characters.
error-password-long = Your password can have at most 200 characters.

## Error pages
not-found-title = Page not found
not-found-text = We could not find this page. The link may be old or mistyped.
forbidden-title = Not allowed
forbidden-text = Your account cannot open this page.
csrf-title = This form has expired
csrf-text = For your safety, we could not accept this form. Please go back, reload the page and try again.
error-title = Something went wrong
error-text = Sorry, something went wrong on our side. Please try again in a moment.
too-large-title = Too much data
too-large-text = What you sent is too large. Please shorten it and try again.
back-home = Go to the home page

## Learn: search and articles
nav-learn = Learn
search-title = Learn about back pain
search-lead = Search our articles. They are written in plain words and based on published medical guidance.
search-browse = Browse by topic
search-label = What do you want to know?
search-topic = Topic
search-all-topics = All topics
search-submit = Search
search-results = Results
search-none = No article matches these words. Try other words, or choose all topics.
search-bad-topic = This topic does not exist. Please choose one from the list.
article-back-to-search = Back to search

## Diary
dashboard-diary = My diary
diary-title = My diary
diary-lead = Write down how your day went. A few seconds a day shows how you are doing over the weeks.
diary-saved = Saved. You can change a day by saving it again.
diary-day = Day
diary-pain = Pain today, from 0 (no pain) to 10 (worst pain you can imagine)
diary-pain-hint = Type a whole number from 0 to 10.
diary-sessions = Exercise sessions done
diary-minutes = Minutes walked
diary-flare-up = Did you have a flare-up today?
diary-yes = Yes
diary-no = No
diary-notes = Notes (optional)
diary-notes-hint = Anything worth remembering, at most { $max } characters.
diary-submit = Save this day
diary-recent = Your last days
diary-recent-caption = Your last 14 entries, newest first
diary-none = No entries yet. Save your first day above.
diary-col-day = Day
diary-col-pain = Pain (0-10)
diary-col-sessions = Sessions
diary-col-minutes = Minutes walked
diary-col-flare-up = Flare-up
diary-col-notes = Notes
diary-error-day = Please enter a date, like 2026-03-31.
diary-error-day-future = This date is in the future. Please choose today or an earlier day.
diary-error-pain = Pain must be a whole number from 0 to 10.
diary-error-sessions = Sessions must be a whole number from 0 to { $max }.
diary-error-minutes = Minutes must be a whole number from 0 to { $max }.
diary-error-flare-up = Please choose yes or no.
diary-error-notes = Your notes can have at most { $max } characters.

## Privacy: export and delete my data (owned by the data-rights pages)
account-data-heading = Your data
account-data-lead = What backcare keeps about you belongs to you. You can download a copy, or delete everything.
account-export-link = Download a copy of my data
account-delete-link = Delete my account and all my data
export-title = Download a copy of your data
export-lead = You can download everything backcare keeps about you, in one file.
export-contains-heading = What is in the file
export-contains-account = Your account: your email, whether you are a patient or a clinician, and when you joined.
export-contains-answers = Every set of answers you gave, with the results we worked out from them, and any answers you have not finished yet.
export-contains-diary = Your diary: pain, exercise, walking, flare-ups and notes for each day.
export-contains-clinicians = The clinicians you chose to share your records with.
export-contains-log = Each time one of those clinicians opened your records, and when.
export-contains-patients = The patients who chose to share their records with you.
export-contains-opened = Each time you opened a patient's records, and when.
export-contains-codes = The share codes you made that nobody has used yet (only when they were made and when they end).
export-contains-sessions = When you logged in on each device, and the times someone typed a wrong password for your email.
export-not-included = Your password is not in the file, and neither are the secret codes that keep you logged in.
export-format = The file is in JSON, a plain text format that other programs can read. Its name has today's date.
export-download = Download my data (JSON)
export-keep-safe = This file has health information in it. Keep it somewhere safe and do not share it by mistake.
export-back = Back to your account
delete-title = Delete your account
delete-lead = This deletes the account { $email } and everything in it.
delete-what-heading = What will be deleted
delete-what-account = Your account, your email and your password.
delete-what-records = All your answers, results, plans and diary days.
delete-what-links-patient = Your links to clinicians, so they can no longer see your records, and the list of when they looked.
delete-what-links-clinician = Your links to patients and your share codes. You will no longer see their records.
delete-what-sessions = Your log-ins on every device.
delete-kept-clinician = One thing stays: each patient keeps the list of when their records were opened, and that list still shows your email. It belongs to the patient.
delete-cannot-undo = This cannot be undone. We cannot bring your data back afterwards.
delete-export-first = If you want to keep a copy, download it first.
delete-export-link = Download a copy of my data
delete-form-heading = Confirm
delete-understand = I understand that my account and all my data will be deleted for good.
delete-submit = Delete my account and all my data
delete-cancel = No, keep my account
delete-error-understand = Please tick this box to show that you understand.
deleted-title = Your account has been deleted
deleted-text = Your account and all your data have been deleted, and you have been logged out. Thank you for using backcare. If your back pain gets worse, please see a doctor or other clinician.
# Hardening: forms from other sites, text we cannot store, diary days long ago.
csrf-other-site-text = This form was sent from another website, so we did not accept it. To be safe, open backcare yourself and try again.
nul-title = Some text could not be read
nul-text = What you sent holds a hidden character that we cannot save. Please type your text again (do not paste it) and try again.
diary-error-day-early = This date is before you made your account. Your diary starts on { $first }.
dashboard-seen = I have been seen about this
dashboard-seen-hint = Press this once a doctor or nurse has seen you about this result. This message then moves down the page. Your result stays as it is.
dashboard-seen-on = You said a doctor or nurse saw you about this result on { $date }.
dashboard-seen-plan = Your exercise plan stays on hold after this result. Ask the doctor or nurse who saw you which exercises are safe for you.
dashboard-seen-undo = I have not been seen yet
dashboard-seen-again = If it gets worse, or the problem comes back, do this again:
seen-error-title = That did not work
seen-error = We could not find that result. Go back to your page and try again.
record-seen = The patient says they have been seen about this result (on { $date }).
manifest-description = Care for your back: check for warning signs, do your exercises and keep a diary.
offline-title = You are offline
offline-text = This page needs a connection, and there is none right now.
offline-kept = Pages you opened before are kept on this device, so you can still use them:
offline-queued-title = Saved on this device
offline-queued = You are offline, so this is kept on this device for now. It will be sent by itself once you are back online and open backcare.
offline-waiting = Saved on this device and waiting to be sent: {"{"}n{"}"}. It will be sent once you are back online.
offline-refused = Not saved: {"{"}n{"}"}. The server did not accept something you saved while offline. Please fill it in again.
tailored-by = Tailored by { $who } on { $date } (version { $version })
plan-goal = Your goal
plan-instruction = From your clinician
target-abdominals = Tummy muscles
target-back-extensors = Back muscles
target-core-stability = Deep trunk muscles
target-gluteal-hip = Hips and buttocks
target-flexibility = Flexibility
target-pain-relief = Pain relief
target-aerobic = Walking and other activity that makes you breathe harder
target-upper-back = Upper back
tailored-removed = Took out { $name }
tailored-added = Added { $name }
tailored-added-override = Added { $name } although the plan would usually leave it out. Reason: "{ $reason }"
tailored-dose = { $name }: { $dose }
tailored-held = Your exercises stay at this level for now. After a flare-up they still get easier.
tailored-days = { $days } days a week for exercises
tailored-walking = Walking goal: { $minutes } minutes a day
plan-changes-title = What your clinician changed
plan-override = Your clinician chose this for you although the plan would usually leave it out. Their reason: "{ $reason }"
fhir-tailoring-title = Plan tailoring, version { $version }
tailored-days-one = 1 day a week for exercises
