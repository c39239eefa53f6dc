"""The free-text safety net: every red flag in both languages, negations and look-alikes."""

from __future__ import annotations

import pytest

from dialogs.triage.red_flags import Urgency, load_catalogue
from dialogs.triage.screening import denies_crisis, screen, screen_rules

# flag id → language → (a message that states it, the same negated, a harmless look-alike)
CASES: dict[str, dict[str, tuple[str, str, str]]] = {
    "bladder_bowel_control": {
        "de": (
            "Ich kann den Stuhl nicht mehr halten",
            "Keine Inkontinenz",
            "Ich trinke viel Wasser und halte durch",
        ),
        "en": (
            "I've been leaking urine since yesterday",
            "no incontinence",
            "I hold the plank for 30 seconds",
        ),
    },
    "urinary_retention": {
        "de": (
            "Ich kann seit Stunden nicht pinkeln",
            "Keine Probleme beim Wasserlassen",
            "Ich muss nachts oft pinkeln",
        ),
        "en": (
            "I can't pee even though I really need to",
            "no trouble peeing",
            "I pee a lot when I drink coffee",
        ),
    },
    "saddle_numbness": {
        "de": ("Mein Po ist seit heute taub", "Der Po ist nicht taub", "Der Po tut vom Sitzen weh"),
        "en": ("my groin feels numb", "no numbness in my groin", "I pulled a muscle in my groin"),
    },
    "sexual_function": {
        "de": (
            "Plötzlich keine Erektion mehr möglich",
            "Keine Probleme mit der Erektion",
            "Kann ich mit Rückenschmerzen Sex haben?",
        ),
        "en": (
            "I suddenly can't get an erection",
            "No erectile problems",
            "Is sex okay with back pain?",
        ),
    },
    "leg_weakness": {
        "de": (
            "Mein linkes Bein wird immer schwächer",
            "Meine Beine sind nicht schwach",
            "Meine Beine sind nach dem Joggen müde",
        ),
        "en": (
            "my left leg keeps giving way",
            "my legs aren't weak at all",
            "my legs are sore after squats",
        ),
    },
    "major_trauma": {
        "de": (
            "Ich bin gestern vom Dach gefallen",
            "Kein Unfall, kein Sturz",
            "Mir ist der Stift runtergefallen",
        ),
        "en": (
            "I was hit by a car this morning",
            "no accident, it just started",
            "I fell asleep on the sofa",
        ),
    },
    "fever": {
        "de": (
            "Ich habe 39 Fieber",
            "Fieber habe ich nicht",
            "Ich habe Lampenfieber vor meinem Vortrag",
        ),
        "en": (
            "I have a fever and chills",
            "I don't have a fever",
            "The temperature outside is nice for a walk",
        ),
    },
    "infection_risk": {
        "de": (
            "Ich hatte letzte Woche eine Operation an der Wirbelsäule",
            "Ich hatte keine Infektion",
            "Ich spritze meinen Garten mit dem Schlauch",
        ),
        "en": (
            "I had back surgery two weeks ago",
            "no recent infection",
            "I had a flu jab last month",
        ),
    },
    "minor_trauma_bone": {
        "de": (
            "Ich habe Osteoporose und bin auf dem Eis ausgerutscht",
            "Ich habe keine Osteoporose und bin nur gestolpert",
            "Ich bin gestolpert, mir geht es gut",
        ),
        "en": (
            "I've taken steroids for years and slipped yesterday",
            "I don't have osteoporosis, I just tripped",
            "I tripped over my dog, no harm done",
        ),
    },
    "leg_numbness": {
        "de": (
            "Mein Fuß kribbelt seit gestern",
            "Kein Kribbeln im Bein",
            "Mein Fuß tut beim Laufen weh",
        ),
        "en": (
            "tingling in my left foot since yesterday",
            "no tingling in my feet",
            "my foot hurts in these shoes",
        ),
    },
    "cancer_history": {
        "de": (
            "Ich hatte vor fünf Jahren Darmkrebs",
            "Ich hatte nie Krebs",
            "Meine Oma hatte Krebs",
        ),
        "en": (
            "I was treated for breast cancer",
            "I've never had cancer",
            "My dad had cancer years ago",
        ),
    },
    "weight_loss": {
        "de": (
            "Ich habe ohne Grund 6 kg verloren",
            "Ich habe nicht abgenommen",
            "Ich möchte gern ein paar Kilo abnehmen",
        ),
        "en": (
            "I've lost a lot of weight recently",
            "I haven't lost weight",
            "Would losing weight help my back?",
        ),
    },
    "night_pain": {
        "de": (
            "Nachts ist der Schmerz unerträglich",
            "Im Liegen wird es nicht schlimmer",
            "Ich schlafe nachts gut",
        ),
        "en": ("the pain wakes me up at night", "no pain at night", "I sleep well at night"),
    },
    "age_onset": {
        "de": (
            "Ich bin 63 und hatte noch nie Rückenschmerzen",
            "Ich bin 60 und das ist nicht das erste Mal",
            "Ich bin 63 und hatte schon oft Rückenschmerzen",
        ),
        "en": (
            "I'm 17 and my back is killing me",
            "I'm 60 and it's not the first time",
            "I walked 17 minutes today",
        ),
    },
    "no_improvement": {
        "de": (
            "Seit zwei Monaten keine Besserung",
            "Nach sechs Wochen ist es endlich besser",
            "Ich mache die Übungen seit fünf Wochen",
        ),
        "en": (
            "two months and still no better",
            "after 6 weeks it's much better",
            "I've been doing the exercises for 5 weeks",
        ),
    },
    "widespread_unwell": {
        "de": ("Mir tut alles weh", "Ich fühle mich nicht krank", "Mir tut der Rücken weh"),
        "en": ("everything hurts and I feel unwell", "I don't feel unwell", "I feel great today"),
    },
    "bladder_sensation": {
        "de": (
            "Ich merke nicht mehr, wann die Blase voll ist",
            "Ich muss beim Wasserlassen nicht pressen",
            "Ich habe heute viel Wasser getrunken",
        ),
        "en": (
            "I have to strain to pee since yesterday",
            "no straining when I pee",
            "I strained a muscle in the gym",
        ),
    },
    "bilateral_leg_symptoms": {
        "de": (
            "Seit heute kribbeln beide Beine",
            "Keine Taubheit in den Beinen",
            "Beide Beine sind nach dem Wandern müde",
        ),
        "en": (
            "both my legs went numb this morning",
            "no numbness in my legs",
            "both legs are tired after the hike",
        ),
    },
    "aortic": {
        "de": (
            "Plötzlich extrem starke Rückenschmerzen und Bauchschmerzen, mir ist schwindlig",
            "Keine Bauchschmerzen, kein Schwindel, nur der Rücken",
            "Ich habe Bauchmuskeltraining gemacht",
        ),
        "en": (
            "suddenly severe back pain and belly pain, I feel faint",
            "no belly pain and I don't feel faint",
            "I did some belly breathing exercises",
        ),
    },
    "cardiac": {
        "de": (
            "Schmerzen in der Brust und ich kriege keine Luft",
            "Keine Brustschmerzen und keine Atemnot",
            "Ich mache Übungen für die Brustwirbelsäule",
        ),
        "en": (
            "chest pain and I'm short of breath",
            "no chest pain, no shortness of breath",
            "I stretched my chest muscles after the workout",
        ),
    },
    "minor_trauma_age": {
        "de": (
            "Ich bin 78 und bin gestern im Bad ausgerutscht",
            "Ich bin 78 und bin nicht gestürzt",
            "Ich bin 78 und gehe jeden Tag spazieren",
        ),
        "en": (
            "I'm 72 and I slipped in the kitchen yesterday",
            "I'm 72 and I haven't fallen",
            "I'm 72 and I walk every day",
        ),
    },
    "cancer_pain": {
        "de": (
            "Ich hatte Brustkrebs und jetzt wecken mich die Schmerzen nachts",
            "Ich hatte nie Krebs und nachts schlafe ich gut",
            "Ich habe einen Film über Krebsforschung gesehen",
        ),
        "en": (
            "I had prostate cancer and the pain wakes me at night",
            "I've never had cancer and I sleep well at night",
            "I read an article on cancer research",
        ),
    },
    "morning_stiffness": {
        "de": (
            "Seit Monaten bin ich morgens ganz steif, mit Bewegung wird es besser",
            "Morgens bin ich nicht steif",
            "Ich habe morgens Yoga gemacht",
        ),
        "en": (
            "for months I've been stiff every morning, it eases once I move",
            "I'm not stiff in the mornings",
            "I did yoga this morning",
        ),
    },
}
FLAGS = load_catalogue().flags
POSITIVE = [(flag, lang, texts[0]) for flag, by in CASES.items() for lang, texts in by.items()]
HARMLESS = [
    (flag, lang, text)
    for flag, by in CASES.items()
    for lang, texts in by.items()
    for text in texts[1:]
]


def test_every_red_flag_has_cases_in_both_languages() -> None:
    assert set(CASES) == set(FLAGS)
    assert all(set(by) == {"de", "en"} for by in CASES.values())


