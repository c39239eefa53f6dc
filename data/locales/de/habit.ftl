## Bewegungsgewohnheit: Plan, Erinnerungen, Sitzungen, Fortschritt.

## Fehler beim Einlesen
habit-error-time = Die Uhrzeit „{ $input }“ verstehe ich nicht. Schreib sie bitte so: 18:30 (zwischen 00:00 und 23:59).
habit-error-days = Mit „{ $input }“ kann ich keine Tage finden. Beispiele: mo,mi,fr · di do · mo-fr · täglich
habit-error-no-days = Bitte wähle mindestens einen Tag.
habit-error-timezone = Die Zeitzone „{ $input }“ kenne ich nicht. Schreib sie z. B. so: Europe/Berlin, Europe/Vienna oder America/New_York.
habit-error-timezone-offset = „{ $input }“ ist ein fester Zeitabstand ohne Sommerzeit – damit kämen deine Erinnerungen das halbe Jahr eine Stunde daneben. Schreib bitte die Zeitzone deines Orts, z. B. Europe/Berlin, Europe/Vienna oder America/New_York.
habit-error-quiet = Diese Zeit liegt in deiner Ruhezeit ({ $quiet_start }–{ $quiet_end }). Da melde ich mich nie – wähl bitte eine Zeit dazwischen.
habit-error-minutes = { $minutes } Minuten? Das kann ich so nicht eintragen. Gib bitte 1 bis { $max } Minuten an, z. B. „erledigt 15“.

## Plan-Dialog
habit-plan-ask-days = An welchen Tagen möchtest du dich bewegen? Tippe die Tage an oder schreib sie (z. B. mo,mi,fr). Gewählt: { $days }
habit-plan-day-button = { $on ->
    [yes] ✓ { $day ->
        [mon] Mo
        [tue] Di
        [wed] Mi
        [thu] Do
        [fri] Fr
        [sat] Sa
       *[sun] So
    }
   *[no] { $day ->
        [mon] Mo
        [tue] Di
        [wed] Mi
        [thu] Do
        [fri] Fr
        [sat] Sa
       *[sun] So
    }
}
habit-plan-days-ok = Weiter
habit-plan-cancel = Abbrechen
habit-plan-cancelled = Alles klar, ich habe nichts geändert.
habit-plan-ask-time = Um welche Uhrzeit soll ich dich erinnern? Tipp eine Zeit an oder schreib sie (z. B. 18:30). Zwischen { $quiet_start } und { $quiet_end } bleibe ich still.
habit-plan-ask-tz = Deine Zeitzone ist { $tz }. Passt das? Du kannst auch eine andere wählen oder schreiben (z. B. Europe/Vienna).
habit-plan-tz-keep = Passt so
habit-plan-saved = Gespeichert: { $days } um { $time } ({ $tz }). Ich erinnere dich – dein Ziel sind { $goal } kurze Einheiten pro Woche.{ $fewer_days ->
        [yes] {" "}Das { $day_count ->
            [one] ist ein Erinnerungstag
           *[other] sind { $day_count } Erinnerungstage
        } für { $goal } Einheiten: Schreib an anderen Tagen einfach „erledigt“, oder nimm mit /plan Tage dazu.
       *[no] {""}
    }
habit-plan-none = Du hast noch keinen Plan. Lass uns einen machen – das dauert eine Minute.
habit-plan-show = Dein Plan: { $days } um { $time } ({ $tz }). { $quiet_none ->
    [yes] Keine Ruhezeit.
   *[no] Ruhezeit { $quiet_start }–{ $quiet_end }.
} { $paused ->
    [yes] Erinnerungen sind pausiert.
   *[no] Erinnerungen sind an.
}
habit-plan-create = 📅 Plan erstellen
habit-plan-edit = Ändern
habit-plan-pause = Pausieren
habit-plan-resume = Fortsetzen
habit-remind-usage = So geht’s: /remind 18:30 mo,mi,fr – Uhrzeit und (optional) Tage.
habit-tz-ask = Deine Zeitzone ist { $tz }. Wähl eine andere oder schreib sie, z. B. /timezone Europe/Vienna.
habit-tz-saved = Zeitzone gespeichert: { $tz }. Erinnerungen kommen um { $time } Ortszeit.
habit-tz-reset = Deine gespeicherte Zeitzone gibt es in der Zeitzonen-Datenbank nicht mehr. Damit deine Erinnerungen weiterlaufen, habe ich sie auf { $tz } gesetzt. Passt das nicht, ändere sie mit /timezone.
habit-paused = Erinnerungen sind pausiert. Mit /resume geht’s weiter, wann immer du magst.
habit-resumed = Schön, dass du wieder dabei bist! Nächste Erinnerungen: { $days } um { $time }.

