# Core texts: welcome, disclaimer, help, language, export, delete, fallbacks. German first.

button-literal = { $text }

welcome =
    Hallo { $name }! Ich bin Rückenwind 🌬️ – dein Begleiter bei alltäglichen Rückenschmerzen.

    Was ich tue:
    • Ich frage nach Warnzeichen, die ärztlich abgeklärt werden sollten.
    • Ich beantworte Fragen zu Rücken-Mythen – mit Quellen.
    • Ich erinnere dich an 3 × 10 Minuten Bewegung pro Woche und zeige deinen Fortschritt.

    Was ich nicht tue: Ich bin kein Arzt, stelle keine Diagnose und ersetze keine Behandlung.

    ⚕️ Hinweis: Meine Informationen sind allgemein und ersetzen keine ärztliche Beratung. Bei starken, neuen oder ungewöhnlichen Beschwerden wende dich an deine Ärztin oder deinen Arzt. Im Notfall: { helpline-emergency-number }.

    Ich speichere nur, was ich dafür brauche (Sprache, Zeitzone, ein gewähltes Land für Notrufnummern, deine Einträge). Mit /export bekommst du alles, mit /delete löschst du alles.

    Bist du einverstanden?
button-consent = ✅ Verstanden, los geht's
button-other-language = 🇬🇧 English
consent-thanks =
    Danke! Schön, dass du da bist.

    Damit ich dir im Ernstfall die richtigen Nummern nenne: In welchem Land bist du? { $chosen ->
        [yes] Gewählt hast du { $country_name }.
       *[no] Nach deiner Zeitzone wäre es { $country_name }.
    } Wenn das nicht stimmt, tippe dein Land an (oder später /country).
consent-required = Bitte lies zuerst kurz den Hinweis und bestätige ihn – dann geht's los.
consent-already = Du hast den Hinweis schon bestätigt. Mit /help siehst du, was ich kann.
## /start, wenn der Hinweis schon bestätigt ist; $name ist "none", wenn Telegram keinen Namen kennt.
welcome-back =
    { $name ->
        [none] Schön, dass du wieder da bist! 👋
       *[other] Schön, dass du wieder da bist, { $name }! 👋
    }
    Womit machen wir weiter? Du kannst mir auch einfach schreiben.

help =
    So kann ich dir helfen:
    { $commands }

    Du kannst mir auch einfach schreiben – zum Beispiel eine Frage wie „Soll ich mich schonen?“ oder „erledigt“, wenn du dich bewegt hast.
    Hinweis: Ich bin kein Arzt. Im Notfall: { helpline-emergency-number }.

cmd-start = Begrüßung und Hinweis
cmd-help = Was ich kann
cmd-check = Warnzeichen-Check
cmd-myths = Mythen und Fakten
cmd-quiz = Quiz: Mythos oder Fakt?
cmd-plan = Bewegungsplan ansehen/ändern
cmd-remind = Erinnerung, z. B. /remind 18:30 mo,mi,fr
cmd-session = Geführte 10-Minuten-Einheit
cmd-progress = Dein Fortschritt
cmd-undo = Letzte Einheit zurücknehmen
cmd-pause = Erinnerungen pausieren
cmd-resume = Erinnerungen fortsetzen
cmd-timezone = Zeitzone einstellen
cmd-language = Sprache wählen
cmd-export = Meine Daten herunterladen
cmd-delete = Alle meine Daten löschen

language-choose = Welche Sprache möchtest du? / Which language would you like?
language-set = Alles klar, ich schreibe dir ab jetzt auf Deutsch.
button-lang-de = 🇩🇪 Deutsch
button-lang-en = 🇬🇧 English

export-caption = Hier sind alle Daten, die ich über dich gespeichert habe (JSON).
delete-confirm = Möchtest du wirklich alle deine Daten löschen? Fortschritt, Plan, Check-Ergebnisse und Einstellungen sind danach weg. Das lässt sich nicht rückgängig machen.
button-delete-yes = 🗑 Ja, alles löschen
button-cancel = Abbrechen
delete-done = Erledigt: Alle deine Daten sind gelöscht. Wenn du wiederkommen möchtest, tippe /start.
delete-cancelled = Gut, es bleibt alles, wie es ist.
delete-nothing = Ich habe keine Daten von dir gespeichert.

fallback =
    Das habe ich leider nicht verstanden. 🤔
    Du kannst mir eine Frage zum Rücken stellen, „erledigt“ schreiben, wenn du dich bewegt hast, oder einen Knopf wählen:
unknown-command = Den Befehl { $command } kenne ich nicht. Hier ist, was ich kann:
button-help = ❓ Hilfe
button-check = 🩺 Warnzeichen-Check
button-myths = 💡 Mythen & Fakten
button-session = 🧘 10-Minuten-Einheit
button-progress = 📈 Fortschritt