@pytest.mark.parametrize(("flag", "lang", "text"), POSITIVE)
def test_a_stated_red_flag_is_flagged_at_its_urgency(flag: str, lang: str, text: str) -> None:
    result = screen(text, lang)
    assert result.level.at_least(FLAGS[flag].urgency), (result, text)
    # A combination (a cancer history and night pain) names each of its parts.
    assert result.matched and all(part in text for part in result.matched.split(" … "))


@pytest.mark.parametrize(("flag", "lang", "text"), HARMLESS)
def test_negated_and_look_alike_messages_are_not_flagged(flag: str, lang: str, text: str) -> None:
    assert screen(text, lang).level is Urgency.NONE, text


@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        ("Seit heute kann ich den Urin nicht mehr halten", "de", Urgency.EMERGENCY),
        ("my legs are getting weaker", "en", Urgency.EMERGENCY),
        ("Fieber und Rückenschmerzen", "de", Urgency.URGENT),
        ("I lost 10 kg without trying", "en", Urgency.SOON),
        ("kein Fieber", "de", Urgency.NONE),
        ("no numbness", "en", Urgency.NONE),
        ("nicht taub", "de", Urgency.NONE),
        ("Mein Rücken tut nach der Gartenarbeit weh", "de", Urgency.NONE),
        ("done", "en", Urgency.NONE),
        ("erledigt", "de", Urgency.NONE),
        ("Ist Bettruhe gut?", "de", Urgency.NONE),
        ("Brauche ich ein MRT?", "de", Urgency.NONE),
    ],
)
def test_the_examples_from_the_issue(text: str, lang: str, level: Urgency) -> None:
    assert screen(text, lang).level is level


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Meine Beine werden schwacher", "de"),  # missing umlaut
        ("My legs feel weeker every day", "en"),  # typo
        ("HARNINKONTINENZ seit gestern", "de"),  # compound, capitals
    ],
)
def test_typos_and_compounds_still_flag_an_emergency(text: str, lang: str) -> None:
    assert screen(text, lang).level is Urgency.EMERGENCY


def test_a_real_word_is_never_read_as_a_typo_but_its_context_still_asks() -> None:
    # "Blasse" (pale) is a real German word, so it is not corrected into "Blase"; "nicht mehr
    # kontrollieren" alone is weak evidence, so the bot asks the bladder question.
    result = screen("Ich kann meine Blasse nicht mehr kontrollieren", "de")
    assert (result.level, result.ask, result.flag_id) == (
        Urgency.EMERGENCY,
        True,
        "bladder_bowel_control",
    )


@pytest.mark.parametrize(
    "text",
    [
        "ich halte die Schmerzen nicht mehr aus",
        "ich halt es nicht mehr aus",
        "ich kann das bald nicht mehr aushalten",
    ],
)
def test_a_separable_verb_is_not_holding_urine(text: str) -> None:
    # "halte … aus" is aushalten (enduring): the weak "nicht mehr halten" question stays away.
    assert screen(text, "de").flag_id != "bladder_bowel_control"


@pytest.mark.parametrize(
    ("text", "ask"),
    [
        ("ich kann es nicht mehr halten", True),
        ("ich kann den Urin nicht mehr halten, es läuft einfach aus", False),
    ],
)
def test_the_particle_aus_silences_only_the_weak_question(text: str, ask: bool) -> None:
    result = screen(text, "de")
    assert (result.flag_id, result.ask) == ("bladder_bowel_control", ask)


@pytest.mark.parametrize(
    ("text", "lang", "flag"),
    [
        # the weeks and the "no better" in different clauses
        (
            "Mach seit 6 Wochen brav alle Übungen, aber es ist kein bisschen besser",
            "de",
            "no_improvement",
        ),
        ("it's been a month now and honestly not a jot better", "en", "no_improvement"),
        (
            "Had Hodgkin's as a teenager. Now I've put my back out moving boxes",
            "en",
            "cancer_history",
        ),
        # "did his back in" is a phrasal verb, not "back in 2010"
        ("since he did his back in he can't hold his water at all", "en", "bladder_bowel_control"),
        # a past transplant, a current drug: "so I'm on" ends the history
        (
            "had a transplant in 2019 so I'm on tacrolimus, and my back hurts",
            "en",
            "infection_risk",
        ),
        ("krieg's trotz Harndrang einfach nicht hin", "de", "urinary_retention"),
    ],
)
def test_held_out_5_classes(text: str, lang: str, flag: str) -> None:
    assert screen(text, lang).flag_id == flag


@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        ("I wish I could go to sleep and never come back.", "en", Urgency.CRISIS),
        ("some nights i pray i just don't come round in the morning", "en", Urgency.CRISIS),
        (
            "the worst back pain of my life came from nowhere, everything's going dark",
            "en",
            Urgency.EMERGENCY,
        ),
        (
            "back and stomach at once, came on like lightning, dizzy and sweaty",
            "en",
            Urgency.EMERGENCY,
        ),
        (
            "ich sitz auf dem Klo und es geht kein Wasser, obwohl ich total voll bin",
            "de",
            Urgency.EMERGENCY,
        ),
        (
            "Haven't had a wee since yesterday lunchtime, not for lack of trying",
            "en",
            Urgency.EMERGENCY,
        ),
        (
            "meine klitoris ist wie gefühllos seit die rückenschmerzen so schlimm wurden",
            "de",
            Urgency.EMERGENCY,
        ),
        (
            "Hatte mal Darmkrebs, aber die Rückenschmerzen hören gar nicht mehr auf",
            "de",
            Urgency.URGENT,
        ),
        (
            "my right leg keeps going to sleep when I sit, seems to come from my back",
            "en",
            Urgency.SOON,
        ),
        # appliances, sofas and general questions
        ("Die Waschmaschine verliert Wasser und ich krieg's nicht gestoppt", "de", Urgency.NONE),
        ("the dishwasher keeps leaking and I can't stop it", "en", Urgency.NONE),
        ("crashed on the sofa straight after work lol", "en", Urgency.NONE),
        (
            "my friend is asking whether fever with back pain can be dangerous, just in general",
            "en",
            Urgency.NONE,
        ),
    ],
)
def test_held_out_6_classes(text: str, lang: str, level: Urgency) -> None:
    assert screen(text, lang).level is level


# Classes found in held-out 7 (each a new sentence of the class, not the held-out text).
@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        # crisis: dialect "sich etwas antun", someone else hanging himself, cutting, nails
        ("I denk oft dran, mir eppes aatue, dann wär Ruh", "de", Urgency.CRISIS),
        ("Mein Bruder sagt, er wird sich aufhängen, wenn das so bleibt", "de", Urgency.CRISIS),
        ("abends schneide ich mich am Arm, dann spür ich den Rücken nicht", "de", Urgency.CRISIS),
        ("unser Sohn ritzt sich seit Wochen", "de", Urgency.CRISIS),
        ("I scratch my skin until it bleeds when the pain gets bad", "en", Urgency.CRISIS),
        ("every night I hope the Lord takes me in my sleep", "en", Urgency.CRISIS),
        ("my wife keeps saying she wishes she was dead", "en", Urgency.CRISIS),
        # emergency: a wet bed, underwear, a full bladder with nothing coming, dialect saddle
        (
            "Seit gestern geht mir was in die Unterhose, ohne dass ich es merke",
            "de",
            Urgency.EMERGENCY,
        ),
        ("Die Blase ist randvoll, aber es geht gar nix", "de", Urgency.EMERGENCY),
        ("I wet myself on the way to the kettle, never happened before", "en", Urgency.EMERGENCY),
        ("since the disc went I leak pee when I laugh", "en", Urgency.EMERGENCY),
        ("Schpür nix meh do wo mr hockt", "de", Urgency.EMERGENCY),
        ("mein linkes Bein macht nicht mehr was ich will", "de", Urgency.EMERGENCY),
        ("Grandad keeps catching his foot on the step since Monday", "en", Urgency.EMERGENCY),
        (
            "Mein Neffe ist vom Carportdach gesprungen und hat Rückenschmerzen",
            "de",
            Urgency.EMERGENCY,
        ),
        ("she flew off the trampoline onto the patio and her back hurts", "en", Urgency.EMERGENCY),
        ("took a jump snowboarding and landed flat on my back", "en", Urgency.EMERGENCY),
        ("numb in my right foot and now the left one has joined in", "en", Urgency.EMERGENCY),
        # urgent: injecting, sweats and shakes, cancer with the back waking you
        ("ich spritz seit zwei Jahren und jetzt tut das Kreuz höllisch weh", "de", Urgency.URGENT),
        ("sweats and shivers all night, back worse than ever", "en", Urgency.URGENT),
        ("had bowel cancer, now my back wakes me up every night", "en", Urgency.URGENT),
        ("hatte Brustkrebs, jetzt nachts Rückenschmerzen", "de", Urgency.URGENT),
        # soon: weight in dialect, two months without change, night pain, one leg, stiffness
        ("i nimm ab ohne dass i wos dua und s Kreuz zwickt", "de", Urgency.SOON),
        ("seit drei Monate Rückenschmerzen, da tut sich nix", "de", Urgency.SOON),
        ("six weeks of this and zero change", "en", Urgency.SOON),
        ("meinem Rücken geht es nur nachts so schlecht, da tut er richtig weh", "de", Urgency.SOON),
        ("my foot has a half asleep feeling on top", "en", Urgency.SOON),
        ("das linke Bein ist pelzig, sonst alles ok", "de", Urgency.SOON),
        ("Meine Tochter ist seit Monaten morgens steif wie ein Brett", "de", Urgency.SOON),
        # harmless: looking forward, a film title, a child's fever, a normal answer
        ("wir fiebern dem Wochenende entgegen, Rücken hält hoffentlich", "de", Urgency.NONE),
        ("danced to Saturday Night Fever all evening, back survived", "en", Urgency.NONE),
        ("Meine Kleine hat Fieber, darum heute keine Übungen", "de", Urgency.NONE),
        ("no, peeing's normal and legs are strong", "en", Urgency.NONE),
        ("my foot went numb sitting on the loo", "en", Urgency.NONE),
    ],
)
def test_held_out_7_classes(text: str, lang: str, level: Urgency) -> None:
    assert screen(text, lang).level is level