## Erinnerungen
habit-reminder = Zeit für deine 10 Minuten Bewegung! Diese Woche: { $count }/{ $goal }.
habit-catch-up = Kleiner Anstoß: Diese Woche stehen { $count }/{ $goal }. Hast du heute 10 Minuten? Jede Einheit zählt.
habit-btn-done = ✅ Erledigt
habit-btn-later = ⏰ Später
habit-btn-skip = Heute auslassen
habit-btn-snooze-hour = In 1 Stunde
habit-later-ask = Wann soll ich dich noch einmal erinnern?
habit-snoozed = Okay, ich erinnere dich { $day ->
    [tomorrow] morgen
   *[today] heute
} um { $time }.
habit-skipped = In Ordnung, heute lassen wir aus. Pausen gehören dazu.

## Erledigt
habit-activity-label = { $activity ->
    [walk] {" "}Spazierengehen
    [run] {" "}Laufen
    [yoga] {" "}Yoga
    [swim] {" "}Schwimmen
    [cycle] {" "}Radfahren
    [exercises] {" "}Übungen
    [gym] {" "}Fitnessstudio
    [stretch] {" "}Dehnen
    [hike] {" "}Wandern
    [dance] {" "}Tanzen
    [sport] {" "}Sport
   *[other] {""}
}
habit-done-progress = Super, eingetragen{ $days ->
    [0] {""}
    [1] {" "}für gestern
   *[other] {" "}für vor { $days } Tagen
}: { $minutes } Minuten{ habit-activity-label }. Diese Woche: { $count }/{ $goal }. Weiter so!
habit-done-goal-reached = 🎉 Geschafft: { $count }/{ $goal } – dein Wochenziel ist erreicht! { $minutes } Minuten{ habit-activity-label } eingetragen{ $days ->
    [0] {""}
    [1] {" "}für gestern
   *[other] {" "}für vor { $days } Tagen
}. Darauf kannst du stolz sein.
habit-done-beyond = Stark, schon { $count } Einheiten diese Woche ({ $minutes } Minuten{ habit-activity-label } eingetragen{ $days ->
    [0] {""}
    [1] {" "}für gestern
   *[other] {" "}für vor { $days } Tagen
})! Dein Ziel von { $goal } hast du übertroffen.
habit-done-earlier-week = Super, eingetragen für { $days ->
    [1] gestern
   *[other] vor { $days } Tagen
}: { $minutes } Minuten{ habit-activity-label } – das zählt noch zur letzten Woche. Diese Woche: { $count }/{ $goal }.
habit-pain-ask = Magst du noch kurz sagen, wie stark dein Rücken gerade schmerzt? 0 = gar nicht, 10 = sehr stark.
habit-pain-thanks = Danke, notiert: { $rating }/10.
habit-pain-high = Danke, notiert: { $rating }/10. Das klingt nach viel Schmerz. Wenn er schlimmer wird oder neue Beschwerden dazukommen, nutze bitte /check.

