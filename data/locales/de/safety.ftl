## Sicherheitsnetz: Notrufnummern des Landes, Krisennachricht, Land wählen (/country).
## Die Nummern kommen aus data/helplines.yaml (nie fest in den Text schreiben):
## $emergency, $urgent: eine Nummer oder "none" (keine landesweite Nummer);
## $urgent_service: der ärztliche Bereitschaftsdienst des Landes (Akkusativ, mit Artikel);
## $crisis_lines: je Zeile eine Krisen-Hotline mit Nummern und Hinweis, oder "none";
## $country_name: das Land der Person.
## Keiner dieser Texte beginnt mit ⚠️ (das ist Notfall- und Dringend-Alarmen vorbehalten).

## Bausteine, die andere Texte einbinden (sie sehen dieselben Argumente).
helpline-emergency-call = { $emergency ->
        [none] die örtliche Notrufnummer
       *[number] den Notruf { $emergency }
    }
helpline-emergency-number = { $emergency ->
        [none] die örtliche Notrufnummer
       *[number] { $emergency }
    }
helpline-urgent-service = { $urgent ->
        [none] { $urgent_service }
       *[number] { $urgent_service } unter { $urgent }
    }

## $who: "self" (es geht um die Person, die schreibt) oder "other" (sie sorgt sich um jemanden).
crisis-message =
    { $who ->
        [other] Danke, dass du mir das schreibst. Gut, dass du das ernst nimmst und für diese Person da bist – damit musst du nicht allein bleiben. 💛
       *[self] Danke, dass du mir das schreibst. Ich bin froh, dass du es mir sagst – damit musst du nicht allein bleiben. 💛
    }

    { $who ->
        [other] Wenn die Person in akuter Gefahr ist: Ruf bitte sofort { helpline-emergency-call } an und bleib bei ihr, bis Hilfe da ist.
       *[self] Wenn du in akuter Gefahr bist oder fürchtest, dir gleich etwas anzutun: Ruf bitte sofort { helpline-emergency-call } an.
    }

    { $who ->
        [other]
            Was hilft: Sprich sie ruhig und direkt darauf an, hör zu, ohne zu bewerten oder gleich Lösungen anzubieten, und ermutige sie, sich Hilfe zu holen – etwa bei einer Krisen-Hotline oder ihrer Hausarztpraxis. Du musst das nicht allein tragen.
            { $crisis_lines ->
                [none] Eine Krisen- oder Seelsorge-Hotline in deinem Land berät auch Angehörige und Freund:innen – und du kannst dort auch für dich selbst anrufen.
               *[lines] Hier bekommt sie Hilfe – und auch du kannst dort für dich selbst anrufen, wenn dich das belastet:
                    { $crisis_lines }
            }
       *[self] { $crisis_lines ->
            [none] Reden hilft. Eine Krisen- oder Seelsorge-Hotline in deinem Land kann dir zuhören.
           *[lines] Reden hilft. Hier hört dir jemand zu:
                { $crisis_lines }
        }
    }

    { $where ->
        [group] Du kannst mir auch privat schreiben – ich bin da.
       *[private] Du kannst mir hier auch gern weiter schreiben.
    }

## Die direkte Frage bei einer möglichen Krise (schwächere Hinweise): fragt offen nach
## Suizidgedanken und nennt gleich die Krisen-Hotline; "ja" gibt die Krisennachricht.
crisis-question =
    { $who ->
        [other] Das klingt, als machst du dir große Sorgen. Ich frage direkt, weil es wichtig ist: Denkst du, die Person könnte daran denken, sich das Leben zu nehmen oder sich etwas anzutun?
       *[self] Das klingt gerade sehr schwer. Ich frage direkt, weil es wichtig ist: Denkst du daran, dir das Leben zu nehmen oder dir etwas anzutun?
    }

    Schreib mir einfach „ja“ oder „nein“. { $crisis_lines ->
        [none] Wenn ja: Eine Krisen- oder Seelsorge-Hotline in deinem Land hört zu, rund um die Uhr.
       *[lines] Wenn ja, hört dir hier sofort jemand zu:
            { $crisis_lines }
    }
    In akuter Gefahr: Ruf bitte { helpline-emergency-call } an.

## Nach "ja" auf die direkte Frage, unter der Krisennachricht.
crisis-safety =
    { $who ->
        [other] Ist die Person gerade in Sicherheit? Wenn du fürchtest, dass sie sich gleich etwas antut: Ruf bitte jetzt { helpline-emergency-call } an und bleib bei ihr, bis Hilfe da ist.
       *[self] Bist du gerade in Sicherheit? Wenn du fürchtest, dir gleich etwas anzutun: Ruf bitte jetzt { helpline-emergency-call } an. Und wenn du kannst, sag jemandem in deiner Nähe Bescheid, dem du vertraust – du musst das nicht allein durchstehen.
    }