# Classes found in held-out 8 (each a new sentence of the class, not the held-out text).
@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        # crisis: Bavarian and Swiss wishes to be dead, a blade at hand, hitting, cutting,
        # "better off with me gone", "not carry on", "ending it", "tired of existing", relapse
        ("mia is ois z'vui, am liabstn waar i tot", "de", Urgency.CRISIS),
        ("I wött eifach nüm da si", "de", Urgency.CRISIS),
        ("die Rasierklinge liegt schon bereit", "de", Urgency.CRISIS),
        ("ich hau mir aufs Bein bis es blaue Flecken gibt", "de", Urgency.CRISIS),
        ("gestern wieder geschnitten, am Handgelenk", "de", Urgency.CRISIS),
        ("my family would be better off with me gone", "en", Urgency.CRISIS),
        ("I have decided I do not wish to go on", "en", Urgency.CRISIS),
        ("if the pain is still here next month im ending it", "en", Urgency.CRISIS),
        ("so tired of existing", "en", Urgency.CRISIS),
        ("picked at my arms till they bled", "en", Urgency.CRISIS),
        ("six weeks clean and now the razor's out again", "en", Urgency.CRISIS),
        ("how many tramadol would it take to not wake up", "en", Urgency.CRISIS),
        # emergency: bladder that no longer reports, erection, motorbike fall, sudden pain
        # into the belly with a blackout, passing no water, "Büx", jeans wet unnoticed
        (
            "meine Blase meldet sich nicht mehr, auf einmal ist sie übervoll",
            "de",
            Urgency.EMERGENCY,
        ),
        ("seit dem Hexenschuss krieg ich keinen mehr hoch", "de", Urgency.EMERGENCY),
        ("Fahrradsturz gestern, seitdem Rücken kaputt", "de", Urgency.EMERGENCY),
        (
            "wie aus dem nichts Schmerzen im Kreuz bis in den Bauch, mir wird schwarz vor Augen",
            "de",
            Urgency.EMERGENCY,
        ),
        ("I have not passed any water since this morning", "en", Urgency.EMERGENCY),
        ("hab in die Büx gemacht und nix gemerkt", "de", Urgency.EMERGENCY),
        ("my mum hasnt weed since breakfast and her back is agony", "en", Urgency.EMERGENCY),
        ("I'm bursting and literally nothing comes", "en", Urgency.EMERGENCY),
        ("de Haxn san schwaar, i kimm kaum d Stiang nauf", "de", Urgency.EMERGENCY),
        ("my legs wont go where I want them to", "en", Urgency.EMERGENCY),
        # urgent: hot and shaky, feverish beside "than normal", MTX, a fall from a chair at 82,
        # a cancer history with pain steadily worse even at rest
        ("bin heiß und zittrig und das Kreuz sticht", "de", Urgency.URGENT),
        ("feverish today, back worse than normal", "en", Urgency.URGENT),
        ("nehme MTX, seit gestern Rückenschmerzen", "de", Urgency.URGENT),
        ("Ich bin 80 und bin gestern umgefallen, jetzt tut der Rücken weh", "de", Urgency.URGENT),
        ("had lung cancer, back pain steadily worse, even at rest", "en", Urgency.URGENT),
        # soon: compounds, "bin 15 hab", fifth week, half a year of stiffness, lying flat
        ("bin Darmkrebspatient und hab Rückenschmerzen", "de", Urgency.SOON),
        ("bin 15 hab seit einer woche rückenweh", "de", Urgency.SOON),
        ("jetzt die sechste Woche und es hat sich nichts getan", "de", Urgency.SOON),
        ("this is week six and nothing has changed", "en", Urgency.SOON),
        ("lying flat is agony for my back", "en", Urgency.SOON),
        ("my back aches and I feel like flu", "en", Urgency.SOON),
        # harmless: coffee, a train ride that is over, "back to normal", a denied question
        ("Blase nicht unter Kontrolle, aber das ist der Kaffee 😅", "de", Urgency.NONE),
        ("Po war taub nach der Zugfahrt, gleich wieder okay", "de", Urgency.NONE),
        ("bum went numb on the coach, back to normal soon as I got off", "en", Urgency.NONE),
        ("Taubheit im Schritt? Nein. Nur Rückenweh.", "de", Urgency.NONE),
        ("Numbness down there? No. Just a stiff back.", "en", Urgency.NONE),
        ("broke my arm falling off a horse as a teenager", "en", Urgency.NONE),
    ],
)
def test_held_out_8_classes(text: str, lang: str, level: Urgency) -> None:
    assert screen(text, lang).level is level


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Mein Rücken tut seit Wochen weh und ich sehe kein Licht mehr am Ende des Tunnels", "de"),
        ("ich hab auf gar nichts mehr Lust, alles ist grau und sinnlos", "de"),
        ("ehrlich gesagt seh ich in nichts mehr einen Sinn", "de"),
        ("honestly i dont see the point in anything these days", "en"),
        ("I feel so hopeless lately", "en"),
    ],
)
def test_hopelessness_gets_the_direct_crisis_question(text: str, lang: str) -> None:
    result = screen_rules(text, lang)
    assert (result.level, result.ask) == (Urgency.CRISIS, True)


def test_hopelessness_waits_behind_a_clear_emergency_and_spares_the_exercises() -> None:
    both = screen_rules("Seit gestern kann ich nicht pinkeln und alles ist sinnlos", "de")
    assert (both.level, both.ask) == (Urgency.EMERGENCY, False)
    assert screen_rules("die Übungen haben keinen Sinn mehr, hilft ja nix", "de").level is (
        Urgency.NONE
    )


# Classes found in held-out 9 (each a new sentence of the class, not the held-out text).
@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        ("wie hoch muss ein Dach sein, damit man sicher nicht überlebt?", "de", Urgency.CRISIS),
        ("mein Sohn hat frische Schnitte am Unterarm", "de", Urgency.CRISIS),
        ("I sit in the garage with the engine running most nights", "en", Urgency.CRISIS),
        ("every night I ask that God takes me in my sleep", "en", Urgency.CRISIS),
        ("affairs in order now, you can delete my account after the weekend", "en", Urgency.CRISIS),
        ("she has burn marks on her arms from a lighter", "en", Urgency.CRISIS),
        ("I punched the door until my knuckles split", "en", Urgency.CRISIS),
        ("beede Beene sind pelzich seit heut früh", "de", Urgency.EMERGENCY),
        ("mitm Motorrad weggerutscht, Rücken tut weh", "de", Urgency.EMERGENCY),
        ("skipped squats because my leg gave way on the stairs", "en", Urgency.EMERGENCY),
        ("got bucked off the horse and my back hurts", "en", Urgency.EMERGENCY),
        ("we got t-boned yesterday and my back is stiff", "en", Urgency.EMERGENCY),
        ("seit 3 Monaten clean, hab vorher gedrückt, jetzt Rückenweh", "de", Urgency.URGENT),
        ("he's using needles again and his back is killing him", "en", Urgency.URGENT),
        ("shivery with a temperature and my back aches", "en", Urgency.URGENT),
        ("had bowel cancer, the back pain is there 24/7 now", "en", Urgency.URGENT),
        ("seit Anfang letzten Monats Rückenweh, nix hilft", "de", Urgency.SOON),
        ("down 6 kilos without trying and my back aches", "en", Urgency.SOON),
        ("slept sitting up all week because of my back", "en", Urgency.SOON),
        ("six weeks on, still the same pain in my back", "en", Urgency.SOON),
        ("achy everywhere and my back too", "en", Urgency.SOON),
        ("my lower back is stiff first thing, for months now", "en", Urgency.SOON),
        ("jaw aching from grinding my teeth at night", "en", Urgency.NONE),
        # the second trial: "fell" and "feet" are no fall from a height
        ("my feet fell asleep while sitting", "en", Urgency.NONE),
        ("fell 15 feet from the scaffolding, back agony", "en", Urgency.EMERGENCY),
        ("our old lab can't hold his wee anymore, vet says it's age", "en", Urgency.NONE),
    ],
)
def test_held_out_9_classes(text: str, lang: str, level: Urgency) -> None:
    assert screen(text, lang).level is level


