## Movement habit: plan, reminders, sessions, progress.

## Parse errors
habit-error-time = I can't read the time "{ $input }". Please write it like 18:30 (between 00:00 and 23:59).
habit-error-days = I can't find days in "{ $input }". Examples: mon,wed,fri · tue thu · mon-fri · daily
habit-error-no-days = Please pick at least one day.
habit-error-timezone = I don't know the timezone "{ $input }". Please write it like Europe/Berlin, Europe/Vienna or America/New_York.
habit-error-timezone-offset = "{ $input }" is a fixed offset without summer time – your reminders would be an hour off for half the year. Please write the timezone of your place, e.g. Europe/Berlin, Europe/Vienna or America/New_York.
habit-error-quiet = That time is in your quiet hours ({ $quiet_start }–{ $quiet_end }). I never message then – please pick a time in between.
habit-error-minutes = { $minutes } minutes? I can't log that. Please give 1 to { $max } minutes, e.g. "done 15".

## Plan dialog
habit-plan-ask-days = On which days would you like to move? Tap the days or type them (e.g. mon,wed,fri). Chosen: { $days }
habit-plan-day-button = { $on ->
    [yes] ✓ { $day ->
        [mon] Mon
        [tue] Tue
        [wed] Wed
        [thu] Thu
        [fri] Fri
        [sat] Sat
       *[sun] Sun
    }
   *[no] { $day ->
        [mon] Mon
        [tue] Tue
        [wed] Wed
        [thu] Thu
        [fri] Fri
        [sat] Sat
       *[sun] Sun
    }
}
habit-plan-days-ok = Next
habit-plan-cancel = Cancel
habit-plan-cancelled = All right, I haven't changed anything.
habit-plan-ask-time = What time should I remind you? Tap a time or type one (e.g. 18:30). Between { $quiet_start } and { $quiet_end } I stay quiet.
habit-plan-ask-tz = Your timezone is { $tz }. Is that right? You can also pick or type another one (e.g. Europe/Vienna).
habit-plan-tz-keep = That's right
habit-plan-saved = Saved: { $days } at { $time } ({ $tz }). I'll remind you – your goal is { $goal } short sessions a week.{ $fewer_days ->
        [yes] {" "}That's { $day_count ->
            [one] one reminder day
           *[other] { $day_count } reminder days
        } for { $goal } sessions: on other days just write "done", or add days with /plan.
       *[no] {""}
    }
habit-plan-none = You don't have a plan yet. Let's make one – it takes a minute.
habit-plan-show = Your plan: { $days } at { $time } ({ $tz }). { $quiet_none ->
    [yes] No quiet hours.
   *[no] Quiet hours { $quiet_start }–{ $quiet_end }.
} { $paused ->
    [yes] Reminders are paused.
   *[no] Reminders are on.
}
habit-plan-create = 📅 Make a plan
habit-plan-edit = Change
habit-plan-pause = Pause
habit-plan-resume = Resume
habit-remind-usage = Like this: /remind 18:30 mon,wed,fri – a time and (optionally) days.
habit-tz-ask = Your timezone is { $tz }. Pick another one or type it, e.g. /timezone Europe/Vienna.
habit-tz-saved = Timezone saved: { $tz }. Reminders come at { $time } local time.
habit-tz-reset = The timezone I had stored for you no longer exists in the timezone database. So that your reminders keep coming, I have set it to { $tz }. If that is not right, change it with /timezone.
habit-paused = Reminders are paused. Use /resume whenever you like.
habit-resumed = Good to have you back! Next reminders: { $days } at { $time }.