## Fortschritt und Wochenrückblick
habit-progress = Diese Woche: { $count }/{ $goal } ({ $week_minutes } Minuten). Serie: { $streak ->
    [0] noch keine Woche mit Ziel erreicht
    [one] 1 Woche mit Ziel erreicht
   *[other] { $streak } Wochen in Folge mit Ziel erreicht
}. Insgesamt: { $total_minutes } Minuten Bewegung.
habit-summary-met = Wochenrückblick: { $count }/{ $goal } in der Woche vom { $week_day }.{ $week_month }. – Ziel erreicht! 🎉 Serie: { $streak } { $streak ->
    [one] Woche
   *[other] Wochen
}. Toll gemacht.
habit-summary-missed = Wochenrückblick: { $count }/{ $goal } in der Woche vom { $week_day }.{ $week_month }. Kein Problem – was kam dir am meisten in die Quere?
habit-barrier-time = Keine Zeit
habit-barrier-pain = Schmerzen
habit-barrier-motivation = Motivation
habit-barrier-forgot = Vergessen
habit-barrier-tip = Ein Tipp dafür: { $tip }

## Geführte Einheit
habit-session-menu = Welche 10-Minuten-Runde passt heute? { $stop_if }
habit-session-routine-button = { $name } (~{ $minutes } Min.)
habit-session-intro = { $name }: { $description } { $steps } Übungen, etwa { $minutes } Minuten. Los geht’s!
habit-session-step = { $number }/{ $total } · { $name } ({ $seconds } Sek.)
    { $instructions }
    ⚠️ { $stop_if }
habit-session-next = Weiter ▶
habit-session-stop = Beenden
habit-session-finished = Fertig – { $minutes } Minuten Bewegung! Ich trage die Einheit für dich ein.
habit-session-stopped = Okay, wir hören hier auf ({ $done } von { $total } Übungen). Wenn du trotzdem etwas eintragen möchtest, schreib z. B. „erledigt 5“.

## Bot: Rücknahme, Doppelt, Diagramm
habit-done-already = Das ist schon eingetragen{ $days ->
    [0] {""}
    [1] {" "}für gestern
   *[other] {" "}für vor { $days } Tagen
}. Diese Woche: { $count }/{ $goal }.
habit-undo-done = Zurückgenommen: die letzte Einheit ({ $minutes } Minuten). Diese Woche: { $count }/{ $goal }.
habit-undo-none = Es gibt noch keine Einheit, die ich zurücknehmen könnte.
habit-chart-title = Einheiten pro Woche
habit-chart-goal = Ziel
habit-chart-sessions = Einheiten
habit-chart-pain = Schmerz (0–10)
habit-chart-week = Woche ab Montag

## issue 12 §3 geführte Einheit: Hinweis, Pause bei Schmerzen
habit-session-hint = Deine Einheit läuft gerade. Tippe auf „Weiter“ oder „Beenden“ – oder schreib „weiter“ oder „stopp“. Wenn etwas wehtut, schreib es mir einfach.
habit-session-paused =
    Gut, dass du es sagst – ich habe die Einheit angehalten. Mach nur weiter, wenn es sich gut anfühlt; Schmerzen, Taubheit oder Kribbeln im Bein, die neu sind oder weiter Richtung Fuß ziehen, sind ein Grund aufzuhören.
    Der Warnzeichen-Check dauert zwei Minuten und zeigt, ob du damit zum Arzt solltest.
habit-session-paused-check = 🩺 Check starten
habit-session-resume = ▶ Weitermachen
habit-session-paused-hint = Die Einheit ist angehalten. Tippe auf „Weitermachen“, „Beenden“ oder „Check starten“ – oder schreib „weiter“ oder „stopp“.

