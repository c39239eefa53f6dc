## Myths & facts (/myths) and the "Myth or fact?" quiz (/quiz).
## Content (claim, answer, sources) comes from data/myths.yaml as arguments;
## $verdict is "myth" or "fact".

myths-topics =
    📚 Myths & facts about your back – pick a topic (page { $page }/{ $pages }).
    You can also just type your question in your own words.
myths-unknown =
    Sorry, I don't have a reliable answer to that. 🤔
    Maybe your topic is here (page { $page }/{ $pages }) – or try asking in different words.
myths-answer =
    { $verdict ->
        [myth] ❌ Myth: "{ $claim }"
       *[fact] ✅ Fact: "{ $claim }"
    }

    { $answer }

    📖 Source: { $source }
myths-more =
    🔎 { $title }

    { $more }
myths-sources =
    📖 Sources – { $title }

    { $sources }
myths-button-more = Tell me more
myths-button-sources = Sources
myths-button-topics = 📚 All topics
myths-button-back = ↩️ Back to answer
myths-button-prev = ◀
myths-button-next = ▶

myths-quiz-intro = 🎯 Myth or fact? { $total } statements – tap your guess for each. Tap "Stop" whenever you like.
myths-quiz-question =
    Statement { $number }/{ $total }:
    "{ $claim }"
myths-quiz-button-myth = ❌ Myth
myths-quiz-button-fact = ✅ Fact
myths-quiz-button-stop = ⏹ Stop
myths-quiz-button-again = 🔁 Play again
myths-quiz-feedback =
    { $result ->
        [right] 👍 Correct!
       *[wrong] Not quite.
    } { $verdict ->
        [myth] That's a myth.
       *[fact] That's a fact.
    }

    { $answer }

    📖 Source: { $source }
myths-quiz-end =
    🏁 Done! You got { $score } out of { $total } right.
    { $score ->
        [0] No problem – that's exactly what the quiz is for.
       *[other] Well done!
    } Use /myths to read up on every topic at your own pace.
myths-quiz-stopped = Quiz stopped. So far: { $score } out of { $answered } right. Start again any time with /quiz.
myths-quiz-not-running = There's no quiz running right now. Start one with /quiz.

## issue 12 §3 hint inside the quiz
myths-quiz-hint = Myth or fact? Tap a button or type "myth" or "fact" – "stop" ends the quiz.
myths-question-answer =
    💬 { $question }

    { $answer }

    📖 Source: { $source }