## Reminders
habit-reminder = Time for your 10 minutes of movement! This week: { $count }/{ $goal }.
habit-catch-up = A gentle nudge: this week you're at { $count }/{ $goal }. Do you have 10 minutes today? Every session counts.
habit-btn-done = ✅ Done
habit-btn-later = ⏰ Later
habit-btn-skip = Skip today
habit-btn-snooze-hour = In 1 hour
habit-later-ask = When should I remind you again?
habit-snoozed = Okay, I'll remind you { $day ->
    [tomorrow] tomorrow
   *[today] today
} at { $time }.
habit-skipped = All right, we'll skip today. Rest is part of it too.

## Done
habit-activity-label = { $activity ->
    [walk] {" "}of walking
    [run] {" "}of running
    [yoga] {" "}of yoga
    [swim] {" "}of swimming
    [cycle] {" "}of cycling
    [exercises] {" "}of exercises
    [gym] {" "}at the gym
    [stretch] {" "}of stretching
    [hike] {" "}of hiking
    [dance] {" "}of dancing
    [sport] {" "}of sport
   *[other] {""}
}
habit-done-progress = Great, logged{ $days ->
    [0] {""}
    [1] {" "}for yesterday
   *[other] {" "}for { $days } days ago
}: { $minutes } minutes{ habit-activity-label }. This week: { $count }/{ $goal }. Keep it up!
habit-done-goal-reached = 🎉 You did it: { $count }/{ $goal } – weekly goal reached! { $minutes } minutes{ habit-activity-label } logged{ $days ->
    [0] {""}
    [1] {" "}for yesterday
   *[other] {" "}for { $days } days ago
}. Be proud of that.
habit-done-beyond = Brilliant, { $count } sessions this week already ({ $minutes } minutes{ habit-activity-label } logged{ $days ->
    [0] {""}
    [1] {" "}for yesterday
   *[other] {" "}for { $days } days ago
})! You've gone beyond your goal of { $goal }.
habit-done-earlier-week = Great, logged for { $days ->
    [1] yesterday
   *[other] { $days } days ago
}: { $minutes } minutes{ habit-activity-label } – that counts towards last week. This week: { $count }/{ $goal }.
habit-pain-ask = Would you like to tell me how much your back hurts right now? 0 = not at all, 10 = very much.
habit-pain-thanks = Thanks, noted: { $rating }/10.
habit-pain-high = Thanks, noted: { $rating }/10. That sounds like a lot of pain. If it gets worse or new symptoms appear, please use /check.

## Progress and weekly summary
habit-progress = This week: { $count }/{ $goal } ({ $week_minutes } minutes). Streak: { $streak ->
    [0] no week with the goal met yet
    [one] 1 week with the goal met
   *[other] { $streak } weeks in a row with the goal met
}. In total: { $total_minutes } minutes of movement.
habit-summary-met = Weekly summary: { $count }/{ $goal } in the week of { $week_day } { $week_month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} – goal met! 🎉 Streak: { $streak } { $streak ->
    [one] week
   *[other] weeks
}. Well done.
habit-summary-missed = Weekly summary: { $count }/{ $goal } in the week of { $week_day } { $week_month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}. That's okay – what got in the way most?
habit-barrier-time = No time
habit-barrier-pain = Pain
habit-barrier-motivation = Motivation
habit-barrier-forgot = Forgot
habit-barrier-tip = A tip for that: { $tip }

## Guided session
habit-session-menu = Which 10-minute routine suits you today? { $stop_if }
habit-session-routine-button = { $name } (~{ $minutes } min)
habit-session-intro = { $name }: { $description } { $steps } exercises, about { $minutes } minutes. Let's go!
habit-session-step = { $number }/{ $total } · { $name } ({ $seconds } s)
    { $instructions }
    ⚠️ { $stop_if }
habit-session-next = Next ▶
habit-session-stop = Stop
habit-session-finished = Finished – { $minutes } minutes of movement! I'm logging the session for you.
habit-session-stopped = Okay, we'll stop here ({ $done } of { $total } exercises). If you'd still like to log something, write e.g. "done 5".

