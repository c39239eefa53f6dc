"""Word lists the myths matcher relies on: function words, question starts, topic words.

They are kept apart from the matching code because they are tuned like content: each list was
added or widened for a measured failure (see `python -m tools.myths_evaluation --cv`), and a
change here should be reviewed as a change in what the bot answers, not as a code change.
All words are folded (`dialogs.common.text.fold`): lower case, umlauts spelled out.
"""

from __future__ import annotations

from dialogs.common.text import fold


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text` (written folded already) as a set."""
    return frozenset(text.split())


# Function words that carry no topic; without them "Ist X gut?" and "Ist Y gut?" stop looking alike.
STOPWORDS = {
    "de": word_set(
        "ich du er sie es wir ihr man mein meine meinen meinem meiner mir mich dich dir sich "
        "der die das den dem des ein eine einen einem einer kein keine und oder aber ist sind "
        "bin bist war hat habe hab haben hast wird werden soll sollte sollen solltest muss "
        "muessen musst kann koennen kannst darf duerfen ja nein nicht noch doch auch so wie "
        "was wann wo warum wenn dass da dann zu zum zur im in an am auf mit bei beim von vom "
        "fuer um aus nach etwas denn mal nur schon gut stimmt richtig wirklich eigentlich "
        "einfach oft jetzt heute bitte lieber mehr sehr ganz dabei damit dadurch ne "
        "gibt es wieso weshalb"
    ),
    "en": word_set(
        "i you he she it we they me my mine your a an the and or but is are am was were be "
        "been has have had do does did will would should shall can could may might must not "
        "no yes so as what when where why how if that this then to of in on at with by from "
        "for about into it's its im i'm just really right true good very more any some there "
        "now today please get got also even actually"
    ),
}


# Endings a four-letter keyword may take in strict mode ("rest" → "resting", not "restaurant").
INFLECTIONS = frozenset(
    ("", "s", "e", "n", "t", "en", "er", "es", "st", "et", "te", "ten", "ed", "ing", "ung")
)

# A leading question or modal word makes a question even without "?" ("Hilft…", "Should…").
QUESTION_STARTS = word_set(
    "ist sind soll sollte sollten muss muessen kann koennen darf duerfen hilft helfen bringt "
    "bringen brauche braucht wie was wann warum wieso welche welcher welches wo "
    "gibt macht kommt kommen stimmt werde wird gehen geht reicht reichen liegt "
    "brauch hat haben bedeutet bedeuten heisst lohnt schadet schaden "
    "is are should shall must can could do does will would how what when why which where "
    "may might need has whats hows wheres"
)


# A question word followed by one of these is an inverted question ("is it", "muss ich").
INVERTED_SUBJECTS = word_set("ich es das man du i it this that you")

# A last word that turns a statement into a question ("Schonung hilft, oder").
QUESTION_TAGS = word_set("oder right or")


# Words of progress reports and diary-like statements, which the habit feature answers.
REPORT_WORDS = {
    "de": word_set("gemacht geuebt trainiert erledigt geschafft gelaufen gewesen hatte war"),
    "en": word_set("did done finished exercised trained completed walked had was"),
}


# Words that name the back itself (part of TOPIC_WORDS).
BACK_WORDS = tuple(
    fold(word)
    for word in word_set(
        "rücken rueckn kreuz lenden wirbel bandscheib ischias hexenschuss "
        "back backache spine spinal sciatica lumbago lumbar disc disk vertebra"
    )
)
# Words that put a message on the back-pain topic whichever entry it is about.
TOPIC_WORDS = BACK_WORDS + tuple(
    fold(word)
    for word in word_set(
        "schmerz weh wehtu zwick verspann physio orthop arzt uebung ueben training trainier "
        "bewegung beweg muskel pain painful sore hurt ache aching doctor gp exercis train moving "
        "movement muscle"
    )
)

# Entry keywords that are everyday words too; alone they are no evidence of a myth question.
GENERIC_KEYWORDS = word_set(
    "ruhe rest sofa couch ernst serious bild picture report aufnahme sit sitting "
    "sitze sitzen sitz chair stuhl desk schreibtisch box boxes einkauf shopping carry trag "
    "tragen heb hebe heben bauch ups alter aelter age old older block procedure "
    "medicine drug drugs board brett firm unterlage forever return returns permanent weggehen "
    "common viele einzige einzig selten rare deutsche germans minuten minutes oft often woche "
    "week weekly taeglich daily einheit session zehn ten times reicht reichen enough genug "
    "dreimal perfekt perfect wunder miracle empfehl recommend walk walking fitness gym tennis "
    "golf stress gestresst stressed stressful mind emotional sorge worry worrying angst fear "
    "schlaf sleep relax entspann arbeit arbeiten work working job krank sick note buero office "
    "chef boss kollegen "
    # everyday things and activities: "Was kostet eine Matratze?", "Welche Laufschuhe?"
    "matratze mattress lattenrost jogg joggen running schwimm swim radfahr cycling tanzen tanz "
    "dancing dance klettern climbing wandern hiking fahrrad bike yoga pilates sportart"
)

# Other body parts and complaints: their pain is not our topic unless the back is named too.
OTHER_COMPLAINTS = word_set(
    "knie knien kopf kopfschmerz kopfschmerzen migraene zahn zaehne zahnschmerzen nacken "
    "schulter schultern hals halsschmerzen augen magen knee knees headache headaches migraine "
    "tooth teeth toothache neck shoulder shoulders throat eyes stomach"
)
