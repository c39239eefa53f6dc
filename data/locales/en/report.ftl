## issue 13 §1: the report for a doctor or physiotherapist (/report) as a PDF (dialogs/report.py).
## Only what the person entered themselves; no name. Dates come formatted ($date, $first …).

report-title = Rückenwind – progress report
report-period = Period: { $first } – { $last } · created on { $created }
report-checks-heading = Warning-sign check (red flags; the person's own answers in the chat)
report-check = { $date }: { $outcome ->
    [clear] no warning signs reported
    [soon] warning sign – see a doctor within days
    [urgent] warning sign – see a doctor the same day
    [emergency] emergency warning sign – immediate medical care
   *[other] { $outcome }
}{ $signs ->
    [none] {""}
   *[other] : { $signs }
}{ $unsure ->
    [none] {""}
   *[other] {" "}("not sure" for: { $unsure })
}
report-none-yet = Not answered yet.
report-earlier = … and { $count ->
    [one] 1 earlier result
   *[other] { $count } earlier results
} (all of them in the data export, /export).
report-startback-heading = STarT Back (Keele), risk group
report-startback = { $date }: { $risk ->
    [low] low risk
    [medium] medium risk
    [high] high risk
   *[other] { $risk }
} (total score { $total }/9, distress subscore { $distress }/5)
report-chart-heading = Pain and PEG per week
report-chart-title = Pain and PEG (0–10, lower is better)
report-chart-pain = Pain after exercise sessions (weekly mean)
report-chart-peg = PEG score (weekly check-in)
report-chart-peg-pain = Pain in the check-in (PEG item 1)
report-chart-none = No pain values yet.
report-weeks-heading = Movement per week (goal: { $goal } sessions of about 10 minutes)
report-column-week = Week of
report-column-sessions = Sessions
report-column-minutes = Minutes
report-column-pain = Pain (mean)
report-column-peg = PEG (P/E/G)
report-cell = { $text }
report-sessions-cell = { $count }/{ $goal }
report-decimal = { NUMBER($value, minimumFractionDigits: 1, maximumFractionDigits: 1) }
report-none = –
report-peg-cell = { NUMBER($peg, minimumFractionDigits: 1, maximumFractionDigits: 1) } ({ $pain }/{ $enjoyment }/{ $activity })
report-activities = Minutes by activity: { $activities }
report-about-peg = PEG: the mean of three questions about the past week, each 0–10 – pain intensity (P), interference with enjoyment of life (E) and with general activity (G). { $note }
report-about-pain = Pain after sessions: an optional rating (0–10) right after a logged exercise session, as the weekly mean.
report-startback-copyright = { $text }
report-disclaimer = Note: Rückenwind is not a doctor, makes no diagnosis and does not replace treatment. Its information is general and does not replace medical advice. Every value in this report was entered by the person in the chat; none has been checked by a clinician.
report-page = Rückenwind – progress report · page { $page } of { $pages }
report-filename = rueckenwind-report
report-caption = 📄 Your progress as a PDF: check results, STarT Back, pain and PEG, movement per week. Bring it to your next doctor's or physiotherapy appointment – printed or on your phone. It does not replace an examination.
