## Mythen & Fakten (/myths) und das Quiz „Mythos oder Fakt?“ (/quiz).
## Inhalte (Behauptung, Antwort, Quellen) kommen aus data/myths.yaml als Argumente;
## $verdict ist „myth“ oder „fact“.

myths-topics =
    📚 Mythen & Fakten rund um den Rücken – wähle ein Thema (Seite { $page }/{ $pages }).
    Du kannst mir deine Frage auch einfach in eigenen Worten schreiben.
myths-unknown =
    Dazu habe ich leider keine sichere Antwort. 🤔
    Vielleicht ist dein Thema hier dabei (Seite { $page }/{ $pages }) – oder formuliere die Frage etwas anders.
myths-answer =
    { $verdict ->
        [myth] ❌ Mythos: „{ $claim }“
       *[fact] ✅ Fakt: „{ $claim }“
    }

    { $answer }

    📖 Quelle: { $source }
myths-more =
    🔎 { $title }

    { $more }
myths-sources =
    📖 Quellen – { $title }

    { $sources }
myths-button-more = Mehr dazu
myths-button-sources = Quellen
myths-button-topics = 📚 Alle Themen
myths-button-back = ↩️ Zur Antwort
myths-button-prev = ◀
myths-button-next = ▶

myths-quiz-intro = 🎯 Mythos oder Fakt? { $total } Aussagen – tippe jeweils deine Einschätzung. Mit „Stopp“ kannst du jederzeit aufhören.
myths-quiz-question =
    Aussage { $number }/{ $total }:
    „{ $claim }“
myths-quiz-button-myth = ❌ Mythos
myths-quiz-button-fact = ✅ Fakt
myths-quiz-button-stop = ⏹ Stopp
myths-quiz-button-again = 🔁 Nochmal
myths-quiz-feedback =
    { $result ->
        [right] 👍 Richtig!
       *[wrong] Knapp daneben.
    } { $verdict ->
        [myth] Das ist ein Mythos.
       *[fact] Das ist ein Fakt.
    }

    { $answer }

    📖 Quelle: { $source }
myths-quiz-end =
    🏁 Geschafft! Du hast { $score } von { $total } richtig.
    { $score ->
        [0] Kein Problem – genau dafür ist das Quiz da.
       *[other] Gut gemacht!
    } Mit /myths kannst du alle Themen in Ruhe nachlesen.
myths-quiz-stopped = Quiz beendet. Bis hierher: { $score } von { $answered } richtig. Du kannst jederzeit mit /quiz neu starten.
myths-quiz-not-running = Gerade läuft kein Quiz. Starte eins mit /quiz.

## issue 12 §3 Hinweis im Quiz
myths-quiz-hint = Mythos oder Fakt? Tippe auf einen Knopf oder schreib „Mythos“ oder „Fakt“ – „stopp“ beendet das Quiz.
myths-question-answer =
    💬 { $question }

    { $answer }

    📖 Quelle: { $source }
