## Red-flag check, safety net and STarT Back questionnaire.
## Phone numbers always come as arguments, from data/helplines.yaml for the person's country:
## { $emergency } (e.g. 112, 144, 999) and { $urgent } (out-of-hours doctor, e.g. 116117, 1450,
## 111) – or "none" where there is no national number. So never use { $emergency } directly, but
## { helpline-emergency-call } / { helpline-emergency-number } / { helpline-urgent-service }
## (safety.ftl). Never write a number into the text.
## { $who }: "self" or "other" (the sign is someone else's: call for them).
## { $certainty }: "sure" (yes, or described), "unsure" (only "not sure": never state the sign
## as a fact) or "mixed"; { $sign } the sure signs (the unsure ones when "unsure"),
## { $unsure_sign } those answered "not sure".
## Only emergency and urgent texts start with ⚠️.

triage-alert-emergency =
    ⚠️ { $who ->
        [other] Please call { helpline-emergency-call } for them now, or make sure they get to the nearest emergency department at once.
       *[self] Please call { helpline-emergency-call } now or get someone to take you to the nearest emergency department.
    }

    { triage-alert-sign }
    { $who ->
        [other] This needs a doctor right away – don't wait for the next appointment, and they should not drive themselves.
       *[self] This needs a doctor right away – don't wait for the next appointment and don't drive yourself.
    }
triage-alert-urgent =
    ⚠️ { $who ->
        [other] Please make sure they see a doctor today – their GP practice or, outside office hours, { helpline-urgent-service }.
       *[self] Please see a doctor today – your GP practice or, outside office hours, { helpline-urgent-service }.
    }

    { triage-alert-sign }
    If { triage-cauda-equina-signs } appear, call { helpline-emergency-call } at once.
triage-alert-soon =
    Thank you for telling me. { $certainty ->
        [unsure] You weren't sure about: { $sign } – to be on the safe side, I'm taking that seriously.
        [mixed] You mentioned: { $sign }; you weren't sure about: { $unsure_sign }.
       *[sure] You mentioned: { $sign }.
    }
    That does not mean something serious is behind it – but a doctor should have a look in the next few days, { $who ->
        [other] for example their GP.
       *[self] for example your GP.
    }
    Until then, moving in a way that feels okay is fine.
    But call { helpline-emergency-call } at once if { triage-cauda-equina-signs } appear.

## How emergency and urgent alerts name the sign (it sees the same arguments).
triage-alert-sign = { $certainty ->
        [unsure] You weren't sure about: { $sign } – to be on the safe side, I'm taking it seriously as a warning sign.
        [mixed] Your answers point to a warning sign: { $sign }. You weren't sure about: { $unsure_sign }.
       *[sure] { $via ->
            [check] Your answer points to a warning sign: { $sign }.
           *[message] What you describe is close to a warning sign that should always be seen by a doctor: { $sign }.
        }
    }

## The warning signs of cauda equina syndrome, named the same way in every text.
triage-cauda-equina-signs = new trouble holding or passing urine or stool, numbness around the buttocks or genitals, or legs getting weaker

## Ask instead of alerting (weak evidence): the check's question about this warning sign.
triage-ask =
    { $form ->
        [other] So that I get this right, a quick question: is this happening to them right now – { $sign }?
        [self] So that I understand you correctly, a quick question: is this happening to you right now – { $sign }?
       *[question] So that I understand you correctly, a quick question: { $question }
    }
    { $typed ->
        [buttons] Please answer with the buttons below this question (not sure? "Not sure").
        [paused] Type "yes", "no" or "not sure" (or use the buttons) – then we'll carry on where we were.
       *[yes] If you're not sure, tap "Not sure".
    }
triage-ask-no =
    Thank you, good to know.
    But call { helpline-emergency-call } at once if { $who ->
        [other] they get { triage-cauda-equina-signs }.
       *[self] { triage-cauda-equina-signs } appear.
    }

triage-offer-worse = I'm sorry it's getting worse. Would you answer a few yes/no questions? That shows whether a doctor should have a look (about 2 minutes).
triage-offer-due = Your last warning-sign check was a few weeks ago. Would you like to repeat it (about 2 minutes)?

triage-start =
    Quick warning-sign check: { $total } yes/no questions, the most important first. If you're not sure, tap "Not sure" – to be safe I count that as a yes.

    Question { $number }/{ $total }: { $question }