# Classes found in held-out 10 (each a new sentence of the class, not the held-out text).
@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        ("gestern hab ich mir den Oberschenkel aufgeritzt", "de", Urgency.CRISIS),
        ("hätte nix dagegen, wenn ich einfach nimmer aufwach", "de", Urgency.CRISIS),
        ("bin bald nicht mehr euer Problem, sagt mein Vater", "de", Urgency.CRISIS),
        ("honestly if I got run over tomorrow I wouldnt mind", "en", Urgency.CRISIS),
        ("my son keeps saying he won't be a burden much longer", "en", Urgency.CRISIS),
        ("been drafting farewell notes to my kids", "en", Urgency.CRISIS),
        ("ich drück mir absichtlich die Nägel rein bis es bluetet", "de", Urgency.CRISIS),
        (
            "wohl seit Mittag nichts gepinkelt, es kommt einfach nichts, der Rücken wie immer",
            "de",
            Urgency.EMERGENCY,
        ),
        ("kaum Kraft im rechten Bein seit heute", "de", Urgency.EMERGENCY),
        ("perineal numbness since this morning", "en", Urgency.EMERGENCY),
        ("seit dem Frühstück nich gepinkelt und nix gespürt", "de", Urgency.EMERGENCY),
        ("ich muss beim Bieseln drucka, sonst kommt nix", "de", Urgency.EMERGENCY),
        ("zwoi Fiaß san seit gestern eigschlofa", "de", Urgency.EMERGENCY),
        ("gran is 88, stumbled on the kerb and her back is sore now", "en", Urgency.URGENT),
        ("she had breast cancer, now her back is sore day and night", "en", Urgency.URGENT),
        ("acht Kilo wenicher ohne Grund und Rückenschmerzen", "de", Urgency.SOON),
        (
            "seit zwei Wochen schlaf ich im Sessel, weil Liegen mit dem Rücken die Hölle ist",
            "de",
            Urgency.SOON,
        ),
        ("six weeks of back pain, no relief from anything", "en", Urgency.SOON),
        ("back aches and pain in lots of places for weeks", "en", Urgency.SOON),
        (
            "like the tin man every morning since last winter, my back loosens by lunch",
            "en",
            Urgency.SOON,
        ),
        ("Meine Schwester hatte Brustkrebs, jetzt hat sie Rücken", "de", Urgency.SOON),
        # denied, past or joking: no alert
        ("not suicidal, just sick of this back", "en", Urgency.NONE),
        ("ich denk nicht an Selbstmord, bin nur müde vom Rücken", "de", Urgency.NONE),
        ("Rücken-OP vor 15 Jahren, seitdem alles gut", "de", Urgency.NONE),
        ("had a bladder infection in my 20s, fine ever since", "en", Urgency.NONE),
        ("nach der Radtour war der Hintern taub, dann wieder normal", "de", Urgency.NONE),
        ("got a dead leg in rugby training", "en", Urgency.NONE),
    ],
)
def test_held_out_10_classes(text: str, lang: str, level: Urgency) -> None:
    assert screen(text, lang).level is level


# Classes found in held-out 11 (each a new sentence of the class, not the held-out text).
@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        (
            "seit gestern ist der Harndrang ganz weg, ich geh nur nach der Uhr",
            "de",
            Urgency.EMERGENCY,
        ),
        ("the urge to pee has completely gone since the weekend", "en", Urgency.EMERGENCY),
        ("sit em Sturz isch im Bett nüt meh los, wie abgstellt", "de", Urgency.EMERGENCY),
        ("das rechte Bein kann ich kaum noch belasten, seit heute früh", "de", Urgency.EMERGENCY),
        ("my right leg has zero strength since this morning", "en", Urgency.EMERGENCY),
        ("boide Füß send seit heit taub", "de", Urgency.EMERGENCY),
        ("Auffahrunfall gestern, dachte erst alles ok, jetzt Rücken übel", "de", Urgency.EMERGENCY),
        ("bin mim Radl frontal in a Auto nei, Rücken tut weh", "de", Urgency.EMERGENCY),
        (
            "plötzlich wie'n Messer im Rücken, Bauch tut weh, mir is janz flau",
            "de",
            Urgency.EMERGENCY,
        ),
        (
            "during the bird dog I got a crushing chest pain and was breathless",
            "en",
            Urgency.EMERGENCY,
        ),
        ("abends frösteln und nachts durchgeschwitzt, Rücken tut weh", "de", Urgency.URGENT),
        ("Brustkrebs gehabt, jetzt werden die Kreuzschmerzen stetig ärger", "de", Urgency.URGENT),
        ("breast ca 3 years ago, now my back hurts, no let up", "en", Urgency.URGENT),
        ("3 weeks post laminectomy and the wound is getting more painful", "en", Urgency.URGENT),
        ("mit meinen 61 zum ersten Mal Rückenschmerzen", "de", Urgency.SOON),
        ("turned 70 this year, first ever back pain", "en", Urgency.SOON),
        ("I'm 16, never had back pain before and now it aches", "en", Urgency.SOON),
        ("ich nehm ab, sicher 8 Kilo, und der Rücken tut weh", "de", Urgency.SOON),
        ("the scales keep going down, and my back aches", "en", Urgency.SOON),
        (
            "seit Anfang letzten Monat Rückenschmerzen, wird und wird nich besser",
            "de",
            Urgency.SOON,
        ),
        ("week 6 of back pain, same as day one", "en", Urgency.SOON),
        ("sobald ich lieg tut der Rücken richtig weh", "de", Urgency.SOON),
        ("meine Frau hatte Leukämie, jetzt hat sie sich den Rücken verrissen", "de", Urgency.SOON),
        # look-alikes, the past, a diet, a horror film, "if you …"
        (
            "so eine fieberhafte Suche nach dem Schlüssel heute, Rücken verspannt",
            "de",
            Urgency.NONE,
        ),
        ("als teenie mal vom Pferd gefallen, war nix, heute nur verspannt", "de", Urgency.NONE),
        ("down 5 kg on weight watchers, back a bit achy", "en", Urgency.NONE),
        ("my knees hurt and I feel schlapp after work", "en", Urgency.NONE),
    ],
)
def test_held_out_11_classes(text: str, lang: str, level: Urgency) -> None:
    assert screen(text, lang).level is level


@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        # the bladder in plain words, someone else's
        (
            "Mein Vater war seit gestern Abend nicht mehr pinkeln und hat Rückenschmerzen",
            "de",
            Urgency.EMERGENCY,
        ),
        ("hab gar keinen Drang mehr aufs Klo, seit der Rücken so weh tut", "de", Urgency.EMERGENCY),
        (
            "meine Mutter merkt nicht mehr, wenn sie muss, und klagt über den Rücken",
            "de",
            Urgency.EMERGENCY,
        ),
        # "wie noch nie", "like never before" negate nothing
        ("beide Beine sind taub wie noch nie, Rücken tut weh", "de", Urgency.EMERGENCY),
        ("both legs numb like never before, my back hurts", "en", Urgency.EMERGENCY),
        # a cancer history "vor 2 Jahren" does not make today's pain past
        (
            "Prostatakrebs vor 2 Jahren, jetzt nehmen die Rückenschmerzen stetig zu",
            "de",
            Urgency.URGENT,
        ),
        ("prostate cancer 2 years ago, back pain getting worse and worse", "en", Urgency.URGENT),
        (
            "hatte Darmkrebs, jetzt Kreuzschmerzen, die gehen gar nich mehr weg",
            "de",
            Urgency.URGENT,
        ),
        ("waist pain since 2 days, had kidney transplant, on tacrolimus", "en", Urgency.URGENT),
        ("she has burns on her arms, said she did them herself", "en", Urgency.CRISIS),
        ("my weight is reducing without trying and my back hurts", "en", Urgency.SOON),
        ("Rückenschmerzen seit 8 Wochen, keine Änderung", "de", Urgency.SOON),
        # cracking knees are no fall; a crack in the back at 72 is
        ("bin 72, beim Aufstehen knacken die Knie, Rücken tut weh", "de", Urgency.NONE),
        ("I'm 74, my knees crack when I get up and my back aches", "en", Urgency.NONE),
        (
            "bin 72, beim Bücken hat es geknackt im Kreuz, jetzt starke Schmerzen",
            "de",
            Urgency.URGENT,
        ),
        # the past stays past
        (
            "vor 2 Jahren wurden die Rückenschmerzen immer schlimmer, heute ist alles gut",
            "de",
            Urgency.NONE,
        ),
    ],
)
def test_held_out_12_classes(text: str, lang: str, level: Urgency) -> None:
    assert screen(text, lang).level is level