## Bot: undo, duplicates, chart
habit-done-already = That's already logged{ $days ->
    [0] {""}
    [1] {" "}for yesterday
   *[other] {" "}for { $days } days ago
}. This week: { $count }/{ $goal }.
habit-undo-done = Undone: your last session ({ $minutes } minutes). This week: { $count }/{ $goal }.
habit-undo-none = There is no session yet that I could undo.
habit-chart-title = Sessions per week
habit-chart-goal = Goal
habit-chart-sessions = Sessions
habit-chart-pain = Pain (0–10)
habit-chart-week = Week starting Monday

## issue 12 §3 guided session: hint, pause when it hurts
habit-session-hint = Your session is running. Tap "Next" or "Stop" – or type "next" or "stop". If something hurts, just tell me.
habit-session-paused =
    Thanks for telling me – I've paused the session. Only go on if it feels fine; pain, numbness or tingling in your leg that is new or spreads further towards your foot is a reason to stop.
    The red-flag check takes two minutes and shows whether you should see a doctor about it.
habit-session-paused-check = 🩺 Start the check
habit-session-resume = ▶ Carry on
habit-session-paused-hint = The session is paused. Tap "Carry on", "Stop" or "Start the check" – or type "next" or "stop".

## issue 12 §2 reminders that fit a life: quiet hours, replies in words, holiday pause, cities
habit-error-time-ambiguous = "{ $input }" – do you mean { $morning } or { $evening }? Please write the exact time, e.g. { $evening }.
habit-quiet-offer = { $time } is in your quiet hours ({ $quiet_start }–{ $quiet_end }). Shall I move your quiet hours to { $new_start }–{ $new_end } so the reminder can come?
habit-quiet-yes = Yes
habit-quiet-no = No
habit-quiet-moved = Quiet hours moved: { $quiet_start }–{ $quiet_end }.
habit-quiet-kept = Okay, your quiet hours stay { $quiet_start }–{ $quiet_end }. Please choose a time outside them, e.g. 18:30.
habit-quiet-show = { $none ->
    [yes] You have no quiet hours – I remind you at any time you choose.
   *[no] Your quiet hours: { $quiet_start }–{ $quiet_end }. I never write then.
} Change them: /quiet 22:00-06:30 (or /quiet off).
habit-quiet-saved = { $none ->
    [yes] Saved: no quiet hours any more.
   *[no] Quiet hours saved: { $quiet_start }–{ $quiet_end }. I never write then.
}
habit-quiet-no-plan = Quiet hours are for your reminders – please set up a plan first, e.g. with /plan or /remind 18:30 mon,wed,fri.
habit-error-quiet-format = I can't read "{ $input }" as quiet hours. Like this: /quiet 22:00-06:30 (start to end) or /quiet off.
habit-error-quiet-plan = Your reminder at { $time } would then fall into the quiet hours ({ $quiet_start }–{ $quiet_end }). Please set another time first (e.g. /remind 18:30) or choose other quiet hours.
habit-btn-snooze-minutes = { $minutes ->
    [30] In 30 min
    [60] In 1 hour
    [120] In 2 hours
   *[other] In { $minutes } min
}
habit-btn-snooze-time = Another time …
habit-later-type-time = Just tell me when: e.g. "at 7pm", "7:30pm" or "in 45 minutes".
habit-paused-until = Reminders are paused up to and including { $until } – from { $resume } I'll be back by myself – use /resume any time to come back sooner. Enjoy!
habit-error-pause = I can't read "{ $input }" as the end of a pause. Examples: /pause 2 weeks · /pause 10 days · /pause until 15 May – or just /pause (until /resume).
habit-error-pause-past = "{ $input }" is in the past. How long would you like to pause? E.g. /pause 2 weeks or /pause until 15 May.
habit-error-pause-long = With an end date I pause for at most { $max } days. For a longer break just write /pause – /resume brings the reminders back.
habit-tz-saved-local = Time zone: { $tz } – it's { $now } where you are now. { $plan ->
    [no] Reminders come once you have a plan (/plan).
   *[yes] Reminders come at { $time } local time.
}
habit-error-timezone-abbrev = "{ $input }" is an abbreviation that is easily off (it often means winter time only, or several countries). Which city do you mean? Tap one or type your city, e.g. /timezone Chicago or /timezone Vienna.