## issue 12 §2 Erinnerungen, die ins Leben passen: Ruhezeit, Antworten in Worten, Urlaubspause, Städte
habit-error-time-ambiguous = „{ $input }“ – meinst du { $morning } oder { $evening } Uhr? Schreib die Uhrzeit bitte genau, z. B. { $evening }.
habit-quiet-offer = { $time } liegt in deiner Ruhezeit ({ $quiet_start }–{ $quiet_end }). Soll ich die Ruhezeit auf { $new_start }–{ $new_end } verschieben, damit die Erinnerung kommt?
habit-quiet-yes = Ja
habit-quiet-no = Nein
habit-quiet-moved = Ruhezeit verschoben: { $quiet_start }–{ $quiet_end }.
habit-quiet-kept = Okay, die Ruhezeit bleibt { $quiet_start }–{ $quiet_end }. Wähl bitte eine Uhrzeit außerhalb, z. B. 18:30.
habit-quiet-show = { $none ->
    [yes] Du hast keine Ruhezeit – ich erinnere dich zu jeder Uhrzeit, die du wählst.
   *[no] Deine Ruhezeit: { $quiet_start }–{ $quiet_end }. Da melde ich mich nie.
} Ändern: /quiet 22:00-06:30 (oder /quiet aus).
habit-quiet-saved = { $none ->
    [yes] Gespeichert: keine Ruhezeit mehr.
   *[no] Ruhezeit gespeichert: { $quiet_start }–{ $quiet_end }. Da melde ich mich nie.
}
habit-quiet-no-plan = Die Ruhezeit gilt für deine Erinnerungen – leg zuerst einen Plan an, z. B. mit /plan oder /remind 18:30 mo,mi,fr.
habit-error-quiet-format = „{ $input }“ verstehe ich nicht als Ruhezeit. So geht’s: /quiet 22:00-06:30 (Beginn bis Ende) oder /quiet aus.
habit-error-quiet-plan = Deine Erinnerung um { $time } läge dann in der Ruhezeit ({ $quiet_start }–{ $quiet_end }). Stell erst eine andere Uhrzeit ein (z. B. /remind 18:30) oder wähl eine andere Ruhezeit.
habit-btn-snooze-minutes = { $minutes ->
    [30] In 30 Min.
    [60] In 1 Stunde
    [120] In 2 Stunden
   *[other] In { $minutes } Min.
}
habit-btn-snooze-time = Andere Uhrzeit …
habit-later-type-time = Schreib mir einfach, wann: z. B. „um 19 Uhr“, „halb acht“ oder „in 45 min“.
habit-paused-until = Erinnerungen sind pausiert bis einschließlich { $until } – ab { $resume } melde ich mich von selbst wieder – früher geht’s jederzeit mit /resume. Schöne Zeit!
habit-error-pause = „{ $input }“ verstehe ich nicht als Pausenende. Beispiele: /pause 2 Wochen · /pause 10 Tage · /pause bis 15.5. – oder nur /pause (bis /resume).
habit-error-pause-past = „{ $input }“ liegt in der Vergangenheit. Wie lange möchtest du pausieren? Z. B. /pause 2 Wochen oder /pause bis 15.5.
habit-error-pause-long = Mit Enddatum pausiere ich höchstens { $max } Tage. Für eine längere Pause schreib einfach /pause – mit /resume geht’s dann weiter.
habit-tz-saved-local = Zeitzone: { $tz } – bei dir ist es jetzt { $now }. { $plan ->
    [no] Erinnerungen gibt es, sobald du einen Plan hast (/plan).
   *[yes] Erinnerungen kommen um { $time } Ortszeit.
}
habit-error-timezone-abbrev = „{ $input }“ ist eine Abkürzung, die leicht danebenliegt (sie gilt oft nur im Winter oder für mehrere Länder). Welche Stadt meinst du? Tipp eine an oder schreib deine Stadt, z. B. /timezone Chicago oder /timezone Wien.

