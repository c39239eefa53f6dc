# Core texts: welcome, disclaimer, help, language, export, delete, fallbacks.

button-literal = { $text }

welcome =
    Hi { $name }! I'm Rückenwind 🌬️ – your companion for everyday back pain.

    What I do:
    • I ask about warning signs that a doctor should check.
    • I answer questions about back pain myths – with sources.
    • I remind you of 3 × 10 minutes of movement per week and show your progress.

    What I don't do: I'm not a doctor, I don't diagnose and I don't replace treatment.

    ⚕️ Disclaimer: my information is general and does not replace medical advice. If your pain is severe, new or unusual, see your doctor. In an emergency: { helpline-emergency-number }.

    I only store what I need for this (language, time zone, a country you chose for emergency numbers, your entries). /export gives you all of it, /delete removes all of it.

    Do you agree?
button-consent = ✅ Understood, let's start
button-other-language = 🇩🇪 Deutsch
consent-thanks =
    Thank you! Glad you're here.

    So that I give you the right numbers in an emergency: which country are you in? { $chosen ->
        [yes] You chose { $country_name }.
       *[no] By your time zone it would be { $country_name }.
    } If that's wrong, tap your country (or use /country later).
consent-required = Please read the short disclaimer first and confirm it – then we can start.
consent-already = You have already confirmed the disclaimer. /help shows what I can do.
## /start once the disclaimer is confirmed; $name is "none" when Telegram has no name.
welcome-back =
    { $name ->
        [none] Good to see you again! 👋
       *[other] Good to see you again, { $name }! 👋
    }
    What would you like to do? You can also just write to me.

help =
    Here is how I can help:
    { $commands }

    You can also just write to me – for example a question like "Should I rest?" or "done" after you have moved.
    Note: I'm not a doctor. In an emergency: { helpline-emergency-number }.

cmd-start = Welcome and disclaimer
cmd-help = What I can do
cmd-check = Warning-sign check
cmd-myths = Myths and facts
cmd-quiz = Quiz: myth or fact?
cmd-plan = See/change your movement plan
cmd-remind = Reminder, e.g. /remind 18:30 mon,wed,fri
cmd-session = Guided 10-minute session
cmd-progress = Your progress
cmd-undo = Undo the last session
cmd-pause = Pause reminders
cmd-resume = Resume reminders
cmd-timezone = Set your time zone
cmd-language = Choose language
cmd-export = Download my data
cmd-delete = Delete all my data

language-choose = Welche Sprache möchtest du? / Which language would you like?
language-set = All right, I'll write to you in English from now on.
button-lang-de = 🇩🇪 Deutsch
button-lang-en = 🇬🇧 English

export-caption = Here is all the data I have stored about you (JSON).
delete-confirm = Do you really want to delete all your data? Progress, plan, check results and settings will be gone. This cannot be undone.
button-delete-yes = 🗑 Yes, delete everything
button-cancel = Cancel
delete-done = Done: all your data has been deleted. If you want to come back, tap /start.
delete-cancelled = Fine, everything stays as it is.
delete-nothing = I have no data stored about you.

fallback =
    Sorry, I didn't understand that. 🤔
    You can ask me a question about back pain, write "done" after you have moved, or pick a button:
unknown-command = I don't know the command { $command }. Here is what I can do:
button-help = ❓ Help
button-check = 🩺 Warning-sign check
button-myths = 💡 Myths & facts
button-session = 🧘 10-minute session
button-progress = 📈 Progress

unsupported-media = Thanks! I can only read text – no stickers, photos, voice messages or files. Just write me what you'd like to say.
edited-message = I saw that you edited a message. I only answer new messages – feel free to send it again.
group-private = I prefer to talk about health in private. Please write to me directly: { $link }
too-long = That is a very long message. I have checked it for warning signs – for anything else please write a bit shorter (a few sentences at most).
stale-button = This button is out of date. Here is how to go on:
button-pressed-again = Got that already 👍
button-elsewhere = This button is out of date.
error-generic = Sorry, something went wrong on my side. 🙈 Please try again in a moment. If your pain is severe or new, please see a doctor (emergency: { helpline-emergency-number }).

admin-stats =
    📊 Rückenwind in numbers (nothing about any one person):
    Users: { $users } (active: { $active })
    Movement plans: { $plans }
    Sessions in the last 7 days: { $sessions }
    Checks in the last 7 days: { $checks }

## issue 12 §3 conversation basics: small talk, hints inside dialogs
small-talk-greeting = Hi! 👋 Good to hear from you. Tell me what you did (e.g. "20 min walk"), ask me a question about your back, or type /help.
small-talk-thanks = You're welcome! 😊
small-talk-goodnight = Good night – sleep well! 🌙
small-talk-bye = See you soon! 👋
small-talk-how_are_you = Thanks for asking – I'm fine! 😊 And how are you and your back? Tell me what you did today (e.g. "20 min walk"), or type /help.
small-talk-ack = 👍
dialog-hint-plan = { $step ->
        [days] I'm setting up your movement plan. Type the days (e.g. "mon,wed,fri") or tap the buttons – "cancel" stops.
        [time] I'm setting up your movement plan. Type a time (e.g. 18:30) or tap a button – "cancel" stops.
       *[tz] I'm setting up your movement plan. Tap "That's right", choose a time zone or type one (e.g. Europe/Vienna) – "cancel" stops.
    }

## issue 12 §2 quiet-hours command
cmd-quiet = Quiet hours, e.g. /quiet 22:00-06:30
small-talk-low_mood =
    That sounds like a lot right now. I'm sorry. 💛 I'm a program and can't really listen – people can, day and night. { $crisis_lines ->
        [none] A crisis or helpline in your country will listen to you.
       *[lines] Someone will listen here:
            { $crisis_lines }
    }

    If you are in immediate danger: call { helpline-emergency-call } right away. And if it is about your back, tell me what is going on.

## issue 13 §1: check-in and report
cmd-checkin = Weekly check-in (on/off, answer it)
cmd-report = Report (PDF) for your doctor or physio

## /cancel: ends the open dialog
cmd-cancel = Cancel the open question or session
cancel-done = Okay, I've stopped { $what ->
        [triage] the warning-sign check
        [plan] planning your reminders
        [startback] the STarT Back questionnaire
        [quiz] the quiz
        [session] the 10-minute session
        [confirm] the question about logging
       *[other] that
    }. Just write when you need something – or type /help.
cancel-nothing = Nothing is open right now that I could cancel. /help shows what I can do.