@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        # a parent told of self-harm: "admits she did them herself"
        ("found cuts on my son's arm, he admitted he did them himself", "en", Urgency.CRISIS),
        (
            "Narben am Bein, meine Tochter hat zugegeben, dass sie sich die selbst zugefügt hat",
            "de",
            Urgency.CRISIS,
        ),
        # hitting oneself on purpose until bruised
        ("I hit my own leg until it bruised, on purpose, I'm that angry", "en", Urgency.CRISIS),
        # "haven't managed a wee" with the urge
        (
            "not managed a pee all day even though I'm bursting, back killing me",
            "en",
            Urgency.EMERGENCY,
        ),
        # sexual function lost, in plain words
        ("since the disc went, sexual function is suddenly gone", "en", Urgency.EMERGENCY),
        ("seit dem Hexenschuss ist die Potenz schlagartig weg", "de", Urgency.EMERGENCY),
        # a vehicle that flipped or rolled
        ("rolled the tractor on the slope yesterday, back is agony", "en", Urgency.EMERGENCY),
        ("bin mit dem Quad umgekippt, jetzt tut der Rücken höllisch weh", "de", Urgency.EMERGENCY),
        # a cancer history years ago, new night pain now ("neuerdings" ends the past)
        (
            "nach Brustkrebs vor acht Jahren habe ich neuerdings nächtliche Rückenschmerzen",
            "de",
            Urgency.URGENT,
        ),
        # night pain: the night spent in an armchair, "wehtut" as one word
        (
            "sobald ich lieg, wehtut das Kreuz, die halbe Nacht sitz ich im Sessel",
            "de",
            Urgency.SOON,
        ),
        # weight lost in words and kilos since a date
        (
            "meine Mutter ist so dünn geworden, 5 kg seit Ostern, und der Rücken tut ihr weh",
            "de",
            Urgency.SOON,
        ),
        # first back pain over 50 with "bisher niemals"
        (
            "bin 61 und hatte bisher niemals Rückenschmerzen, jetzt seit zwei Wochen",
            "de",
            Urgency.SOON,
        ),
        # week five, no change
        ("Woche 6 und der Rücken ist immer noch wie am ersten Tag", "de", Urgency.SOON),
        # sciatica with a leg that keeps falling asleep
        ("Ischias links, das Bein kribbelt ständig, Kraft ist da", "de", Urgency.SOON),
        ("sciatica again, my right leg keeps going to sleep but it's strong", "en", Urgency.SOON),
        # lookalikes: fever at a match, markets falling off a cliff
        ("fever pitch at the derby, back survived the jumping", "en", Urgency.NONE),
        ("beim Derby hatten alle Fieber, Rücken hat gehalten", "de", Urgency.NONE),
        ("my shares fell off a cliff today, at least the back is fine", "en", Urgency.NONE),
        # a listed denial: "ebenso wenig"
        (
            "Schwäche in den Beinen habe ich nicht, ebenso wenig Probleme beim Wasserlassen",
            "de",
            Urgency.NONE,
        ),
    ],
)
def test_held_out_13_classes(text: str, lang: str, level: Urgency) -> None:
    assert screen(text, lang).level is level


@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        # wanting everything to be over
        ("ich will nur noch, dass alles vorbei ist, jeden Tag", "de", Urgency.CRISIS),
        # a cancer history, then pain that never goes or steadily worsens
        ("2018 Prostatakrebs, jetzt Kreuzschmerzen, die nie weggehen", "de", Urgency.URGENT),
        ("nach dem Brustkrebs vor Jahren jetzt Rücken, stetig schlechter", "de", Urgency.URGENT),
        # lying down makes it "übel"; sleeping sitting in the armchair
        ("wenn ich mich hinleg, wird der Rücken richtig übel", "de", Urgency.SOON),
        (
            "back pain so strong at night I have to sleep sitting in the armchair",
            "en",
            Urgency.SOON,
        ),
        # first back pain over 50, the age and the first time apart
        ("Mit 66 zum allerersten Mal Kreuzschmerzen", "de", Urgency.SOON),
        ("I'm 61. Never had back trouble in my life, now my lower back aches", "en", Urgency.SOON),
        ("68 and my back never troubled me until this week, now it aches", "en", Urgency.SOON),
        # pain everywhere at once
        ("Rücken, Nacken, Arme, Beine, alles schmerzt gleichzeitig", "de", Urgency.SOON),
        # bilateral leg symptoms in clinical words
        ("bilateral tingling in the calves since this morning, back sore", "en", Urgency.EMERGENCY),
        (
            "seit heute beidseitige Taubheit in den Oberschenkeln, Rücken tut weh",
            "de",
            Urgency.EMERGENCY,
        ),
        # weeks without change in "nothing has shifted"
        ("six weeks now, nothing has shifted my back pain", "en", Urgency.SOON),
        # paraesthesia into one leg
        ("Parästhesien im rechten Bein, keine Schwäche, Ischias", "de", Urgency.SOON),
        # someone rubbing their back counts as their back pain
        (
            "my dad has lost a lot of weight without trying and keeps holding his lower back",
            "en",
            Urgency.SOON,
        ),
        # "weder … noch" negates both; the back as the one that "will kill me"
        ("weder Taubheit im Schritt noch Probleme beim Wasserlassen", "de", Urgency.NONE),
        ("mein Rücken bringt mich noch um, aber es wird besser", "de", Urgency.NONE),
        (
            "das Bein hat im Zug gekribbelt, weil ich draufsaß, jetzt ist es wieder gut",
            "de",
            Urgency.NONE,
        ),
    ],
)
def test_held_out_14_classes(text: str, lang: str, level: Urgency) -> None:
    assert screen(text, lang).level is level


@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        # a wish that God takes me in my sleep; driving out and not coming back; nobody'd miss me
        ("ich bete jeden Abend, dass der liebe Gott mich im Schlaf holt", "de", Urgency.CRISIS),
        ("gonna drive out to the coast tonight and not come back", "en", Urgency.CRISIS),
        ("honestly nobody'd miss me if I was gone", "en", Urgency.CRISIS),
        # head banging as self-harm, "deserves it"
        ("my son keeps banging his head on the wall when his back hurts", "en", Urgency.CRISIS),
        # Swabian incontinence and a hanging foot, "ka … ned" with "bloß no"
        (
            "mei Opa hot in d'Hos gmacht und hat's ned gmerkt, Kreuzweh seit gestern",
            "de",
            Urgency.EMERGENCY,
        ),
        ("Kreuzweh, und dr rechte Fuß hängt bloß no so na", "de", Urgency.EMERGENCY),
        # pain that never pauses after cancer
        ("nach dem Darmkrebs jetzt Rückenschmerzen, die nie Pause machen", "de", Urgency.URGENT),
        # anti-rejection medicine after a transplant years ago
        (
            "liver transplant in 2015, on anti-rejection meds, back aching since Monday",
            "en",
            Urgency.URGENT,
        ),
        # legs gone down both; legs heavy as concrete with the dog beside
        ("sciatica has gone down both legs since this morning", "en", Urgency.EMERGENCY),
        (
            "took the dog out, my legs went heavy as lead and I had to sit down, back sore",
            "en",
            Urgency.EMERGENCY,
        ),
        # weight lost "for no reason"; "not one bit better"; "alles tut ihr weh"
        ("my mum has lost weight for no reason and her back hurts", "en", Urgency.SOON),
        ("six weeks of physio and not one bit better, back still sore", "en", Urgency.SOON),
        ("Oma fühlt sich krank und alles tut ihr weh, nich nur dr Rücken", "de", Urgency.SOON),
        # harmless: sleeping well at night; a week like a car crash
        ("nachts schlaf ich gut, nur tagsüber zwickt der Rücken", "de", Urgency.NONE),
        ("a total car crash of a week, back is just the usual niggle", "en", Urgency.NONE),
    ],
)
def test_held_out_15_classes(text: str, lang: str, level: Urgency) -> None:
    assert screen(text, lang).level is level


@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        # held-out 16: a temperature with a decimal after "hat"/"has" is a fever
        ("Mein Sohn hat 38,9 und jammert über Schmerzen im unteren Rücken", "de", Urgency.URGENT),
        ("my daughter has 38.6 and keeps saying her lower back hurts", "en", Urgency.URGENT),
        ("hab 39,1 und das Kreuz tut höllisch weh", "de", Urgency.URGENT),
        # carrying crates at an older age is a minor trauma
        (
            "Bin 71, hab heut die Getränkekisten geschleppt, seitdem Rückenschmerzen",
            "de",
            Urgency.URGENT,
        ),
        # getting thinner without trying is weight loss, also someone else's
        (
            "Meine Oma (80) wird immer dünner, isst aber normal, und klagt über Rückenschmerzen",
            "de",
            Urgency.SOON,
        ),
        ("dad keeps getting thinner though he eats fine and his back hurts", "en", Urgency.SOON),
        # pain that creeps up and never lets off after cancer is urgent
        (
            "had bowel cancer 3 years ago, back pain creeping up every week and never lets off",
            "en",
            Urgency.URGENT,
        ),
        ("15 y/o and my lower back hurts for the first time ever", "en", Urgency.SOON),
        # "all normal" after the organs denies them
        (
            "GP said reflexes fine, bladder and bowels all normal, back pain will settle",
            "en",
            Urgency.NONE,
        ),
        (
            "Arzt meinte Blase und Darm alles unauffällig, Rückenschmerzen gehen vorbei",
            "de",
            Urgency.NONE,
        ),
        # past and over: last year, when pregnant, all fine since
        (
            "had a kidney infection with fever last year, sorted with antibiotics,"
            " back just stiff now",
            "en",
            Urgency.NONE,
        ),
        (
            "when I was pregnant I leaked a bit of wee, all fine since,"
            " back sore from lifting the baby",
            "en",
            Urgency.NONE,
        ),
        # "since last year" / "seit letztem Jahr" is how long, not over
        ("since last year I have fever on and off and back pain", "en", Urgency.URGENT),
        ("seit letztem Jahr immer wieder Fieber und Rückenschmerzen", "de", Urgency.URGENT),
        ("since last year my back hurts and I wet myself now", "en", Urgency.EMERGENCY),
        # a horse's back
        (
            "my mare has a sore back and the vet wants her rested, she can't lift her hind leg",
            "en",
            Urgency.NONE,
        ),
        (
            "unsere Stute kann hinten kaum laufen, Rücken verspannt sagt der Tierarzt",
            "de",
            Urgency.NONE,
        ),
    ],
)
def test_held_out_16_classes(text: str, lang: str, level: Urgency) -> None:
    assert screen(text, lang).level is level