## Die Antwort auf „Bist du gerade in Sicherheit?“ ($safe: "yes" oder "no").
crisis-safe-answer =
    { $safe ->
        [yes] { $who ->
            [other] Gut, dass die Person gerade in Sicherheit ist. Bleib mit ihr in Kontakt – und wenn es kippt: { helpline-emergency-call }.
           *[self] Gut, dass du gerade in Sicherheit bist. 💛 Wenn es heute Abend oder nachts schwerer wird, ist die Hotline da – und in akuter Gefahr { helpline-emergency-call }.
        }
       *[no] { $who ->
            [other] Bitte ruf jetzt { helpline-emergency-call } an und bleib bei der Person, bis Hilfe da ist.
           *[self] Bitte ruf jetzt { helpline-emergency-call } an – oder bitte jemanden in deiner Nähe, bei dir zu bleiben und anzurufen. Du musst da nicht allein durch.
        }
    }

## "nein" auf die direkte Frage.
crisis-question-no =
    Danke, dass du mir antwortest. 💛 Wenn sich das ändert: { $crisis_lines ->
        [none] Eine Krisen- oder Seelsorge-Hotline in deinem Land ist rund um die Uhr da.
       *[lines] Hier ist rund um die Uhr jemand da:
            { $crisis_lines }
    }

## Eine Nachricht in den Stunden nach der Krisennachricht (wenn sie selbst keine neue Krise und
## kein Warnzeichen ist): warm und kurz, ohne Knöpfe und ohne Übungen. $media: "yes" bei
## Sticker, Foto oder Sprachnachricht.
crisis-followup =
    { $media ->
        [yes] Sprachnachrichten, Bilder und Sticker kann ich leider nicht lesen, nur Text. Und ich bin ein Programm – kein Mensch und kein Therapeut.
       *[no] Ich lese mit und bin froh, dass du schreibst. 💛 Ich bin aber ein Programm – kein Mensch und kein Therapeut.
    }

    { $who ->
        [other] Mit jemandem zu reden hilft – der Person, um die du dich sorgst, und auch dir. { $crisis_lines ->
            [none] Eine Krisen- oder Seelsorge-Hotline in deinem Land hört zu und berät auch Angehörige.
           *[lines] Hier hört jemand zu, auch dir:
                { $crisis_lines }
        }
       *[self] Mit jemandem zu reden hilft. { $crisis_lines ->
            [none] Eine Krisen- oder Seelsorge-Hotline in deinem Land hört dir zu.
           *[lines] Hier hört dir ein Mensch zu:
                { $crisis_lines }
        }
    }

    { $who ->
        [other] Wenn die Person in akuter Gefahr ist: Ruf sofort { helpline-emergency-call } an.
       *[self] Wenn du in akuter Gefahr bist: Ruf sofort { helpline-emergency-call } an.
    }

## /country
country-ask =
    Dein Land für Notrufnummern und Krisen-Hotlines: { $country_name } { $chosen ->
        [yes] (von dir gewählt).
       *[no] (nach deiner Zeitzone).
    }
    Im Notfall: { helpline-emergency-number }.

    In welchem Land bist du?
country-set =
    Gespeichert: { $country_name }. Diese Nummern nenne ich dir ab jetzt:
    • Notfall: { helpline-emergency-number }
    • Wenn die Praxis zu ist, über { helpline-urgent-service }
    • { $crisis_lines ->
        [none] Krisen-Hotline: eine Hotline in deinem Land
       *[lines] { $crisis_lines }
    }
country-zone-hint = Deine Zeitzone ist noch { $timezone }. Damit deine Erinnerungen zur richtigen Uhrzeit kommen, stell sie mit „/timezone { $zone_city }“ um.
country-auto =
    Gut, ich richte mich wieder nach deiner Zeitzone. Dein Land für Notrufnummern: { $country_name }. Im Notfall: { helpline-emergency-number }.
country-from-timezone =
    Dein Land für Notrufnummern ist jetzt { $country_name } (Notfall: { helpline-emergency-number }). Ein anderes wählst du mit /country.
button-country = 🌍 Land für Notrufnummern
button-country-auto = 🕒 Nach meiner Zeitzone
cmd-country = Land für Notrufnummern
button-country-DE = 🇩🇪 Deutschland
button-country-AT = 🇦🇹 Österreich
button-country-CH = 🇨🇭 Schweiz
button-country-GB = 🇬🇧 UK
button-country-OTHER = 🌍 Anderes Land