unsupported-media = Danke! Ich kann leider nur Text lesen – keine Sticker, Fotos, Sprachnachrichten oder Dateien. Schreib mir einfach, was du sagen möchtest.
edited-message = Ich habe gesehen, dass du eine Nachricht bearbeitet hast. Ich antworte nur auf neue Nachrichten – schick sie mir gern noch einmal.
group-private = Über Gesundheit spreche ich lieber unter vier Augen. Schreib mir bitte privat: { $link }
too-long = Das ist eine sehr lange Nachricht. Ich habe sie auf Warnzeichen geprüft – für alles andere schreib mir bitte kürzer (höchstens ein paar Sätze).
stale-button = Dieser Knopf ist nicht mehr aktuell. Hier geht's weiter:
button-pressed-again = Schon angekommen 👍
button-elsewhere = Dieser Knopf ist nicht mehr aktuell.
error-generic = Da ist bei mir leider etwas schiefgelaufen. 🙈 Bitte versuch es gleich noch einmal. Bei starken oder neuen Beschwerden wende dich bitte an eine Ärztin oder einen Arzt (Notfall: { helpline-emergency-number }).

admin-stats =
    📊 Rückenwind in Zahlen (ohne Personenbezug):
    Nutzer:innen: { $users } (aktiv: { $active })
    Bewegungspläne: { $plans }
    Einheiten in den letzten 7 Tagen: { $sessions }
    Checks in den letzten 7 Tagen: { $checks }

## issue 12 §3 Gesprächsgrundlagen: Smalltalk, Hinweise in Dialogen
small-talk-greeting = Hallo! 👋 Schön, von dir zu hören. Schreib mir, was du gemacht hast (z. B. „20 min spazieren“), stell eine Frage zum Rücken oder tippe /hilfe.
small-talk-thanks = Gern geschehen! 😊
small-talk-goodnight = Gute Nacht – schlaf gut! 🌙
small-talk-bye = Bis bald! 👋
small-talk-how_are_you = Danke der Nachfrage – mir geht's gut! 😊 Und wie geht's dir und deinem Rücken? Erzähl mir gern, was du heute gemacht hast (z. B. „20 min spazieren“), oder tippe /hilfe.
small-talk-ack = 👍
dialog-hint-plan = { $step ->
        [days] Ich richte gerade deinen Bewegungsplan ein. Schreib die Tage (z. B. „mo,mi,fr“) oder tippe auf die Knöpfe – „abbrechen“ beendet das.
        [time] Ich richte gerade deinen Bewegungsplan ein. Schreib eine Uhrzeit (z. B. 18:30) oder tippe auf einen Knopf – „abbrechen“ beendet das.
       *[tz] Ich richte gerade deinen Bewegungsplan ein. Tippe auf „Passt so“, wähle eine Zeitzone oder schreib sie (z. B. Europe/Vienna) – „abbrechen“ beendet das.
    }

## issue 12 §2 Ruhezeit-Befehl
cmd-quiet = Ruhezeit, z. B. /quiet 22:00-06:30
small-talk-low_mood =
    Das klingt, als wäre gerade vieles zu viel. Das tut mir leid. 💛 Ich bin ein Programm und kann nicht wirklich zuhören – Menschen können das, rund um die Uhr. { $crisis_lines ->
        [none] Eine Krisen- oder Seelsorge-Hotline in deinem Land hört dir zu.
       *[lines] Hier hört dir jemand zu:
            { $crisis_lines }
    }

    Wenn du in akuter Gefahr bist: Ruf sofort { helpline-emergency-call } an. Und wenn es um deinen Rücken geht, erzähl mir gern, was los ist.

## issue 13 §1: Check-in und Bericht
cmd-checkin = Wöchentlicher Check-in (an/aus, ausfüllen)
cmd-report = Bericht (PDF) für Arzt oder Physio

## /cancel (/abbrechen): ends the open dialog
cmd-cancel = Offene Frage oder Übung abbrechen
cancel-done = Okay, { $what ->
        [triage] den Warnzeichen-Check habe ich
        [plan] die Planung deiner Erinnerungen habe ich
        [startback] den STarT-Back-Fragebogen habe ich
        [quiz] das Quiz habe ich
        [session] die 10-Minuten-Einheit habe ich
        [confirm] die Frage zum Eintragen habe ich
       *[other] das habe ich
    } abgebrochen. Schreib mir einfach, wenn du etwas brauchst – oder tippe /hilfe.
cancel-nothing = Gerade ist nichts offen, das ich abbrechen könnte. Mit /hilfe siehst du, was ich kann.