def test_a_weight_beside_a_temperature_like_number_asks() -> None:
    result = screen_rules("hab 38,5 kg abgenommen, Rücken ok", "de")
    assert (result.level, result.ask) == (Urgency.URGENT, True)


def test_an_eye_roll_beside_a_crisis_phrase_asks() -> None:
    result = screen_rules("noch eine Teams-Sitzung und ich spring aus dem Fenster 🙄", "de")
    assert (result.level, result.ask) == (Urgency.CRISIS, True)


def test_the_noch_after_a_comma_is_still_not_nor() -> None:
    text = "weder Fieber noch Taubheit, aber ich kann noch nicht pinkeln, obwohl die Blase voll ist"
    assert screen_rules(text, "de").level is Urgency.EMERGENCY


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my neighbour asked me if back pain with numb legs needs a doctor", "en"),
        ("meine Kollegin fragte, ob man mit Taubheit im Schritt zum Arzt muss", "de"),
    ],
)
def test_someone_asking_if_is_asked_about_not_alerted(text: str, lang: str) -> None:
    result = screen_rules(text, lang)
    assert result.level is Urgency.NONE or result.ask


def test_if_you_is_a_general_question() -> None:
    result = screen_rules("is it true that if you can't pee you need A&E?", "en")
    assert result.level is Urgency.NONE or result.ask


def test_a_laugh_beside_a_wet_bed_asks_instead_of_alerting() -> None:
    result = screen_rules("woke up in a wet bed lol, back sore", "en")
    assert (result.level, result.ask) == (Urgency.EMERGENCY, True)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("wenn der Drucker noch einmal streikt, bring ich mich um 😂", "de"),
        ("one more spreadsheet and I'm jumping off the balcony lmao", "en"),
        ("früher wollte ich mal nicht mehr leben, ist Jahre her", "de"),
        ("ich steh grad auf der Brücke am Bahnhof", "de"),
        ("counting out my sleeping pills on the table", "en"),
    ],
)
def test_a_joke_a_past_crisis_or_a_bridge_gets_the_direct_question(text: str, lang: str) -> None:
    """Never silent, but no alarm (product decision): the direct question with the lines."""
    result = screen_rules(text, lang)
    assert (result.level, result.ask) == (Urgency.CRISIS, True)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I don't see the point of being alive anymore", "en"),
        ("I'm not suicidal but I'd rather not wake up", "en"),
        ("ich will nicht mehr leben", "de"),
    ],
)
def test_general_negation_never_silences_a_crisis(text: str, lang: str) -> None:
    result = screen_rules(text, lang)
    assert (result.level, result.ask) == (Urgency.CRISIS, False)


def test_a_habit_word_speaks_only_of_its_own_clause() -> None:
    """ "wie immer" after "und" is about the back, not about the sign before it."""
    habit = screen_rules("Beine schwer nach der Schicht an der Kasse, wie jeden Abend", "de")
    assert habit.level is Urgency.NONE or habit.ask
    sign = screen_rules(
        "es kommt nichts beim Pinkeln obwohl ich muss und der Rücken wie immer", "de"
    )
    assert (sign.level, sign.ask) == (Urgency.EMERGENCY, False)


def test_the_upper_back_with_a_sweat_asks_the_heart_question() -> None:
    """A hard workout can do this too: a question, not an alert (product decision)."""
    result = screen_rules("upper back sore after rowing and I was sweating a lot", "en")
    assert (result.level, result.flag_id, result.ask) == (Urgency.EMERGENCY, "cardiac", True)


def test_a_question_answered_yes_is_not_denied() -> None:
    result = screen_rules("Taubheit im Schritt? Ja, seit heute.", "de")
    assert result.flag_id == "saddle_numbness"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("mir sind beim Sitzen die Füße eingeschlafen", "de"),
        ("pins and needles in both feet after sitting cross legged", "en"),
        # a hard chair explains a numb bottom often, not always (product decision, held-out 15)
        ("Mir ist der Po eingeschlafen auf dem harten Stuhl", "de"),
        ("can't feel my backside properly after the hard chair at work", "en"),
        ("Was ist eigentlich dieses Cauda-Equina-Syndrom?", "de"),
    ],
)
def test_an_everyday_cause_or_the_bare_syndrome_name_asks_instead_of_alerting(
    text: str, lang: str
) -> None:
    result = screen_rules(text, lang)
    assert (result.level, result.ask) == (Urgency.EMERGENCY, True)


def test_both_feet_numb_without_an_everyday_cause_still_alerts() -> None:
    result = screen_rules("seit heute sind beide Füße taub", "de")
    assert (result.level, result.ask) == (Urgency.EMERGENCY, False)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I'm dead on my feet, off to bed", "en"),
        ("Bin als Jugendliche mal vom Pferd gefallen, ist lang her", "de"),
        ("back in 2010 I fell off a ladder", "en"),
    ],
)
def test_idioms_and_old_history_raise_nothing(text: str, lang: str) -> None:
    assert screen(text, lang).level is Urgency.NONE


def test_the_most_urgent_flag_wins() -> None:
    result = screen("Ich hatte Krebs. Seit heute kann ich den Urin nicht mehr halten.", "de")
    assert result.level is Urgency.EMERGENCY
    assert result.flag_id == "bladder_bowel_control"


def test_the_other_language_is_screened_too() -> None:
    assert screen("I can't hold my pee anymore", "de").level is Urgency.EMERGENCY
    assert screen("Fieber und Rückenschmerzen", "en").level is Urgency.URGENT


def test_a_flag_at_the_end_of_a_long_message_is_found() -> None:
    text = ("Heute war ein normaler Tag im Büro. " * 110)[:4000] + " Ich habe Fieber."
    assert len(text) <= 4096
    assert screen(text, "de").level is Urgency.URGENT


@pytest.mark.parametrize(
    ("text", "lang", "worse"),
    [
        ("Die Schmerzen werden immer schlimmer", "de", True),
        ("Es wird nicht schlimmer", "de", False),
        ("it keeps getting worse", "en", True),
        ("it's not getting worse", "en", False),
        ("Sitzen macht es schlimmer", "de", False),
    ],
)
def test_pain_getting_worse_is_detected(text: str, lang: str, worse: bool) -> None:
    result = screen(text, lang)
    assert result.worsening is worse
    assert result.level is Urgency.NONE


def test_urgency_order() -> None:
    assert Urgency.EMERGENCY.at_least(Urgency.URGENT)
    assert not Urgency.SOON.at_least(Urgency.URGENT)
    assert Urgency.CLEAR is Urgency.NONE


@pytest.mark.parametrize(
    ("text", "lang", "denied"),
    [
        ("ich denk nicht an Selbstmord, bin nur genervt", "de", True),
        ("nein, bin nur genervt vom Rücken", "de", True),
        ("no, just fed up with my back", "en", True),
        ("nein, ich will nicht mehr leben", "de", False),
        ("no, I want to end my life", "en", False),
        ("mein Rücken tut weh", "de", False),
    ],
)
def test_a_denial_in_words_answers_the_crisis_question(text: str, lang: str, denied: bool) -> None:
    assert denies_crisis(text, lang) is denied


# Classes from held-out 17 (spent): lay words for chills, weight loss, appetite and stiffness;
# feasts as durations; "wieder gut" after moving is part of morning stiffness; a diagnosis made
# "letztes Jahr" is still a bone risk; a boyhood fall is history; bottles and insoles are no sign.
HELD_OUT_17_CLASSES = [
    (
        "cant sleep for the back pain and i keep reading about painless ways to die",
        "en",
        Urgency.CRISIS,
        "crisis",
    ),
    (
        "havent urinated since breakfast, bladder feels full, back agony",
        "en",
        Urgency.EMERGENCY,
        "urinary_retention",
    ),
    (
        "my bladder is so full but it just wont come out, back pain since yesterday",
        "en",
        Urgency.EMERGENCY,
        "urinary_retention",
    ),
    ("back aching and I go hot then freezing every few hours", "en", Urgency.URGENT, "fever"),
    (
        "Rückenschmerzen und mir ist heiss dann eiskalt, immer im Wechsel",
        "de",
        Urgency.URGENT,
        "fever",
    ),
    (
        "Rücken tut weh und meine Hosen sind mir alle zu weit geworden, ohne Diät",
        "de",
        Urgency.SOON,
        "weight_loss",
    ),
    (
        "my back hurts and the weight is just falling off me, no idea why",
        "en",
        Urgency.SOON,
        "weight_loss",
    ),
    ("lying flat makes the back pain excruciating", "en", Urgency.SOON, "night_pain"),
    ("seit Wochen kein Appetit, Rücken tut weh", "de", Urgency.SOON, "widespread_unwell"),
    ("Gelenke und Rücken tun mir weh, seit Tagen", "de", Urgency.SOON, "widespread_unwell"),
    (
        "Kreuzweh seit Ostern, und es wird und wird nicht besser",
        "de",
        Urgency.SOON,
        "no_improvement",
    ),
    ("back pain since Christmas, still no better", "en", Urgency.SOON, "no_improvement"),
    (
        "morgens Rücken steif, nach dem Laufen wieder gut, seit Monaten",
        "de",
        Urgency.SOON,
        "morning_stiffness",
    ),
    (
        "every morning my back cant bend for the first hour, then eases off, for half a year now",
        "en",
        Urgency.SOON,
        "morning_stiffness",
    ),
    (
        "stiff back in the mornings since i was about 28, loosens up after a walk",
        "en",
        Urgency.SOON,
        "morning_stiffness",
    ),
    ("Als Bub bin ich mal vom Dach gefallen, Rücken heute nur verspannt", "de", Urgency.NONE, None),
    ("my water bottle leaked in my bag, back is fine", "en", Urgency.NONE, None),
    (
        "Bin 79, Osteoporose letztes Jahr festgestellt, heute beim Husten Rückenschmerzen",
        "de",
        Urgency.URGENT,
        "minor_trauma_bone",
    ),
    ("Moin, muss Einlagen tragen wie ne Oma, Rücken zwickt", "de", Urgency.NONE, None),
]


