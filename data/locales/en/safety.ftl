## Safety net: the country's helplines, the crisis message, choosing the country (/country).
## The numbers come from data/helplines.yaml (never write them into the text):
## $emergency, $urgent: a number or "none" (no national number);
## $urgent_service: the country's out-of-hours medical service, with its article;
## $crisis_lines: one crisis line per line with numbers and a note, or "none";
## $country_name: the person's country.
## None of these texts starts with ⚠️ (reserved for emergency and urgent alerts).

## Building blocks other texts include (they see the same arguments).
helpline-emergency-call = { $emergency ->
        [none] your local emergency number
       *[number] the emergency number { $emergency }
    }
helpline-emergency-number = { $emergency ->
        [none] your local emergency number
       *[number] { $emergency }
    }
helpline-urgent-service = { $urgent ->
        [none] { $urgent_service }
       *[number] { $urgent_service } on { $urgent }
    }

## $who: "self" (about the person who writes) or "other" (they are worried about someone else).
crisis-message =
    { $who ->
        [other] Thank you for writing this to me. It's good that you take it seriously and are there for them – you don't have to be alone with this. 💛
       *[self] Thank you for writing this to me. I'm glad you told me – you don't have to be alone with this. 💛
    }

    { $who ->
        [other] If they are in immediate danger: please call { helpline-emergency-call } right now and stay with them until help arrives.
       *[self] If you are in immediate danger or afraid you might hurt yourself soon: please call { helpline-emergency-call } right now.
    }

    { $who ->
        [other]
            What helps: ask them calmly and directly about it, listen without judging or rushing to solutions, and encourage them to get help – from a crisis line or their GP, for example. You don't have to carry this alone.
            { $crisis_lines ->
                [none] A crisis or listening helpline in your country also supports family and friends – and you can call it for yourself, too.
               *[lines] They can get help here – and you can call for yourself too, if this weighs on you:
                    { $crisis_lines }
            }
       *[self] { $crisis_lines ->
            [none] Talking helps. A crisis or listening helpline in your country can listen to you.
           *[lines] Talking helps. Someone will listen to you here:
                { $crisis_lines }
        }
    }

    { $where ->
        [group] You can also write to me privately – I'm here.
       *[private] You're welcome to keep writing to me here, too.
    }

## The direct question for a possible crisis (weaker evidence): asks openly about thoughts of
## suicide and gives the crisis line at once; "yes" gets the crisis message.
crisis-question =
    { $who ->
        [other] It sounds like you're really worried. I'll ask directly, because it matters: do you think they might be thinking of ending their life or harming themselves?
       *[self] That sounds really hard right now. I'll ask directly, because it matters: are you thinking of ending your life or harming yourself?
    }

    Just write "yes" or "no". { $crisis_lines ->
        [none] If yes: a crisis line in your country will listen, day and night.
       *[lines] If yes, someone will listen right now:
            { $crisis_lines }
    }
    In acute danger: please call { helpline-emergency-call }.

## After "yes" to the direct question, below the crisis message.
crisis-safety =
    { $who ->
        [other] Are they safe right now? If you fear they may harm themselves soon: please call { helpline-emergency-call } now and stay with them until help arrives.
       *[self] Are you safe right now? If you fear you might harm yourself soon: please call { helpline-emergency-call } now. And if you can, tell someone close to you whom you trust – you don't have to get through this alone.
    }

## The answer to "are you safe right now?" ($safe: "yes" or "no").
crisis-safe-answer =
    { $safe ->
        [yes] { $who ->
            [other] Good that they are safe right now. Stay in touch with them – and if things change: { helpline-emergency-call }.
           *[self] Good that you're safe right now. 💛 If tonight gets harder, the crisis line is there – and in acute danger { helpline-emergency-call }.
        }
       *[no] { $who ->
            [other] Please call { helpline-emergency-call } now and stay with them until help arrives.
           *[self] Please call { helpline-emergency-call } now – or ask someone near you to stay with you and call. You don't have to go through this alone.
        }
    }

## "no" to the direct question.
crisis-question-no =
    Thank you for answering. 💛 If that changes: { $crisis_lines ->
        [none] a crisis line in your country is there day and night.
       *[lines] someone is there day and night:
            { $crisis_lines }
    }

## A message in the hours after the crisis message (when it is not itself a new crisis or a
## warning sign): warm and short, no buttons, no exercise. $media: "yes" for a sticker, photo
## or voice message.
crisis-followup =
    { $media ->
        [yes] I can't read voice messages, pictures or stickers, only text. And I'm a program – not a person and not a therapist.
       *[no] I'm reading, and I'm glad you're writing. 💛 But I'm a program – not a person and not a therapist.
    }

    { $who ->
        [other] Talking to someone helps – the person you're worried about, and you too. { $crisis_lines ->
            [none] A crisis or listening helpline in your country listens and also supports family and friends.
           *[lines] Someone will listen here, to you as well:
                { $crisis_lines }
        }
       *[self] Talking to someone helps. { $crisis_lines ->
            [none] A crisis or listening helpline in your country will listen to you.
           *[lines] A real person will listen to you here:
                { $crisis_lines }
        }
    }

    { $who ->
        [other] If they are in immediate danger: call { helpline-emergency-call } right away.
       *[self] If you are in immediate danger: call { helpline-emergency-call } right away.
    }

## /country
country-ask =
    Your country for emergency numbers and crisis lines: { $country_name } { $chosen ->
        [yes] (your choice).
       *[no] (from your time zone).
    }
    In an emergency: { helpline-emergency-number }.

    Which country are you in?
country-set =
    Saved: { $country_name }. These are the numbers I'll give you from now on:
    • Emergency: { helpline-emergency-number }
    • When your GP practice is closed: { helpline-urgent-service }
    • { $crisis_lines ->
        [none] Crisis line: a helpline in your country
       *[lines] { $crisis_lines }
    }
country-zone-hint = Your time zone is still { $timezone }. So that your reminders come at the right time, change it with "/timezone { $zone_city }".
country-auto =
    All right, I'm going by your time zone again. Your country for emergency numbers: { $country_name }. In an emergency: { helpline-emergency-number }.
country-from-timezone =
    Your country for emergency numbers is now { $country_name } (emergency: { helpline-emergency-number }). You can choose another one with /country.
button-country = 🌍 Country for emergency numbers
button-country-auto = 🕒 By my time zone
cmd-country = Country for emergency numbers
button-country-DE = 🇩🇪 Germany
button-country-AT = 🇦🇹 Austria
button-country-CH = 🇨🇭 Switzerland
button-country-GB = 🇬🇧 UK
button-country-OTHER = 🌍 Other country
