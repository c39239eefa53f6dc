## Warnzeichen-Check (Red Flags), Sicherheitsnetz und STarT-Back-Fragebogen.
## Notrufnummern kommen immer als Argumente, aus data/helplines.yaml für das Land der Person:
## { $emergency } (Notruf, z. B. 112, 144, 999) und { $urgent } (ärztlicher Bereitschaftsdienst,
## z. B. 116117, 1450, 111) – oder "none", wenn es keine landesweite Nummer gibt. Darum nie
## { $emergency } direkt, sondern { helpline-emergency-call } / { helpline-emergency-number } /
## { helpline-urgent-service } (safety.ftl). Nie eine Nummer fest in den Text schreiben.
## { $who }: "self" oder "other" (das Warnzeichen betrifft jemand anderen: für sie/ihn anrufen).
## { $certainty }: "sure" (Ja oder beschrieben), "unsure" (nur „Weiß nicht“: nie als Tatsache
## formulieren) oder "mixed"; { $sign } die sicheren Zeichen (bei "unsure" die unsicheren),
## { $unsure_sign } die mit „Weiß nicht“ beantworteten.
## Nur Notfall- und Dringend-Texte beginnen mit ⚠️.

triage-alert-emergency =
    ⚠️ { $who ->
        [other] Bitte ruf jetzt für die betroffene Person { helpline-emergency-call } an oder sorg dafür, dass sie sofort in die nächste Notaufnahme kommt.
       *[self] Bitte ruf jetzt { helpline-emergency-call } an oder lass dich sofort in die nächste Notaufnahme bringen.
    }

    { triage-alert-sign }
    { $who ->
        [other] Das muss sofort ärztlich untersucht werden – nicht bis zur nächsten Sprechstunde warten, und die betroffene Person sollte nicht selbst Auto fahren.
       *[self] Das muss sofort ärztlich untersucht werden – warte nicht bis zur nächsten Sprechstunde und fahr nicht selbst Auto.
    }
triage-alert-urgent =
    ⚠️ { $who ->
        [other] Bitte sorg dafür, dass die betroffene Person das heute noch ärztlich anschauen lässt – in ihrer Hausarztpraxis oder, außerhalb der Sprechzeiten, über { helpline-urgent-service }.
       *[self] Bitte lass das heute noch ärztlich anschauen – in deiner Hausarztpraxis oder, außerhalb der Sprechzeiten, über { helpline-urgent-service }.
    }

    { triage-alert-sign }
    Wenn { triage-cauda-equina-signs } dazukommen, ruf sofort { helpline-emergency-call } an.
triage-alert-soon =
    Danke, dass du das erzählst. { $certainty ->
        [unsure] Du warst dir nicht sicher bei: { $sign } – sicherheitshalber nehme ich das ernst.
        [mixed] Du hast angegeben: { $sign }; nicht sicher warst du bei: { $unsure_sign }.
       *[sure] { $via ->
            [check] Du hast angegeben: { $sign }.
           *[message] Du hast erwähnt: { $sign }.
        }
    }
    Das heißt nicht, dass etwas Ernstes dahintersteckt – es sollte aber in den nächsten Tagen einmal ärztlich angeschaut werden, { $who ->
        [other] zum Beispiel in der Hausarztpraxis der betroffenen Person.
       *[self] zum Beispiel in deiner Hausarztpraxis.
    }
    Bis dahin ist Bewegung, die sich gut anfühlt, in Ordnung.
    Ruf aber sofort { helpline-emergency-call } an, wenn { triage-cauda-equina-signs } dazukommen.

## Wie Notfall- und Dringend-Alarme das Warnzeichen nennen (sie sehen dieselben Argumente).
triage-alert-sign = { $certainty ->
        [unsure] Du warst dir nicht sicher bei: { $sign } – sicherheitshalber nehme ich das als Warnzeichen ernst.
        [mixed] Deine Antworten weisen auf ein Warnzeichen hin: { $sign }. Nicht sicher warst du bei: { $unsure_sign }.
       *[sure] { $via ->
            [check] Deine Antwort weist auf ein Warnzeichen hin: { $sign }.
           *[message] Was du beschreibst, erinnert an ein Warnzeichen, das immer ärztlich angeschaut werden sollte: { $sign }.
        }
    }