## issue 12 §1: the coach in your own words (activity reader, questions before logging, /undo)
habit-pain-ask-hurt = Sorry it hurt. How strong is your back pain right now? 0 = none, 10 = very strong – tap or just type a number.
habit-btn-check = 🩺 Start the check
habit-btn-yes = Yes
habit-btn-no = No
habit-log-confirm = Shall I log { $minutes } minutes of { $activity ->
    [walk] walking
    [run] running
    [yoga] yoga
    [swim] swimming
    [cycle] cycling
    [exercises] exercises
    [gym] gym
    [stretch] stretching
    [hike] hiking
    [dance] dancing
    [sport] sport
   *[other] movement
} for { $days ->
    [0] today
    [1] yesterday
   *[other] { $days } days ago
}?
habit-log-repeat = You logged a session { $ago ->
    [0] less than a minute
    [1] one minute
   *[other] { $ago } minutes
} ago. Shall I count another one ({ $minutes } minutes)?
habit-log-declined = Okay, nothing logged.
habit-undo-ask = Shall I delete this session: { $day }/{ $month }, { $minutes } minutes of { $activity ->
    [walk] walking
    [run] running
    [yoga] yoga
    [swim] swimming
    [cycle] cycling
    [exercises] exercises
    [gym] gym
    [stretch] stretching
    [hike] hiking
    [dance] dancing
    [sport] sport
   *[other] movement
}?
habit-undo-kept = Okay, the session stays logged.
habit-undo-gone = That session is already deleted.
habit-edit-corrected = Corrected: { $minutes } minutes{ $days ->
    [0] {""}
    [1] {" "}for yesterday
   *[other] {" "}for { $days } days ago
}. This week: { $count }/{ $goal }.
habit-mention-plan = Sounds like a good plan! 💪 Just tell me afterwards what you did – e.g. "walked for 30 min" – and I'll log it.
habit-mention-missed = No problem – tomorrow is a new day. If you like, /session guides you through 10 minutes; or just tell me when you have done something.
habit-mention-someone = Good to hear there is movement around you! 🙂 I have not logged anything – I only count what you do yourself. If you joined in, tell me, e.g. "went on a 30 min hike".
habit-back-hurts =
    I'm sorry your back hurts right now. 💛 Back pain is usually harmless and gets better by itself – and gentle movement helps more than rest: a short walk, changing position often, nothing forced. If you like, /session guides you through 10 calm minutes. Numbness around the genitals, new weakness in the legs or problems passing urine need medical help at once – /check asks about the warning signs.

## issue 13 §1: the weekly check-in (PEG-3, Krebs et al. 2009; questions in data/checkin.yaml), /progress with the trend
habit-checkin-question =
    { $number ->
        [1] 📋 Weekly check-in for the week of { $week_day }/{ $week_month }: 3 short questions, one tap each.
       *[other] 📋 Check-in for the week of { $week_day }/{ $week_month }
    }
    { $number }/{ $total } · { $question }
    0 = { $low } · 10 = { $high }