## issue 12 §1: the coach in your own words (activity reader, questions before logging, /undo)
habit-pain-ask-hurt = Tut mir leid, dass es wehgetan hat. Wie stark schmerzt dein Rücken gerade? 0 = gar nicht, 10 = sehr stark – tippe eine Zahl oder schreib sie einfach.
habit-btn-check = 🩺 Check starten
habit-btn-yes = Ja
habit-btn-no = Nein
habit-log-confirm = Soll ich { $minutes } Minuten { $activity ->
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
   *[other] Bewegung
} für { $days ->
    [0] heute
    [1] gestern
   *[other] vor { $days } Tagen
} eintragen?
habit-log-repeat = Du hast vor { $ago ->
    [0] weniger als einer Minute
    [1] einer Minute
   *[other] { $ago } Minuten
} schon eine Einheit eingetragen. Soll ich noch eine zählen ({ $minutes } Minuten)?
habit-log-declined = Okay, nichts eingetragen.
habit-undo-ask = Soll ich diese Einheit löschen: { $day }.{ $month }., { $minutes } Minuten { $activity ->
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
   *[other] Bewegung
}?
habit-undo-kept = Okay, die Einheit bleibt eingetragen.
habit-undo-gone = Diese Einheit ist schon gelöscht.
habit-edit-corrected = Korrigiert: { $minutes } Minuten{ $days ->
    [0] {""}
    [1] {" "}für gestern
   *[other] {" "}für vor { $days } Tagen
}. Diese Woche: { $count }/{ $goal }.
habit-mention-plan = Klingt nach einem guten Plan! 💪 Schreib mir danach einfach, was du gemacht hast – z. B. „30 min spazieren gewesen“ –, dann trage ich es ein.
habit-mention-missed = Kein Problem – morgen ist ein neuer Tag. Wenn du magst, führt dich /einheit durch 10 Minuten; oder schreib mir einfach, wenn du etwas gemacht hast.
habit-mention-someone = Schön, wenn Bewegung bei euch dazugehört! 🙂 Eingetragen habe ich nichts – ich zähle nur, was du selbst machst. Warst du dabei, schreib mir z. B. „30 min wandern gewesen“.
habit-back-hurts =
    Das tut mir leid, dass dein Rücken gerade weh tut. 💛 Meist sind Rückenschmerzen harmlos und werden von selbst besser – und sanfte Bewegung hilft dabei mehr als Schonung: ein kurzer Spaziergang, öfter die Position wechseln, nichts erzwingen. Wenn du magst, führt dich /einheit durch 10 ruhige Minuten. Taubheit im Intimbereich, neue Schwäche in den Beinen oder Probleme beim Wasserlassen brauchen sofort ärztliche Hilfe – /check fragt die Warnzeichen ab.

## issue 13 §1: der wöchentliche Check-in (PEG-3, Krebs et al. 2009; Fragen in data/checkin.yaml), /fortschritt mit Verlauf
habit-checkin-question =
    { $number ->
        [1] 📋 Wöchentlicher Check-in für die Woche vom { $week_day }.{ $week_month }.: 3 kurze Fragen, je ein Fingertipp.
       *[other] 📋 Check-in für die Woche vom { $week_day }.{ $week_month }.
    }
    { $number }/{ $total } · { $question }
    0 = { $low } · 10 = { $high }
habit-checkin-thanks =
    Danke! Woche vom { $day }.{ $month }.: Schmerz { $pain }/10 · Einschränkung der Lebensfreude { $enjoyment }/10 · Einschränkung im Alltag { $activity }/10.
    PEG-Wert (Mittel der drei): { NUMBER($peg, minimumFractionDigits: 1, maximumFractionDigits: 1) } von 10 – weniger ist besser.
    { $previous ->
        [last_week] Letzte Woche: Schmerz { $prev_pain } · Lebensfreude { $prev_enjoyment } · Alltag { $prev_activity } – PEG { NUMBER($prev_peg, minimumFractionDigits: 1, maximumFractionDigits: 1) }.
        [earlier] Zuletzt (Woche vom { $prev_day }.{ $prev_month }.): Schmerz { $prev_pain } · Lebensfreude { $prev_enjoyment } · Alltag { $prev_activity } – PEG { NUMBER($prev_peg, minimumFractionDigits: 1, maximumFractionDigits: 1) }.
       *[none] Das war dein erster Check-in – ab dem nächsten siehst du hier den Vergleich.
    }
    { $high ->
        [yes] Das klingt nach viel Schmerz. Wenn er schlimmer wird oder neue Beschwerden dazukommen, mach bitte den Warnzeichen-Check.
       *[no] Deinen Verlauf zeigt /fortschritt; einen Bericht für Arzt- oder Physiotermine schickt dir /bericht.
    }