triage-question = Question { $number }/{ $total }: { $question }
## Weak evidence about a sign the open check will still ask about: no separate question.
triage-in-check =
    The check asks you exactly this – { $asked_now ->
        [yes] it's the question that's open right now:
       *[no] in question { $asks_at }, in its turn. First, the open question:
    }

    Question { $number }/{ $total }: { $question }

triage-clear =
    { $earlier ->
        [urgent] Thank you! In the check you named no further warning sign. The alert from before still stands: please have it seen by a doctor today (out of hours: { helpline-urgent-service }).
        [soon] Thank you! In the check you named no further warning sign. The alert from before still stands: please have it seen by a doctor in the next few days.
       *[none] ✅ Thank you! Your answers show no warning signs – good news.
    }

    { $advice }

    Sources: { $sources }

    If anything changes or the pain gets worse, just tell me – then we'll look again together.
    Call { helpline-emergency-call } at once if { triage-cauda-equina-signs } appear.

    Optional: 9 short questions (Keele STarT Back) show whether physiotherapy would help as well.

triage-button-yes = Yes
triage-button-no = No
triage-button-unsure = Not sure
triage-button-start = Start the check
triage-button-misread = Misunderstood? Start the check
triage-button-later = Later
triage-button-plan = On to the movement plan
triage-button-startback = 9 questions on your outlook (STarT Back)

## Keele STarT Back Screening Tool
triage-sb-intro =
    Keele STarT Back: 9 questions about the last 2 weeks. They help to tell whether physiotherapy would help alongside moving with me. Tap whether you agree with each statement.
    { $notice }

    Question { $number }/{ $total }: { $statement }
triage-sb-item = Question { $number }/{ $total }: { $statement }
triage-sb-agree = Agree
triage-sb-disagree = Disagree
triage-sb-bother = { $option ->
        [0] Not at all
        [1] Slightly
        [2] Moderately
        [3] Very much
       *[4] Extremely
    }
triage-sb-result-low =
    Result: low risk ({ $total } of 9 points).
    Good prospects: with movement and self-help you are very likely to do well – that's exactly what I'll help you with.

    { $copyright }
triage-sb-result-medium =
    Result: medium risk ({ $total } of 9 points).
    My recommendation: physiotherapy alongside moving with me. Ask your GP about a referral.

    { $copyright }
triage-sb-result-high =
    Result: higher risk ({ $total } of 9 points, { $distress } of 5 on worry and strain).
    My recommendation: physiotherapy alongside moving with me – ideally with someone who also addresses worry and strain. Ask your GP about it.

    { $copyright }

## In the bot
triage-stale = This check is no longer open (finished or ended). Would you like to start a new one?
triage-later = All right. You can start the warning-sign check any time with /check.
triage-cancelled = Okay, stopped. You can start again any time with /check.
triage-sb-stale = This questionnaire is already finished. Would you like to start it again?

## issue 12 §3 check and STarT Back: hints, "back", typed answers
triage-check-hint = Please answer Yes, No or Not sure – or tap a button. "back" changes your last answer, "cancel" ends the check.
triage-button-back = ↩️ Back
triage-back =
    No problem, once more:

    Question { $number }/{ $total }: { $question }
## The check was open but something else was answered: its open question again, so that a
## typed "no" never silently answers a question that is no longer in view.
triage-continue =
    Whenever you're ready, the check goes on:

    Question { $number }/{ $total }: { $question }
triage-out-of-view =
    To be safe, here is the warning-sign check's open question again – please answer it:

    Question { $number }/{ $total }: { $question }
triage-changed =
    Changed – your new answer counts. From here I'll ask again:

    Question { $number }/{ $total }: { $question }
triage-back-none =
    This is the first question – there is nothing to correct yet.

    Question { $number }/{ $total }: { $question }
triage-sb-hint = { $scale ->
        [yes] Please answer with a number from 1 (not at all) to 5 (extremely) or in words (not at all, slightly, moderately, very much, extremely) – or tap a button. "cancel" ends the questionnaire.
       *[no] Please answer Yes (agree) or No (disagree) – or tap a button. "cancel" ends the questionnaire.
    }

## issue 12: a command that replaces the unfinished check says so
triage-check-left = The warning-sign check is not finished. You can do it any time with /check – it only takes two minutes.

## issue 15: STarT Back again, with the four-weekly re-offer of the check (once per result)
triage-sb-rescreen = Your STarT Back result is more than 4 weeks old – the group can change. Would you like to answer the 9 questions again?
