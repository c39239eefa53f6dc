# /export: die Beschriftungen der Datei (bot/export.py). Jeder Abschnitt steht für eine Tabelle;
# $value ist der gespeicherte Code, ein unbekannter Code erscheint so, wie er gespeichert ist.

export-created = Erstellt
export-note = Alles, was Rückenwind über dich gespeichert hat. Zeiten in deiner Zeitzone ({ $tz }), Dauern in Minuten; null heißt „keine Angabe“ bzw. „nie“. Nicht enthalten sind nur technische Verwaltungsdaten, die nichts über dich sagen (z. B. welcher Server eine Erinnerung verschickt hat).

## Datum und Uhrzeit: „Mo 19.01.2026“, „Mo 19.01.2026 18:30“
export-weekday = { $day ->
    [1] Mo
    [2] Di
    [3] Mi
    [4] Do
    [5] Fr
    [6] Sa
   *[7] So
}
export-date = { $weekday } { $day }.{ $month }.{ $year }
export-datetime = { $date } { $time }
export-yes-no = { $value ->
    [yes] ja
   *[no] nein
}

## Abschnitte
export-section-profile = Profil
export-section-plan = Bewegungsplan
export-section-reminders = Erinnerungen
export-section-exercise = Eingetragene Bewegung
export-section-pain = Schmerzwerte
export-section-checks = Checks und Fragebögen
export-section-weekly = Wochenrückblicke
export-section-dialog = Offener Dialog

## Profil
export-field-telegram-id = Telegram-ID
export-field-language = Sprache
export-field-timezone = Zeitzone
export-field-country = Land für Notrufnummern
export-field-first-contact = Erster Kontakt
export-field-consent = Hinweis akzeptiert
export-field-reachable = Erreichbar (Bot nicht blockiert)
export-field-blocked = Bot blockiert am
export-language = { $value ->
    [de] Deutsch
    [en] English
   *[other] { $value }
}
export-country-auto = nach Zeitzone ({ $country_name })

## Bewegungsplan
export-field-days = Tage
export-field-time = Uhrzeit
export-field-quiet-start = Ruhezeit ab
export-field-quiet-end = Ruhezeit bis
export-field-paused = Pausiert
export-field-paused-until = Pausiert bis einschließlich
export-field-changed = Zuletzt geändert

## Erinnerungen
export-field-reminder-kind = Art
export-field-due = Fällig
export-field-status = Status
export-field-sent = Gesendet
export-reminder-kind = { $value ->
    [planned] Erinnerung laut Plan
    [catchup] Anstoß zum Nachholen
    [summary] Wochenrückblick
    [snooze] Erinnerung „später“
   *[other] { $value }
}
export-reminder-status = { $value ->
    [due] geplant
    [claimed] wird gerade gesendet
    [sending] wird gerade gesendet
    [sent] gesendet
    [skipped] ausgelassen
    [dropped] entfallen
    [failed] nicht zugestellt
    [lost] unklar, ob zugestellt
   *[other] { $value }
}

## Eingetragene Bewegung und Schmerzwerte
export-field-when = Zeitpunkt
export-field-day = Tag
export-field-minutes = Minuten
export-field-activity = Aktivität
export-field-felt = Wie es sich anfühlte
export-field-source = Eingetragen per
export-field-pain = Schmerz (0–10)
export-activity = { $value ->
    [walk] Spazierengehen
    [run] Laufen
    [yoga] Yoga
    [swim] Schwimmen
    [cycle] Radfahren
    [exercises] Übungen
    [gym] Fitnessstudio
    [stretch] Dehnen
    [hike] Wandern
    [dance] Tanzen
    [sport] Sport
    [other] Bewegung
   *[unknown] { $value }
}
export-felt = { $value ->
    [good] gut
    [pain] hat wehgetan
   *[other] { $value }
}
export-source = { $value ->
    [text] Nachricht
    [button] Knopf „Erledigt“ an einer Erinnerung
    [guided] geführte Einheit (/einheit)
    [yesterday] Nachricht, für gestern
    [earlier] Nachricht, für einen früheren Tag
   *[other] { $value }
}

## Checks und Fragebögen
export-field-check-kind = Art
export-field-outcome = Ergebnis
export-field-signs = Warnzeichen
export-field-answers = Antworten
export-field-question = Frage
export-field-answer = Antwort
export-field-total = Punkte gesamt (0–9)
export-field-distress = Punkte Belastung (0–5)
export-check-kind = { $value ->
    [redflags] Warnzeichen-Check
    [startback] STarT Back (9 Fragen)
    [offer] Erneutes Angebot
   *[other] { $value }
}
export-check-outcome = { $value ->
    [clear] keine Warnzeichen
    [emergency] Notfall: sofort den Notruf wählen
    [urgent] heute ärztlich abklären lassen
    [soon] in den nächsten Tagen ärztlich abklären lassen
    [low] geringes Risiko
    [medium] mittleres Risiko
    [high] hohes Risiko
    [due] Warnzeichen-Check erneut angeboten
    [startback-due] STarT Back erneut angeboten
   *[other] { $value }
}
export-check-answer = { $value ->
    [yes] Ja
    [no] Nein
    [unsure] Weiß nicht
   *[other] { $value }
}

## Wochenrückblicke
export-field-week = Woche ab
export-field-sessions = Einheiten
export-field-barrier = Was im Weg war
export-barrier = { $value ->
    [time] Keine Zeit
    [pain] Schmerzen
    [motivation] Motivation
    [forgot] Vergessen
   *[other] { $value }
}

## Offener Dialog (was gerade läuft, bis es fertig ist)
export-field-dialog = Dialog
export-field-paused-dialog = Darunter pausiert
export-field-step = Schritt
export-field-quiz-statements = Aussagen im Quiz
export-field-quiz-answered = Beantwortet
export-field-quiz-right = Richtig
export-field-finished = Beendet
export-field-routine = Einheit
export-field-exercise-number = Übung Nr.
export-field-exercise-started = Übung begonnen
export-field-since = Seit
export-field-who = Worum es ging
export-field-sign-asked = Gefragtes Warnzeichen
export-dialog = { $value ->
    [triage] Warnzeichen-Check
    [startback] STarT Back (9 Fragen)
    [quiz] Mythen-Quiz
    [plan] Bewegungsplan anlegen
    [session] geführte Einheit
    [crisis] Zeit nach einer Krisennachricht
    [ask] Rückfrage zu einem Warnzeichen
   *[other] { $value }
}
export-plan-step = { $value ->
    [days] Tage
    [time] Uhrzeit
    [tz] Zeitzone
   *[other] { $value }
}
export-routine-status = { $value ->
    [running] läuft
    [paused] angehalten
    [finished] beendet
    [stopped] abgebrochen
   *[other] { $value }
}
export-who = { $value ->
    [self] um dich
    [other] um jemand anderen
   *[unknown] { $value }
}
export-field-note = Hinweis
export-field-state = Stand (wie gespeichert)

## issue 13 §1: der wöchentliche Check-in (PEG-3)
export-section-checkins = Wöchentliche Check-ins
export-field-weekly-checkin = Wöchentlicher Check-in an
export-field-checkin-pain = Schmerz im Schnitt (0–10)
export-field-checkin-enjoyment = Beeinträchtigung der Lebensfreude (0–10)
export-field-checkin-activity = Beeinträchtigung im Alltag (0–10)
export-field-answered = Beantwortet
