# /export: the file's labels (bot/export.py). Each section stands for one table; $value is the
# stored code, and a code not listed shows as stored.

export-created = Created
export-note = Everything Rückenwind has stored about you. Times in your time zone ({ $tz }), durations in minutes; null means "not given" or "never". Left out is only technical bookkeeping that says nothing about you (such as which server sent a reminder).

## Dates and times: "Mon 2026-01-19", "Mon 2026-01-19 18:30"
export-weekday = { $day ->
    [1] Mon
    [2] Tue
    [3] Wed
    [4] Thu
    [5] Fri
    [6] Sat
   *[7] Sun
}
export-date = { $weekday } { $year }-{ $month }-{ $day }
export-datetime = { $date } { $time }
export-yes-no = { $value ->
    [yes] yes
   *[no] no
}

## Sections
export-section-profile = Profile
export-section-plan = Movement plan
export-section-reminders = Reminders
export-section-exercise = Logged exercise
export-section-pain = Pain ratings
export-section-checks = Checks and questionnaires
export-section-weekly = Weekly reviews
export-section-dialog = Open dialog

## Profile
export-field-telegram-id = Telegram ID
export-field-language = Language
export-field-timezone = Time zone
export-field-country = Country for emergency numbers
export-field-first-contact = First contact
export-field-consent = Disclaimer accepted
export-field-reachable = Reachable (bot not blocked)
export-field-blocked = Bot blocked on
export-language = { $value ->
    [de] Deutsch
    [en] English
   *[other] { $value }
}
export-country-auto = by time zone ({ $country_name })

## Movement plan
export-field-days = Days
export-field-time = Time
export-field-quiet-start = Quiet hours from
export-field-quiet-end = Quiet hours until
export-field-paused = Paused
export-field-paused-until = Paused up to and including
export-field-changed = Last changed

## Reminders
export-field-reminder-kind = Kind
export-field-due = Due
export-field-status = Status
export-field-sent = Sent
export-reminder-kind = { $value ->
    [planned] Reminder from your plan
    [catchup] Nudge to catch up
    [summary] Weekly review
    [snooze] "Later" reminder
   *[other] { $value }
}
export-reminder-status = { $value ->
    [due] scheduled
    [claimed] being sent
    [sending] being sent
    [sent] sent
    [skipped] skipped
    [dropped] cancelled
    [failed] not delivered
    [lost] unclear whether delivered
   *[other] { $value }
}

## Logged exercise and pain ratings
export-field-when = When
export-field-day = Day
export-field-minutes = Minutes
export-field-activity = Activity
export-field-felt = How it felt
export-field-source = Logged via
export-field-pain = Pain (0–10)
export-activity = { $value ->
    [walk] Walking
    [run] Running
    [yoga] Yoga
    [swim] Swimming
    [cycle] Cycling
    [exercises] Exercises
    [gym] Gym
    [stretch] Stretching
    [hike] Hiking
    [dance] Dancing
    [sport] Sport
    [other] Exercise
   *[unknown] { $value }
}
export-felt = { $value ->
    [good] good
    [pain] it hurt
   *[other] { $value }
}
export-source = { $value ->
    [text] message
    [button] "Done" button on a reminder
    [guided] guided routine (/session)
    [yesterday] message, for yesterday
    [earlier] message, for an earlier day
   *[other] { $value }
}

## Checks and questionnaires
export-field-check-kind = Kind
export-field-outcome = Result
export-field-signs = Warning signs
export-field-answers = Answers
export-field-question = Question
export-field-answer = Answer
export-field-total = Total score (0–9)
export-field-distress = Distress score (0–5)
export-check-kind = { $value ->
    [redflags] Warning-sign check
    [startback] STarT Back (9 questions)
    [offer] Offered again
   *[other] { $value }
}
export-check-outcome = { $value ->
    [clear] no warning signs
    [emergency] emergency: call the emergency number now
    [urgent] see a doctor today
    [soon] see a doctor within the next days
    [low] low risk
    [medium] medium risk
    [high] high risk
    [due] warning-sign check offered again
    [startback-due] STarT Back offered again
   *[other] { $value }
}
export-check-answer = { $value ->
    [yes] Yes
    [no] No
    [unsure] Not sure
   *[other] { $value }
}

## Weekly reviews
export-field-week = Week from
export-field-sessions = Sessions
export-field-barrier = What got in the way
export-barrier = { $value ->
    [time] No time
    [pain] Pain
    [motivation] Motivation
    [forgot] Forgot
   *[other] { $value }
}

## Open dialog (what is going on right now, until it is finished)
export-field-dialog = Dialog
export-field-paused-dialog = Paused underneath
export-field-step = Step
export-field-quiz-statements = Statements in the quiz
export-field-quiz-answered = Answered
export-field-quiz-right = Right
export-field-finished = Finished
export-field-routine = Routine
export-field-exercise-number = Exercise no.
export-field-exercise-started = Exercise started
export-field-since = Since
export-field-who = About whom
export-field-sign-asked = Warning sign asked about
export-dialog = { $value ->
    [triage] Warning-sign check
    [startback] STarT Back (9 questions)
    [quiz] Myths quiz
    [plan] Setting up the movement plan
    [session] Guided routine
    [crisis] Time after a crisis message
    [ask] Question about a warning sign
   *[other] { $value }
}
export-plan-step = { $value ->
    [days] days
    [time] time
    [tz] time zone
   *[other] { $value }
}
export-routine-status = { $value ->
    [running] running
    [paused] paused
    [finished] finished
    [stopped] stopped
   *[other] { $value }
}
export-who = { $value ->
    [self] about you
    [other] about someone else
   *[unknown] { $value }
}
export-field-note = Note
export-field-state = State (as stored)

## issue 13 §1: the weekly check-in (PEG-3)
export-section-checkins = Weekly check-ins
export-field-weekly-checkin = Weekly check-in on
export-field-checkin-pain = Average pain (0–10)
export-field-checkin-enjoyment = Interference with enjoying life (0–10)
export-field-checkin-activity = Interference with everyday activities (0–10)
export-field-answered = Answered