## Die Warnzeichen eines Cauda-equina-Syndroms, in jedem Text gleich benannt.
triage-cauda-equina-signs = neue Probleme, Urin oder Stuhl zu halten oder loszuwerden, Taubheit um Po oder Genitalien oder schwächer werdende Beine

## Fragen statt alarmieren (schwache Hinweise): die Frage des Checks zu diesem Warnzeichen.
triage-ask =
    { $form ->
        [other] Damit ich das richtig einschätze, eine kurze Frage: Trifft das bei der betroffenen Person gerade zu – { $sign }?
        [self] Damit ich dich richtig verstehe, eine kurze Frage: Trifft das bei dir gerade zu – { $sign }?
       *[question] Damit ich dich richtig verstehe, eine kurze Frage: { $question }
    }
    { $typed ->
        [buttons] Bitte antworte mit den Knöpfen unter dieser Frage (unsicher? „Weiß nicht“).
        [paused] Tippe „Ja“, „Nein“ oder „Weiß nicht“ (oder nimm die Knöpfe) – danach machen wir weiter, wo wir waren.
       *[yes] Wenn du unsicher bist, tippe „Weiß nicht“.
    }
triage-ask-no =
    Danke, gut zu wissen.
    Ruf aber sofort { helpline-emergency-call } an, wenn { $who ->
        [other] bei der betroffenen Person { triage-cauda-equina-signs } dazukommen.
       *[self] { triage-cauda-equina-signs } dazukommen.
    }

triage-offer-worse = Das tut mir leid, dass es schlimmer wird. Magst du kurz ein paar Ja/Nein-Fragen beantworten? So sehen wir, ob etwas ärztlich abgeklärt werden sollte (etwa 2 Minuten).
triage-offer-due = Dein letzter Warnzeichen-Check ist ein paar Wochen her. Magst du ihn kurz wiederholen (etwa 2 Minuten)?

triage-start =
    Kurzer Warnzeichen-Check: { $total } Ja/Nein-Fragen, die wichtigsten zuerst. Wenn du unsicher bist, tippe „Weiß nicht“ – das werte ich vorsichtshalber wie ein Ja.

    Frage { $number }/{ $total }: { $question }
triage-question = Frage { $number }/{ $total }: { $question }
## Schwacher Hinweis auf ein Zeichen, nach dem der offene Check noch fragt: keine eigene Frage.
triage-in-check =
    Genau danach frage ich dich im Check – { $asked_now ->
        [yes] es ist die Frage, die gerade offen ist:
       *[no] mit Frage { $asks_at }, der Reihe nach. Zuerst die offene Frage:
    }

    Frage { $number }/{ $total }: { $question }

triage-clear =
    { $earlier ->
        [urgent] Danke! Im Check hast du kein weiteres Warnzeichen genannt. Der Hinweis von vorhin gilt aber weiter: Bitte lass das heute noch ärztlich anschauen (außerhalb der Sprechzeiten: { helpline-urgent-service }).
        [soon] Danke! Im Check hast du kein weiteres Warnzeichen genannt. Der Hinweis von vorhin gilt aber weiter: Bitte lass das in den nächsten Tagen ärztlich anschauen.
       *[none] ✅ Danke! Nach deinen Antworten gibt es keine Warnzeichen – eine gute Nachricht.
    }

    { $advice }

    Quellen: { $sources }

    Wenn sich etwas ändert oder die Schmerzen schlimmer werden, schreib es mir einfach – dann schauen wir noch einmal gemeinsam.
    Ruf sofort { helpline-emergency-call } an, wenn { triage-cauda-equina-signs } dazukommen.

    Optional: Mit 9 kurzen Fragen (Keele STarT Back) schätzen wir ein, ob zusätzlich Physiotherapie sinnvoll ist.

triage-button-yes = Ja
triage-button-no = Nein
triage-button-unsure = Weiß nicht
triage-button-start = Check starten
triage-button-misread = Missverstanden? Check starten
triage-button-later = Später
triage-button-plan = Weiter zum Bewegungsplan
triage-button-startback = 9 Fragen zum Verlauf (STarT Back)

