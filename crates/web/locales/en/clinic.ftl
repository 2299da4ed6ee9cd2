# Clinicians: share codes, the patient panel, a patient's record, and the access log patients see.

## The clinician's panel
clinician-title = My patients
clinician-lead = Welcome, { $email }.
clinician-patients = Patients who share their record with you
clinician-order = The list starts with who may need you most: warning signs first, then getting worse, then high risk, then medium risk, then the rest.
clinician-no-patients = No patients have shared their record with you yet. Make a share code below and give it to your patient.
clinician-caption = Your patients, most urgent first
clinician-col-patient = Patient
clinician-col-concern = Why they are here in the list
clinician-col-triage = Latest warning-sign check
clinician-col-risk = STarT Back risk
clinician-col-diary = Last diary entry
clinician-since = Sharing since
clinician-more-reasons = (and { $count } more on the record)
clinician-none = None yet
clinician-share-title = Add a patient
clinician-share-lead = Make a share code and give it to your patient. They type it on their "Sharing" page to share their record with you. Each code works once, for 24 hours.
clinician-share-button = Make a share code
clinician-code-title = Your new share code
clinician-code-expires = Works until
clinician-code-once = Write it down or give it to your patient now: we keep only a scrambled copy, so it cannot be shown again.
clinician-pending = Codes not used yet: { $count }.

## A patient's record, as a clinician sees it
record-title = Patient record
record-assessed = Answers given on
record-no-assessment = This patient has not answered the questions yet.
record-logged = Your visit has been written in the patient's access log, which they can read.
record-concern = Place in your list
record-rule = Rule
record-source = Source
record-flags = Warning signs in the latest answers
record-no-flags = No warning signs in the latest answers.
record-unsure = the answer was "not sure" or skipped
record-because = Because of
record-scores = Latest scores
record-risk-group = STarT Back risk group
record-no-scores = No scores yet.
record-charts = Progress charts
record-history = History
record-no-history = No questions answered yet.
record-history-caption = Answers and follow-up questionnaires, newest first
record-col-date = Date
record-col-what = What
record-col-scores = Scores
record-intake = Full questions
record-reassessment = Follow-up
record-diary = Recent diary
record-no-diary = No diary entries yet.
record-diary-caption = The last 14 diary entries, newest first
record-plan = This week's plan
record-plan-week = Week { $week }
record-plan-withheld = No exercises: the plan waits until a clinician has seen the patient, because of the warning signs above.
record-plan-walking = Walking: { $minutes } minutes a day.
record-no-plan = No plan yet: it starts after the first answers.
record-codes = Suggested codes (ICD-10-CM and CPT)
record-no-codes = No codes suggested.
record-code-why = Why
record-code-condition = Use only if

## Sharing, for patients
dashboard-sharing = Share with a clinician
sharing-title = Sharing with clinicians
sharing-lead = You choose who sees your answers, scores, diary and plan. You can stop sharing at any time.
sharing-linked = Done. Your clinician can now see your record. They are in the list below.
sharing-revoked = Done. That clinician can no longer see your record.
sharing-clinicians = Clinicians who can see your record
sharing-none = You are not sharing your record with anyone.
sharing-since = since
sharing-revoke = Stop sharing
sharing-what-they-see = Their list of patients shows your latest warning-sign check, your risk group and the day of your last diary entry. Each time they open your full record, it is written in your access log.
sharing-log-link = See who opened your record
sharing-add = Share with a new clinician
sharing-code = Share code
sharing-code-hint = Your clinician gives you this code. It has 16 letters and numbers, like 3F9A-0C12-77DE-B401.
sharing-submit = Share my record
sharing-error-empty = Please type the code your clinician gave you.
sharing-error-format = This is not a share code. A code has 16 letters and numbers, like 3F9A-0C12-77DE-B401.
sharing-error-unknown = This code does not work. It may be mistyped, already used, or more than 24 hours old. Please check it, or ask your clinician for a new one.
sharing-error-revoke = Please choose a clinician from the list.
sharing-not-linked = You are not sharing your record with this clinician.
sharing-log-title = Who opened your record
sharing-log-lead = Each time a clinician opens your record, it is written here. The newest is first.
sharing-log-none = No clinician has opened your record yet.
sharing-log-entry = On { $when }, { $who } { $what }.
sharing-log-record = opened your record: your answers, results and diary
sharing-log-other = looked at: { $what }
time-in-zone = { $day } at { $time } ({ $zone })
sharing-back = Back to sharing

# Records as issued: both levels when today's rules differ, and records that could not be read.
clinician-levels-differ = Issued: { $issued } on { $date }; with today's rules: { $today }
clinician-unreadable-assessment = Could not be read: an assessment saved on { $date }.
clinician-unreadable-reassessment = Could not be read: a questionnaire saved on { $date }.
clinician-unreadable-instrument = Could not be read: answers to "{ $instrument }" saved on { $date }.
clinician-concern-unreadable = A record could not be read: check it
