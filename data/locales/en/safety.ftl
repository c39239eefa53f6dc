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

crisis-message =
    Thank you for writing this to me. I'm glad you told me – you don't have to be alone with this. 💛

    If you are in immediate danger or afraid you might hurt yourself soon: please call { helpline-emergency-call } right now.

    { $crisis_lines ->
        [none] Talking helps. A crisis or listening helpline in your country can listen to you.
       *[lines] Talking helps. Someone will listen to you here:
            { $crisis_lines }
    }

    { $where ->
        [group] You can also write to me privately – I'm here.
       *[private] You're welcome to keep writing to me here, too.
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