def test_a_bike_ride_beside_a_numb_bottom_asks_rather_than_passing_over_it() -> None:
    # "like after a long bike ride, except I haven't been on a bike" (held-out 17)
    result = screen_rules(
        "my bum feels numb, like after a long bike ride, started with my back", "en"
    )
    assert (result.level, result.flag_id, result.ask) == (
        Urgency.EMERGENCY,
        "saddle_numbness",
        True,
    )


# Classes from held-out 18 (spent): dark thoughts in plain words ("wozu ich noch da bin", a tree,
# blades fetched from a hiding place; a letter in the drawer asks), "zwischen den Beinen", "merk
# nimmer", "null besser", "wks", lying down that sets the pain off, "ewig aus dem Bett", joints all
# aching at once, anti-rejection medicine after a transplant years ago; blisters and potty training.
HELD_OUT_18_CLASSES = [
    (
        "ich frag mich echt wozu ich noch da bin, der Rücken macht alles kaputt",
        "de",
        Urgency.CRISIS,
        "crisis",
        False,
    ),
    (
        "hab schon überlegt, mit dem Auto gegen einen Baum zu fahren",
        "de",
        Urgency.CRISIS,
        "crisis",
        False,
    ),
    (
        "ich will mich heute wieder schneiden, der Rücken ist die Hölle",
        "de",
        Urgency.CRISIS,
        "crisis",
        False,
    ),
    (
        "der Brief an meine Kinder ist geschrieben und liegt in der Schublade",
        "de",
        Urgency.CRISIS,
        "crisis",
        True,
    ),
    (
        "seit dem Sturz vom Traktor ist zwischen den Beinen alles taub",
        "de",
        Urgency.EMERGENCY,
        "saddle_numbness",
        False,
    ),
    (
        "ich merk nimmer, wann die Blase voll ist, seit der Rücken so spinnt",
        "de",
        Urgency.EMERGENCY,
        "bladder_sensation",
        False,
    ),
    (
        "Rücken seit 6 Wochen, trotz Übungen null besser",
        "de",
        Urgency.SOON,
        "no_improvement",
        False,
    ),
    ("back pain 6 wks now and still exactly the same", "en", Urgency.SOON, "no_improvement", False),
    (
        "sobald ich mich hinleg, geht der Rücken los, seit Wochen",
        "de",
        Urgency.SOON,
        "night_pain",
        False,
    ),
    (
        "morgens brauch ich ewig aus dem Bett, seit Monaten so, Rücken",
        "de",
        Urgency.SOON,
        "morning_stiffness",
        False,
    ),
    (
        "knees, wrists, back, all aching at once, no idea why",
        "en",
        Urgency.SOON,
        "widespread_unwell",
        False,
    ),
    (
        "kidney transplant 3 years ago, on all the anti-rejection meds, back sore for days",
        "en",
        Urgency.URGENT,
        "infection_risk",
        False,
    ),
    ("dicke Blase an der Ferse von den Wanderschuhen, Rücken ok", "de", Urgency.NONE, None, False),
    (
        "my toddler had an accident at nursery, potty training is fun, my back is fine",
        "en",
        Urgency.NONE,
        None,
        False,
    ),
]


# Classes from held-out 19 (spent): "nicht nur der Rücken", "kein bisschen Fortschritt", a belt
# that needs new holes; Christmas weight and a foot asleep from sitting cross-legged are no sign.
HELD_OUT_19_CLASSES = [
    (
        "nicht nur der Rücken, auch Nacken und Hände, alles tut",
        "de",
        Urgency.SOON,
        "widespread_unwell",
    ),
    (
        "Rücken seit fünf Wochen, kein bisschen Fortschritt trotz Physio",
        "de",
        Urgency.SOON,
        "no_improvement",
    ),
    ("back aching and my belt needs new holes, not dieting", "en", Urgency.SOON, "weight_loss"),
    ("finally lost the weight I put on at christmas, back a bit stiff", "en", Urgency.NONE, None),
    (
        "my foot went to sleep sitting cross legged on the floor, back fine",
        "en",
        Urgency.NONE,
        None,
    ),
]


# Classes from held-out 20 (spent): a fist against the wall until the knuckles bleed, "mache mir
# selbst weh", "Stuhlabgang", no pressure on the bladder any more, paraesthesia in both lower legs,
# a leg "going from under her".
HELD_OUT_20_CLASSES = [
    (
        "ich schlag mit der Faust gegen die Wand, bis die Knöchel bluten, wegen dem Rücken",
        "de",
        Urgency.CRISIS,
        "crisis",
    ),
    ("ich mache mir selbst weh, wenn der Rücken so schlimm ist", "de", Urgency.CRISIS, "crisis"),
    (
        "heute Nacht Stuhlabgang im Bett, Rücken höllisch",
        "de",
        Urgency.EMERGENCY,
        "bladder_bowel_control",
    ),
    (
        "er merkt gar keinen Druck mehr auf der Blase, seit dem Hexenschuss",
        "de",
        Urgency.EMERGENCY,
        "bladder_sensation",
    ),
    (
        "neue Parästhesien in beiden Unterschenkeln seit gestern, Bandscheibe bekannt",
        "de",
        Urgency.EMERGENCY,
        "bilateral_leg_symptoms",
    ),
    (
        "her left leg keeps going from under her since Sunday, back worse",
        "en",
        Urgency.EMERGENCY,
        "leg_weakness",
    ),
]


# Classes from held-out 21 (spent): "back then" right after "my lower" is the body part, not
# the past; stiffness pictured as rust, glue or a robot in the morning, and "mornings are the
# worst"; "not just my back"; a conditional question ("if …, would I …?") asks instead of
# alerting; "go weak at the knees" over a text message is no leg weakness.
HELD_OUT_21_CLASSES = [
    (
        "sudden ripping pain in my lower back then my stomach started pounding, I feel faint",
        "en",
        Urgency.EMERGENCY,
        "aortic",
        False,
    ),
    (
        "jeden Morgen wie eingerostet, der Rücken, seit Monaten, mit Bewegung wirds besser",
        "de",
        Urgency.SOON,
        "morning_stiffness",
        False,
    ),
    (
        "my back feels glued together every morning, has done for months, eases once I move",
        "en",
        Urgency.SOON,
        "morning_stiffness",
        False,
    ),
    (
        "mornings are the worst, takes me a good while to loosen up, since I was about 30",
        "en",
        Urgency.SOON,
        "morning_stiffness",
        False,
    ),
    (
        "it's not just my back, my neck and hands ache too and I'm shattered",
        "en",
        Urgency.SOON,
        "widespread_unwell",
        False,
    ),
    (
        "if my legs ever gave way, should I call an ambulance?",
        "en",
        Urgency.EMERGENCY,
        "leg_weakness",
        True,
    ),
    (
        "wenn die Beine mal schwach würden, müsste ich dann in die Notaufnahme?",
        "de",
        Urgency.EMERGENCY,
        "leg_weakness",
        True,
    ),
    ("I go weak at the knees when he smiles, back is fine today", "en", Urgency.NONE, None, False),
]


