# Reassessment (STarT Back, ODI, RMDQ) and the progress charts.

charts-heading = Your progress in charts
charts-show-table = Show the numbers as a table

plan-change = This week's change
plan-change-diary = Fill in your diary each day: next week's plan is worked out from it
plan-change-progress = See your progress

reassess-title = Answer the questions again
reassess-lead = Answering the same questions every 2 to 4 weeks shows whether your back is getting better, and by how much. Changes take about two weeks to show, so more often does not help.
reassess-answer = Answer now
reassess-due-never = You have not answered these questions yet. Answer them now to have a starting point to compare with.
reassess-due-not-yet = You last answered on { $last }. It is worth answering again from { $from }: a real change usually takes at least two weeks to show.
reassess-due-now = You last answered on { $last }. It is a good time to answer again: every 2 to 4 weeks shows whether things are changing.
reassess-due-overdue = You last answered on { $last }, more than 4 weeks ago. Please answer again so we can see how things have changed.
reassess-see-progress = See your progress charts
reassess-back = Other questionnaires
reassess-pain-now = How bad is your back pain right now?
reassess-pain-now-hint = 0 means no pain and 10 means the worst pain you can imagine.
reassess-submit = Save my answers
reassess-errors-kept = Your other answers are kept. Please look at the questions marked below.
reassess-error-missing = Please choose an answer to this question.
reassess-error-choice = Please choose one of the answers shown.
reassess-error-pain = Please give a whole number from 0 to 10.
reassess-error-pain-missing = Please rate your pain right now, from 0 to 10.
reassess-saved = Your answers were saved on
reassess-your-score = Your score
reassess-change = What changed since last time
reassess-first-time = This is the first time you answered these questions, so there is nothing to compare with yet. Next time we will show you what changed.
reassess-score-startback = Your STarT Back score is { $total } out of 9 (worry and mood part: { $distress } out of 5). Your group: { $group }.
reassess-score-odi = Your disability score (Oswestry) is { $percent }%: { $band }.
reassess-score-rmdq = Your everyday activities score (Roland-Morris) is { $score } out of 24. Lower is better.
reassess-score-pain = Your pain right now: { $pain } out of 10.

progress-title = Your progress
progress-summary = In short
progress-empty = Nothing to show yet. Fill in your diary each day and answer the questions again every 2 to 4 weeks, and your progress will show here.
progress-pain-one = Your diary has one day so far: pain { $pain } out of 10 on { $day }.
progress-pain = In your diary, your pain went from { $first } out of 10 on { $first-day } to { $last } out of 10 on { $last-day }.
progress-pain-better = That is a real, noticeable improvement (a fall of 2 points, or of 30%, counts).
progress-pain-worse = That is a real rise (2 points or more). If you are worried, talk to your doctor or physiotherapist.
progress-pain-same = That is not a real change yet: smaller changes can be normal ups and downs.
progress-scores-none = Your questionnaire scores will be compared here once you have answered a questionnaire twice.
progress-scores-since-first = Since the first time you answered the questions:
progress-sessions = In week { $week } of your plan you did { $done } of the { $planned } exercise sessions planned.
progress-diary = Fill in today's diary
progress-reassess = Answer the questions again

dashboard-progress = Your progress charts
dashboard-reassess = Answer the questions again (every 2 to 4 weeks)

result-next-diary = Keep a diary each day: your plan changes week by week from it.
result-next-reassess = Answer the questions again in 2 to 4 weeks to see what has changed.

# Answering the safety questions a result left open.
intake-ask-again = Some questions below matter for your safety. Please answer them if you can: "don't know" is a fine answer where it is offered. If you still leave one empty, we will count it as not answered.
result-answer-open = Answer just those questions
answer-open-title = Answer the safety questions left open
answer-open-lead = These questions were skipped or answered "don't know", and they can change how urgent your result is. Answer the ones you can. Leave a question empty if you still do not want to answer it.
answer-open-submit = See my new result
answer-open-cancel = Back to my result

# A saved result that could not be read, and a result whose rules have changed since.
record-unreadable-title = This record could not be read
record-unreadable-text = A result saved on { $date } could not be read. We have logged the problem so it can be fixed. If you are worried about your back, do not wait: contact your doctor, or call your emergency number in an emergency.
record-unreadable-level = The level it gave was: { $level }.
result-rules-changed = This is the advice you were given on that day. Our rules have changed since then: with the same answers they would now say "{ $level }". Follow the more urgent of the two.

# A saved intake in progress that could not be read.
intake-draft-unreadable-title = We could not read your saved answers.
intake-draft-unreadable-text = Something went wrong with the answers you saved before, so you need to start again from the first question. We are sorry. We have logged the problem so it can be fixed.

# Progress: saved answers that could not be read (not in the summary or the charts).
progress-unreadable-instrument = The answers you saved on { $date } for "{ $instrument }" could not be read, so they are not in your charts.
progress-unreadable-reassessment = Answers to a questionnaire saved on { $date } could not be read, so they are not in your charts.
progress-unreadable-assessment = A result saved on { $date } could not be read, so it is not in your charts.
progress-unreadable-help = We have logged the problem so it can be fixed. If you are worried about your back, do not wait: contact your doctor, or call your emergency number in an emergency.

# Reassessment: saved answers that could not be read (not counted in when each is due).
reassess-unreadable-instrument = The answers you saved on { $date } for "{ $instrument }" could not be read, so they are not counted below.
reassess-unreadable-reassessment = Answers to a questionnaire saved on { $date } could not be read, so they are not counted below.
reassess-unreadable-assessment = A result saved on { $date } could not be read, so its scores are not counted below.
reassess-scheduled = Your clinician asked you to answer these { $every }.
reassess-scheduled-not-yet = You last answered on { $last }. Your clinician asked for them again from { $from }.
reassess-scheduled-now = You last answered on { $last }. It is time to answer again, as your clinician asked.
reassess-scheduled-overdue = You last answered on { $last }, and the time your clinician asked for has passed. Please answer them now.