habit-checkin-thanks =
    Thank you! Week of { $day }/{ $month }: pain { $pain }/10 · interference with enjoying life { $enjoyment }/10 · with everyday activities { $activity }/10.
    PEG score (the mean of the three): { NUMBER($peg, minimumFractionDigits: 1, maximumFractionDigits: 1) } out of 10 – lower is better.
    { $previous ->
        [last_week] Last week: pain { $prev_pain } · enjoyment { $prev_enjoyment } · activities { $prev_activity } – PEG { NUMBER($prev_peg, minimumFractionDigits: 1, maximumFractionDigits: 1) }.
        [earlier] Last time (week of { $prev_day }/{ $prev_month }): pain { $prev_pain } · enjoyment { $prev_enjoyment } · activities { $prev_activity } – PEG { NUMBER($prev_peg, minimumFractionDigits: 1, maximumFractionDigits: 1) }.
       *[none] This was your first check-in – from the next one on you'll see the comparison here.
    }
    { $high ->
        [yes] That sounds like a lot of pain. If it gets worse or new symptoms appear, please do the warning-sign check.
       *[no] /progress shows your trend; /report sends you a report for doctor's or physio appointments.
    }
habit-checkin-already = I already have your check-in for the week of { $day }/{ $month } (pain { $pain } · enjoyment { $enjoyment } · activities { $activity } – PEG { NUMBER($peg, minimumFractionDigits: 1, maximumFractionDigits: 1) }). It counts once.
habit-checkin-status =
    { $state ->
        [off] The weekly check-in is off.
       *[unset] Weekly check-in: every Sunday, with the weekly summary, 3 short questions about pain, enjoying life and everyday activities – one tap each, 0 to 10.
    }
    It shows in /progress and in the report for your doctor or physio (/report) how you are doing over the weeks. Turn it on with the button or /checkin on.
habit-checkin-on =
    The weekly check-in is on. { $plan ->
        [yes] It comes every Sunday with the weekly summary.
       *[no] It comes on Sundays with the weekly summary – for that you need a movement plan (/plan).
    } /checkin answers it at any time, /checkin off turns it off.
habit-checkin-off = The weekly check-in is off. Your answers so far are kept (/progress, /report); /checkin on turns it on again.
habit-checkin-btn-on = 📋 Turn on the weekly check-in
habit-checkin-btn-off = Turn the check-in off
habit-activity-minutes = { $activity ->
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
    [none] not specified
    [more] More
   *[other] Other
} { $minutes } min
habit-progress-chart =
    { habit-progress }
    { $activities ->
        [none] Minutes by activity: nothing logged yet.
       *[other] Minutes since { $since }: { $activities }
    }
    { $pain ->
        [none] Pain after sessions: not rated yet – after a session you can rate it from 0 to 10.
        [one] Pain after sessions (0–10, mean): { NUMBER($pain_now, minimumFractionDigits: 1, maximumFractionDigits: 1) } in the week of { $pain_week }
       *[more] Pain after sessions (0–10, mean per week): { NUMBER($pain_first, minimumFractionDigits: 1, maximumFractionDigits: 1) } (week of { $pain_first_week }) → { NUMBER($pain_now, minimumFractionDigits: 1, maximumFractionDigits: 1) } (week of { $pain_week })
    }
    { $checkins ->
        [none] Pain trend: with /checkin on you get 3 short questions every Sunday – then the chart shows how pain and everyday life develop.
        [one] Check-in (PEG, 0–10, lower is better): { NUMBER($peg, minimumFractionDigits: 1, maximumFractionDigits: 1) } in the week of { $peg_week }
       *[more] Check-in (PEG, 0–10, lower is better): { NUMBER($peg_before, minimumFractionDigits: 1, maximumFractionDigits: 1) } → { NUMBER($peg, minimumFractionDigits: 1, maximumFractionDigits: 1) } (week of { $peg_week })
    }
    A report for your doctor or physio: /report
habit-chart-sessions-title = Sessions per week
habit-chart-goal-line = Goal: { $goal } a week
habit-chart-trend-title = Pain and PEG (0–10, lower is better)
habit-chart-pain-after = Pain after sessions (mean)
habit-chart-peg = PEG (check-in)
habit-chart-peg-pain = Pain (check-in)
habit-chart-empty = No pain values yet. With /checkin on, 3 short questions come on Sundays.