# Classes from held-out 22 (spent; the rules alone had missed them, the second opinion asked):
# retention told through what was tried and how long ("ran the tap", "at the urinal for ages,
# nothing", "es kimmt nix"), early bladder signs ("go by the clock", "kein Gefühl, ob die Blase
# voll ist", pressing "damit Urin kommt"), incontinence in dialect and in the bed, sexual
# numbness "down there" and "im Bett klappt nichts mehr", a dragged leg, legs "wie Zementsäcke",
# "von jetzt auf gleich", a pressing chest, self-harm on a hot plate or counted tablets,
# a rolled pickup, an age "66 here", a cancer with pain "das stetig zunimmt" or complaints at
# night, "neben dem Rücken auch …", weight loss that "would" be welcome, "in da fruah" stiff.
HELD_OUT_22_CLASSES = [
    (
        "bursting for a wee for hours, ran the tap, tried the shower, still nothing, back is bad",
        "en",
        Urgency.EMERGENCY,
        "urinary_retention",
    ),
    (
        "muss so dringend aufs Klo, aber es kimmt nix raus, Kreuz tut weh",
        "de",
        Urgency.EMERGENCY,
        "urinary_retention",
    ),
    (
        "I just go by the clock for the toilet now, no urge since my back went",
        "en",
        Urgency.EMERGENCY,
        "bladder_sensation",
    ),
    (
        "ich hab kein Gefühl mehr, ob die Blase voll ist, seit der Rücken so schlimm ist",
        "de",
        Urgency.EMERGENCY,
        "bladder_sensation",
    ),
    (
        "i hob koa Kontrolle mehr über d Blasn seit gestern, Kreuz brennt",
        "de",
        Urgency.EMERGENCY,
        "bladder_bowel_control",
    ),
    (
        "we tried last night and he couldn't feel anything down there, his back went on Friday",
        "en",
        Urgency.EMERGENCY,
        "sexual_function",
    ),
    (
        "seit dem Bandscheibenvorfall klappt im Bett gar nichts mehr",
        "de",
        Urgency.EMERGENCY,
        "sexual_function",
    ),
    (
        "Oma zieht seit gestern das linke Bein richtig nach, Rücken tut ihr weh",
        "de",
        Urgency.EMERGENCY,
        "leg_weakness",
    ),
    (
        "meine Beine sind wie Zementsäcke, ich torkel nur noch durch die Wohnung",
        "de",
        Urgency.EMERGENCY,
        "leg_weakness",
    ),
    (
        "von jetzt auf gleich heftig wie nie im Rücken, der Bauch tut weh und mir ist schwummrig",
        "de",
        Urgency.EMERGENCY,
        "aortic",
    ),
    (
        "my chest is pressing and I'm sweating buckets, thought it was my back",
        "en",
        Urgency.EMERGENCY,
        "cardiac",
    ),
    (
        "hab extra die Hand aufs Bügeleisen gedrückt, damit nicht nur der Rücken weh tut",
        "de",
        Urgency.CRISIS,
        "crisis",
    ),
    (
        "I've been counting how many painkillers it would take, I can't do another year",
        "en",
        Urgency.CRISIS,
        "crisis",
    ),
    (
        "flipped the ute on the farm track yesterday, back is killing me",
        "en",
        Urgency.EMERGENCY,
        "major_trauma",
    ),
    (
        "67 here, picked up the grandkid and felt my back go",
        "en",
        Urgency.URGENT,
        "minor_trauma_age",
    ),
    (
        "hatte Brustkrebs, jetzt Rückenschmerzen, die stetig zunimmt",
        "de",
        Urgency.URGENT,
        "cancer_pain",
    ),
    (
        "neben dem Rücken tun auch Schultern und Knie weh, ich mag nichts essen",
        "de",
        Urgency.SOON,
        "widespread_unwell",
    ),
    (
        "down 6 kg without trying, which would be nice, and my back aches",
        "en",
        Urgency.SOON,
        "weight_loss",
    ),
    (
        "seit Monaten in der fruah ganz steif im Kreuz, nach der Bewegung besser",
        "de",
        Urgency.SOON,
        "morning_stiffness",
    ),
]


# Classes from held-out 23 (spent): "kein bisschen Besserung", a student's age before a
# comma, "wie gelähmt vor Faulheit" and "Herzschmerz" over an ex are idioms, pain "die nie
# aufhört, auch nicht im Liegen" after a cancer, "coming down with something", crisis in
# Indian and Nigerian English, "numbish", "legs feel strong, no …" is no numbness.
HELD_OUT_23_CLASSES = [
    (
        "seit sechs Wochen Kreuzweh und kein bisschen Besserung",
        "de",
        Urgency.SOON,
        "no_improvement",
    ),
    (
        "Studentin, 18. Zum ersten Mal im Leben Rückenschmerzen",
        "de",
        Urgency.SOON,
        "age_onset",
    ),
    ("Ich bin wie gelähmt vor Schreck, der Rücken ist aber ok", "de", Urgency.NONE, None),
    ("Herzschmerz wegen meinem Freund, Rücken geht", "de", Urgency.NONE, None),
    (
        "hatte vor Jahren Brustkrebs, jetzt Rückenschmerzen, die nie aufhören",
        "de",
        Urgency.URGENT,
        "cancer_pain",
    ),
    (
        "feel like I'm coming down with something, back sore, neck and shoulders too",
        "en",
        Urgency.SOON,
        "widespread_unwell",
    ),
    (
        "sometimes I am thinking to finish my life only, the pain is daily",
        "en",
        Urgency.CRISIS,
        "crisis",
    ),
    (
        "my family will be better if I am not here, this waist pain is too much",
        "en",
        Urgency.CRISIS,
        "crisis",
    ),
    (
        "numbish feeling down my left leg into the calf, strength is fine",
        "en",
        Urgency.SOON,
        "leg_numbness",
    ),
    (
        "legs feel strong, no fever, bladder normal, just a sore back from lifting",
        "en",
        Urgency.NONE,
        None,
    ),
]


# Classes from held-out 24 (spent): "spür ich alles, Beine sind nicht schwach" and Bavarian
# "ned schwach" deny the signs; no toilet in a traffic jam is no retention; "längst wieder ok"
# after a childbed; "nimmt dauernd ab" and "a no" (Bavarian "auch noch"); Swiss "kei Besserig"
# for "füf Wuche"; "our lad is 14" is a young age.
HELD_OUT_24_CLASSES = [
    (
        "untenrum spür ich alles, die Beine sind nicht schwach, nur der Rücken zwickt",
        "de",
        Urgency.NONE,
        None,
    ),
    ("d Haxn san ned schwach, nur s Kreiz tuat weh", "de", Urgency.NONE, None),
    (
        "im Stau gestanden, musste pinkeln und konnte nicht, kein Rastplatz weit und breit",
        "de",
        Urgency.NONE,
        None,
    ),
    (
        "nach der Geburt konnte ich kurz den Urin nicht halten, das ist längst wieder ok",
        "de",
        Urgency.NONE,
        None,
    ),
    (
        "mein Vater nimmt dauernd ab und jammert a no übers Kreiz",
        "de",
        Urgency.SOON,
        "weight_loss",
    ),
    ("sechs Wuche Rugge weh, kei Besserig", "de", Urgency.SOON, "no_improvement"),
    (
        "our girl is 13 and has back pain for the first time, no fall",
        "en",
        Urgency.SOON,
        "age_onset",
    ),
]


# Classes from held-out 25 (spent): "macht jetzt ins Bett", Swiss "nöd besser" and
# "Brustchrebs", a parent who "admitted she's doing it to herself".
HELD_OUT_25_CLASSES = [
    (
        "mei Mann macht seit gestern ins Bett, das Kreuz tut ihm höllisch weh",
        "de",
        Urgency.EMERGENCY,
        "bladder_bowel_control",
    ),
    (
        "sit sechs Wuche Rugge weh und es wird eifach nöd besser",
        "de",
        Urgency.SOON,
        "no_improvement",
    ),
    (
        "hatt Brustchrebs, jetz weckt mi de Rugge jedi Nacht",
        "de",
        Urgency.URGENT,
        "cancer_pain",
    ),
    (
        "found cuts on my son's arms, he admitted he's doing it to himself",
        "en",
        Urgency.CRISIS,
        "crisis",
    ),
]


def test_loneliness_with_the_pain_gets_the_direct_question() -> None:
    """Not the crisis alert on the model's word: the rules ask the direct question."""
    for text, lang in (
        ("I feel so alone with this pain", "en"),
        ("fühle mich so allein mit den Schmerzen", "de"),
    ):
        result = screen(text, lang)
        assert (result.level, result.ask) == (Urgency.CRISIS, True), text
    assert screen_rules("all alone with the kids this week, back is fine", "en").level is (
        Urgency.NONE
    )


def test_back_then_is_still_the_past_at_the_start_of_a_sentence() -> None:
    """Only "back" as a body part ("my lower back then …") loses its time meaning."""
    result = screen_rules("Back then I couldn't pee for a whole day, but that was in 2015", "en")
    assert result.level is Urgency.NONE


def test_a_conditional_without_a_question_mark_is_a_symptom() -> None:
    """ "wenn ich huste, …" describes a symptom; only a question makes "if" hypothetical."""
    result = screen_rules("wenn ich aufstehe, sind beide Beine plötzlich schwach", "de")
    assert (result.level, result.ask) == (Urgency.EMERGENCY, False)


@pytest.mark.parametrize(
    ("text", "lang", "level", "flag_id", "ask"),
    [
        *((*case, False) for case in HELD_OUT_17_CLASSES + HELD_OUT_19_CLASSES),
        *HELD_OUT_18_CLASSES,
        *((*case, False) for case in HELD_OUT_20_CLASSES),
        *HELD_OUT_21_CLASSES,
        *((*case, False) for case in HELD_OUT_22_CLASSES + HELD_OUT_23_CLASSES),
        *((*case, False) for case in HELD_OUT_24_CLASSES + HELD_OUT_25_CLASSES),
    ],
)
def test_classes_from_held_out_17_to_25(
    text: str, lang: str, level: Urgency, flag_id: str | None, ask: bool
) -> None:
    """The rules alone (the second opinion has seen these sets' own messages)."""
    result = screen_rules(text, lang)
    assert (result.level, result.flag_id, result.ask) == (level, flag_id, ask)