habit-checkin-already = Für die Woche vom { $day }.{ $month }. habe ich deinen Check-in schon (Schmerz { $pain } · Lebensfreude { $enjoyment } · Alltag { $activity } – PEG { NUMBER($peg, minimumFractionDigits: 1, maximumFractionDigits: 1) }). Er zählt nur einmal.
habit-checkin-status =
    { $state ->
        [off] Der wöchentliche Check-in ist aus.
       *[unset] Wöchentlicher Check-in: jeden Sonntag mit dem Wochenrückblick 3 kurze Fragen zu Schmerz, Lebensfreude und Alltag – je ein Fingertipp von 0 bis 10.
    }
    Damit siehst du in /fortschritt und im Bericht für Arzt oder Physio (/bericht), wie es dir über die Wochen geht. Einschalten: mit dem Knopf oder /checkin an.
habit-checkin-on =
    Der wöchentliche Check-in ist an. { $plan ->
        [yes] Er kommt jeden Sonntag mit dem Wochenrückblick.
       *[no] Er kommt sonntags mit dem Wochenrückblick – dafür brauchst du einen Bewegungsplan (/plan).
    } Mit /checkin füllst du ihn jederzeit aus, /checkin aus schaltet ihn ab.
habit-checkin-off = Der wöchentliche Check-in ist aus. Deine bisherigen Antworten bleiben gespeichert (/fortschritt, /bericht); /checkin an schaltet ihn wieder ein.
habit-checkin-btn-on = 📋 Wöchentlichen Check-in einschalten
habit-checkin-btn-off = Check-in ausschalten
habit-activity-minutes = { $activity ->
    [walk] Spazieren
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
    [none] ohne Angabe
    [more] Weitere
   *[other] Sonstiges
} { $minutes } Min.
habit-progress-chart =
    { habit-progress }
    { $activities ->
        [none] Minuten nach Aktivität: noch keine Einheit eingetragen.
       *[other] Minuten seit { $since }: { $activities }
    }
    { $pain ->
        [none] Schmerz nach Einheiten: noch keine Angabe – nach einer Einheit kannst du ihn von 0 bis 10 einschätzen.
        [one] Schmerz nach Einheiten (0–10, Ø): { NUMBER($pain_now, minimumFractionDigits: 1, maximumFractionDigits: 1) } in der Woche vom { $pain_week }
       *[more] Schmerz nach Einheiten (0–10, Ø pro Woche): { NUMBER($pain_first, minimumFractionDigits: 1, maximumFractionDigits: 1) } (Woche vom { $pain_first_week }) → { NUMBER($pain_now, minimumFractionDigits: 1, maximumFractionDigits: 1) } (Woche vom { $pain_week })
    }
    { $checkins ->
        [none] Schmerz-Verlauf: Mit /checkin an bekommst du jeden Sonntag 3 kurze Fragen – dann zeigt die Grafik, wie sich Schmerz und Alltag entwickeln.
        [one] Check-in (PEG, 0–10, weniger ist besser): { NUMBER($peg, minimumFractionDigits: 1, maximumFractionDigits: 1) } in der Woche vom { $peg_week }
       *[more] Check-in (PEG, 0–10, weniger ist besser): { NUMBER($peg_before, minimumFractionDigits: 1, maximumFractionDigits: 1) } → { NUMBER($peg, minimumFractionDigits: 1, maximumFractionDigits: 1) } (Woche vom { $peg_week })
    }
    Bericht für Arzt oder Physio: /bericht
habit-chart-sessions-title = Einheiten pro Woche
habit-chart-goal-line = Ziel: { $goal } pro Woche
habit-chart-trend-title = Schmerz und PEG (0–10, weniger ist besser)
habit-chart-pain-after = Schmerz nach Einheiten (Ø)
habit-chart-peg = PEG (Check-in)
habit-chart-peg-pain = Schmerz (Check-in)
habit-chart-empty = Noch keine Schmerzwerte. Mit /checkin an kommen sonntags 3 kurze Fragen.