## Keele STarT Back Screening Tool
triage-sb-intro =
    Keele STarT Back: 9 Fragen zu den letzten 2 Wochen. Sie helfen einzuschätzen, ob neben der Bewegung mit mir auch Physiotherapie sinnvoll ist. Tippe an, ob du der Aussage zustimmst.
    { $notice }

    Frage { $number }/{ $total }: { $statement }
triage-sb-item = Frage { $number }/{ $total }: { $statement }
triage-sb-agree = Stimme zu
triage-sb-disagree = Stimme nicht zu
triage-sb-bother = { $option ->
        [0] Gar nicht
        [1] Ein wenig
        [2] Mäßig
        [3] Stark
       *[4] Extrem
    }
triage-sb-result-low =
    Ergebnis: geringes Risiko ({ $total } von 9 Punkten).
    Gute Aussichten: Mit Bewegung und Selbsthilfe kommst du sehr wahrscheinlich gut voran – genau dabei begleite ich dich.

    { $copyright }
triage-sb-result-medium =
    Ergebnis: mittleres Risiko ({ $total } von 9 Punkten).
    Meine Empfehlung: Physiotherapie zusätzlich zur Bewegung mit mir. Sprich deine Hausarztpraxis auf eine Verordnung an.

    { $copyright }
triage-sb-result-high =
    Ergebnis: erhöhtes Risiko ({ $total } von 9 Punkten, davon { $distress } von 5 bei Sorgen und Belastung).
    Meine Empfehlung: Physiotherapie zusätzlich zur Bewegung mit mir – am besten bei jemandem, der auch auf Sorgen und Belastung eingeht. Sprich deine Hausarztpraxis darauf an.

    { $copyright }

## Im Bot
triage-stale = Dieser Check ist nicht mehr offen (abgeschlossen oder beendet). Magst du einen neuen starten?
triage-later = In Ordnung. Mit /check kannst du den Warnzeichen-Check jederzeit starten.
triage-cancelled = Okay, abgebrochen. Mit /check kannst du jederzeit neu starten.
triage-sb-stale = Dieser Fragebogen ist schon abgeschlossen. Magst du ihn neu beginnen?

## issue 12 §3 Check und STarT Back: Hinweise, „zurück“, getippte Antworten
triage-check-hint = Bitte antworte mit Ja, Nein oder Weiß nicht – oder tippe auf einen Knopf. Mit „zurück“ änderst du die letzte Antwort, „abbrechen“ beendet den Check.
triage-button-back = ↩️ Zurück
triage-back =
    Kein Problem, dann noch einmal:

    Frage { $number }/{ $total }: { $question }
## Der Check war offen, aber etwas anderes wurde beantwortet: seine offene Frage noch einmal,
## damit ein getipptes „nein“ nicht unbemerkt eine Frage beantwortet, die nicht mehr zu sehen war.
triage-continue =
    Wenn du magst, geht's mit dem Check weiter:

    Frage { $number }/{ $total }: { $question }
triage-out-of-view =
    Zur Sicherheit noch einmal die offene Frage des Warnzeichen-Checks – bitte antworte darauf:

    Frage { $number }/{ $total }: { $question }
triage-changed =
    Geändert – deine neue Antwort zählt. Ab hier frage ich noch einmal:

    Frage { $number }/{ $total }: { $question }
triage-back-none =
    Das ist schon die erste Frage – hier gibt es noch nichts zu korrigieren.

    Frage { $number }/{ $total }: { $question }
triage-sb-hint = { $scale ->
        [yes] Bitte antworte mit einer Zahl von 1 (gar nicht) bis 5 (extrem) oder in Worten (gar nicht, ein wenig, mäßig, stark, extrem) – oder tippe auf einen Knopf. „abbrechen“ beendet den Fragebogen.
       *[no] Bitte antworte mit Ja (stimme zu) oder Nein (stimme nicht zu) – oder tippe auf einen Knopf. „abbrechen“ beendet den Fragebogen.
    }

## issue 12: a command that replaces the unfinished check says so
triage-check-left = Der Warnzeichen-Check ist noch nicht fertig. Mit /check kannst du ihn jederzeit machen – er dauert nur zwei Minuten.

## issue 15: STarT Back again, with the four-weekly re-offer of the check (once per result)
triage-sb-rescreen = Deine STarT-Back-Einschätzung ist über 4 Wochen alt – die Gruppe kann sich ändern. Magst du die 9 Fragen noch einmal beantworten?
