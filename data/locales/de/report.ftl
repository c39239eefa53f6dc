## issue 13 §1: der Bericht für Arzt oder Physiotherapie (/report, /bericht) als PDF (dialogs/report.py).
## Nur Selbstangaben der Person; kein Name. Daten kommen fertig formatiert ($date, $first …).

report-title = Rückenwind – Verlauf
report-period = Zeitraum: { $first } – { $last } · erstellt am { $created }
report-checks-heading = Warnzeichen-Check (Red Flags; Angaben der Person im Chat)
report-check = { $date }: { $outcome ->
    [clear] keine Warnzeichen angegeben
    [soon] Warnzeichen – in den nächsten Tagen ärztlich abklären
    [urgent] Warnzeichen – noch am selben Tag ärztlich abklären
    [emergency] Notfall-Warnzeichen – sofort ärztlich abklären
   *[other] { $outcome }
}{ $signs ->
    [none] {""}
   *[other] : { $signs }
}{ $unsure ->
    [none] {""}
   *[other] {" "}(„weiß nicht“ bei: { $unsure })
}
report-none-yet = Noch nicht ausgefüllt.
report-earlier = … und { $count ->
    [one] 1 früheres Ergebnis
   *[other] { $count } frühere Ergebnisse
} (vollständig im Datenexport /daten).
report-startback-heading = STarT Back (Keele), Risikogruppe
report-startback = { $date }: { $risk ->
    [low] geringes Risiko
    [medium] mittleres Risiko
    [high] hohes Risiko
   *[other] { $risk }
} (Gesamtwert { $total }/9, psychosozialer Teilwert { $distress }/5)
report-chart-heading = Schmerz und PEG pro Woche
report-chart-title = Schmerz und PEG (0–10, weniger ist besser)
report-chart-pain = Schmerz nach Bewegungseinheiten (Wochenmittel)
report-chart-peg = PEG-Wert (wöchentlicher Check-in)
report-chart-peg-pain = Schmerz im Check-in (PEG-Frage 1)
report-chart-none = Noch keine Schmerzwerte.
report-weeks-heading = Bewegung pro Woche (Ziel: { $goal } Einheiten à etwa 10 Minuten)
report-column-week = Woche ab
report-column-sessions = Einheiten
report-column-minutes = Minuten
report-column-pain = Schmerz Ø
report-column-peg = PEG (S/L/A)
report-cell = { $text }
report-sessions-cell = { $count }/{ $goal }
report-decimal = { NUMBER($value, minimumFractionDigits: 1, maximumFractionDigits: 1) }
report-none = –
report-peg-cell = { NUMBER($peg, minimumFractionDigits: 1, maximumFractionDigits: 1) } ({ $pain }/{ $enjoyment }/{ $activity })
report-activities = Minuten nach Aktivität: { $activities }
report-about-peg = PEG: Mittelwert aus drei Fragen zur vergangenen Woche, je 0–10 – Schmerzstärke (S), Beeinträchtigung der Lebensfreude (L) und der allgemeinen Aktivität (A). { $note }
report-about-pain = Schmerz nach Einheiten: freiwillige Angabe (0–10) direkt nach einer eingetragenen Bewegungseinheit, als Wochenmittel.
report-startback-copyright = { $text }
report-disclaimer = Hinweis: Rückenwind ist kein Arzt, stellt keine Diagnose und ersetzt keine Behandlung. Die Informationen sind allgemein und ersetzen keine ärztliche Beratung. Alle Werte in diesem Bericht hat die Person selbst im Chat angegeben; sie sind nicht ärztlich geprüft.
report-page = Rückenwind – Verlauf · Seite { $page } von { $pages }
report-filename = rueckenwind-verlauf
report-caption = 📄 Dein Verlauf als PDF: Check-Ergebnisse, STarT Back, Schmerz und PEG, Bewegung pro Woche. Nimm ihn gern zu deinem nächsten Termin in der Arzt- oder Physiotherapiepraxis mit – ausgedruckt oder auf dem Handy. Er ersetzt keine Untersuchung.
